"""Employment (beskæftigelse): benefits paid through the job centre, and active labour-market offers.

Residents aged 16-66 draw benefits in spells. Each benefit is a mix of spell populations (short
and long spells, e.g. job-ready versus activity-ready social assistance), drawn as steady-state
renewal processes from onset rates by age and sex, the person's latent disadvantage and the
municipality's level: real facts where they exist (gross unemployment for dagpenge, net
social-assistance recipients per inhabitant for social and education assistance), the social
index otherwise, times a small seeded policy effect. A person draws one benefit at a time: a
spell starting inside another starts when that ends, which is how transitions (sickness benefit
-> job clarification) look in the registers. Dagpenge peaks in winter (+15 % February/August).
Volumes are calibrated on DREAM's *full-time persons* (weeks times degree over the weeks of the
period); a few spells are paid at a reduced degree (supplementary dagpenge, partial sick leave).
Offers (wage subsidy, company internship, guidance and upskilling) fall inside benefit spells.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pyarrow as pa

from flis import reference
from flis.synth.context import MunicipalityContext, Workplace
from flis.synth.domains.base import Dataset, Domain, Frame
from flis.synth.formats.cells import MISSING_DAY
from flis.synth.ids import pseudonyms
from flis.synth.people import NEVER, NON_WESTERN_IMMIGRANT, WESTERN_IMMIGRANT, YEAR, People
from flis.synth.profile import profile
from flis.synth.spells import Spells, latent_weight
from flis.synth.vendors.employment import VENDORS

DATASETS = (
    Dataset("benefit_weeks", "One record per person, ISO week and benefit with the degree of a full "
            "week (DREAM style), for the weeks whose Thursday lies in the month.", id_column="person_id",
            countable=True),
    Dataset("benefit_spells", "Benefit spells with at least one day in the month; the end is missing "
            "while the spell is ongoing at the end of the month.", id_column="spell_id", countable=True),
    Dataset("offers", "Active labour-market offers (wage subsidy, company internship, guidance and "
            "upskilling) with at least one day in the month.", id_column="offer_id", countable=True),
)

MIN_AGE, MAX_AGE = 16, 66


@dataclass(frozen=True)
class Mix:
    """One spell population of a benefit."""

    share: float  # of the benefit's full-time persons
    years: float  # mean spell duration (exponential)
    beta: float  # weight of the person's latent disadvantage (0: anyone, 1.4: the most disadvantaged)


@dataclass(frozen=True)
class Benefit:
    code: str
    target: float  # full-time persons in the whole of Denmark (scale 1.0), approximate real magnitudes
    ages: tuple[tuple[int, float], ...]  # knots (age, relative rate); zero outside the first and last
    mixes: tuple[Mix, ...]
    level: str | float  # 'unemployment', 'assistance' (real facts) or a beta on the social index
    function: str  # chart of accounts
    monthly: float  # DKK paid per full-time person per month
    women: float = 1.0  # women's rate relative to men's
    partial: float = 0.0  # share of spells paid at a reduced degree
    offers: float = 0.0  # offers started per year on the benefit
    offer_mix: tuple[float, float, float] = (0.0, 0.0, 1.0)  # wage subsidy, internship, guidance


BENEFITS: tuple[Benefit, ...] = (
    Benefit("dagpenge", 75_000,
            ((18, 0.2), (23, 1.0), (27, 1.3), (35, 1.0), (60, 0.95), (64, 0.6), (66, 0.3)),
            (Mix(0.55, 0.3, 0.2), Mix(0.45, 1.0, 0.5)), "unemployment", "5.57.78", 20_000,
            partial=0.2, offers=1.0, offer_mix=(0.25, 0.2, 0.55)),
    Benefit("kontanthjaelp", 60_000, ((18, 0.15), (29, 0.3), (30, 1.0), (50, 1.0), (60, 0.7), (66, 0.4)),
            (Mix(0.25, 0.5, 0.6), Mix(0.75, 3.0, 1.3)), "assistance", "5.57.73", 13_000,
            partial=0.1, offers=1.2, offer_mix=(0.15, 0.45, 0.4)),
    Benefit("uddannelseshjaelp", 25_000, ((18, 1.0), (22, 1.2), (29, 0.7), (30, 0.0)),
            (Mix(0.4, 0.4, 0.7), Mix(0.6, 1.8, 1.3)), "assistance", "5.57.73", 8_500,
            women=0.85, offers=1.6, offer_mix=(0.1, 0.35, 0.55)),
    Benefit("sygedagpenge", 65_000, ((18, 0.4), (30, 0.8), (45, 1.0), (60, 1.3), (66, 1.2)),
            (Mix(0.35, 0.12, 0.2), Mix(0.65, 0.5, 0.5)), 0.1, "5.57.72", 19_000,
            women=1.4, partial=0.25, offers=0.3, offer_mix=(0.0, 0.5, 0.5)),
    Benefit("fleksjob", 85_000, ((22, 0.05), (30, 0.3), (40, 0.7), (50, 1.0), (60, 1.3), (66, 1.0)),
            (Mix(1.0, 8.0, 0.8),), 0.3, "5.58.81", 12_000, women=1.3),
    Benefit("ledighedsydelse", 12_000, ((22, 0.05), (30, 0.4), (45, 1.0), (60, 1.2), (66, 0.9)),
            (Mix(1.0, 0.9, 0.9),), 0.3, "5.58.81", 17_500, women=1.2, partial=0.05,
            offers=1.2, offer_mix=(0.1, 0.6, 0.3)),
    Benefit("foertidspension", 165_000, ((18, 0.05), (30, 0.15), (40, 0.3), (50, 0.6), (60, 1.0), (66, 1.1)),
            (Mix(1.0, 20.0, 1.4),), 0.4, "5.57.75", 19_500, women=1.15),
    Benefit("ressourceforloeb", 25_000, ((18, 0.1), (25, 0.5), (35, 1.0), (55, 1.0), (64, 0.5), (66, 0.2)),
            (Mix(1.0, 2.2, 1.4),), 0.35, "5.58.82", 13_500, women=1.2, offers=1.4,
            offer_mix=(0.05, 0.5, 0.45)),
    Benefit("jobafklaring", 10_000, ((20, 0.2), (30, 0.6), (45, 1.0), (60, 1.2), (66, 0.8)),
            (Mix(1.0, 0.7, 0.8),), 0.2, "5.58.82", 13_500, women=1.3, offers=0.6, offer_mix=(0.0, 0.5, 0.5)),
    Benefit("revalidering", 3_000, ((18, 0.5), (25, 1.0), (40, 0.8), (55, 0.3), (60, 0.0)),
            (Mix(1.0, 1.5, 0.5),), 0.15, "5.58.82", 19_000, offers=2.0, offer_mix=(0.3, 0.2, 0.5)),
    Benefit("selvforsoergelse", 15_000, ((18, 1.0), (30, 1.0), (45, 0.7), (60, 0.3), (66, 0.1)),
            (Mix(1.0, 1.8, 0.4),), 0.0, "5.57.73", 9_500, women=1.1, offers=2.0, offer_mix=(0.15, 0.55, 0.3)),
)
BENEFIT_CODES = tuple(b.code for b in BENEFITS)

COMPETITION = {
    "dagpenge": 0.83, "kontanthjaelp": 0.70, "uddannelseshjaelp": 0.64, "sygedagpenge": 0.90,
    "fleksjob": 0.42, "ledighedsydelse": 0.86, "foertidspension": 0.19, "ressourceforloeb": 0.70,
    "jobafklaring": 0.81, "revalidering": 0.51, "selvforsoergelse": 0.63,
}
"""Share of the person-time a benefit shares with others that the one-at-a-time rule loses (measured
across municipalities; long spells lose little because they usually started first)."""
CALIBRATION = {
    "dagpenge": 1.01, "kontanthjaelp": 1.04, "uddannelseshjaelp": 0.99, "sygedagpenge": 1.03,
    "fleksjob": 1.06, "ledighedsydelse": 1.02, "foertidspension": 1.06, "ressourceforloeb": 1.07,
    "jobafklaring": 1.06, "revalidering": 0.99, "selvforsoergelse": 0.96,
}
"""Measured corrections of the onset rates for what the steady-state formula misses: spells end at 67
and start at the benefit's lowest age, seasonal thinning, what ``COMPETITION`` leaves (two seeds, 0.1)."""
ORIGIN_FACTOR = {NON_WESTERN_IMMIGRANT: 1.0, WESTERN_IMMIGRANT: 0.2}  # self-support; others not eligible
ORIGIN_MEAN = 0.0975  # measured national mean of ORIGIN_FACTOR among 16-66-year-olds, so weights average 1
POLICY_SD = 0.08  # spread of the seeded municipal policy effect on each benefit's level (log scale)
SEASON_RATIO, SEASON_PEAK_DAY = 1.165, 45  # dagpenge, mid-February peak / August trough; realised ~1.15
REFUND_BANDS = ((182, 0.5), (364, 0.4), (NEVER, 0.3))  # state refund share by days since the spell started

