"""Adults with disabilities (voksenhandicap): grants under the Social Services Act (SEL).

Each section (§ 85 støtte, § 96 BPA, § 97 ledsageordning, § 103 beskyttet beskæftigelse, § 104
dagtilbud, § 107/§ 108 botilbud, § 110 forsorgshjem) is a kind of spell (see ``spells``). A
municipality's volume is the national one times its share of the age-weighted adults, a moderate
social gradient and a seeded policy effect; *who* receives follows latent disadvantage and a
persistent target group, so the same people hold several grants (§ 108 residents attend § 104
day centres) while placements exclude each other. After a move into a placement the former
municipality keeps paying (retssikkerhedsloven § 9, stk. 7): paying and acting municipality
differ for a few percent. Own units are planned from the grants they hold; their staff go to
payroll, and purchases, BPA, sales, board payments and state refunds to the ledger.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa

from flis import reference
from flis.periods import Period
from flis.synth.context import MunicipalityContext, Workplace
from flis.synth.domains.base import Dataset, Domain, Frame
from flis.synth.formats.cells import MISSING_DAY
from flis.synth.ids import pseudonyms
from flis.synth.names import PLACES
from flis.synth.people import MOVED_IN, NEVER, YEAR, People
from flis.synth.profile import Profile, gravity, profile
from flis.synth.spells import Spells, latent_weight, sample_spells
from flis.synth.vendors.disability import VENDORS

DATASETS = (
    Dataset("services", "Grants under the Social Services Act active on at least one day of the month, with "
            "section, target group, provider, acting and paying municipality, the month's cost and (§ 85) "
            "weekly hours.", "monthly", id_column="service_id", countable=True),
    Dataset("providers", "The municipality's own units: the section each delivers and its places.",
            "register", id_column="provider_id"),
)

GROUPS = ("physical", "intellectual", "psychiatric", "social")
GROUP_SHARES = np.array([0.30, 0.20, 0.35, 0.15])  # group a person would belong to if in need
PROVIDERS = ("own", "other_municipality", "region", "private")
OWN = 0
PROVIDER_PRICE = np.array([0.95, 1.0, 1.15, 1.05])  # price of a place relative to the section's average
AGE_BANDS = np.array([17, 25, 50, 65, 80])  # of Section.age; 17-year-olds start on their 18th birthday
HOURLY_RATE = 590.0  # DKK per hour of § 85 support incl. travel and overhead: 4.2 h/week ~ 10,700/month
PRICE_GROWTH = 0.025  # yearly price and wage adjustment of rates, each January from 2024
REFUND_THRESHOLDS = (1_200_000.0, 2_400_000.0)  # DKK a year per case; the state refunds 25 % above each
BOARD_PAYMENT = 2_700.0  # residents' monthly payment for board in own housing units (DKK)
ADULT_DAYS = math.ceil(18 * YEAR) + 1  # days from birth to surely 18 (people.age may lag a day)


@dataclass(frozen=True)
class Section:
    """Calibration of one section of the act: volume, price, duration, who receives it, who delivers it."""

    code: int
    function: str
    national: int  # services active in a month in the whole country (scale 1.0)
    monthly_cost: float  # average monthly rate, DKK in 2024 prices
    cost_sd: float  # log-sd of the rate between grants
    mean_years: float  # mean duration of a grant
    latent_beta: float  # how strongly the person's disadvantage selects recipients
    social_beta: float  # municipal gradient: log rate per SD of the social index ...
    urban_beta: float  # ... and per unit of urbanity
    men_share: float
    groups: tuple[float, float, float, float]  # composition: physical, intellectual, psychiatric, social
    providers: tuple[float, float, float, float]  # national shares: own, other municipality, region, private
    age: tuple[float, float, float, float, float]  # relative onset rate at 17-24, 25-49, 50-64, 65-79, 80+
    excludes: tuple[int, ...] = ()  # recipients of these cannot also get this one (one placement at a time)
    boost: tuple[tuple[int, float], ...] = ()  # recipients of these are this many times likelier to get it
    start_deficit: float = 0.0  # share of running spells left out at the start, so the volume grows


@dataclass(frozen=True)
class UnitKind:
    """The own units that deliver a section: size, staffing and how they are named."""

    kind: str
    size: int  # typical places per unit
    staff: float  # FTE per occupied place (§ 85: per weekly hour of support, 26 direct hours per FTE)
    health_share: float  # share of that staff who are social and health assistants (rest: social educators)
    suffixes: tuple[str, ...]


SECTIONS: dict[int, Section] = {s.code: s for s in (
    # Order matters: housing first, so later sections can exclude or favour its residents. Columns: code,
    # function, national volume, monthly rate, rate sd, mean years, latent beta, social beta, urban beta,
    # men's share, target groups, providers, age profile. Sources: approximate national magnitudes (DST
    # handicap statistics, municipal accounts).
    Section(108, "5.38.50", 12_000, 90_000, 0.30, 12.0, 1.2, 0.08, -0.2, 0.58, (.17, .58, .22, .03),
            (.42, .25, .15, .18), (.7, 1.0, 1.1, .6, .15)),
    Section(107, "5.38.52", 5_000, 63_000, 0.30, 2.5, 1.3, 0.15, 0.2, 0.60, (.10, .22, .45, .23),
            (.45, .22, .10, .23), (1.3, 1.0, .8, .3, .05), excludes=(108,)),
    Section(110, "5.38.42", 2_000, 42_000, 0.20, 0.35, 1.5, 0.25, 0.8, 0.80, (0, 0, 0, 1.0),
            (.35, .45, 0, .20), (1.0, 1.2, 1.0, .2, 0), excludes=(107, 108)),
    Section(96, "5.38.54", 1_700, 110_000, 0.45, 8.0, 0.4, 0.0, 0.0, 0.55, (.92, .05, .03, 0),
            (0, 0, 0, 1.0), (.8, 1.0, 1.1, .5, .1), excludes=(108,)),
    Section(85, "5.38.41", 45_000, 10_000, 0.0, 3.0, 1.1, 0.15, 0.1, 0.52, (.10, .25, .50, .15),
            (.82, .04, .02, .12), (1.5, 1.0, .75, .25, .05), excludes=(107, 108), start_deficit=0.05),
    Section(104, "5.38.59", 18_000, 15_000, 0.35, 6.0, 1.2, 0.08, 0.0, 0.56, (.17, .50, .28, .05),
            (.58, .22, .08, .12), (1.0, 1.0, 1.0, .5, .1), boost=((108, 50.0), (107, 6.0))),
    Section(103, "5.38.58", 7_000, 12_000, 0.30, 7.0, 1.2, 0.08, 0.0, 0.58, (.15, .55, .28, .02),
            (.55, .22, .08, .15), (1.3, 1.0, .9, 0, 0), boost=((85, 5.0), (107, 5.0))),
    Section(97, "5.38.53", 4_000, 3_000, 0.40, 5.0, 0.7, 0.03, 0.0, 0.50, (.45, .45, .10, 0),
            (.85, .02, 0, .13), (1.2, 1.0, 1.0, .4, .05)),
)}
UNIT_KINDS = {  # § 96 BPA has no own units: the citizen or a private company employs the assistants
    108: UnitKind("housing", 24, 1.45, 0.35, (" Bocenter", "huset", "gården", " Botilbud")),
    107: UnitKind("housing", 14, 1.0, 0.2, (" Midlertidige Botilbud", " Bofællesskab", "hus")),
    110: UnitKind("shelter", 60, 0.5, 0.1, (" Forsorgshjem", "herberget")),
    85: UnitKind("support", 250, 1 / 26, 0.0, (" Bostøtte", " Støttecenter")),
    104: UnitKind("day_centre", 40, 0.28, 0.15, (" Aktivitetscenter", " Dagcenter", " Værested")),
    103: UnitKind("workshop", 35, 0.16, 0.0, (" Værksted", " Beskyttede Værksted")),
    97: UnitKind("escort", 400, 0.05, 0.0, (" Ledsageordning",)),
}
SECTION_COLUMN = np.zeros(max(SECTIONS) + 1, dtype=np.intp)  # section code -> position in SECTIONS
SECTION_COLUMN[list(SECTIONS)] = np.arange(len(SECTIONS))
HOUSING = (107, 108, 110)
SOLD_DAY_PLACES = (103, 104)  # own day units also take citizens of other municipalities (in their files)


@dataclass
class Services:
    """All grants of the horizon, one row per spell, sorted by section, start and person."""

    spells: Spells
    section: np.ndarray
    group: np.ndarray
    provider: np.ndarray
    paying: np.ndarray
    rate: np.ndarray  # monthly rate in 2024 prices (DKK)
    hours: np.ndarray  # § 85 weekly hours, NaN otherwise
    unit: np.ndarray  # index of the own unit, -1 when bought elsewhere


@dataclass
class Unit:
    id: str
    name: str
    kind: str
    section: int
    places: int
    sold: int  # day-centre places taken by citizens of other municipalities (in their own files)


def age_shape(section: Section, age: np.ndarray) -> np.ndarray:
    """Relative onset rate by completed age (0 under 17)."""
    band = np.searchsorted(AGE_BANDS, np.arange(131), side="right") - 1
    by_age = np.where(band >= 0, np.asarray(section.age)[np.maximum(band, 0)], 0.0)
    return by_age[np.clip(age, 0, 130)]


@lru_cache(maxsize=256)
def _national_base(code: int, period: Period) -> float:
    """The country's age-weighted adults for a section: national volume / this = volume per weighted adult."""
    ages_sex = reference.national_age_profile()
    ages = np.array(sorted(ages_sex))
    counts = np.array([sum(ages_sex[a]) for a in ages], dtype=float)
    now = sum(reference.population(m.code, period) for m in reference.municipalities())
    return float((age_shape(SECTIONS[code], ages) * counts).sum() * now / counts.sum())


