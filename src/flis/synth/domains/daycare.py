"""Daycare (dagtilbud): family daycare, nurseries, kindergartens and integrated institutions.

Every young child of the municipality gets one plan for the whole horizon, because a
daycare career is predictable once it starts: a place from about 10-12 months (in
family daycare or a nursery group), a move to a kindergarten group at about 2 years
10 months (children in an integrated institution mostly stay where they are), and
leaving at school start, on 1 May in municipalities with a "førskole" and otherwise
on 1 August of the year the child turns six (a year later for children whose school
start is deferred: the same children as in the schools domain). A few children only
get a place at three, some never. Take-up falls with the family's disadvantage, so
deprived municipalities have a lower coverage of 1-2-year-olds. Children who move in
get a place after a short wait; children who move away leave.

The institutions are planned to fit the demand this creates, per daycare district:
the municipality's policy sets the share of family daycare (high in rural areas), of
integrated institutions, of self-governing and private owners, the staff ratios, the
part-time offer and the parental fees. Children are counted on the 5th of the month.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pyarrow as pa

from flis.periods import Period
from flis.synth.calendar import working_days
from flis.synth.context import MunicipalityContext, Workplace
from flis.synth.domains.base import Dataset, Domain, Frame
from flis.synth.domains.schools import _persistent_uniform
from flis.synth.ids import pseudonyms
from flis.synth.names import institution_names
from flis.synth.people import NEVER, YEAR, People
from flis.synth.profile import gravity
from flis.synth.vendors.daycare import INSTITUTION_TYPES, OWNERS, PLACE_TYPES, STAFF_CATEGORIES, VENDORS

DATASETS = (
    Dataset("institutions", "Daycare institutions and family-daycare districts with type, owner, approved "
            "places and district.", "register", id_column="institution_id"),
    Dataset("enrolments", "Children enrolled on the 5th of the month with institution, place type, weekly "
            "hours, home and paying municipality and the month's parental payment.", "monthly",
            id_column="child_id", countable=True),
    Dataset("staff", "Staff full-time equivalents per institution and staff category.", "monthly"),
)

FAMILY, NURSERY, KINDERGARTEN, INTEGRATED = range(4)  # indexes into INSTITUTION_TYPES
PLACE_FAMILY, PLACE_NURSERY, PLACE_KINDERGARTEN = range(3)  # indexes into PLACE_TYPES
MUNICIPAL, SELF_GOVERNING, PRIVATE = range(3)  # indexes into OWNERS
FUNCTIONS = ("5.25.11", "5.25.12", "5.25.13", "5.25.14")  # chart-of-accounts function per institution type
COUNT_DAY = 5
MONTH = YEAR / 12

# Take-up, calibrated on national coverage (DST: ~15 % of 0-year-olds, ~88 % of 1-2, ~97 % of 3-5 years).
EARLY_THRESHOLD = NormalDist().inv_cdf(0.905)  # probit threshold: a place before the age of three
LATE_THRESHOLD = NormalDist().inv_cdf(0.986)  # probit threshold: a place at the latest from three
LATENT_LOADING = 0.35  # how much of the propensity to keep a child at home is the family's disadvantage
START_SD = 1.7  # months of spread around the municipality's mean age at the first place
ELSEWHERE_SHARE = 0.015  # residents with a place in the neighbouring municipality (not in this delivery)
GUEST_SHARE = 0.015  # children from the neighbouring municipality in this municipality's institutions
PLACED_SHARE = 0.004  # resident children another municipality pays for (placed in foster care here)
STAY_SHARE = 0.92  # children of an integrated institution who stay there for their kindergarten years
DISTRICT_CHILDREN = 500  # enrolled children per daycare district
FAMILY_UNIT_CHILDREN = 120  # children per family-daycare district (about 30 childminders)
PART_TIME_HOURS = 30.0
NURSERY_RATIO, KINDERGARTEN_RATIO = 3.0, 6.0  # children per pedagogical FTE at 0-2 and 3-5 years

# Money per child and month (DKK), per place type: family daycare, nursery, kindergarten.
FEES = (3_300.0, 3_500.0, 2_100.0)  # full-time parental fee before discounts
SUBSIDY = (0.0, 10_300.0, 5_300.0)  # operating, building and administration subsidy to private institutions
FOOD_PER_DAY = 30.0  # lunch scheme (childminders: food allowance) per child and attended day
MATERIALS = 150.0


@dataclass(frozen=True)
class Policy:
    """The municipality's daycare choices: seeded per municipality, independent of scale."""

    take_up_shift: float  # on the probit thresholds of take-up
    start_months: float  # mean age at the first place
    preschool_may: bool  # children leave for a "førskole" on 1 May instead of 1 August
    part_time_share: float  # share of places that are 30-hour places
    family_share: float  # share of places before kindergarten age in family daycare
    integrated_share: float  # share of institution places in integrated (0-5) institutions
    private_share: float  # share of institutions that are private
    self_governing_share: float
    staffing: float  # factor on the staff per child of NURSERY_RATIO and KINDERGARTEN_RATIO
    childminder_ratio: float  # children per childminder (4 places, a few vacant)
    pedagogue_share: float  # pedagogues among pedagogical staff
    full_time_hours: float
    fee_level: float  # factor on FEES