OFFER_TYPES = ("loentilskud", "virksomhedspraktik", "vejledning")
OFFER_DAYS = ((60, 183), (14, 91), (7, 56))  # duration per offer type, uniform between the two
RECIPIENTS_PER_CASEWORKER = 60  # job-centre FTE per full-time recipient outside disability pension
JOB_CENTRE_STAFF = {"social_worker": 0.58, "administrative": 0.2, "academic": 0.17, "manager": 0.05}
SERVICE_UNIT_STAFF = {"academic": 0.6, "social_worker": 0.3, "administrative": 0.1}
SERVICE_UNIT_SHARE = 0.2  # of the staff, in the employer-service and offers unit (function 5.68.90)


@dataclass
class BenefitSpells:
    """The municipality's benefit spells over the horizon, one benefit at a time per person."""

    person: np.ndarray
    start: np.ndarray
    end: np.ndarray  # day after the last day; NEVER when the spell outlasts the horizon
    kind: np.ndarray  # index into BENEFITS
    degree: np.ndarray  # degree of a full week paid (1.0, or reduced)


@dataclass
class Offers:
    person: np.ndarray
    start: np.ndarray
    end: np.ndarray  # day after the last day
    kind: np.ndarray  # index into OFFER_TYPES
    target: np.ndarray  # the benefit (index into BENEFITS) the person receives when the offer starts