def _gradient(p: Profile, s: Section) -> float:
    return math.exp(s.social_beta * p.social_index + s.urban_beta * (p.urban - 0.5))


@lru_cache(maxsize=64)
def _gradient_mean(code: int) -> float:
    """Population-weighted national mean of the gradient, so the country total stays on target."""
    munis = reference.municipalities()
    pop = np.array([m.population for m in munis], dtype=float)
    g = np.array([_gradient(profile(m.code), SECTIONS[code]) for m in munis])
    return float((pop * g).sum() / pop.sum())


def size_factor(ctx: MunicipalityContext) -> float:
    """Large municipalities run more of their own units (and sell places); small ones buy."""
    return float(np.clip(0.75 + 0.5 * (math.log10(ctx.municipality.population) - 4.3), 0.55, 1.3))


def _onset_multiplier(target: float, base: np.ndarray, mean_years: float) -> float:
    """k such that the expected number in a spell on day one, sum x / (1 + x), x = k base m, is target."""
    total = float(base.sum()) * mean_years
    if target <= 0 or total <= 0:
        return 0.0
    k = target / total
    for _ in range(40):
        x = k * base * mean_years
        got = float((x / (1 + x)).sum())
        if abs(got - target) <= 1e-4 * target:
            break
        k *= target / got
    return k


