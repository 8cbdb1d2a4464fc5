"""Vulnerable children and youth: measures, notifications and child-welfare investigations.

The child-welfare case system holds the *measures* decided under Barnets Lov (placements, supporting
measures in the family, after-care for 18-22-year-olds), the *notifications* (underretninger) received
and the *investigations* (børnefaglige undersøgelser, § 20) opened. How they are simulated, and why:

- Placements and preventive episodes are steady-state spells whose onset rates follow from the wanted
  prevalence by age; they end on the 18th birthday. Rates rise steeply with the child's latent
  disadvantage and the municipality's social index (Lolland places several times as many as Rudersdal).
- After-care (§ 114) continues a placement, or less often a preventive measure, running on the 18th
  birthday, so the records chain the way real careers do.
- Notifications arrive as a Poisson process per child (fewer in July); some open an investigation a
  few days later, which takes about three months (the legal limit is four).
- Every measure has a provider and a monthly price. Purchases, payments between municipalities and
  the state refund for very expensive cases go to the ledger; own units and institutions to payroll.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from flis.periods import day_number
from flis.synth.context import MunicipalityContext, Workplace
from flis.synth.domains.base import Dataset, Domain, Frame
from flis.synth.formats.cells import MISSING_DAY
from flis.synth.ids import pseudonyms
from flis.synth.names import PLACES
from flis.synth.people import NEVER, YEAR, People
from flis.synth.profile import gravity
from flis.synth.spells import latent_weight, sample_spells
from flis.synth.vendors.children import (LEGAL_BASES, MEASURE_TYPES, PLACEMENT_TYPES, PREVENTIVE_BASIS,
                                         PROVIDERS, SOURCES, VENDORS)

DATASETS = (
    Dataset("measures", "Every measure (placement, preventive measure, after-care) active on at least one "
            "day of the month: type, legal basis, dates, acting and paying municipality, provider and the "
            "month's cost.", "monthly", id_column="measure_id", countable=True),
    Dataset("notifications", "Notifications (underretninger) received during the month, with their source.",
            "events", id_column="notification_id", countable=True),
    Dataset("investigations", "Child-welfare investigations (§ 20) open on at least one day of the month, "
            "with the completion date once completed.", "events", id_column="investigation_id"),
)

TYPES = np.array(list(MEASURE_TYPES), dtype=object)
T = {name: i for i, name in enumerate(TYPES)}
N_PLACEMENT = len(PLACEMENT_TYPES)
BASES = np.array(list(LEGAL_BASES), dtype=object)
B = {name: i for i, name in enumerate(BASES)}
PREVENTIVE_BASIS_INDEX = np.array([B[PREVENTIVE_BASIS[t]] for t in TYPES[N_PLACEMENT:]])
PROVIDER_CODES, SOURCE_CODES = np.array(list(PROVIDERS), dtype=object), np.array(list(SOURCES), dtype=object)
OWN = 0
MEASURE_SERIALS, NOTIFICATION_SERIALS, INVESTIGATION_SERIALS = 1 << 32, 1 << 31, 3 << 31  # apart from persons

# --- calibration: who, how many, how long, at what price -------------------------------------------
BETA_SOCIAL = 0.5  # overall gradient on the municipal social index (placements: Lolland ~5x Rudersdal)
LATENT_SHIFT = 0.3  # people.latent is N(0, 1) + 0.3 x social index: latent weights carry part of the gradient
PLACEMENT_YEARS, PREVENTIVE_YEARS = 3.5, 1.0
PLACED_BY_AGE = np.array([0.25, 0.33, 0.37, 0.42, 0.45, 0.48, 0.58, 0.65, 0.72, 0.78, 0.85, 0.92, 1.0,
                          1.18, 1.4, 1.7, 2.0, 2.15]) / 100
"""Share of each age 0-17 placed on a day (0.95 % of all 0-17-year-olds, ~11,000; teenagers most)."""
PREVENTIVE_BY_AGE = 0.95 * np.array([0.9, 1.2, 1.5, 1.7, 1.9, 2.1, 2.4, 2.6, 2.8, 3.0, 3.1, 3.2, 3.3, 3.4,
                                     3.4, 3.3, 3.1, 2.8]) / 100
"""Share of each age 0-17 with a preventive measure on a day (2.6 %, ~30,000 children)."""
SECOND_MEASURE_SHARE = 0.3  # a second preventive measure at the same time (family treatment + contact person)
PLACEMENT_BAND = np.repeat([0, 1, 2, 3], [6, 6, 3, 3])
PLACEMENT_MIX = np.array([  # foster, kinship, residential, opholdssted, own room, secure, by age at start
    [0.62, 0.16, 0.14, 0.08, 0.00, 0.00],   # 0-5
    [0.50, 0.14, 0.18, 0.18, 0.00, 0.00],   # 6-11
    [0.30, 0.08, 0.24, 0.33, 0.02, 0.03],   # 12-14
    [0.18, 0.06, 0.20, 0.26, 0.26, 0.04],   # 15-17
])
WITHOUT_CONSENT = np.array([0.08, 0.05, 0.15, 0.15, 0.05, 1.0])  # share by type placed under § 47
PREVENTIVE_BAND = np.repeat([0, 1, 2], [6, 6, 6])
PREVENTIVE_MIX = np.array([  # family treatment, contact person, respite, day treatment, mentor, economic
    [0.45, 0.05, 0.18, 0.04, 0.00, 0.28],
    [0.28, 0.25, 0.14, 0.07, 0.08, 0.18],
    [0.18, 0.38, 0.06, 0.05, 0.18, 0.15],
])
AFTERCARE_TYPES = np.array([T["foster_family"], T["own_room"], T["contact_person"]])
AFTERCARE_MIX = np.array([[0.60, 0.15, 0.25],   # after a family placement
                          [0.00, 0.50, 0.50],   # after an institution, opholdssted or own room
                          [0.35, 0.35, 0.30],   # placed before the horizon (type unknown)
                          [0.00, 0.00, 1.00]])  # after a preventive measure
TAKEUP_PLACED, TAKEUP_PREVENTIVE = 0.7, 0.22  # after-care when a placement / preventive measure ran at 18
AFTERCARE_YEARS_PLACED, AFTERCARE_YEARS_PREVENTIVE = 2.5, 1.5  # mean years (at most 5): ~3,000 in after-care
MONTHLY_PRICE = np.array([30_000, 12_000, 110_000, 75_000, 20_000, 185_000,
                          12_000, 5_500, 14_000, 32_000, 4_500, 2_500], dtype=float)
"""Monthly price by measure type, DKK 2024 (foster family 30,000 ... secure institution 185,000)."""
FUNCTIONS = ("5.28.20", "5.28.21", "5.28.22", "5.28.23")
FUNCTION_OF = np.array([0, 0, 3, 2, 2, 3] + [1] * 6)
FEE_TYPES = [T["foster_family"], T["kinship_foster_family"], T["own_room"]]  # fees or rent, never own staff
PROVIDER_SHARES = np.array([  # own, other municipality, region, private; by measure type
    [0.72, 0.03, 0.00, 0.25], [0.97, 0.03, 0.00, 0.00], [0.50, 0.30, 0.20, 0.00], [0.00, 0.00, 0.00, 1.00],
    [0.30, 0.00, 0.00, 0.70], [0.00, 0.10, 0.90, 0.00], [0.65, 0.05, 0.00, 0.30], [0.75, 0.00, 0.00, 0.25],
    [0.55, 0.20, 0.00, 0.25], [0.25, 0.10, 0.10, 0.55], [0.60, 0.00, 0.00, 0.40], [1.00, 0.00, 0.00, 0.00],
])
NO_OWN_INSTITUTION = [0.0, 0.6, 0.4, 0.0]
OWN_INSTITUTION_CHILDREN, CHILDREN_PER_INSTITUTION = 8_000, 15_000  # who runs residential institutions
OTHER_PAYER = np.array([0.05, 0.02, 0.04])  # paid by another municipality: placement, preventive, after-care
REFUND_THRESHOLDS = (1_040_000, 2_080_000)
"""State refund for very expensive cases: 25 % of the yearly cost above the first, 50 % above the second."""
STAFF_COST_PER_FTE = 52_000  # monthly cost of an FTE in own preventive units (salary plus overhead)
NOTIFY_RATE = 0.9 * np.array([0.16, 0.09, 0.085, 0.08, 0.08, 0.08, 0.09, 0.095, 0.1, 0.1, 0.105, 0.11,
                              0.12, 0.15, 0.18, 0.2, 0.2, 0.19])
"""Notifications per child and year by age (0.12 on average: ~140,000 a year)."""
NOTIFY_BETA, NOTIFY_SOCIAL, NOTIFY_TREND = 1.0, 0.3, 0.03
NOTIFY_SEASON = np.array([1.0, 1.05, 1.1, 1.0, 1.05, 1.0, 0.6, 0.9, 1.1, 1.05, 1.1, 0.9])
NOTIFY_BAND = np.repeat([0, 1, 2], [6, 7, 5])
SOURCE_MIX = np.array([  # school, daycare, police, health, family, anonymous, other
    [0.00, 0.22, 0.06, 0.32, 0.14, 0.06, 0.20],   # 0-5
    [0.30, 0.00, 0.10, 0.12, 0.16, 0.07, 0.25],   # 6-12
    [0.24, 0.00, 0.28, 0.10, 0.12, 0.05, 0.21],   # 13-17
])
LOOKBACK_MONTHS = 12
INVESTIGATION_SHARE, REPEAT_DAYS, LAG_DAYS = 0.18, 120, 8.0
"""Base share of notifications that open an investigation (~35,000 a year), unless one opened in the
last 120 days; it starts on average 8 days after the notification."""
INVESTIGATION_MONTHS, INVESTIGATION_SIGMA = 3.0, 0.45
"""Median length and log-spread of an investigation: ~74 % are completed within four months."""


def _birthday(birth: np.ndarray, years: int | np.ndarray) -> np.ndarray:
    """Day number of the ``years``-th birthday (29 February -> 1 March in common years)."""
    b = np.asarray(birth).astype("datetime64[D]")
    month = b.astype("datetime64[M]")
    shifted = (month + np.asarray(years) * 12).astype("datetime64[D]")
    return (shifted + (b - month.astype("datetime64[D]"))).astype(np.int64)


def _age(birth: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Completed years on ``day`` by the calendar."""
    years = np.asarray(day).astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) - (
        np.asarray(birth).astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64))
    return years - (np.asarray(day) < _birthday(birth, years))


