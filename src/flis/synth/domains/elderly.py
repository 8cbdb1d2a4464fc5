"""Elderly care: home help, nursing homes and rehabilitation courses (Ældreområdet).

Three linked processes run over the municipality's residents, so key figures that join
them (hours of help before a move to a nursing home, rehabilitation outcomes) work:

- **Nursing homes** are the end of a life course: a share of the people who die (more at
  high ages) spent their last ~2.4 years in a nursing home. Stays are anchored on the civil
  register's death dates, so residents really die in the homes; people who outlive the
  horizon get a virtual death date so stays still run into it.
- **Home help** is a monthly two-state chain (help / no help) with age-specific onset and
  exit rates, started from the share the chain itself would have reached by then. Help
  stops when a person moves to a nursing home; before the move it is escalated to
  personal care with many hours.
- **Rehabilitation** (SEL § 83a) is offered to many new applicants: a ~10-week course that
  ends with the citizen independent (help stops), with reduced help (a new decision with
  fewer hours) or with unchanged help.

A decision (bevilling) covers one service, practical help or personal care; a recipient
with both has two decisions, and a re-visitation replaces a decision by a new one. Dates
inside the module are day numbers with exclusive ends; files show the last day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields

import numpy as np
import pyarrow as pa

from flis.periods import Period
from flis.synth.context import MunicipalityContext, Workplace
from flis.synth.domains.base import Dataset, Domain, Frame
from flis.synth.formats.cells import MISSING_DAY
from flis.synth.ids import pseudonyms
from flis.synth.names import institution_names
from flis.synth.people import DIED, NEVER, STAYS, YEAR, People, death_rate
from flis.synth.spells import latent_weight
from flis.synth.vendors.elderly import PRIVATE_PROVIDERS, VENDORS

DATASETS = (
    Dataset("home_help", "Home-help decisions (practical help or personal care) active in the month, with "
            "visited hours per week and provider.", "monthly", id_column="decision_id", countable=True),
    Dataset("delivered", "Hours of home help delivered per decision in the month.", "monthly",
            id_column="decision_id"),
    Dataset("nursing_homes", "Nursing homes in the municipality with places, owner, rent and service rate.",
            "register", id_column="nursing_home_id"),
    Dataset("residents", "Nursing-home residents during the month, with move-in and move-out dates.",
            "monthly", id_column="person_id", countable=True),
    Dataset("rehabilitation", "Rehabilitation courses (SEL § 83a) active in the month, with outcome when "
            "ended.", "monthly", id_column="course_id"),
)

SERVICES = ("practical", "personal")
DELIVERED_COLUMNS = ["decision_id", "person_id", "service", "provider_id"]
PROVIDER_TYPES = ("municipal", "private")
OWNERS = ("municipal", "self_governing", "private")
OUTCOMES = ("independent", "reduced", "unchanged")
TREND_ANCHOR, TREND_PER_YEAR = Period(2024, 1), 0.975  # onsets fall 2.5%/year: the home-help share ~2%/year
HH_MIN_AGE = 45
DECISION_SERIALS, COURSE_SERIALS = 1 << 32, 3 << 31  # serial ranges of the ids, apart from persons' serials

# --- calibration (national, scale 1.0) ----------------------------------------------------------------
HH_PEAK, HH_MID, HH_SPREAD = 0.72, 85.5, 4.6
"""Steady-state share in the help chain by age: HH_PEAK / (1 + exp(-(age - HH_MID) / HH_SPREAD)). After the
lag of the chain and the moves to nursing homes: ~3.7% of 65-79, ~22% of 80-89 and ~41% of 90+ get help
in their own homes, ~110,000 recipients 65+."""
HH_YOUNG = 0.0022  # share of 45-64-year-olds with help (disability, illness): ~5,000 nationally
NH_PEAK, NH_MID, NH_SPREAD = 0.82, 85.0, 5.5
"""Share of deaths at an age that end a nursing-home stay (~37,000 residents: ~0.9% of 65-79, ~7% of 80-89,
~21% of 90+)."""
NH_STAY_YEARS, NH_STAY_SHAPE = 2.4, 0.9  # mean stay; gamma shape < 1: many die within months of moving in
PRE_MOVE_DAYS = 210  # mean extra lead time of the escalated personal care before a move to a nursing home
REHAB_SHARE = 0.42  # share of new home-help spells that start with a course: ~25,000 courses a year
REHAB_WEEKS = 11  # planned length; deaths, moves and early recoveries bring the mean to ~10 weeks
FTE_HOURS_HOME_CARE = 1100  # delivered hours per full-time home-care employee per year
NH_FTE_PER_RESIDENT = {"health_helper": 0.30, "health_assistant": 0.34, "nurse": 0.07, "service": 0.14,
                       "manager": 0.05}
HOME_CARE_MIX = {"health_helper": 0.55, "health_assistant": 0.33, "nurse": 0.12}
PRICE_PER_HOUR = (400.0, 445.0)  # paid to private providers per delivered hour: practical, personal (DKK)
FOOD_PER_RESIDENT_MONTH = 2600.0  # DKK, raw food bought by the municipal homes' kitchens
PLACE_PRICE = {"self_governing": 36_000.0, "private": 38_500.0}  # DKK per resident-month, homes run by others


@dataclass
class Spans:
    """Time spans of a service per person: ``start`` inclusive, ``end`` exclusive day numbers."""

    person: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def __len__(self) -> int:
        return len(self.person)

    def take(self, index: np.ndarray) -> "Spans":
        return type(self)(**{f.name: getattr(self, f.name)[index] for f in fields(self)})

    def overlapping(self, first: int, last: int) -> np.ndarray:
        return (self.start < last) & (self.end > first)

    def days_in(self, first: int, last: int) -> np.ndarray:
        return np.clip(np.minimum(self.end, last) - np.maximum(self.start, first), 0, None)

    def shown_end(self, last: int) -> np.ndarray:
        """The last day when it falls before ``last`` (the extract day), else 'no date'."""
        return np.where(self.end <= last, self.end - 1, MISSING_DAY).astype(np.int32)


@dataclass
class Stays(Spans):
    home: np.ndarray
    """Index of the nursing home in the homes table."""


@dataclass
class Decisions(Spans):
    service: np.ndarray
    hours: np.ndarray
    provider: np.ndarray
    """Index into the provider list (home-care districts, then private firms)."""


@dataclass
class Courses(Spans):
    outcome: np.ndarray


@dataclass
class Care:
    """Everything simulated for the horizon, before it is cut into months."""

    stays: Stays
    decisions: Decisions
    courses: Courses
    homes: pa.Table
    provider_ids: np.ndarray
    provider_names: np.ndarray
    provider_private: np.ndarray


def _years(people: People, index: np.ndarray, day: np.ndarray | int) -> np.ndarray:
    return (np.asarray(day, dtype=np.float64) - people.birth[index]) / YEAR


def help_share(age: np.ndarray) -> np.ndarray:
    """Steady-state share with home help by age, before nursing homes take some of them."""
    old = HH_PEAK / (1 + np.exp(-(age - HH_MID) / HH_SPREAD))
    return np.where(age >= HH_MIN_AGE, old + HH_YOUNG, 0.0)


def help_exit(age: np.ndarray) -> np.ndarray:
    """Monthly probability that help stops (mean spells of 1.5 years at 65, 3 years at 85+)."""
    return 1 / np.clip(18 + 0.9 * (age - 65), 15, 36)


def _trend(period: Period) -> float:
    return TREND_PER_YEAR ** ((period.index - TREND_ANCHOR.index) / 12)


# --- nursing homes ---------------------------------------------------------------------------------------

def nursing_stays(ctx: MunicipalityContext, rng: np.random.Generator, policy: float) -> Stays:
    """Stays that end with the person's death (or move away), at most one per person."""
    people, starts = ctx.people, ctx.period_starts
    first, end = int(starts[0]), int(starts[-1])
    idx = np.flatnonzero(people.present(first, end) & (_years(people, slice(None), end) >= 60))
    leave, kind, arrive = people.leave[idx].astype(np.int64), people.leave_kind[idx], people.arrive[idx]
    after = np.where(kind == STAYS, end, leave)
    residual = rng.exponential(YEAR / death_rate(_years(people, idx, after)))
    death = np.where(kind == DIED, leave, after + residual.astype(np.int64))
    at_death = _years(people, idx, death)
    share = NH_PEAK / (1 + np.exp(-(at_death - NH_MID) / NH_SPREAD))
    weight = np.exp(0.2 * people.latent[idx] - 0.02) * ctx.profile.rate(0.08) * policy
    chosen = rng.random(len(idx)) < share * weight
    length = rng.gamma(NH_STAY_SHAPE, NH_STAY_YEARS * YEAR / NH_STAY_SHAPE, len(idx)).astype(np.int64)
    move_in = death - length
    # Before arriving: residents since long ago; some in-movers move straight into a home near their family.
    ok = chosen & ((move_in >= arrive) | (arrive <= first) | (rng.random(len(idx)) < 0.3))
    move_in = np.maximum(move_in, arrive)
    move_out = np.minimum(death, leave)
    # Moves up to two years after the horizon count too: the help escalated before them runs into it.
    ok &= (move_in < move_out) & (move_in < end + 2 * YEAR) & (move_out > first)
    ok &= _years(people, idx, move_in) >= 55
    move_out = np.where(move_out >= end, NEVER, move_out)
    return Stays(idx[ok], move_in[ok], move_out[ok], np.zeros(ok.sum(), np.int64))