@dataclass
class Adults:
    """What every section's draw needs to know about the people, computed once."""

    group: np.ndarray  # target group (index into GROUPS), persistent per person
    age0: np.ndarray  # completed age on the first day of the horizon
    resident0: np.ndarray
    candidates: np.ndarray  # present in the horizon and at least 17 when observation of them starts
    taken: dict[int, np.ndarray]  # section -> who received it at some time in the horizon

    @classmethod
    def of(cls, ctx: MunicipalityContext, people: People) -> "Adults":
        first, end = int(ctx.period_starts[0]), int(ctx.period_starts[-1])
        group = ctx.rng("disability/groups").choice(4, len(people), p=GROUP_SHARES).astype(np.int8)
        entry_age = people.age(np.maximum(people.arrive, first))
        return cls(group, people.age(first), people.resident(first),
                   people.present(first, end) & (entry_age >= AGE_BANDS[0]), {})


def _weights(people: People, s: Section, adults: Adults) -> tuple[np.ndarray, np.ndarray]:
    """Each person's relative chance (disadvantage, target group, sex, other grants), and who may receive."""
    weight = latent_weight(people, s.latent_beta) * (np.asarray(s.groups) / GROUP_SHARES)[adults.group]
    weight = weight * np.where(people.sex == 1, s.men_share, 1 - s.men_share) * 2
    for other, factor in s.boost:
        weight = np.where(adults.taken[other], weight * factor, weight)
    eligible = weight > 0
    for other in s.excludes:
        eligible &= ~adults.taken[other]
    return weight, eligible