class Onsets(NamedTuple):
    """The people (index into People) who may start spells of one benefit mix, and their yearly rates."""

    benefit: int
    mix: Mix
    index: np.ndarray
    rate: np.ndarray


# --- calibration ----------------------------------------------------------------------------------

def age_shape(benefit: Benefit, age: np.ndarray) -> np.ndarray:
    x, y = zip(*benefit.ages)
    a = np.asarray(age, dtype=float)
    return np.where((a >= x[0]) & (a <= x[-1]) & (a >= MIN_AGE) & (a < MAX_AGE + 1), np.interp(a, x, y), 0.0)


def sex_factors(benefit: Benefit) -> np.ndarray:
    """Relative rate by sex code (index 1 men, 2 women), averaging 1."""
    men = 2 / (1 + benefit.women)
    return np.array([0.0, men, men * benefit.women])


@lru_cache(maxsize=None)
def onset_rate(code: str, mix: int) -> float:
    """Yearly onset rate (before age, sex and person weights) that meets the national target: a person
    with rate r and mean duration m is in a spell with probability r m / (1 + r m), summed over the
    national age profile and the latent weight (Gauss-Hermite), solved by bisection."""
    benefit = BENEFITS[BENEFIT_CODES.index(code)]
    m = benefit.mixes[mix]
    national = reference.national_age_profile()
    ages = np.arange(MIN_AGE, MAX_AGE + 1)
    counts = np.array([national[int(a)] for a in ages], dtype=float)
    counts *= sum(x.population for x in reference.municipalities()) / sum(sum(v) for v in national.values())
    z, w = np.polynomial.hermite_e.hermegauss(40)
    lw = np.exp(m.beta * z - m.beta**2 / 2)
    shape = age_shape(benefit, ages + 0.5)[:, None] * sex_factors(benefit)[None, 1:]  # ages x sexes
    # Reduced degrees average one half, so more persons are needed for the full-time target.
    target = benefit.target * m.share / (1 - benefit.partial / 2) * CALIBRATION[code]
    lo, hi = 1e-9, 10.0
    for _ in range(80):
        rate = np.sqrt(lo * hi)
        x = rate * m.years * shape[:, :, None] * lw
        lo, hi = (rate, hi) if (counts[:, :, None] * w / w.sum() * x / (1 + x)).sum() < target else (lo, rate)
    return float(np.sqrt(lo * hi))