def plan_homes(ctx: MunicipalityContext, stays: Stays, rng) -> pa.Table:
    """Nursing homes sized for the residents (~40 places in the country, ~70 in cities); sets stays' homes."""
    starts = ctx.period_starts
    occupancy = np.array([(stays.overlapping(int(a), int(b))).sum() for a, b in zip(starts[:-1], starts[1:])])
    n = max(1, int(round(occupancy.mean() / (40 + 30 * ctx.profile.urban)))) if len(stays) else 1
    ids = ctx.institution_ids("elderly", n, 4000)
    owner = np.concatenate([[0], rng.choice(3, n - 1, p=[0.78, 0.15, 0.07])]).astype(np.int8)
    district = ctx.people.district[stays.person].astype(np.int64)
    stays.home = np.where(rng.random(len(stays)) < 0.15, rng.integers(0, n, len(stays)), district % n)
    places = np.ones(n)
    for a, b in zip(starts[:-1], starts[1:]):
        places = np.maximum(places, np.bincount(stays.home[stays.overlapping(int(a), int(b))], minlength=n))
    places = np.ceil(places * rng.uniform(1.0, 1.06, n)).astype(np.int32)
    return pa.table({
        "nursing_home_id": pa.array(ids, pa.string()),
        "name": pa.array(institution_names(rng, "nursing_home", n), pa.string()),
        "places": places,
        "owner": pa.array(np.array(OWNERS, dtype=object)[owner], pa.string()),
        "municipality": np.full(n, ctx.code, dtype=np.int16),
        "monthly_rent": np.round(rng.uniform(5800, 7600) * rng.uniform(0.9, 1.1, n), -1),  # DKK per dwelling
        "service_rate": np.round(rng.uniform(3300, 4500) * rng.uniform(0.95, 1.05, n), -1),  # meals, laundry
    })