def _section_spells(ctx: MunicipalityContext, people: People, s: Section, adults: Adults,
                    policy: float) -> Spells:
    """One section's spells: rates calibrated to the expected volume, recipients chosen by disadvantage."""
    horizon = (int(ctx.period_starts[0]), int(ctx.period_starts[-1]))
    weight, eligible = _weights(people, s, adults)
    shape0 = age_shape(s, adults.age0)
    in_month = 1 + 1 / (12 * s.mean_years)  # a month's records include the month's new starts
    share = float((shape0 * adults.resident0).sum()) / _national_base(s.code, ctx.periods[0])
    target = s.national * share * _gradient(ctx.profile, s) / _gradient_mean(s.code) * policy / in_month
    target /= 1 - 0.85 * s.start_deficit
    k = _onset_multiplier(target, (shape0 * weight)[adults.resident0 & eligible], s.mean_years)

    rng = ctx.rng(f"disability/spells/{s.code}")
    # sample_spells ages everyone it is given, so give it only the eligible people present in the horizon.
    chosen = np.flatnonzero(eligible & adults.candidates)
    with np.errstate(invalid="ignore"):  # people with rate 0 wait forever
        drawn = sample_spells(rng, people.take(chosen), horizon, lambda age: k * age_shape(s, age),
                              s.mean_years, weight=weight[chosen])
    drawn = Spells(chosen[drawn.person], drawn.start, drawn.end)
    arriving = _arriving(people, chosen, k * shape0[chosen] * weight[chosen], s.mean_years, horizon, rng)
    drawn = drawn.take(~np.isin(drawn.person, arriving.person))
    person = np.concatenate([drawn.person, arriving.person])
    start = np.maximum(np.concatenate([drawn.start, arriving.start]), people.birth[person] + ADULT_DAYS)
    spells = Spells(person, start.astype(np.int32), np.concatenate([drawn.end, arriving.end]))
    keep = (spells.start < spells.end) & (spells.start < horizon[1])  # a 17-year-old may turn 18 after it
    if s.start_deficit:
        keep &= ~((spells.start < horizon[0]) & (rng.random(len(spells)) < s.start_deficit))
    return spells.take(keep)


def _arriving(people: People, chosen: np.ndarray, rate: np.ndarray, mean_years: float,
              horizon: tuple[int, int], rng: np.random.Generator) -> Spells:
    """In-movers bring running grants (the move is often the placement), or volumes drain with out-movers."""
    first, end = horizon
    arrive = people.arrive[chosen]
    mover = (people.arrive_kind[chosen] == MOVED_IN) & (arrive > first) & (arrive < end)
    x = rate * mean_years
    has = mover & (rng.random(len(chosen)) < x / (1 + x))
    person, start = chosen[has], arrive[has].astype(np.int64)
    stop = start + np.maximum(np.floor(rng.exponential(mean_years * YEAR, len(person))), 1).astype(np.int64)
    stop = np.minimum(stop, people.leave[person])
    stop = np.where(stop >= end, NEVER, stop)
    return Spells(person, start.astype(np.int32), stop.astype(np.int32))


def _provider_shares(ctx: MunicipalityContext, s: Section, rng: np.random.Generator) -> np.ndarray:
    shares = np.array(s.providers, dtype=float)
    if s.code == 110 and ctx.municipality.population < 60_000:
        shares[OWN] = 0.0  # only larger municipalities run a shelter
    own = min(shares[OWN] * size_factor(ctx), 0.95)
    rest = shares[1:] * np.array([1.0, 1.0, math.exp(rng.normal(0, 0.35))])  # a local taste for private
    return np.concatenate([[own], rest / rest.sum() * (1 - own)])