@lru_cache(maxsize=None)
def _levels(level: str | float) -> dict[int, float]:
    munis = reference.municipalities()
    pop = np.array([m.population for m in munis], dtype=float)
    if level == "unemployment":
        x = np.array([m.structure.unemployment_pct_2024 for m in munis])
    elif level == "assistance":
        x = np.array([m.structure.social_assistance_2025 / m.structure.population_2022 for m in munis])
    else:
        x = np.exp(float(level) * np.array([profile(m.code).social_index for m in munis]))
    return {m.code: float(v) for m, v in zip(munis, x / ((x * pop).sum() / pop.sum()))}


def municipal_level(code: int, benefit: Benefit) -> float:
    """The municipality's rate relative to the country (population-weighted mean 1)."""
    return _levels(benefit.level)[code]


def season_terms(years: float) -> tuple[float, float, float]:
    """Prevalence amplitude, onset amplitude and onset lead (days) of the dagpenge season: onsets with
    amplitude a and mean duration m give a / sqrt(1 + (2 pi m)^2), lagging atan(2 pi m) / 2 pi years."""
    prevalence, wm = (SEASON_RATIO - 1) / (SEASON_RATIO + 1), 2 * np.pi * years
    return prevalence, min(prevalence * np.sqrt(1 + wm**2), 0.95), float(np.arctan(wm) / (2 * np.pi) * YEAR)


# --- simulation -----------------------------------------------------------------------------------

def birthday(birth: np.ndarray, years: np.ndarray | int) -> np.ndarray:
    """Day number of the ``years``-th birthday (29 February -> 1 March)."""
    b = birth.astype("datetime64[D]")
    month = b.astype("datetime64[M]")
    return ((month + np.asarray(years) * 12).astype("datetime64[D]") + (b - month)).astype(np.int64)


def onsets(ctx: MunicipalityContext) -> list[Onsets]:
    people = ctx.people
    first, end = int(ctx.period_starts[0]), int(ctx.period_starts[-1])
    policy = np.exp(ctx.rng("employment/policy").normal(0, POLICY_SD, len(BENEFITS)))
    mid = (np.maximum(people.arrive, first).astype(np.int64) + np.minimum(people.leave, end)) / 2
    mid_age = (mid - people.birth) / YEAR  # the age that decides eligibility over the horizon
    age0 = people.age(first)
    working = people.resident(first) & (age0 >= MIN_AGE) & (age0 <= MAX_AGE)
    origin = np.select([people.origin == k for k in ORIGIN_FACTOR], list(ORIGIN_FACTOR.values()), 0.0)
    out = []
    for k, b in enumerate(BENEFITS):
        base = age_shape(b, mid_age) * sex_factors(b)[people.sex] * municipal_level(ctx.code, b) * policy[k]
        if b.code == "selvforsoergelse":
            base = base * origin / ORIGIN_MEAN
        eligible = np.flatnonzero((base > 0) & people.present(first, end))
        for j, mix in enumerate(b.mixes):
            # The municipality's level comes from the facts above, not from its residents' latent mean.
            lw = latent_weight(people, mix.beta)
            lw = lw / lw[working].mean() if working.any() else lw
            out.append(Onsets(k, mix, eligible, onset_rate(b.code, j) * (base * lw)[eligible]))
    return out