# --- home help ----------------------------------------------------------------------------------------------

def _rates(age: np.ndarray, weight: np.ndarray, period: Period) -> tuple[np.ndarray, np.ndarray]:
    """Monthly probabilities of help starting (a) and stopping (b); a / (a + b) is the steady-state share."""
    b = help_exit(age)
    p = np.minimum(help_share(age) * weight * _trend(period), 0.9)
    return b * p / (1 - p), b


def initial_help(age: np.ndarray, weight: np.ndarray, start: Period, years: int = 10) -> np.ndarray:
    """Probability of having help when the horizon starts: the chain's forward equation over ``years``.

    The share rises steeply with age and spells last years, so the share at an age lags behind the
    steady state at that age; starting from it would make the first months decline.
    """
    a, b = _rates(age - years, weight, start - 12 * years)
    p = a / (a + b)
    for k in range(years * 4, 0, -1):  # quarterly steps
        a, b = _rates(age - k / 4, weight, start - 3 * k)
        p = p * (1 - b) ** 3 + (1 - p) * (1 - (1 - a) ** 3)
    return p


def help_spells(ctx: MunicipalityContext, rng: np.random.Generator, weight: np.ndarray) -> Spans:
    """The monthly help/no-help chain for everyone aged 45+ at some point of the horizon."""
    people, starts = ctx.people, ctx.period_starts
    first, end = int(starts[0]), int(starts[-1])
    idx = np.flatnonzero(people.present(first, end) & (_years(people, slice(None), end) >= HH_MIN_AGE))
    arrive, leave, w = people.arrive[idx], people.leave[idx], weight[idx]
    age0 = _years(people, idx, first)
    state = (arrive <= first) & (rng.random(len(idx)) < initial_help(age0, w, ctx.periods[0]))
    since = np.maximum(first - np.floor(rng.exponential(30.44 / help_exit(age0))).astype(np.int64), arrive)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for t, period in enumerate(ctx.periods):
        month_first, nxt = int(starts[t]), int(starts[t + 1])
        a, b = _rates(_years(people, idx, month_first), w, period)
        a = a * (1 + 0.05 * np.cos(np.pi * period.month / 6))  # more applications in winter
        movers = (arrive > first) & (arrive >= month_first) & (arrive < nxt)
        begin = movers & (rng.random(len(idx)) < 0.5 * a / (a + b))  # some bring a need for help
        since[begin] = arrive[begin]
        day = month_first + np.floor(rng.random(len(idx)) * (nxt - month_first)).astype(np.int64)
        u = rng.random(len(idx))
        around = (leave > day) & (arrive <= day)
        stop = state & around & (u < b) & (day > since)
        parts.append((idx[stop], since[stop], day[stop]))
        start = ~state & around & ~begin & (u < a)
        state = (state & ~stop) | start | begin
        since[start] = day[start]
    parts.append((idx[state], since[state], np.full(state.sum(), NEVER, np.int64)))
    person, start, stop = (np.concatenate(x) for x in zip(*parts))
    stop = np.minimum(stop, people.leave[person])
    keep = stop > start
    return Spans(person[keep], start[keep], np.where(stop[keep] >= end, NEVER, stop[keep]))