def draw_policy(ctx: MunicipalityContext) -> Policy:
    rng = ctx.rng("daycare/policy")
    z, u = rng.standard_normal(12), rng.random(3)
    urban, social = ctx.profile.urban, ctx.profile.social_index
    return Policy(
        take_up_shift=float(0.12 * z[0]),
        start_months=float(9.9 + 0.5 * z[1]),
        preschool_may=bool(u[0] < 0.5),
        part_time_share=float(np.clip(0.06 + 0.03 * z[2], 0.02, 0.12)) if u[1] < 0.35 else 0.01,
        family_share=float(np.clip(0.42 - 0.40 * urban + 0.07 * z[3], 0.02, 0.65)),
        integrated_share=float(np.clip(0.62 + 0.10 * urban + 0.10 * z[4], 0.3, 0.95)),
        private_share=float(np.clip(0.06 + 0.04 * urban - 0.015 * social + 0.05 * z[5], 0.0, 0.25)),
        self_governing_share=float(np.clip(0.08 + 0.15 * urban + 0.06 * z[7], 0.0, 0.4)),
        # Deprived municipalities get extra staff (the socio-economic share of the minimum-staffing grant).
        staffing=float(np.exp(0.05 * z[6] + 0.035 * social)),
        childminder_ratio=float(np.clip(3.9 + 0.15 * z[8], 3.5, 4.3)),
        pedagogue_share=float(np.clip(0.58 + 0.05 * z[9], 0.45, 0.72)),
        full_time_hours=(42.0, 45.0, 45.0, 45.0, 48.0, 50.0)[int(u[2] * 6)],
        fee_level=float(np.exp(0.08 * z[10])),
    )


@dataclass
class Children:
    """Everyone who could hold a place during the horizon: young residents and guests from the neighbour."""

    serial: np.ndarray
    birth: np.ndarray
    sex: np.ndarray
    latent: np.ndarray
    arrive: np.ndarray
    leave: np.ndarray
    district: np.ndarray
    home: np.ndarray  # also where the pseudonym is minted (guests: the neighbouring municipality)
    paying: np.ndarray
    guest: np.ndarray

    def ids(self, index: np.ndarray) -> pa.Array:
        return pseudonyms("P", self.home[index], self.serial[index])


@dataclass
class Plan:
    """Each child's daycare career as day numbers: phase 1 (before kindergarten age) and phase 2."""

    start1: np.ndarray  # NEVER when there is no phase 1
    end1: np.ndarray
    family: np.ndarray  # phase 1 in family daycare
    start2: np.ndarray  # NEVER when there is no phase 2
    end2: np.ndarray
    transfer: np.ndarray  # the day the child moves to a kindergarten place
    hours: np.ndarray  # weekly hours of the child's places
    discount: np.ndarray  # factor on the fee (subsidised place, sibling discount)


@dataclass
class Institutions:
    ids: list[str]
    names: list[str]
    type: np.ndarray
    owner: np.ndarray
    district: np.ndarray
    nursery: np.ndarray  # planned nursery-age children (family daycare: all its children)
    kindergarten: np.ndarray
    capacity: np.ndarray
    staffing: np.ndarray  # pedagogical FTE per full-time child relative to the national ratios
    pedagogue_share: np.ndarray


@dataclass
class Enrolments:
    """Spells of a child (index into ``Children`` and ``Plan``) at one institution: [start, end)."""

    child: np.ndarray
    institution: np.ndarray
    start: np.ndarray
    end: np.ndarray