def competition(planned: list[Onsets], n: int) -> np.ndarray:
    """Per benefit, the share of its expected person-time on people also due another benefit. The
    one-at-a-time rule loses part of it, more where benefits pile up (deprived municipalities); rates
    are raised by ``1 / (1 - COMPETITION[b] * share)`` so municipal levels follow the reference facts."""
    prevalence = np.zeros((len(BENEFITS), n), dtype=np.float32)
    for o in planned:
        x = o.rate * o.mix.years
        prevalence[o.benefit, o.index] += x / (1 + x)
    free = np.log1p(-np.minimum(prevalence, 0.95))
    others_due = 1 - np.exp(free.sum(axis=0) - free)
    mass = prevalence.sum(axis=1)
    return np.where(mass > 0, (prevalence * others_due).sum(axis=1) / np.maximum(mass, 1e-9), 0.0)


def renewal_spells(rng: np.random.Generator, people: People, index: np.ndarray, horizon: tuple[int, int],
                   rate: np.ndarray, years: float) -> Spells:
    """Alternating spells and breaks for ``people[index]`` over the horizon, in a steady state. Unlike
    ``sample_spells`` a person may have any number of spells, and someone moving in arrives in a spell
    with probability r m / (1 + r m) (starting on the day of the move), so volumes do not drift."""
    first, end = horizon
    arrive = people.arrive[index].astype(np.int64)
    stop = np.minimum(people.leave[index], end).astype(np.int64)
    n, mean_days = len(index), years * YEAR
    t = np.maximum(arrive, first)
    ongoing = rng.random(n) < rate * years / (1 + rate * years)
    begun = np.where(arrive < first, np.maximum(first - np.floor(rng.exponential(mean_days, n)), arrive), t)
    wait = np.floor(rng.exponential(YEAR / np.maximum(rate, 1e-9)))
    onset = np.where(ongoing, begun, t + np.minimum(wait, end - first + 1)).astype(np.int64)
    active = np.flatnonzero(ongoing | ((rate > 0) & (onset < stop)))
    onset = onset[active]
    persons, starts, ends = [], [], []
    while len(active):
        # Exponential durations are memoryless: an ongoing spell lasts another m on average.
        length = np.maximum(np.floor(rng.exponential(mean_days, len(active))), 1).astype(np.int64)
        finish = np.maximum(t[active], onset) + length
        persons.append(active)
        starts.append(onset)
        ends.append(finish)
        t[active] = finish
        active = active[finish < stop[active]]
        onset = t[active] + np.floor(rng.exponential(YEAR / rate[active])).astype(np.int64)
        active, onset = active[onset < stop[active]], onset[onset < stop[active]]
    who = np.concatenate(persons or [np.zeros(0, np.int64)]).astype(np.int64)
    finish = np.minimum(np.concatenate(ends or [np.zeros(0, np.int64)]), people.leave[index][who])
    return Spells(index[who], np.concatenate(starts or [np.zeros(0, np.int64)]),
                  np.where(finish >= end, NEVER, finish))


def _seasonal(spells: Spells, rng: np.random.Generator, years: float, first: int) -> Spells:
    """Thin spells drawn at (1 + a) times the rate so the stock and the onsets follow the season."""
    prevalence, a, lead = season_terms(years)
    phase = 2 * np.pi / YEAR
    keep = np.where(spells.start < first, 1 + prevalence * np.cos(phase * (first - SEASON_PEAK_DAY)),
                    1 + a * np.cos(phase * (spells.start - SEASON_PEAK_DAY + lead))) / (1 + a)
    return spells.take(np.flatnonzero(rng.random(len(spells.person)) < keep))