def _paying(ctx: MunicipalityContext, people: People, spells: Spells, section: int, provider: np.ndarray,
            rng: np.random.Generator) -> np.ndarray:
    """The former municipality keeps paying after a move into a residential placement."""
    person = spells.person
    moved_in = (people.arrive_kind[person] == MOVED_IN) & (people.arrive[person] == spells.start)
    p = np.where(moved_in, 0.6, np.where(provider == OWN, 0.12, 0.04)) if section in HOUSING else 0.01
    codes, flows = gravity()
    drawn = rng.choice(codes, len(person), p=flows[int(np.flatnonzero(codes == ctx.code)[0])])
    former = np.where(people.from_municipality[person] > 0, people.from_municipality[person], drawn)
    return np.where(rng.random(len(person)) < p, former, ctx.code).astype(np.int16)


def _attributes(ctx: MunicipalityContext, people: People, s: Section, spells: Spells,
                level: float) -> tuple[np.ndarray, ...]:
    """Provider, paying municipality, monthly rate and weekly hours of each spell."""
    rng = ctx.rng(f"disability/attributes/{s.code}")
    n = len(spells)
    provider = rng.choice(4, n, p=_provider_shares(ctx, s, rng)).astype(np.int8)
    paying = _paying(ctx, people, spells, s.code, provider, rng)
    # Heavier needs cost more; recipients' latent is tilted by about latent_beta, so centre on that.
    shift = s.latent_beta + 0.3 * ctx.profile.social_index
    need = np.exp(0.1 * (people.latent[spells.person] - shift) - 0.005)
    if s.code == 85:
        hours = np.clip(np.round(4.2 * rng.lognormal(-0.15, 0.55, n) * need * 2) / 2, 0.5, 30.0)
        rate = hours * 52 / 12 * HOURLY_RATE
    else:
        hours = np.full(n, np.nan)
        rate = s.monthly_cost * np.exp(rng.normal(0, s.cost_sd, n) - s.cost_sd**2 / 2) * need
    rate = rate * PROVIDER_PRICE[provider] * level
    return provider, paying, np.round(rate, 2), hours.astype(np.float32)


def cost_level(ctx: MunicipalityContext) -> float:
    """The municipality's price level: a seeded local effect, and cities pay a little more."""
    return math.exp(ctx.rng("disability/cost-level").normal(0, 0.06)) * (1 + 0.06 * (ctx.profile.urban - 0.5))


def draw_services(ctx: MunicipalityContext, people: People) -> Services:
    """Every section's spells and their attributes, sorted by section, start and person."""
    adults = Adults.of(ctx, people)
    rng = ctx.rng("disability/policy")
    common = rng.normal(0, 0.12)  # the municipality's policy, shared by all sections (mean-one below)
    level = cost_level(ctx)
    spells, columns = [], []
    for s in SECTIONS.values():
        policy = math.exp(common + rng.normal(0, 0.08) - (0.12**2 + 0.08**2) / 2)
        drawn = _section_spells(ctx, people, s, adults, policy)
        adults.taken[s.code] = np.bincount(drawn.person, minlength=len(people)) > 0
        spells.append(drawn)
        columns.append((np.full(len(drawn), s.code, np.int16), *_attributes(ctx, people, s, drawn, level)))
    person, start, end = (np.concatenate([getattr(x, a) for x in spells]) for a in ("person", "start", "end"))
    section, provider, paying, rate, hours = (np.concatenate(c) for c in zip(*columns))
    order = np.lexsort((person, start, section))
    return Services(Spells(person[order], start[order], end[order]), section[order],
                    adults.group[person[order]], provider[order], paying[order], rate[order], hours[order],
                    np.full(len(order), -1, dtype=np.int32))


def _unit_names(rng: np.random.Generator, section: int, count: int) -> list[str]:
    combos = [p + s for s in UNIT_KINDS[section].suffixes for p in PLACES]
    order = rng.permutation(len(combos))
    return [combos[order[i % len(combos)]] + (f" {i // len(combos) + 1}" if i >= len(combos) else "")
            for i in range(count)]


def _peak(spells: Spells, unit: np.ndarray, n: int, starts: np.ndarray) -> np.ndarray:
    """The most records each of ``n`` units holds in any month."""
    active = (spells.start[None, :] < starts[1:, None]) & (spells.end[None, :] > starts[:-1, None])
    t, row = np.nonzero(active)
    counts = np.zeros((len(starts) - 1, n))
    np.add.at(counts, (t, unit[row]), 1)
    return counts.max(axis=0)