def before_moves(ctx, spells: Spans, stays: Stays, rng) -> tuple[Spans, Spans]:
    """Cut help at a move to a nursing home, and add the escalated help visited before the move."""
    first = int(ctx.period_starts[0])
    lead = 20 + rng.exponential(PRE_MOVE_DAYS, len(stays)).astype(np.int64)
    direct = rng.random(len(stays)) < 0.1  # from hospital, without a new visitation of help at home
    cut_at = np.full(len(ctx.people), NEVER, np.int64)
    cut_at[stays.person] = np.where(direct, stays.start, stays.start - lead)
    spells = spells.take(np.flatnonzero(spells.start < cut_at[spells.person]))
    spells.end = np.minimum(spells.end, cut_at[spells.person])
    pre_start = np.maximum(stays.start - lead, ctx.people.arrive[stays.person])
    new = ~direct & (stays.start > first) & (pre_start < stays.start)
    return spells, Spans(stays.person[new], pre_start[new], stays.start[new])


def rehabilitate(ctx, spells: Spans, rng) -> tuple[Spans, Courses, np.ndarray]:
    """A course at the start of ~40% of help spells; returns spells (shortened), courses, reduced days."""
    people = ctx.people
    age = _years(people, spells.person, spells.start)
    # Spells that began before the horizon had their courses too, so the first months are in steady state.
    offered = rng.random(len(spells)) < REHAB_SHARE * np.where(age < 65, 0.5, 1)
    s = spells.take(np.flatnonzero(offered))
    course_end = s.start + np.maximum(14, rng.gamma(4.0, REHAB_WEEKS * 7 / 4, len(s))).astype(np.int64)
    p_independent = np.clip(0.45 - 0.012 * (age[offered] - 75), 0.15, 0.6)  # the younger, the more
    u = rng.random(len(s))
    outcome = np.where(u < p_independent, 0, np.where(u < p_independent + 0.3, 1, 2)).astype(np.int8)
    early = s.end < course_end  # help ended during the course: by itself, or by death or a move
    outcome = np.where(early, np.where(s.end >= people.leave[s.person], 2, 0), outcome).astype(np.int8)
    course_end = np.minimum(course_end, s.end)
    spell_end = spells.end.copy()
    spell_end[offered] = np.where(outcome == 0, course_end, s.end)
    reduced_at = np.full(len(spells), NEVER, np.int64)
    reduced_at[offered] = np.where((outcome == 1) & (s.end > course_end), course_end, NEVER)
    open_end = np.where(course_end >= int(ctx.period_starts[-1]), NEVER, course_end)
    courses = Courses(s.person, s.start, open_end, outcome)
    return Spans(spells.person, spells.start, spell_end), courses, reduced_at