def young_children(ctx: MunicipalityContext, people: People, districts: int,
                   rng: np.random.Generator) -> Children:
    """Residents young enough for daycare in the horizon, plus guests from the neighbouring municipality."""
    first, end = int(ctx.period_starts[0]), int(ctx.period_starts[-1])
    idx = np.flatnonzero(people.present(first, end) & (people.birth > first - 7 * YEAR))
    codes, flows = gravity()
    placing = rng.choice(codes, len(idx), p=flows[int(np.flatnonzero(codes == ctx.code)[0])])
    paying = np.where(rng.random(len(idx)) < PLACED_SHARE, placing, ctx.code).astype(np.int16)
    # Guests: births spread evenly so that about GUEST_SHARE of the enrolled are guests at any time.
    enrolled = 0.78 * float(((people.age(first) < 6) & people.resident(first)).sum())
    window = (first - 7 * YEAR, end - 0.5 * YEAR)
    n = int(rng.poisson(GUEST_SHARE * enrolled / (4.8 * YEAR) * (window[1] - window[0])))
    g_birth = rng.integers(int(window[0]), int(window[1]), n)
    here, there = np.full(len(idx), ctx.code, np.int16), np.full(n, ctx.profile.neighbour, np.int16)
    return Children(
        serial=np.concatenate([people.serial[idx], 60_000_000 + np.arange(n, dtype=np.int64)]),
        birth=np.concatenate([people.birth[idx], g_birth]).astype(np.int64),
        sex=np.concatenate([people.sex[idx], rng.choice([1, 2], n)]).astype(np.int8),
        latent=np.concatenate([people.latent[idx], rng.standard_normal(n)]).astype(np.float32),
        arrive=np.concatenate([people.arrive[idx], g_birth]).astype(np.int64),
        leave=np.concatenate([people.leave[idx], np.full(n, NEVER)]).astype(np.int64),
        district=np.concatenate([people.district[idx] % districts, rng.integers(0, districts, n)]
                                ).astype(np.int16),
        home=np.concatenate([here, there]),
        paying=np.concatenate([paying, there]),
        guest=np.concatenate([np.zeros(len(idx), bool), np.ones(n, bool)]),
    )


def _intake_day(day: np.ndarray) -> np.ndarray:
    """The next intake day on or after ``day``: places start on the 1st or the 15th of a month."""
    d = np.asarray(day, dtype=np.int64).astype("datetime64[D]")
    first, nxt = ((d.astype("datetime64[M]") + k).astype("datetime64[D]") for k in (0, 1))
    offset = (d - first).astype(np.int64)
    return np.where(offset == 0, first, np.where(offset <= 14, first + 14, nxt)).astype(np.int64)


def _school_start(ctx: MunicipalityContext, kids: Children, policy: Policy) -> np.ndarray:
    """1 May (førskole) or 1 August of the year the child turns six; deferred children a year later."""
    late = (_persistent_uniform(kids.serial, 1, ctx.config.seed) < 0.07) & ~kids.guest
    year = kids.birth.astype("datetime64[D]").astype("datetime64[Y]") + (6 + late.astype(np.int64))
    month = year.astype("datetime64[M]") + (4 if policy.preschool_may else 7)
    return month.astype("datetime64[D]").astype(np.int64)