def _choose(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One category per row of ``probabilities`` (rows need not be normalised)."""
    cum = np.cumsum(probabilities, axis=1)
    u = rng.random(len(cum)) * cum[:, -1] if len(cum) else np.zeros(0)
    return np.minimum((u[:, None] >= cum).sum(axis=1), probabilities.shape[1] - 1)


def _onset(prevalence: np.ndarray, mean_years: float) -> Callable[[np.ndarray], np.ndarray]:
    """Yearly onset rate by age that gives ``prevalence`` in a steady state (p = r m / (1 + r m))."""
    rate = prevalence / (mean_years * (1 - prevalence))
    return lambda age: np.where((age >= 0) & (age < len(rate)), rate[np.clip(age, 0, len(rate) - 1)], 0.0)


@dataclass(frozen=True)
class Policy:
    """The municipality's own practice beyond what its structure explains (seeded per municipality)."""

    placement: float
    preventive: float
    notification: float
    investigation: float
    duration: float
    sales: float  # places other municipalities buy in own institutions, per own child placed there
    mirror: float  # paid to others for children they act for, relative to what is received from them
    price: float


def _policy(ctx: MunicipalityContext) -> Policy:
    z = ctx.rng("children/policy").standard_normal(6)
    u = ctx.rng("children/policy-shares").random(2)
    return Policy(float(np.exp(0.15 * z[0])), float(np.exp(0.25 * z[1])), float(np.exp(0.15 * z[2])),
                  float(np.exp(0.1 * z[3])), float(0.15 * z[4]), float(0.2 + 0.5 * u[0]),
                  float(0.6 + 0.8 * u[1]), float((1 + 0.06 * ctx.profile.urban) * np.exp(0.04 * z[5])))


def _weight(ctx: MunicipalityContext, people: People, beta: float, social: float, boys: float) -> np.ndarray:
    """Per-person rate multiplier: latent disadvantage, sex and the municipality's social index."""
    sex = np.where(people.sex == 1, boys, 2 - boys)
    return latent_weight(people, beta) * sex * ctx.profile.rate(social - LATENT_SHIFT * beta)


@dataclass
class Measures:
    """All measures that touch the horizon, sorted by start; the row number is the serial of the id."""

    person: np.ndarray
    kind: np.ndarray
    basis: np.ndarray
    start: np.ndarray
    end: np.ndarray
    """Day after the last day; ``NEVER`` when the measure outlasts the horizon."""
    provider: np.ndarray | None = None
    paying: np.ndarray | None = None
    price: np.ndarray | None = None


def _child_spells(rng, people, horizon, prevalence, years, weight, b18):
    """Spells of residents under 18 when observed, ending on the 18th birthday at the latest; also
    whether each was still running then, and the age at its start.

    ``sample_spells`` gets only those people: it looks ages up by position, so every person it is
    given must be eligible."""
    under_18 = people.age(np.maximum(people.arrive, horizon[0])) < 18
    cand = np.flatnonzero(people.present(*horizon) & under_18)
    s = sample_spells(rng, people.take(cand), horizon, _onset(prevalence, years), years, weight=weight[cand])
    person = cand[s.person]
    keep = s.start < b18[person]
    person, start, end = person[keep], s.start[keep], s.end[keep]
    limit = b18[person]
    aged_out = (end > limit) & (limit < horizon[1])
    end = np.minimum(end, limit)
    age = np.clip(_age(people.birth[person], start), 0, 17)
    return person, start, np.where(end >= horizon[1], NEVER, end), aged_out, age


def _placements(rng, people, horizon, weight, b18):
    person, start, end, aged_out, age = _child_spells(rng, people, horizon, PLACED_BY_AGE, PLACEMENT_YEARS,
                                                      weight, b18)
    kind = _choose(rng, PLACEMENT_MIX[PLACEMENT_BAND[age]])
    basis = np.where(rng.random(len(kind)) < WITHOUT_CONSENT[kind], B["bl47"], B["bl46"])
    return (person, kind, basis, start, end), (person[aged_out], kind[aged_out])


def _preventive(rng, people, horizon, weight, b18):
    person, start, end, aged_out, age = _child_spells(rng, people, horizon, PREVENTIVE_BY_AGE,
                                                      PREVENTIVE_YEARS, weight, b18)
    band = PREVENTIVE_BAND[age]
    kind = _choose(rng, PREVENTIVE_MIX[band])
    extra = np.flatnonzero(rng.random(len(person)) < SECOND_MEASURE_SHARE)
    other = _choose(rng, PREVENTIVE_MIX[band[extra]])
    other = np.where(other == kind[extra], (other + 1) % PREVENTIVE_MIX.shape[1], other)
    span = np.minimum(end[extra].astype(np.int64) - start[extra], 180)
    start2 = start[extra] + np.floor(rng.random(len(extra)) * span * 0.5).astype(np.int64)
    later = start2 < horizon[1]
    kinds = np.concatenate([kind, other[later]])
    parts = (np.concatenate([person, person[extra][later]]), N_PLACEMENT + kinds,
             PREVENTIVE_BASIS_INDEX[kinds], np.concatenate([start, start2[later]]),
             np.concatenate([end, end[extra][later]]))
    return parts, person[aged_out]


def _prevalence_at_17(prevalence: np.ndarray, mean_years: float, weight: np.ndarray) -> np.ndarray:
    rate_years = prevalence[17] / (1 - prevalence[17]) * weight
    return rate_years / (1 + rate_years)


def _aftercare(rng, people, horizon, b18, w_placed, w_preventive, aged_placed, aged_preventive):
    """§ 114 after-care for 18-22-year-olds: from the 18th birthday until at most the 23rd."""
    first, end = horizon
    b23 = _birthday(people.birth, 23)
    # Already 18 when observation starts (or moving in aged 18-22): after-care since the birthday.
    entry = np.maximum(people.arrive, first)
    cohort = np.flatnonzero((b18 <= entry) & (entry < b23) & people.present(first, end))
    p_placed = TAKEUP_PLACED * _prevalence_at_17(PLACED_BY_AGE, PLACEMENT_YEARS, w_placed[cohort])
    p_prev = TAKEUP_PREVENTIVE * _prevalence_at_17(PREVENTIVE_BY_AGE, PREVENTIVE_YEARS, w_preventive[cohort])
    u = rng.random(len(cohort))
    origin = np.where(u < p_placed, 2, np.where(u < p_placed + p_prev, 3, -1))
    # Turning 18 during the horizon while placed or supported.
    placed_take = rng.random(len(aged_placed[0])) < TAKEUP_PLACED
    prev_take = rng.random(len(aged_preventive)) < TAKEUP_PREVENTIVE
    person = np.concatenate([cohort[origin >= 0], aged_placed[0][placed_take], aged_preventive[prev_take]])
    family = np.isin(aged_placed[1][placed_take], FEE_TYPES[:2])
    origin = np.concatenate([origin[origin >= 0], np.where(family, 0, 1), np.full(prev_take.sum(), 3)])
    years = np.where(origin == 3, AFTERCARE_YEARS_PREVENTIVE, AFTERCARE_YEARS_PLACED)
    stop = b18[person] + np.floor(rng.exponential(years) * YEAR).astype(np.int64)
    stop = np.minimum(np.minimum(stop, b23[person]), people.leave[person])
    start = np.maximum(b18[person], people.arrive[person])
    keep = stop > np.maximum(start, first)
    person, origin, start, stop = person[keep], origin[keep], start[keep], stop[keep]
    kind = AFTERCARE_TYPES[_choose(rng, AFTERCARE_MIX[origin])]
    return person, kind, np.full(len(person), B["bl114"]), start, np.where(stop >= end, NEVER, stop)


def simulate_measures(ctx: MunicipalityContext, people: People, policy: Policy,
                      institution: bool) -> Measures:
    rng = ctx.rng("children/measures")
    horizon = (int(ctx.period_starts[0]), int(ctx.period_starts[-1]))
    b18 = _birthday(people.birth, 18)
    w_placed = _weight(ctx, people, 1.2, BETA_SOCIAL, 1.1) * policy.placement
    w_prev = _weight(ctx, people, 0.9, BETA_SOCIAL, 1.15) * policy.preventive
    placements, aged_placed = _placements(rng, people, horizon, w_placed, b18)
    preventive, aged_prev = _preventive(rng, people, horizon, w_prev, b18)
    after = _aftercare(rng, people, horizon, b18, w_placed, w_prev, aged_placed, aged_prev)
    cols = [np.concatenate(c) for c in zip(placements, preventive, after)]
    order = np.lexsort((cols[1], cols[0], cols[3]))
    dtypes = (np.int64, np.int8, np.int8, np.int32, np.int32)
    m = Measures(*(c[order].astype(t) for c, t in zip(cols, dtypes)))
    n = len(m.person)
    shares = PROVIDER_SHARES.copy()
    if not institution:
        shares[T["residential_institution"]] = NO_OWN_INSTITUTION
    m.provider = _choose(rng, shares[m.kind]).astype(np.int8)
    group = np.where(m.basis == B["bl114"], 2, np.where(m.kind < N_PLACEMENT, 0, 1))
    codes, flows = gravity()
    payer = rng.choice(codes, n, p=flows[int(np.flatnonzero(codes == ctx.code)[0])])
    m.paying = np.where(rng.random(n) < OTHER_PAYER[group], payer, ctx.code).astype(np.int16)
    m.price = np.round(MONTHLY_PRICE[m.kind] * policy.price * rng.lognormal(-0.03, 0.25, n))
    return m


@dataclass
class Events:
    """Notifications (``day`` received, ``source``) or investigations (``day`` opened, ``until`` the last
    day), sorted by day; the row number is the serial of the id."""

    person: np.ndarray
    day: np.ndarray
    source: np.ndarray | None = None
    until: np.ndarray | None = None


def simulate_notifications(ctx: MunicipalityContext, people: People, policy: Policy) -> Events:
    """A Poisson stream per child from a year before the horizon (investigations need the history)."""
    rng = ctx.rng("children/notifications")
    months = [ctx.periods[0] - k for k in range(LOOKBACK_MONTHS, 0, -1)] + list(ctx.periods)
    bounds = np.array([day_number(p.first_day) for p in months] + [int(ctx.period_starts[-1])], np.int64)
    b18 = _birthday(people.birth, 18)
    kids = np.flatnonzero((b18 > bounds[0]) & people.present(int(bounds[0]), int(bounds[-1])))
    weight = _weight(ctx, people, NOTIFY_BETA, NOTIFY_SOCIAL, 1.05)[kids] * policy.notification
    season = NOTIFY_SEASON / NOTIFY_SEASON.mean()
    arrive, leave, birth = people.arrive[kids], np.minimum(people.leave[kids], b18[kids]), people.birth[kids]
    persons, days = [], []
    for i, period in enumerate(months):
        first, nxt = bounds[i], bounds[i + 1]
        lo = np.maximum(arrive, first)
        exposure = np.clip(np.minimum(leave, nxt) - lo, 0, None)
        age = np.clip(((first - birth) / YEAR).astype(np.int64), 0, 17)
        trend = np.exp(NOTIFY_TREND * (period.year + (period.month - 1) / 12 - 2024))
        count = rng.poisson(NOTIFY_RATE[age] * weight * season[period.month - 1] * trend * exposure / YEAR)
        who = np.repeat(np.arange(len(kids)), count)
        persons.append(kids[who])
        days.append(lo[who] + np.floor(rng.random(len(who)) * exposure[who]).astype(np.int64))
    person, day = np.concatenate(persons), np.concatenate(days)
    order = np.lexsort((person, day))
    person, day = person[order], day[order]
    band = NOTIFY_BAND[np.clip(_age(people.birth[person], day), 0, 17)]
    return Events(person, day.astype(np.int32), source=_choose(rng, SOURCE_MIX[band]).astype(np.int8))


def simulate_investigations(ctx: MunicipalityContext, people: People, notes: Events,
                            policy: Policy) -> Events:
    """Some notifications open an investigation a few days later (not while one opened recently)."""
    rng = ctx.rng("children/investigations")
    first, end = int(ctx.period_starts[0]), int(ctx.period_starts[-1])
    share = INVESTIGATION_SHARE * policy.investigation * np.exp(0.4 * people.latent[notes.person] - 0.08)
    pick = rng.random(len(share)) < np.clip(share, 0, 0.95)
    person = notes.person[pick]
    start = notes.day[pick] + np.floor(rng.exponential(LAG_DAYS, len(person))).astype(np.int64)
    order = np.lexsort((start, person))
    person, start = person[order], start[order]
    repeat = np.r_[False, (person[1:] == person[:-1]) & (start[1:] - start[:-1] < REPEAT_DAYS)]
    keep = ~repeat & (start < people.leave[person]) & (start < _birthday(people.birth[person], 18))
    person, start = person[keep], start[keep]
    median = np.log(INVESTIGATION_MONTHS) + policy.duration + 0.04 * ctx.profile.social_index
    months = np.exp(rng.normal(median, INVESTIGATION_SIGMA, len(person)))
    until = start + np.maximum(np.floor(months * YEAR / 12), 10).astype(np.int64)
    keep = np.flatnonzero((until >= first) & (start < end))
    keep = keep[np.lexsort((person[keep], start[keep]))]
    return Events(person[keep], start[keep].astype(np.int32), until=until[keep].astype(np.int32))


def plan_units(ctx: MunicipalityContext, people: People) -> tuple[list[str], list[str], np.ndarray]:
    """Ids and names of the family department, the family centre and any residential institutions, and
    each institution's share of the own residential places (large municipalities only)."""
    day = int(ctx.period_starts[0])
    children = int((people.resident(day) & (_birthday(people.birth, 18) > day)).sum())
    count = children // CHILDREN_PER_INSTITUTION + 1 if children >= OWN_INSTITUTION_CHILDREN else 0
    rng = ctx.rng("children/units")
    places = [PLACES[i] for i in rng.permutation(len(PLACES))[:count]]
    town = ctx.municipality.name
    names = [f"Børne- og Familierådgivningen {town}", f"Familiecentret {town}"]
    names += [f"{p} Børne- og Ungehjem" for p in places]
    split = rng.dirichlet(np.full(count, 4.0)) if count else np.zeros(0)
    return ctx.institution_ids("children", 2 + count, 3000), names, split


class Books:
    """Money and staff the months' measures cause, collected per period for the ledger and payroll."""

    def __init__(self, ctx: MunicipalityContext, units: tuple, policy: Policy) -> None:
        n = len(ctx.periods)
        self.code, (self.ids, self.names, self.split), self.policy = ctx.code, units, policy
        self.lines: dict[tuple[str, str, int, str], np.ndarray] = {}
        self.children, self.occupied, self.occupied_cost, self.centre_cost = (np.zeros(n) for _ in range(4))

    def add(self, t: int | slice, function: str, art: str, amount, dranst: int = 1, centre: str = "") -> None:
        key = (function, art, dranst, centre or self.ids[0])
        self.lines.setdefault(key, np.zeros(len(self.children)))[t] += amount

    def book(self, t: int, m: Measures, idx: np.ndarray, share: np.ndarray, cost: np.ndarray) -> None:
        kind = m.kind[idx]
        economic = kind == T["economic_support"]
        own = (m.provider[idx] == OWN) & ~np.isin(kind, FEE_TYPES) & ~economic
        from_other = m.paying[idx] != self.code
        yearly = m.price[idx] * 12
        refund = np.where(from_other, 0.0, 0.25 * np.maximum(yearly - REFUND_THRESHOLDS[0], 0)
                          + 0.25 * np.maximum(yearly - REFUND_THRESHOLDS[1], 0)) / 12 * share
        function = FUNCTION_OF[kind]
        for f, code in enumerate(FUNCTIONS):
            sel = function == f
            # Purchases, plus what this municipality pays others for children they act for (mirror flow).
            received = cost[sel & from_other].sum()
            self.add(t, code, "4.0", cost[sel & ~own & ~economic].sum() + received * self.policy.mirror)
            self.add(t, code, "5.2", cost[sel & economic].sum())
            self.add(t, code, "7.7", -received)
            self.add(t, code, "8.6", -refund[sel].sum(), dranst=2)
        residential = own & (kind == T["residential_institution"])
        self.occupied[t], self.occupied_cost[t] = share[residential].sum(), cost[residential].sum()
        self.centre_cost[t] = cost[own & (kind >= N_PLACEMENT)].sum()
        self.children[t] = len(np.unique(m.person[idx]))

    def register(self, ctx: MunicipalityContext) -> None:
        ids, names, every = self.ids, self.names, slice(None)
        workers = self.children / 20  # one social worker per 20 children with a measure
        ctx.add_workplace(Workplace(ids[0], names[0], "family_department", "6.45.51", {
            "social_worker": workers, "administrative": workers * 0.3, "manager": workers / 12}))
        if self.centre_cost.any():
            fte = self.centre_cost / STAFF_COST_PER_FTE
            ctx.add_workplace(Workplace(ids[1], names[1], "family_centre", "5.28.21", {
                "social_educator": fte * 0.75, "academic": fte * 0.15, "manager": fte * 0.1}))
            self.add(every, "5.28.21", "2.9", self.centre_cost * 0.1, centre=ids[1])
        sold = self.occupied * self.policy.sales
        price = np.divide(self.occupied_cost, self.occupied, out=np.zeros_like(self.occupied),
                          where=self.occupied > 0)
        for inst, name, split in zip(ids[2:], names[2:], self.split):
            places = (self.occupied + sold) * split
            ctx.add_workplace(Workplace(inst, name, "residential_institution", "5.28.23", {
                "social_educator": places * 1.75, "manager": places * 0.1, "service": places * 0.25}))
            self.add(every, "5.28.23", "2.9", places * price * 0.15, centre=inst)
            self.add(every, "5.28.23", "7.7", -sold * split * price, centre=inst)
        for (function, art, dranst, centre), amounts in sorted(self.lines.items()):
            if amounts.any():
                ctx.add_cost(function, art, np.round(amounts, 2), dranst=dranst, cost_centre=centre)


def _measures_table(ctx, people: People, m: Measures, idx: np.ndarray, nxt: int, cost) -> pa.Table:
    person, end = m.person[idx], m.end[idx]
    return pa.table({
        "measure_id": pseudonyms("F", ctx.code, idx + MEASURE_SERIALS),
        "child_id": people.ids(person),
        "birth_date": people.birth[person],
        "sex": people.sex[person],
        "measure_type": pa.array(TYPES[m.kind[idx]], pa.string()),
        "legal_basis": pa.array(BASES[m.basis[idx]], pa.string()),
        "start_date": m.start[idx],
        "end_date": np.where(end <= nxt, end - 1, MISSING_DAY).astype(np.int32),
        "acting_municipality": np.full(len(idx), ctx.code, dtype=np.int16),
        "paying_municipality": m.paying[idx],
        "provider_type": pa.array(PROVIDER_CODES[m.provider[idx]], pa.string()),
        "monthly_cost": cost,
    })


def _events_table(ctx, people: People, events: Events, idx: np.ndarray, nxt: int) -> pa.Table:
    """Notifications (with a source) or investigations (completion shown once it has happened)."""
    person = events.person[idx]
    head = {"child_id": people.ids(person), "birth_date": people.birth[person]}
    if events.source is not None:
        return pa.table({"notification_id": pseudonyms("U", ctx.code, idx + NOTIFICATION_SERIALS), **head,
                         "notification_date": events.day[idx],
                         "source": pa.array(SOURCE_CODES[events.source[idx]], pa.string())})
    until = events.until[idx]
    return pa.table({"investigation_id": pseudonyms("B", ctx.code, idx + INVESTIGATION_SERIALS), **head,
                     "start_date": events.day[idx],
                     "completion_date": np.where(until < nxt, until, MISSING_DAY).astype(np.int32)})


def frames(ctx: MunicipalityContext) -> Iterator[Frame]:
    people, starts = ctx.people, ctx.period_starts
    policy = _policy(ctx)
    units = plan_units(ctx, people)
    measures = simulate_measures(ctx, people, policy, len(units[0]) > 2)
    notes = simulate_notifications(ctx, people, policy)
    inv = simulate_investigations(ctx, people, notes, policy)
    books = Books(ctx, units, policy)
    for t, period in enumerate(ctx.periods):
        first, nxt = int(starts[t]), int(starts[t + 1])
        idx = np.flatnonzero((measures.start < nxt) & (measures.end > first))
        share = (np.minimum(measures.end[idx], nxt) - np.maximum(measures.start[idx], first)) / (nxt - first)
        cost = np.round(measures.price[idx] * share, 2)
        books.book(t, measures, idx, share, cost)
        yield Frame("measures", period, _measures_table(ctx, people, measures, idx, nxt, cost))
        received = np.flatnonzero((notes.day >= first) & (notes.day < nxt))
        yield Frame("notifications", period, _events_table(ctx, people, notes, received, nxt))
        open_ = np.flatnonzero((inv.day < nxt) & (inv.until >= first) & (people.arrive[inv.person] < nxt)
                               & (people.leave[inv.person] > first))
        yield Frame("investigations", period, _events_table(ctx, people, inv, open_, nxt))
    books.register(ctx)


DOMAIN = Domain("children", "Vulnerable children and youth (child welfare)", DATASETS, VENDORS, frames)