def _split(d: Decisions, at: np.ndarray, factor: np.ndarray) -> Decisions:
    """A re-visitation: decisions with ``at`` inside them end there, and a new one with new hours follows."""
    cut = np.flatnonzero((at > d.start) & (at < d.end))
    after = d.take(cut)
    after.start, after.hours = at[cut], _quarter(after.hours * factor[cut])
    d.end[cut] = at[cut]
    return Decisions(**{f.name: np.concatenate([getattr(d, f.name), getattr(after, f.name)])
                        for f in fields(d)})


def _quarter(hours: np.ndarray) -> np.ndarray:
    return np.clip(np.round(hours * 4) / 4, 0.25, 60)  # visited in quarter hours, at most 60 a week


def make_decisions(ctx, spells: Spans, pre: Spans, reduced_at: np.ndarray, rng, level: float) -> Decisions:
    """One decision per service of each spell, with visited hours per week."""
    people = ctx.people
    both = Spans(*(np.concatenate([getattr(spells, k), getattr(pre, k)]) for k in ("person", "start", "end")))
    escalated = np.arange(len(both)) >= len(spells)
    age = _years(people, both.person, both.start)
    p_personal = np.clip(0.25 + 0.022 * (age - 70), 0.15, 0.7) * np.exp(0.15 * people.latent[both.person])
    personal = escalated | (rng.random(len(both)) < p_personal)
    practical = ~personal | (rng.random(len(both)) < np.where(escalated, 0.8, 0.75))
    care_mean = np.where(escalated, 9.0, 4.1) * level
    care = rng.lognormal(np.log(care_mean) - 0.4, 0.9, len(both))
    chores = rng.gamma(4.0, 0.25 * level, len(both))
    rows = np.concatenate([np.flatnonzero(practical), np.flatnonzero(personal)])
    service = np.repeat([0, 1], [practical.sum(), personal.sum()]).astype(np.int8)
    hours = _quarter(np.where(service == 1, care[rows], chores[rows]))
    d = Decisions(both.person[rows], both.start[rows], both.end[rows], service, hours,
                  np.zeros(len(rows), np.int32))
    at = np.concatenate([reduced_at, np.full(len(pre), NEVER)])[rows]
    d = _split(d, at, rng.uniform(0.4, 0.75, len(d)))
    horizon_end = int(ctx.period_starts[-1])
    span = np.minimum(d.end, horizon_end) - d.start
    revisit = (d.service == 1) & (span > 270) & (rng.random(len(d)) < 0.3)
    at = np.where(revisit, d.start + 90 + (rng.random(len(d)) * (span - 120)).astype(np.int64), NEVER)
    return _split(d, at, rng.lognormal(0.2, 0.25, len(d)))


def provider_market(ctx: MunicipalityContext) -> tuple[float, float, list[int]]:
    """Shares of practical help and personal care that private firms deliver (free choice), and the firms."""
    market = ctx.rng("elderly/providers")
    practical = 0.45 * market.beta(1.2, 2.2)  # 0-45% of practical help, mean ~15%
    personal = practical * market.uniform(0.15, 0.45)  # care is mostly left to the municipality
    firms = 1 + int(practical > 0.1) + int(practical > 0.2 and ctx.profile.urban > 0.6)
    return practical, personal, [int(i) for i in market.choice(len(PRIVATE_PROVIDERS), firms, replace=False)]


def assign_providers(ctx, d: Decisions, rng) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Home-care districts by address, or the private firm a recipient chose; returns the provider list."""
    people, (practical, personal, firms) = ctx.people, provider_market(ctx)
    recipients = len(np.unique(d.person[d.overlapping(int(ctx.period_starts[0]), int(ctx.period_starts[1]))]))
    districts = max(1, int(round(recipients * (1 - practical) / 650)))
    private = rng.random(len(people))[d.person] < np.where(d.service == 0, practical, personal)
    firm = (people.serial[d.person] % len(firms)).astype(np.int32)
    d.provider = np.where(private, districts + firm, people.district[d.person] % districts).astype(np.int32)
    ids = ctx.institution_ids("elderly", districts, 4000) + [PRIVATE_PROVIDERS[i][0] for i in firms]
    names = institution_names(rng, "home_care", districts) + [PRIVATE_PROVIDERS[i][1] for i in firms]
    return np.array(ids, dtype=object), np.array(names, dtype=object), np.arange(len(ids)) >= districts


def policy(ctx: MunicipalityContext) -> dict[str, float]:
    """The municipality's own practice, beyond what its structure explains (multipliers; delivery ratio)."""
    z = ctx.rng("elderly/policy").standard_normal(4)
    return {"onset": float(np.exp(0.10 * z[0])), "nursing": float(np.exp(0.12 * z[1])),
            "hours": float(np.exp(0.10 * z[2])), "delivered": float(np.clip(0.9 + 0.025 * z[3], 0.84, 0.96))}