def _one_at_a_time(person, start, end, kind):
    """Disjoint spells per person, sorted: a spell starting inside an earlier one starts when that
    ends; same-benefit continuations are merged."""
    if len(person) == 0:
        return person, start, end, kind
    order = np.lexsort((kind, start, person))
    person, start, end, kind = person[order], start[order], end[order], kind[order]
    running = np.maximum.accumulate((person.astype(np.int64) << 32) | end.astype(np.int64))
    prev = np.concatenate([[-1], running[:-1]])
    start = np.where((prev >> 32) == person, np.maximum(start, prev & 0xFFFFFFFF), start)
    keep = start < end
    person, start, end, kind = person[keep], start[keep], end[keep], kind[keep]
    cont = np.zeros(len(person), dtype=bool)
    cont[1:] = (person[1:] == person[:-1]) & (kind[1:] == kind[:-1]) & (start[1:] == end[:-1])
    heads = np.flatnonzero(~cont)
    last = np.concatenate([heads[1:], [len(person)]]) - 1
    return person[heads], start[heads], end[last], kind[heads]


def simulate_benefits(ctx: MunicipalityContext) -> BenefitSpells:
    people = ctx.people
    first, end = int(ctx.period_starts[0]), int(ctx.period_starts[-1])
    rng = ctx.rng("employment/spells")
    planned = onsets(ctx)
    boost = 1 / (1 - np.array([COMPETITION[c] for c in BENEFIT_CODES]) * competition(planned, len(people)))
    parts = []
    for o in planned:
        seasonal = BENEFIT_CODES[o.benefit] == "dagpenge"
        season = 1 + season_terms(o.mix.years)[1] if seasonal else 1.0
        rate = o.rate * boost[o.benefit] * season
        s = renewal_spells(rng, people, o.index, (first, end), rate, o.mix.years)
        parts.append((_seasonal(s, rng, o.mix.years, first) if seasonal else s, o.benefit))
    person = np.concatenate([s.person for s, _ in parts])
    kind = np.concatenate([np.full(len(s.person), k, dtype=np.int8) for s, k in parts])
    birth = people.birth[person]
    lowest = np.array([b.ages[0][0] for b in BENEFITS])[kind]
    start = np.maximum(np.concatenate([s.start for s, _ in parts]), birthday(birth, lowest))
    stop = np.minimum(np.concatenate([s.end for s, _ in parts]), birthday(birth, MAX_AGE + 1))
    keep = (start < stop) & (start < end)
    person, start, stop, kind = _one_at_a_time(person[keep], start[keep], stop[keep], kind[keep])
    reduced = rng.random(len(kind)) < np.array([b.partial for b in BENEFITS])[kind]
    degree = np.where(reduced, np.round(rng.uniform(0.2, 0.8, len(kind)) * 20) / 20, 1.0)
    return BenefitSpells(person, start.astype(np.int32), np.where(stop >= end, NEVER, stop).astype(np.int32),
                         kind, degree)


def simulate_offers(ctx: MunicipalityContext, spells: BenefitSpells) -> Offers:
    """Offers inside benefit spells: a Poisson number per year on the benefit, placed uniformly."""
    rng = ctx.rng("employment/offers")
    first, end = int(ctx.period_starts[0]), int(ctx.period_starts[-1])
    w0 = np.maximum(spells.start.astype(np.int64), first - 365)  # no offer lasts a year
    length = np.clip(np.minimum(spells.end, end) - w0, 0, None)
    lam = np.array([b.offers for b in BENEFITS])[spells.kind]
    src = np.repeat(np.arange(len(spells.person)), rng.poisson(lam * length / YEAR))
    start = w0[src] + np.floor(rng.random(len(src)) * length[src]).astype(np.int64)
    cum = np.cumsum([b.offer_mix for b in BENEFITS], axis=1)
    target = spells.kind[src]
    kind = (rng.random(len(src))[:, None] > (cum / cum[:, -1:])[target][:, :2]).sum(axis=1).astype(np.int8)
    bounds = np.array(OFFER_DAYS)[kind].reshape(-1, 2)
    stop = np.minimum(start + rng.integers(bounds[:, 0], bounds[:, 1] + 1), spells.end[src])
    keep = np.flatnonzero((stop > first) & (stop > start))
    keep = keep[np.lexsort((start[keep], spells.person[src][keep]))]
    return Offers(spells.person[src][keep], start[keep].astype(np.int32), stop[keep].astype(np.int32),
                  kind[keep], target[keep])