def plan_careers(ctx: MunicipalityContext, kids: Children, policy: Policy, rng: np.random.Generator) -> Plan:
    n = len(kids.serial)
    propensity = LATENT_LOADING * kids.latent + np.sqrt(1 - LATENT_LOADING**2) * rng.standard_normal(n)
    early = kids.guest | (propensity < EARLY_THRESHOLD + policy.take_up_shift)
    late = ~early & (propensity < LATE_THRESHOLD + policy.take_up_shift)
    elsewhere = ~kids.guest & (rng.random(n) < ELSEWHERE_SHARE)
    early, late = early & ~elsewhere, late & ~elsewhere

    birth_month = kids.birth.astype("datetime64[D]").astype("datetime64[M]")
    jitter = rng.choice([-1, 0, 1, 2], n, p=[0.15, 0.6, 0.2, 0.05])
    transfer = (birth_month + 35 + jitter).astype("datetime64[D]").astype(np.int64)  # at about 2 y 10 m
    start_age = np.clip(rng.normal(policy.start_months, START_SD, n), 6.0, 20.0)
    planned = np.where(early, kids.birth + start_age * MONTH,
                       np.maximum(kids.birth + (36 + 4 * rng.random(n)) * MONTH, transfer))
    # Children who move in get a place after a short wait (the care guarantee is about a month).
    wait = np.where(kids.arrive > kids.birth, rng.exponential(30.0, n), 0.0)
    start = _intake_day(np.maximum(planned, kids.arrive + wait).astype(np.int64))
    leave = np.minimum(_school_start(ctx, kids, policy), kids.leave)
    end1, start2 = np.minimum(transfer, leave), np.maximum(start, transfer)
    has1, has2 = early & (start < end1), (early | late) & (start2 < leave)
    hours = np.where(rng.random(n) < policy.part_time_share, PART_TIME_HOURS, policy.full_time_hours)
    # Subsidised places by income (here: disadvantage) and sibling discounts, as a factor on the fee.
    friplads = np.where(kids.latent > 1.75, 0.0, np.where(kids.latent > 1.0, 0.5, 1.0))
    sibling = np.where(rng.random(n) < 0.15, 0.5, 1.0)
    family = rng.random(n) < policy.family_share
    return Plan(np.where(has1, start, NEVER), np.where(has1, end1, NEVER), family,
                np.where(has2, start2, NEVER), np.where(has2, leave, NEVER), transfer, hours,
                friplads * sibling)


def _concurrent(start: np.ndarray, end: np.ndarray, key: np.ndarray, size: int,
                horizon: tuple[int, int]) -> np.ndarray:
    """Average number of spells active per day of the horizon, by ``key``."""
    days = np.clip(np.minimum(end, horizon[1]) - np.maximum(start, horizon[0]), 0, None)
    return np.bincount(key, weights=days, minlength=size) / (horizon[1] - horizon[0])


def plan_institutions(ctx: MunicipalityContext, policy: Policy, family: np.ndarray, nursery: np.ndarray,
                      kindergarten: np.ndarray) -> Institutions:
    """Family-daycare districts and institutions per daycare district, sized to the children expected there.

    ``family``, ``nursery`` and ``kindergarten`` are the average numbers of children per district. The
    integrated share of them goes to integrated institutions; the rest to nurseries and kindergartens
    (and to integrated ones where too few children are left for a separate institution).
    """
    rng = ctx.rng("daycare/structure")
    urban, s = ctx.profile.urban, policy.integrated_share
    size = {NURSERY: 36 + 14 * urban, KINDERGARTEN: 55 + 30 * urban, INTEGRATED: 66 + 40 * urban}
    kind, dist, nur, kg = [np.zeros(0, np.int8)], [np.zeros(0, np.int16)], [np.zeros(0)], [np.zeros(0)]

    def add(t: int, d: int, count: int, nursery_children: float, kindergarten_children: float) -> None:
        w = rng.lognormal(0.0, 0.3, count)  # institutions of unequal size
        kind.append(np.full(count, t, np.int8))
        dist.append(np.full(count, d, np.int16))
        nur.append(nursery_children * w / w.sum())
        kg.append(kindergarten_children * w / w.sum())

    units = max(1, int(round(family.sum() / FAMILY_UNIT_CHILDREN))) if family.sum() > 0 else 0
    for u in range(units):
        add(FAMILY, u, 1, family[np.arange(len(family)) % units == u].sum(), 0.0)
    for d in range(len(nursery)):
        n_nur = int(round((1 - s) * nursery[d] / size[NURSERY]))
        n_kg = int(round((1 - s) * kindergarten[d] / size[KINDERGARTEN]))
        int_nur, int_kg = nursery[d] * (s if n_nur else 1.0), kindergarten[d] * (s if n_kg else 1.0)
        if n_nur:
            add(NURSERY, d, n_nur, nursery[d] - int_nur, 0.0)
        if n_kg:
            add(KINDERGARTEN, d, n_kg, 0.0, kindergarten[d] - int_kg)
        if int_nur + int_kg > 0:
            add(INTEGRATED, d, max(1, int(round((int_nur + int_kg) / size[INTEGRATED]))), int_nur, int_kg)
    kind, dist, nur, kg = (np.concatenate(x) for x in (kind, dist, nur, kg))
    n, is_family = len(kind), kind == FAMILY
    u = rng.random(n)
    private, self_governing = policy.private_share, policy.private_share + policy.self_governing_share
    owner = np.where(u < private, PRIVATE, np.where(u < self_governing, SELF_GOVERNING, MUNICIPAL))
    owner = np.where(is_family, MUNICIPAL, owner).astype(np.int8)
    minders = np.ceil(nur * 1.05 / policy.childminder_ratio)
    capacity = np.where(is_family, minders * 4, np.ceil((nur + kg) * rng.uniform(1.0, 1.12, n)))
    staffing = policy.staffing * rng.lognormal(0.0, 0.06, n) / np.where(owner == PRIVATE, 1.06, 1.0)
    pedagogues = np.clip(policy.pedagogue_share - 0.06 * (owner > 0) + rng.normal(0, 0.05, n), 0.3, 0.85)
    names = institution_names(rng, "daycare", n)
    names = [f"Dagplejen, distrikt {dist[i] + 1}" if is_family[i] else names[i] for i in range(n)]
    return Institutions(ctx.institution_ids("daycare", n, 1000), names, kind, owner, dist, nur, kg,
                        np.maximum(capacity, 1).astype(np.int32), staffing, pedagogues)