def plan_units(ctx: MunicipalityContext, sv: Services) -> list[Unit]:
    """Own units sized to the grants they hold; own grants are spread over them."""
    rng = ctx.rng("disability/units")
    units: list[Unit] = []
    for code, kind in UNIT_KINDS.items():
        rows = np.flatnonzero((sv.section == code) & (sv.provider == OWN))
        if len(rows) == 0:
            continue
        spells = sv.spells.take(rows)
        total = _peak(spells, np.zeros(len(rows), np.intp), 1, ctx.period_starts)[0]
        n = max(1, math.ceil(total / kind.size))
        pick = rng.choice(n, len(rows), p=rng.dirichlet(np.full(n, 4.0)))
        used, pick = np.unique(pick, return_inverse=True)
        peak = _peak(spells, pick, len(used), ctx.period_starts)
        sold = rng.poisson(peak * 0.2 * size_factor(ctx) * (code in SOLD_DAY_PLACES))
        places = np.maximum(np.ceil(peak * 1.03).astype(int) + sold, 1)
        sv.unit[rows] = len(units) + pick
        ids = ctx.institution_ids("disability", len(used), 5000)
        for i, name in enumerate(_unit_names(rng, code, len(used))):
            units.append(Unit(ids[i], name, kind.kind, code, int(places[i]), int(sold[i])))
    return units


def providers_table(ctx: MunicipalityContext, units: list[Unit]) -> pa.Table:
    return pa.table({
        "provider_id": pa.array([u.id for u in units], pa.string()),
        "name": pa.array([u.name for u in units], pa.string()),
        "unit_type": pa.array([u.kind for u in units], pa.string()),
        "section": pa.array([u.section for u in units], pa.int16()),
        "places": pa.array([u.places for u in units], pa.int32()),
        "municipality": pa.array(np.full(len(units), ctx.code, dtype=np.int16)),
    })


def price_index(period: Period) -> float:
    return (1 + PRICE_GROWTH) ** (period.year - 2024)