# --- tables ---------------------------------------------------------------------------------------

def thursdays(first: int, last: int) -> np.ndarray:
    """The Thursdays in [first, last): day 0 (1970-01-01) was a Thursday."""
    return np.arange(first + (-first) % 7, last, 7, dtype=np.int64)


def iso_week(thursday: np.ndarray) -> np.ndarray:
    """YYYYWW of the ISO weeks with these Thursdays: the Thursday's year and its seventh of the year."""
    d = np.asarray(thursday).astype("datetime64[D]")
    year = d.astype("datetime64[Y]")
    week = (d - year.astype("datetime64[D]")).astype(np.int64) // 7 + 1
    return ((year.astype(np.int64) + 1970) * 100 + week).astype(np.int32)


def _person_columns(ctx: MunicipalityContext, person: np.ndarray) -> dict[str, object]:
    people = ctx.people
    return {"person_id": people.ids(person), "birth_date": people.birth[person], "sex": people.sex[person],
            "municipality": np.full(len(person), ctx.code, dtype=np.int16)}


def _names(codes: tuple[str, ...], index: np.ndarray) -> pa.Array:
    return pa.array(np.array(codes, dtype=object)[index], pa.string())


def weeks_table(ctx: MunicipalityContext, spells: BenefitSpells, first: int, last: int) -> pa.Table:
    """DREAM-style weeks: days on the benefit in the week (Monday-Sunday) / 7, times the paid degree."""
    parts = [(np.zeros(0, np.int64), np.zeros(0, np.int32), np.zeros(0))]
    for thu, week in zip(thursdays(first, last), iso_week(thursdays(first, last))):
        idx = np.flatnonzero((spells.start < thu + 4) & (spells.end > thu - 3))
        days = np.minimum(spells.end[idx], thu + 4) - np.maximum(spells.start[idx], thu - 3)
        parts.append((idx, np.full(len(idx), week, dtype=np.int32), days / 7 * spells.degree[idx]))
    idx, week, degree = (np.concatenate(p) for p in zip(*parts))
    order = np.lexsort((spells.kind[idx], week, spells.person[idx]))
    idx, week, degree = idx[order], week[order], degree[order]
    person, kind = spells.person[idx], spells.kind[idx]
    # Two spells of one benefit in the same week (a short break) make one weekly record.
    new = np.ones(len(idx), dtype=bool)
    new[1:] = (person[1:] != person[:-1]) | (week[1:] != week[:-1]) | (kind[1:] != kind[:-1])
    heads = np.flatnonzero(new)
    degree = np.add.reduceat(degree, heads) if len(heads) else degree
    return pa.table({**_person_columns(ctx, person[heads]), "iso_week": week[heads],
                     "benefit": _names(BENEFIT_CODES, kind[heads]),
                     "degree": np.round(np.minimum(degree, 1), 2)})


def spells_table(ctx: MunicipalityContext, spells: BenefitSpells, first: int, last: int) -> pa.Table:
    """Spells overlapping the month; an end after the month is not known yet, so it is missing."""
    idx = np.flatnonzero((spells.start < last) & (spells.end > first))
    end = spells.end[idx]
    return pa.table({"spell_id": pseudonyms("F", ctx.code, idx), **_person_columns(ctx, spells.person[idx]),
                     "benefit": _names(BENEFIT_CODES, spells.kind[idx]), "spell_start": spells.start[idx],
                     "spell_end": np.where(end <= last, end - 1, MISSING_DAY).astype(np.int32)})