def _pick(rng: np.random.Generator, district: np.ndarray, weight: np.ndarray, allowed: np.ndarray,
          inst_district: np.ndarray) -> np.ndarray:
    """An ``allowed`` institution per spell, in its district if possible, with probability proportional to
    ``weight`` (evenly where no allowed institution has a weight); -1 when none is allowed at all."""
    out = np.full(len(district), -1, dtype=np.int32)
    u = rng.random(len(district))
    for d in np.unique(district):
        m = district == d
        for cand in (np.flatnonzero(allowed & (inst_district == d) & (weight > 0)),
                     np.flatnonzero(allowed & (weight > 0)), np.flatnonzero(allowed)):
            if len(cand):
                cum = np.cumsum(np.where(weight[cand] > 0, weight[cand], 1.0))
                out[m] = cand[np.minimum(np.searchsorted(cum / cum[-1], u[m], side="right"), len(cand) - 1)]
                break
    return out


def place_children(ctx: MunicipalityContext, kids: Children, plan: Plan, policy: Policy,
                   districts: int) -> tuple[Institutions, Enrolments]:
    """Plan the institutions for the expected children, then give every spell an institution."""
    horizon = (int(ctx.period_starts[0]), int(ctx.period_starts[-1]))
    has1, has2 = plan.start1 < NEVER, plan.start2 < NEVER
    fam, nur = plan.family & has1, ~plan.family & has1
    inst = plan_institutions(
        ctx, policy, _concurrent(plan.start1[fam], plan.end1[fam], kids.district[fam], districts, horizon),
        _concurrent(plan.start1[nur], plan.end1[nur], kids.district[nur], districts, horizon),
        _concurrent(plan.start2[has2], plan.end2[has2], kids.district[has2], districts, horizon))
    rng = ctx.rng("daycare/assign")
    # Careers that reach into the horizon (an earlier nursery place still sets the start date of a stayer).
    last = np.maximum(np.where(has1, plan.end1, 0), np.where(has2, plan.end2, 0))
    relevant = (last > horizon[0]) & (np.minimum(plan.start1, plan.start2) < horizon[1])
    one = np.flatnonzero(relevant & has1)
    is_family = inst.type == FAMILY
    units = int(is_family.sum())
    first = np.full(len(one), -1, dtype=np.int32)
    in_family = plan.family[one] & (units > 0)
    first[in_family] = _pick(rng, kids.district[one[in_family]] % max(units, 1), inst.nursery, is_family,
                             inst.district)
    first[~in_family] = _pick(rng, kids.district[one[~in_family]], inst.nursery,
                              (inst.type == NURSERY) | (inst.type == INTEGRATED), inst.district)
    one, first = one[first >= 0], first[first >= 0]
    stays = (inst.type[first] == INTEGRATED) & (rng.random(len(one)) < STAY_SHARE) & has2[one]
    stay = one[stays]
    two = np.flatnonzero(relevant & has2 & ~np.isin(np.arange(len(kids.serial)), stay))
    stayers = _concurrent(plan.transfer[stay], plan.end2[stay], first[stays], len(inst.ids), horizon)
    open_places = np.maximum(inst.kindergarten - stayers, 0.05 * inst.kindergarten)
    second = _pick(rng, kids.district[two], open_places,
                   (inst.type == KINDERGARTEN) | (inst.type == INTEGRATED), inst.district)
    # Drawing the integrated institution the child is already in means staying there after all.
    position = np.full(len(kids.serial), -1)
    position[one] = np.arange(len(one))
    had_first = position[two] >= 0
    first_of_two = first[np.maximum(position[two], 0)] if len(first) else np.full(len(two), -1)
    same = (second >= 0) & had_first & (second == np.where(had_first, first_of_two, -1))
    stays[position[two[same]]] = True
    keep = (second >= 0) & ~same
    two, second = two[keep], second[keep]
    return inst, Enrolments(
        np.concatenate([one, two]), np.concatenate([first, second]).astype(np.int32),
        np.concatenate([plan.start1[one], plan.start2[two]]),
        np.concatenate([np.where(stays, plan.end2[one], plan.end1[one]), plan.end2[two]]))