def simulate(ctx: MunicipalityContext) -> Care:
    """The horizon: nursing homes first, help cut and escalated around the moves, then rehabilitation."""
    rng, own = ctx.rng("elderly/simulation"), policy(ctx)
    first, end = int(ctx.period_starts[0]), int(ctx.period_starts[-1])
    stays = nursing_stays(ctx, rng, own["nursing"])
    weight = latent_weight(ctx.people, 0.3) * ctx.profile.rate(0.07) * own["onset"]
    spells, pre = before_moves(ctx, help_spells(ctx, rng, weight), stays, rng)
    stays = _in_order(stays, first, end)
    homes = plan_homes(ctx, stays, rng)
    spells, courses, reduced_at = rehabilitate(ctx, spells, rng)
    d = make_decisions(ctx, spells, pre, reduced_at, rng, own["hours"] * ctx.profile.rate(0.05))
    d = _in_order(d, first, end, d.service)
    ids, names, private = assign_providers(ctx, d, rng)
    return Care(stays, d, _in_order(courses, first, end), homes, ids, names, private)


def _in_order(spans: Spans, first: int, end: int, *tie: np.ndarray) -> Spans:
    """The spans inside the horizon, by start day and person (the order of the files)."""
    keep = np.flatnonzero(spans.overlapping(first, end) & (spans.end > spans.start))
    return spans.take(keep[np.lexsort(tuple(t[keep] for t in tie) + (spans.person[keep], spans.start[keep]))])


# --- monthly tables -----------------------------------------------------------------------------------------

def _codes(values: tuple[str, ...], index: np.ndarray) -> pa.Array:
    return pa.array(np.array(values, dtype=object)[index], pa.string())


def _person(people: People, person: np.ndarray, sex: bool = True) -> dict[str, object]:
    cols = {"person_id": people.ids(person), "birth_date": people.birth[person]}
    return cols | ({"sex": people.sex[person]} if sex else {})


def fixed_columns(ctx: MunicipalityContext, care: Care) -> tuple[pa.Table, pa.Table, pa.Table]:
    """The columns that stay the same every month, for every decision, stay and course of the horizon."""
    d, s, c, people = care.decisions, care.stays, care.courses, ctx.people
    decisions = pa.table({
        "decision_id": pseudonyms("B", ctx.code, DECISION_SERIALS + np.arange(len(d))),
        **_person(people, d.person),
        "service": _codes(SERVICES, d.service), "hours_per_week": d.hours,
        "provider_type": _codes(PROVIDER_TYPES, care.provider_private[d.provider].astype(np.int8)),
        "provider_id": pa.array(care.provider_ids[d.provider], pa.string()),
        "provider_name": pa.array(care.provider_names[d.provider], pa.string()),
        "start_date": d.start.astype(np.int32)})
    stays = pa.table({**_person(people, s.person),
                      "nursing_home_id": care.homes.column("nursing_home_id").take(pa.array(s.home)),
                      "move_in": s.start.astype(np.int32)})
    courses = pa.table({"course_id": pseudonyms("R", ctx.code, COURSE_SERIALS + np.arange(len(c))),
                        **_person(people, c.person, sex=False), "start_date": c.start.astype(np.int32)})
    return decisions, stays, courses


def delivered_hours(d: Decisions, first: int, last: int, rng, level: float) -> np.ndarray:
    """Visited hours x weeks of the month, minus visits not made (hospital stays, cancellations)."""
    ratio = np.clip(rng.normal(level, 0.04, len(d)), 0.6, 1.0)
    ratio *= np.where(rng.random(len(d)) < 0.04, rng.uniform(0.2, 0.8, len(d)), 1.0)
    return np.round(d.hours * d.days_in(first, last) / 7 * ratio, 2)


# --- payroll and ledger ---------------------------------------------------------------------------------