def _month(ctx: MunicipalityContext, sv: Services, t: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows active in month t, the share of the month each was active, and the month's cost (pro rata)."""
    first, nxt = int(ctx.period_starts[t]), int(ctx.period_starts[t + 1])
    idx = np.flatnonzero(sv.spells.overlapping(first, nxt))
    frac = sv.spells.days_in(first, nxt)[idx] / (nxt - first)
    return idx, frac, np.round(sv.rate[idx] * price_index(ctx.periods[t]) * frac, 2)


def services_table(ctx: MunicipalityContext, people: People, sv: Services, units: list[Unit],
                   t: int) -> pa.Table:
    idx, _, cost = _month(ctx, sv, t)
    person, end, unit, hours = sv.spells.person[idx], sv.spells.end[idx], sv.unit[idx], sv.hours[idx]
    unit_ids = np.array([u.id for u in units] + [""], dtype=object)
    return pa.table({
        # Service ids are the row numbers of the horizon's sorted spells: stable for a configuration.
        "service_id": pseudonyms("B", ctx.code, idx.astype(np.int64)),
        "person_id": people.ids(person),
        "birth_date": people.birth[person],
        "sex": people.sex[person],
        "section": sv.section[idx],
        "target_group": pa.array(np.array(GROUPS, dtype=object)[sv.group[idx]], pa.string()),
        "provider_type": pa.array(np.array(PROVIDERS, dtype=object)[sv.provider[idx]], pa.string()),
        "provider_id": pa.array(unit_ids[unit], pa.string(), mask=unit < 0),
        "acting_municipality": np.full(len(idx), ctx.code, dtype=np.int16),
        "paying_municipality": sv.paying[idx],
        "start_date": sv.spells.start[idx],
        # The end date is known once the grant has ended, not before.
        "end_date": np.where(end <= ctx.period_starts[t + 1], end - 1, MISSING_DAY).astype(np.int32),
        "monthly_cost": cost,
        "hours_per_week": pa.array(hours, pa.float32(), mask=np.isnan(hours)),
    })


def monthly_sums(ctx: MunicipalityContext, sv: Services, units: list[Unit]) -> dict[str, np.ndarray]:
    """Per month: purchases, BPA and refunds by section (what we pay); occupancy, hours and sales by unit."""
    n_t, n_s, n_u = len(ctx.periods), len(SECTIONS), len(units)
    out = {k: np.zeros((n_t, n_s)) for k in ("purchased", "bpa", "refund")}
    out |= {k: np.zeros((n_t, n_u)) for k in ("occupied", "hours", "sold")}
    for t, period in enumerate(ctx.periods):
        idx, frac, cost = _month(ctx, sv, t)
        section, ours = sv.section[idx], sv.paying[idx] == ctx.code
        col, unit = SECTION_COLUMN[section], sv.unit[idx] + 1  # unit 0 = not an own unit
        out["bpa"][t] = np.bincount(col, cost * ours * (section == 96), n_s)
        out["purchased"][t] = np.bincount(col, cost * ours * (sv.provider[idx] != OWN) * (section != 96), n_s)
        # The state refunds 25 % of a case's yearly cost above each threshold, and half of § 110.
        excess = sv.rate[idx] * 12 - np.array(REFUND_THRESHOLDS)[:, None]  # in 2024 prices
        expensive = 0.25 * np.clip(excess, 0, None).sum(axis=0) / 12 * price_index(period) * frac
        refund = np.where(section == 110, 0.5 * cost, expensive)
        out["refund"][t] = np.bincount(col, refund * ours, n_s)
        out["occupied"][t] = np.bincount(unit, frac, n_u + 1)[1:]
        out["hours"][t] = np.bincount(unit, np.nan_to_num(sv.hours[idx]) * frac, n_u + 1)[1:]
        out["sold"][t] = np.bincount(unit, cost * ~ours, n_u + 1)[1:]
    return out


def register(ctx: MunicipalityContext, sv: Services, units: list[Unit]) -> None:
    """Workplaces for the payroll, and the costs other than own staff for the ledger."""
    sums = monthly_sums(ctx, sv, units)
    index = np.array([price_index(p) for p in ctx.periods]) * cost_level(ctx)
    for i, u in enumerate(units):
        s, kind = SECTIONS[u.section], UNIT_KINDS[u.section]
        places = sums["occupied"][:, i] + u.sold
        staff = (sums["hours"][:, i] if u.section == 85 else places) * kind.staff
        ctx.add_workplace(Workplace(u.id, u.name, u.kind, s.function, {
            "social_educator": np.round(staff * (1 - kind.health_share), 2),
            "health_assistant": np.round(staff * kind.health_share, 2),
            "manager": np.round((1.0 if u.places >= 10 else 0.5) + staff / 30, 2),  # head and team leaders
        }))
        rate = s.monthly_cost * index
        ctx.add_cost(s.function, "2.9", np.round(0.12 * rate * places, 2), cost_centre=u.id)  # non-staff
        sold = sums["sold"][:, i] + u.sold * rate
        if sold.any():
            ctx.add_cost(s.function, "7.7", -np.round(sold, 2), cost_centre=u.id)
        if u.section in (107, 108):
            ctx.add_cost(s.function, "7.2", -np.round(BOARD_PAYMENT * index * sums["occupied"][:, i], 2),
                         cost_centre=u.id)
    for j, s in enumerate(SECTIONS.values()):
        for key, art, sign, dranst in (("purchased", "4.0", 1, 1), ("bpa", "5.9", 1, 1),
                                       ("refund", "8.6", -1, 2)):
            if sums[key][:, j].any():
                ctx.add_cost(s.function, art, sign * np.round(sums[key][:, j], 2), dranst=dranst)


def frames(ctx: MunicipalityContext) -> Iterator[Frame]:
    sv = draw_services(ctx, ctx.people)
    units = plan_units(ctx, sv)
    providers = providers_table(ctx, units)
    for t, period in enumerate(ctx.periods):
        yield Frame("services", period, services_table(ctx, ctx.people, sv, units, t))
        yield Frame("providers", period, providers)
    register(ctx, sv, units)


DOMAIN = Domain("disability", "Adults with disabilities (voksenhandicap)", DATASETS, VENDORS, frames)