def offers_table(ctx: MunicipalityContext, offers: Offers, first: int, last: int) -> pa.Table:
    idx = np.flatnonzero((offers.start < last) & (offers.end > first))
    return pa.table({
        "offer_id": pseudonyms("T", ctx.code, idx), "person_id": ctx.people.ids(offers.person[idx]),
        "municipality": np.full(len(idx), ctx.code, dtype=np.int16),
        "offer_type": _names(OFFER_TYPES, offers.kind[idx]),
        "target_group": _names(BENEFIT_CODES, offers.target[idx]),
        "offer_start": offers.start[idx], "offer_end": (offers.end[idx] - 1).astype(np.int32)})


# --- workplaces and money -------------------------------------------------------------------------

def full_time_persons(spells: BenefitSpells, first: int, last: int,
                      bands: tuple[tuple[int, float], ...] = ((NEVER, 1.0),)) -> np.ndarray:
    """Full-time persons per benefit in [first, last) (days times degree over the days), each day
    weighted by the share of its band of days since the spell started (the refund staircase)."""
    out, band_start = np.zeros(len(BENEFITS)), spells.start.astype(np.int64)
    for limit, share in bands:
        band_end = np.minimum(spells.start.astype(np.int64) + limit, spells.end)
        days = np.clip(np.minimum(band_end, last) - np.maximum(band_start, first), 0, None) * spells.degree
        out += share * np.bincount(spells.kind, weights=days, minlength=len(BENEFITS))
        band_start = band_end
    return out / (last - first)


def _register(ctx: MunicipalityContext, fte: np.ndarray, refund: np.ndarray) -> None:
    """The job centre (one per municipality) and its employer-service and offers unit, staffed by
    caseload; transfers to persons and state refunds per function."""
    caseload = (fte.sum(axis=1) - fte[:, BENEFIT_CODES.index("foertidspension")]) / RECIPIENTS_PER_CASEWORKER
    ids, name = ctx.institution_ids("jobcentre", 2, 7000), ctx.municipality.name
    for i, (title, function, staff, share) in enumerate((
            (f"Jobcenter {name}", "6.45.53", JOB_CENTRE_STAFF, 1 - SERVICE_UNIT_SHARE),
            (f"Jobcenter {name} Virksomhedsservice", "5.68.90", SERVICE_UNIT_STAFF, SERVICE_UNIT_SHARE))):
        ctx.add_workplace(Workplace(ids[i], title, "jobcentre", function,
                                    {job: caseload * share * part for job, part in staff.items()}))
    for function in sorted({b.function for b in BENEFITS}):
        rates = np.array([b.monthly if b.function == function else 0.0 for b in BENEFITS])
        ctx.add_cost(function, "5.2", fte @ rates, cost_centre=ids[0])
        ctx.add_cost(function, "8.6", -(refund @ rates), dranst=2, cost_centre=ids[0])


def frames(ctx: MunicipalityContext) -> Iterator[Frame]:
    spells = simulate_benefits(ctx)
    offers = simulate_offers(ctx, spells)
    starts, n = ctx.period_starts, len(ctx.periods)
    fte, refund = np.zeros((n, len(BENEFITS))), np.zeros((n, len(BENEFITS)))
    for t, period in enumerate(ctx.periods):
        first, last = int(starts[t]), int(starts[t + 1])
        yield Frame("benefit_weeks", period, weeks_table(ctx, spells, first, last))
        yield Frame("benefit_spells", period, spells_table(ctx, spells, first, last))
        yield Frame("offers", period, offers_table(ctx, offers, first, last))
        fte[t], refund[t] = full_time_persons(spells, first, last), full_time_persons(spells, first, last,
                                                                                       REFUND_BANDS)
    _register(ctx, fte, refund)


DOMAIN = Domain("employment", "Employment (benefits and job centre)", DATASETS, VENDORS, frames)