def register(ctx: MunicipalityContext, care: Care, hours: np.ndarray, private_cost: np.ndarray,
             resident_months: np.ndarray, course_months: np.ndarray) -> None:
    """Staff of the municipality's own units (home care, nursing homes, rehabilitation) and other money."""
    homes = care.homes.to_pydict()
    for h, home_id in enumerate(homes["nursing_home_id"]):
        months, owner = resident_months[:, h], homes["owner"][h]
        if owner == "municipal":
            ctx.add_workplace(Workplace(home_id, homes["name"][h], "nursing_home", "5.30.27",
                                        {job: months * fte for job, fte in NH_FTE_PER_RESIDENT.items()}))
            ctx.add_cost("0.25.19", "7.1", -months * homes["monthly_rent"][h], cost_centre=home_id)
            ctx.add_cost("5.30.27", "7.2", -months * homes["service_rate"][h], cost_centre=home_id)
            ctx.add_cost("5.30.27", "2.2", months * FOOD_PER_RESIDENT_MONTH, cost_centre=home_id)
        else:  # operating grant to a self-governing home, or places bought in a private one
            art = "5.9" if owner == "self_governing" else "4.0"
            ctx.add_cost("5.30.27", art, months * PLACE_PRICE[owner], cost_centre=home_id)
    for j in np.flatnonzero(~care.provider_private):
        district, fte = care.provider_ids[j], hours[:, j] * 12 / FTE_HOURS_HOME_CARE
        staff = {job: fte * share for job, share in HOME_CARE_MIX.items()}
        staff["manager"] = np.where(fte > 0, 1.0, 0.0)
        ctx.add_workplace(Workplace(district, care.provider_names[j], "home_care", "5.30.26", staff))
        ctx.add_cost("5.30.26", "2.9", hours[:, j] * 35.0, cost_centre=district)  # cars, fuel, phones
    ctx.add_cost("5.30.26", "4.0", private_cost)
    therapists = np.where(course_months.sum() > 0, np.maximum(course_months / 18, 0.5), 0.0)  # 18 courses/FTE
    team = ctx.institution_ids("elderly", 1, 4000)[0]
    ctx.add_workplace(Workplace(team, "Rehabiliteringsteamet", "rehabilitation", "5.30.31",
                                {"therapist": therapists}))


def frames(ctx: MunicipalityContext) -> Iterator[Frame]:
    care = simulate(ctx)
    decision_table, stay_table, course_table = fixed_columns(ctx, care)
    level, rng = policy(ctx)["delivered"], ctx.rng("elderly/delivered")
    n, homes, providers = len(ctx.periods), care.homes.num_rows, len(care.provider_ids)
    hours, private_cost = np.zeros((n, providers)), np.zeros(n)
    resident_months, course_months = np.zeros((n, homes)), np.zeros(n)
    for t, period in enumerate(ctx.periods):
        first, last = int(ctx.period_starts[t]), int(ctx.period_starts[t + 1])
        rows, in_home, active = (np.flatnonzero(x.overlapping(first, last))
                                 for x in (care.decisions, care.stays, care.courses))
        month, stays, courses = care.decisions.take(rows), care.stays.take(in_home), care.courses.take(active)
        delivered = delivered_hours(month, first, last, rng, level)
        move_out = np.where(stays.end <= last, stays.end, MISSING_DAY).astype(np.int32)
        outcome = pa.array(np.array(OUTCOMES, dtype=object)[courses.outcome], pa.string(),
                           mask=courses.end > last)  # known once the course has ended
        yield Frame("home_help", period, decision_table.take(rows).append_column("end_date",
                                                                                  [month.shown_end(last)]))
        yield Frame("delivered", period, decision_table.select(DELIVERED_COLUMNS).take(rows).append_column(
            "delivered_hours", [delivered]))
        yield Frame("nursing_homes", period, care.homes)
        yield Frame("residents", period, stay_table.take(in_home).append_column("move_out", [move_out]))
        yield Frame("rehabilitation", period, course_table.take(active).append_column(
            "end_date", [courses.shown_end(last)]).append_column("outcome", [outcome]))

        hours[t] = np.bincount(month.provider, weights=delivered, minlength=providers)
        private_cost[t] = (delivered * np.take(PRICE_PER_HOUR, month.service)
                           * care.provider_private[month.provider]).sum()
        share_of_month = stays.days_in(first, last) / (last - first)
        resident_months[t] = np.bincount(stays.home, weights=share_of_month, minlength=homes)
        course_months[t] = courses.days_in(first, last).sum() / (last - first)
    register(ctx, care, hours, private_cost, resident_months, course_months)


DOMAIN = Domain("elderly", "Elderly care (home help, nursing homes, rehabilitation)", DATASETS, VENDORS,
                frames)