def institutions_table(ctx: MunicipalityContext, inst: Institutions) -> pa.Table:
    return pa.table({
        "institution_id": pa.array(inst.ids, pa.string()),
        "name": pa.array(inst.names, pa.string()),
        "institution_type": pa.array(np.array(INSTITUTION_TYPES, dtype=object)[inst.type], pa.string()),
        "owner": pa.array(np.array(OWNERS, dtype=object)[inst.owner], pa.string()),
        "capacity": inst.capacity,
        "district": (inst.district + 1).astype(np.int16),
        "municipality": np.full(len(inst.ids), ctx.code, dtype=np.int16),
    })


def count_month(kids: Children, plan: Plan, inst: Institutions, enrol: Enrolments, policy: Policy,
                period: Period, day: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spells active on the count day (in file order), their place type and the month's parental payment."""
    idx = np.flatnonzero((enrol.start <= day) & (enrol.end > day))
    idx = idx[np.lexsort((kids.serial[enrol.child[idx]], enrol.start[idx], enrol.institution[idx]))]
    where, child = enrol.institution[idx], enrol.child[idx]
    place = np.where(inst.type[where] == FAMILY, PLACE_FAMILY,
                     np.where(day < plan.transfer[child], PLACE_NURSERY, PLACE_KINDERGARTEN)).astype(np.int8)
    fee = np.array(FEES) * policy.fee_level * (0.0 if period.month == 7 else 1.0)  # July is payment-free
    part = np.where(plan.hours[child] < policy.full_time_hours, 0.8, 1.0)
    payment = np.round(fee[place] * part * plan.discount[child], 0)
    return idx, place, np.where(inst.owner[where] == PRIVATE, np.nan, payment)


def enrolments_table(kids: Children, plan: Plan, inst: Institutions, enrol: Enrolments, idx: np.ndarray,
                     place: np.ndarray, payment: np.ndarray) -> pa.Table:
    child = enrol.child[idx]
    return pa.table({
        "child_id": kids.ids(child),
        "birth_date": kids.birth[child].astype(np.int32),
        "sex": kids.sex[child],
        "institution_id": pa.array(np.array(inst.ids, dtype=object)[enrol.institution[idx]], pa.string()),
        "start_date": enrol.start[idx].astype(np.int32),
        "place_type": pa.array(np.array(PLACE_TYPES, dtype=object)[place], pa.string()),
        "weekly_hours": plan.hours[child],
        "home_municipality": kids.home[child],
        "paying_municipality": kids.paying[child],
        "parent_payment": pa.array(payment, mask=np.isnan(payment)),
    })


def staff_fte(inst: Institutions, policy: Policy, nursery_fte: np.ndarray, kindergarten_fte: np.ndarray,
              family_children: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """FTE per institution and staff category (``STAFF_CATEGORIES`` order) for one month.

    Institutions staff to their full-time-equivalent children at the policy ratios; a family-daycare
    district has one childminder per ``childminder_ratio`` children, supervising pedagogues and a manager.
    """
    is_family = inst.type == FAMILY
    pedagogical = (nursery_fte / NURSERY_RATIO + kindergarten_fte / KINDERGARTEN_RATIO) * inst.staffing
    pedagogical *= rng.uniform(0.98, 1.02, len(inst.ids))
    minders = np.ceil(family_children / policy.childminder_ratio)
    pedagogue = np.where(is_family, minders / 25, pedagogical * inst.pedagogue_share)
    assistant = np.where(is_family, 0.0, pedagogical - pedagogue)
    manager = np.where(is_family, np.where(minders > 0, 1.0, 0.0),
                       np.clip(0.4 + inst.capacity / 120, 0.5, 2.0))
    return np.round(np.stack([pedagogue, assistant, manager, np.where(is_family, minders, 0.0)], axis=1), 2)


def staff_table(inst: Institutions, fte: np.ndarray) -> pa.Table:
    i, c = np.nonzero(fte > 0)
    return pa.table({
        "institution_id": pa.array(np.array(inst.ids, dtype=object)[i], pa.string()),
        "staff_category": pa.array(np.array(STAFF_CATEGORIES, dtype=object)[c], pa.string()),
        "fte": fte[i, c],
    })


def register(ctx: MunicipalityContext, inst: Institutions, fte: np.ndarray, places: np.ndarray,
             payments: np.ndarray) -> None:
    """Own institutions as workplaces; parental payments, food, materials and private subsidies as costs.

    ``fte`` is (periods, institutions, categories), ``places`` (periods, institutions, place types) and
    ``payments`` (periods, institutions). Self-governing institutions with an operating agreement are
    paid through the municipality's payroll and ledger; private ones only get a subsidy.
    """
    attendance = np.array([0.45 if p.month == 7 else 0.85 if p.month == 12 else 0.92 for p in ctx.periods])
    days = np.array([working_days(p) for p in ctx.periods], dtype=float)
    children = places.sum(axis=2)
    for i in range(len(inst.ids)):
        function, cc = FUNCTIONS[inst.type[i]], inst.ids[i]
        if inst.owner[i] == PRIVATE:
            ctx.add_cost(function, "5.9", places[:, i, :] @ np.array(SUBSIDY), cost_centre=cc)
            continue
        staff = {cat: fte[:, i, c] for c, cat in enumerate(STAFF_CATEGORIES) if fte[:, i, c].any()}
        ctx.add_workplace(Workplace(cc, inst.names[i], "daycare", function, staff))
        ctx.add_cost(function, "7.2", -payments[:, i], cost_centre=cc)
        ctx.add_cost(function, "2.2", children[:, i] * days * attendance * FOOD_PER_DAY, cost_centre=cc)
        ctx.add_cost(function, "2.9", children[:, i] * MATERIALS, cost_centre=cc)


def frames(ctx: MunicipalityContext) -> Iterator[Frame]:
    people, policy = ctx.people, draw_policy(ctx)
    first = int(ctx.period_starts[0])
    young = float(((people.age(first) < 6) & people.resident(first)).sum())
    districts = max(1, int(round(0.78 * young / DISTRICT_CHILDREN)))
    rng = ctx.rng("daycare/children")
    kids = young_children(ctx, people, districts, rng)
    plan = plan_careers(ctx, kids, policy, rng)
    inst, enrol = place_children(ctx, kids, plan, policy, districts)
    shape = (len(ctx.periods), len(inst.ids))
    fte, places = np.zeros(shape + (len(STAFF_CATEGORIES),)), np.zeros(shape + (len(PLACE_TYPES),))
    payments = np.zeros(shape)
    inst_table = institutions_table(ctx, inst)
    staff_rng = ctx.rng("daycare/staff")
    for t, period in enumerate(ctx.periods):
        day = int(ctx.period_starts[t]) + COUNT_DAY - 1
        idx, place, payment = count_month(kids, plan, inst, enrol, policy, period, day)
        where, n = enrol.institution[idx], shape[1]
        ft = np.minimum(plan.hours[enrol.child[idx]] / policy.full_time_hours, 1.0)
        places[t] = np.stack([np.bincount(where, place == k, n) for k in range(len(PLACE_TYPES))], axis=1)
        payments[t] = np.bincount(where, np.nan_to_num(payment), n)
        fte[t] = staff_fte(inst, policy, np.bincount(where, ft * (place == PLACE_NURSERY), n),
                           np.bincount(where, ft * (place == PLACE_KINDERGARTEN), n),
                           places[t, :, PLACE_FAMILY], staff_rng)
        yield Frame("institutions", period, inst_table)
        yield Frame("enrolments", period, enrolments_table(kids, plan, inst, enrol, idx, place, payment))
        yield Frame("staff", period, staff_table(inst, fte[t]))
    register(ctx, inst, fte, places, payments)


DOMAIN = Domain("daycare", "Daycare (family daycare, nurseries, kindergartens)", DATASETS, VENDORS, frames)
