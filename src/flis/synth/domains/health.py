"""Health: acute hospital admissions of residents 65+ and rehabilitation plans after discharge.

Municipalities co-finance their residents' hospital stays and must prevent the avoidable ones
(dehydration, pneumonia, urinary tract infection, ... among the elderly), so they follow the
acute admissions of residents 65+ closely, and they must start the rehabilitation the hospital
prescribes at discharge (genoptræningsplan, Sundhedsloven § 140) within 7 days.

Admissions are simulated person by person as a self-exciting process: first admissions arrive
as a Poisson process whose rate rises steeply with age and the person's disadvantage (more so
for the preventable groups, with a winter peak for pneumonia); every discharge may trigger a
readmission within weeks; and many residents who die spend their last days in hospital. Each
admission has a length of stay and a co-financing amount from a DRG-like tariff. Plans follow a
share of the acute admissions (most often fractures) on the discharge day; other plans (after
planned surgery, and for younger residents) arrive on their own. The municipality's start
performance decides how many courses start within 7 days.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pyarrow as pa

from flis import reference
from flis.synth.context import MunicipalityContext, Workplace
from flis.synth.domains.base import Dataset, Domain, Frame
from flis.synth.formats.cells import MISSING_DAY
from flis.synth.ids import pseudonyms
from flis.synth.names import PLACES
from flis.synth.people import DIED, YEAR, People
from flis.synth.profile import profile
from flis.synth.spells import latent_weight
from flis.synth.vendors.health import VENDORS

DATASETS = (
    Dataset("admissions", "Acute hospital admissions of residents 65+ discharged in the month, with "
            "diagnosis group, preventable flag and municipal co-financing.", "events",
            id_column="admission_id", countable=True),
    Dataset("rehabilitation_plans", "Rehabilitation plans after discharge (Sundhedsloven § 140) received in "
            "the month, with the course's start and end.", "events", id_column="plan_id"),
)

GROUPS = ("dehydration", "constipation", "urinary_tract_infection", "pneumonia", "gastroenteritis", "anaemia",
          "fracture", "pressure_ulcer", "nutritional_deficiency", "other")
OTHER = len(GROUPS) - 1
PNEUMONIA, FRACTURE = GROUPS.index("pneumonia"), GROUPS.index("fracture")
# Mix of the preventable admissions of the elderly (national shares; "other" is its own process).
PREVENTABLE_MIX = np.array([0.09, 0.03, 0.20, 0.42, 0.05, 0.05, 0.14, 0.005, 0.015, 0.0])
# Seasonal amplitude (peak in late January; negative = summer peak, as dehydration in heat waves).
SEASON_AMPLITUDE = np.array([-0.15, 0.0, 0.05, 0.35, 0.25, 0.0, 0.08, 0.0, 0.0, 0.08])
# Relative weight of each group for (men, women): women fall and break bones, men get pneumonia.
SEX_MIX = np.array([[1.0, 1.0], [1.0, 1.0], [0.7, 1.25], [1.2, 0.85], [1.0, 1.0], [1.0, 1.0], [0.5, 1.4],
                    [1.0, 1.0], [0.9, 1.1], [1.0, 1.0]])
MEAN_STAY = np.array([4.0, 2.5, 3.5, 5.0, 3.0, 3.0, 7.0, 8.0, 5.0, 3.6])
"""Mean length of stay in days by group (about 4 days overall)."""
DRG_TARIFF = np.array([26e3, 19e3, 27e3, 38e3, 23e3, 28e3, 72e3, 52e3, 32e3, 40e3])
"""Typical DRG tariff of an acute admission in the group (DKK); long stays add a per-day tariff."""
LONG_STAY_TARIFF = 2_300.0
CO_FINANCING_CAP = 31_029.0
"""Maximum municipal co-financing per hospital course (DKK, the regions' published ceiling)."""
PLAN_AFTER = np.array([0.10, 0.05, 0.09, 0.12, 0.06, 0.06, 0.65, 0.15, 0.15, 0.10])
"""Probability of a rehabilitation plan at discharge, by group (most fractures get one)."""

# Calibration of yearly rates per person 65+, national average (before readmissions and deaths in hospital,
# which bring the totals to ~250 acute and ~55 preventable admissions per 1,000 65+ a year).
PRIMARY_PREVENTABLE, PRIMARY_OTHER = 0.0435, 0.162
AGE_SLOPE_PREVENTABLE, AGE_SLOPE_OTHER = 0.10, 0.05
"""Log-rate increase per year of age: preventable admissions rise much more steeply with age."""
SEX_RATE = {"preventable": (1.05, 0.96), "other": (1.12, 0.90)}
BETA_PERSON = {"preventable": 0.35, "other": 0.2}
"""Weight of person disadvantage (latent) in the admission rates."""
BETA_MUNICIPALITY = {"preventable": 0.04, "other": 0.02}
READMISSION = 0.13
"""Probability that a discharge triggers a readmission (mean delay 9 days): ~15% within 30 days overall."""
READMISSION_DELAY = 9.0
"""Mean days from discharge to the triggered readmission (95% within 30 days)."""
SAME_GROUP_AGAIN = 0.4
"""Share of readmissions with the same diagnosis group as the stay before."""
DIES_IN_HOSPITAL = 0.4
"""Share of deaths of residents 65+ that end an acute admission (deaths in hospital)."""
BURN_IN = 120
"""Days simulated before the first period so that the first months have their readmissions."""

# Plans not following an acute admission 65+ (planned surgery, younger residents): yearly rate by age band.
PLAN_AGE_EDGES = np.array([18, 40, 55, 65, 75])
PLAN_AGE_RATE = np.array([0.00095, 0.0032, 0.0072, 0.0121, 0.0182, 0.0191])
# Fewer planned operations, hence plans, in the July and Christmas holidays.
PLAN_SEASON = np.array([1.05, 1.05, 1.05, 1.03, 1.02, 1.0, 0.7, 0.95, 1.05, 1.05, 1.05, 0.9])
SPECIALISED = 0.07
"""Share of plans for specialised training (at a hospital); 10% after fractures."""
WITHIN_7_DAYS = 1.25
"""Logit of the share of general courses started within 7 days; with specialised ones and the municipal
spread (policy sd 0.5, worse in deprived municipalities) about 76% nationally."""
NOT_STARTED = 0.03
"""Share of plans whose course never starts (the citizen declines)."""
COURSE_DAYS = {"general": 45.0, "specialised": 60.0}
"""Mean length of a training course in days."""
MANAGERS = 0.05
"""Manager FTE per FTE of staff (one leader per 20), so staffing scales linearly with the population."""
ADMISSION_SERIALS, PLAN_SERIALS = 4_000_000_000, 6_000_000_000
"""Serial offsets so admission and plan pseudonyms never repeat a person's."""


@dataclass
class Admissions:
    """Hospital stays: person index, admission and discharge day, group index, whether the patient died."""

    person: np.ndarray
    admitted: np.ndarray
    discharged: np.ndarray
    group: np.ndarray
    died: np.ndarray

    def take(self, index: np.ndarray) -> "Admissions":
        return Admissions(self.person[index], self.admitted[index], self.discharged[index], self.group[index],
                          self.died[index])

    @staticmethod
    def concat(parts: list["Admissions"]) -> "Admissions":
        return Admissions(*(np.concatenate([getattr(p, f) for p in parts]) for f in
                            ("person", "admitted", "discharged", "group", "died")))


@dataclass
class Plans:
    """Rehabilitation plans: person index, issue day, course start and last day (``MISSING_DAY`` if none)."""

    person: np.ndarray
    issued: np.ndarray
    start: np.ndarray
    end: np.ndarray
    specialised: np.ndarray
    admission: np.ndarray
    """Serial of the admission the plan follows, -1 for none."""


def _year_and_day_key(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Calendar year and month * 32 + day of month, for comparing birthdays across leap years."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    month_start = d.astype("datetime64[M]")
    month = month_start.astype(np.int64) % 12
    return d.astype("datetime64[Y]").astype(np.int64), month * 32 + (d - month_start).astype(np.int64)


def age_on(birth: np.ndarray, day: np.ndarray | int) -> np.ndarray:
    """Completed years on ``day``, per event: one more on each birthday (29 February ones on 1 March)."""
    by, bkey = _year_and_day_key(birth)
    dy, dkey = _year_and_day_key(day)
    return (dy - by - (dkey < bkey)).astype(np.int16)


def born_by(day: int, years: int) -> int:
    """Last birth day of people at least ``years`` old on ``day`` (a calendar cutoff, cheap to compare)."""
    d = np.datetime64(int(day), "D").astype(object)
    try:
        cutoff = d.replace(year=d.year - years)
    except ValueError:  # 29 February in a year that has none
        cutoff = d.replace(year=d.year - years, day=28)
    return int(np.datetime64(cutoff, "D").astype(np.int64))


def month_of(day: np.ndarray) -> np.ndarray:
    """Calendar month 1..12 of day numbers."""
    months = np.asarray(day, dtype=np.int64).astype("datetime64[D]").astype("datetime64[M]").astype(int)
    return months % 12 + 1


def group_season() -> np.ndarray:
    """Seasonal factor by month (rows 0..11) and group (columns), mean 1 over the year."""
    months = np.arange(1, 13)[:, None]
    return 1 + SEASON_AMPLITUDE[None, :] * np.cos(2 * np.pi * (months - 1.5) / 12)


@lru_cache(maxsize=4)
def _age_norm(slope: float) -> float:
    """Mean of exp(slope * (age - 65)) over the national population 65+, so base rates are national means."""
    ages = np.arange(65, 101)
    counts = np.zeros(len(ages))
    for m in reference.municipalities():
        e = reference.elderly_by_age(m.code)
        counts += np.array([e.get(int(a), 0) for a in ages])
    return float((counts * np.exp(slope * (ages - 65))).sum() / counts.sum())


@lru_cache(maxsize=8)
def _gradient_norm(gamma: float) -> float:
    """National (65+-weighted) mean of exp(gamma * social_index), so the gradient keeps national totals."""
    munis = reference.municipalities()
    w = np.array([m.structure.aged_65_plus_2022 for m in munis], dtype=float)
    s = np.array([profile(m.code).social_index for m in munis])
    return float((w * np.exp(gamma * s)).sum() / w.sum())


def onsets(rng: np.random.Generator, people: People, window: tuple[int, int], rate, weight: np.ndarray,
           season: np.ndarray, min_age: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Event days of a Poisson process per resident, by thinning year by year.

    ``rate(age)`` is the yearly rate (non-decreasing in age, so the age at a year's end bounds it),
    ``weight`` a per-person multiplier and ``season`` a factor per calendar month (index 0..11).
    Exact ages are computed for the proposals only; the bound uses a cheap age rounded up.
    """
    first, end = window
    persons, days = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    top_season = float(season.max())
    for a in range(first, end, 365):
        b = min(a + 365, end)
        cand = np.flatnonzero(people.present(a, b) & (people.birth <= born_by(b - 1, min_age)))
        top = rate((b - people.birth[cand]) // 365 + 1) * weight[cand] * top_season
        proposals = rng.poisson(top * (b - a) / YEAR)
        person = np.repeat(cand, proposals)
        day = a + rng.integers(0, b - a, len(person))
        age = age_on(people.birth[person], day)
        accept = rate(age) * weight[person] * season[month_of(day) - 1]
        keep = ((rng.random(len(person)) * np.repeat(top, proposals) < accept) & (age >= min_age)
                & (people.arrive[person] <= day) & (people.leave[person] > day))
        persons.append(person[keep])
        days.append(day[keep])
    return np.concatenate(persons), np.concatenate(days)


def draw_groups(rng: np.random.Generator, mix: np.ndarray, day: np.ndarray, sex: np.ndarray) -> np.ndarray:
    """Diagnosis group of each admission: ``mix`` weighted by the month's season and the patient's sex."""
    weights = (mix[None, :] * group_season())[month_of(day) - 1] * SEX_MIX.T[sex - 1]
    cum = np.cumsum(weights, axis=1)
    u = rng.random(len(day)) * cum[:, -1]
    return np.minimum((cum < u[:, None]).sum(axis=1), len(mix) - 1).astype(np.int8)


def length_of_stay(rng: np.random.Generator, group: np.ndarray, age: np.ndarray) -> np.ndarray:
    """Days from admission to discharge (0 = same-day discharge); older patients stay longer."""
    mean = MEAN_STAY[group] * (1 + 0.01 * (age - 78)) + 0.5
    return np.floor(rng.gamma(1.4, mean / 1.4)).astype(np.int64)


class AdmissionModel:
    """Draws the acute admissions of one municipality's residents 65+ over a window of days."""

    def __init__(self, ctx: MunicipalityContext, people: People, window: tuple[int, int]) -> None:
        self.ctx, self.people, self.window = ctx, people, window
        self.rng = ctx.rng("health/admissions")
        policy = ctx.rng("health/policy").normal(0, [0.08, 0.05])
        self.municipal = {
            kind: ctx.profile.rate(BETA_MUNICIPALITY[kind]) * np.exp(p) / _gradient_norm(
                BETA_MUNICIPALITY[kind] + 0.3 * BETA_PERSON[kind])
            for kind, p in zip(("preventable", "other"), policy)}

    def _primary(self, kind: str, base: float, slope: float, mix: np.ndarray) -> Admissions:
        people = self.people
        norm = _age_norm(slope)
        sex_rate = np.array(SEX_RATE[kind])[people.sex - 1]
        weight = latent_weight(people, BETA_PERSON[kind]) * sex_rate * self.municipal[kind]
        season = (mix[None, :] * group_season()).sum(axis=1) / mix.sum()
        person, day = onsets(self.rng, people, self.window,
                             lambda a: base * np.exp(slope * (a - 65.0)) / norm, weight, season, min_age=65)
        group = draw_groups(self.rng, mix, day, people.sex[person])
        return self._stays(person, day, group)

    def _stays(self, person: np.ndarray, day: np.ndarray, group: np.ndarray) -> Admissions:
        stay = length_of_stay(self.rng, group, age_on(self.people.birth[person], day))
        return Admissions(person, day, day + stay, group, np.zeros(len(person), bool))

    def _readmissions(self, parents: Admissions) -> Admissions:
        """Generations of readmissions: each discharge may bring the patient back within weeks."""
        people, rng, end = self.people, self.rng, self.window[1]
        frail = latent_weight(people, 0.3)
        all_mix = PREVENTABLE_MIX * 0.24 / PREVENTABLE_MIX.sum()
        all_mix[OTHER] = 0.76
        children = []
        for _ in range(5):
            back = rng.random(len(parents.person)) < READMISSION * frail[parents.person]
            p = parents.take(np.flatnonzero(back))
            day = p.discharged + np.floor(rng.exponential(READMISSION_DELAY, len(p.person))).astype(np.int64)
            group = np.where(rng.random(len(day)) < SAME_GROUP_AGAIN, p.group,
                             draw_groups(rng, all_mix, day, people.sex[p.person]))
            child = self._stays(p.person, day, group).take(np.flatnonzero(day < end))
            if len(child.person) == 0:
                break
            children.append(child)
            parents = child
        return Admissions.concat(children) if children else self._stays(*(np.zeros(0, np.int64),) * 3)

    def _deaths_in_hospital(self) -> Admissions:
        people, rng = self.people, self.rng
        first, end = self.window
        dead = np.flatnonzero((people.leave_kind == DIED) & (people.leave >= first) & (people.leave < end))
        dead = dead[age_on(people.birth[dead], people.leave[dead]) >= 65]
        dead = dead[rng.random(len(dead)) < DIES_IN_HOSPITAL]
        group = np.where(rng.random(len(dead)) < 0.25, PNEUMONIA, OTHER).astype(np.int8)
        # At least one day: nobody is resident on the day of death, so the stay must begin before it.
        stay = 1 + np.floor(rng.gamma(1.5, 4.0, len(dead))).astype(np.int64)
        death = people.leave[dead].astype(np.int64)
        return Admissions(dead, np.maximum(death - stay, people.arrive[dead]), death, group,
                          np.ones(len(dead), bool))

    def simulate(self) -> Admissions:
        prevent = self._primary("preventable", PRIMARY_PREVENTABLE, AGE_SLOPE_PREVENTABLE, PREVENTABLE_MIX)
        other_mix = np.eye(len(GROUPS))[OTHER]
        other = self._primary("other", PRIMARY_OTHER, AGE_SLOPE_OTHER, other_mix)
        primary = Admissions.concat([prevent, other])
        adm = Admissions.concat([primary, self._readmissions(primary), self._deaths_in_hospital()])
        return self._consistent(adm)

    def _consistent(self, adm: Admissions) -> Admissions:
        """Residents 65+ only, no stay after death or moving, no two stays of one person overlapping."""
        people = self.people
        leave = people.leave[adm.person].astype(np.int64)
        ok = (adm.admitted >= people.arrive[adm.person]) & (adm.admitted < leave)
        ok &= age_on(people.birth[adm.person], adm.admitted) >= 65
        adm = adm.take(np.flatnonzero(ok))
        leave = people.leave[adm.person].astype(np.int64)
        adm.died = adm.died | ((adm.discharged >= leave) & (people.leave_kind[adm.person] == DIED))
        adm.discharged = np.minimum(adm.discharged, leave)
        for _ in range(4):
            order = np.lexsort((adm.discharged, adm.admitted, adm.person))
            adm = adm.take(order)
            same = np.concatenate([[False], adm.person[1:] == adm.person[:-1]])
            prev_out = np.concatenate([[np.iinfo(np.int64).min], adm.discharged[:-1]])
            clash = same & (adm.admitted <= prev_out)
            if not clash.any():
                break
            adm = adm.take(np.flatnonzero(~clash))
        return adm


def co_financing(rng: np.random.Generator, group: np.ndarray, stay: np.ndarray,
                 age: np.ndarray) -> np.ndarray:
    """Municipal co-financing: an age-dependent share of the DRG tariff, capped per course (DKK)."""
    tariff = DRG_TARIFF[group] * rng.lognormal(-0.03, 0.25, len(group))
    tariff += LONG_STAY_TARIFF * np.maximum(stay - 3 * MEAN_STAY[group], 0)
    share = np.select([age < 75, age < 85], [0.40, 0.48], 0.56)
    return np.round(np.minimum(tariff * share, CO_FINANCING_CAP), 2)


def simulate_plans(ctx: MunicipalityContext, people: People, adm: Admissions, serial: np.ndarray,
                   window: tuple[int, int]) -> Plans:
    """Plans at discharge after acute admissions 65+, plus plans after other hospital stays."""
    rng = ctx.rng("health/plans")
    policy = ctx.rng("health/policy/plans").normal(0, [0.08, 0.5])
    propensity = float(np.exp(policy[0]))
    age = age_on(people.birth[adm.person], adm.admitted)
    p_plan = PLAN_AFTER[adm.group] * (1 + 0.015 * (age - 78)) * propensity
    follow = np.flatnonzero(~adm.died & (rng.random(len(adm.person)) < p_plan))
    weight = latent_weight(people, 0.2) * ctx.profile.rate(0.03) * propensity
    other_person, other_day = onsets(rng, people, window, lambda a: PLAN_AGE_RATE[np.searchsorted(
        PLAN_AGE_EDGES, a, side="right")], weight, PLAN_SEASON / PLAN_SEASON.mean())
    person = np.concatenate([adm.person[follow], other_person])
    issued = np.concatenate([adm.discharged[follow], other_day]).astype(np.int64)
    admission = np.concatenate([serial[follow], np.full(len(other_person), -1, np.int64)])
    specialised = rng.random(len(person)) < np.where(
        np.concatenate([adm.group[follow] == FRACTURE, np.zeros(len(other_person), bool)]), 0.10, SPECIALISED)

    # Start: the municipality's own performance decides how many start within 7 days.
    p7 = 1 / (1 + np.exp(-(WITHIN_7_DAYS + policy[1] - 0.15 * ctx.profile.social_index)))
    on_time = rng.random(len(person)) < np.where(specialised, 0.85, p7)
    delay = np.where(on_time, np.where(rng.random(len(person)) < 0.05, 0, rng.integers(1, 8, len(person))),
                     8 + np.floor(rng.exponential(8.0, len(person))).astype(np.int64))
    start = issued + delay
    leave = people.leave[person].astype(np.int64)
    started = (rng.random(len(person)) >= NOT_STARTED) & (start < leave)
    mean = np.where(specialised, COURSE_DAYS["specialised"], COURSE_DAYS["general"])
    end = np.minimum(start + np.maximum(np.floor(rng.gamma(2.5, mean / 2.5)), 7).astype(np.int64), leave - 1)
    order = np.lexsort((person, issued))
    plans = Plans(person, issued, np.where(started, start, MISSING_DAY), np.where(started, end, MISSING_DAY),
                  specialised, admission)
    return Plans(*(getattr(plans, f)[order] for f in ("person", "issued", "start", "end", "specialised",
                                                       "admission")))


def admissions_table(ctx: MunicipalityContext, people: People, adm: Admissions, serial: np.ndarray,
                     amount: np.ndarray, idx: np.ndarray) -> pa.Table:
    who = adm.person[idx]
    group = adm.group[idx]
    return pa.table({
        "admission_id": pseudonyms("A", ctx.code, ADMISSION_SERIALS + serial[idx]),
        "person_id": people.ids(who),
        "birth_date": people.birth[who],
        "sex": people.sex[who],
        "home_municipality": np.full(len(idx), ctx.code, dtype=np.int16),
        "admission_date": adm.admitted[idx].astype(np.int32),
        "discharge_date": adm.discharged[idx].astype(np.int32),
        "diagnosis_group": pa.array(np.array(GROUPS, dtype=object)[group], pa.string()),
        "preventable": group != OTHER,
        "hospital_region": np.full(len(idx), ctx.municipality.region_code, dtype=np.int16),
        "co_financing": amount[idx],
    })


def plans_table(ctx: MunicipalityContext, people: People, plans: Plans, idx: np.ndarray) -> pa.Table:
    who = plans.person[idx]
    link = plans.admission[idx]
    admission = pseudonyms("A", ctx.code, ADMISSION_SERIALS + np.maximum(link, 0))
    return pa.table({
        "plan_id": pseudonyms("G", ctx.code, PLAN_SERIALS + idx),
        "person_id": people.ids(who),
        "birth_date": people.birth[who],
        "sex": people.sex[who],
        "home_municipality": np.full(len(idx), ctx.code, dtype=np.int16),
        "issued_date": plans.issued[idx].astype(np.int32),
        "start_date": plans.start[idx].astype(np.int32),
        "end_date": plans.end[idx].astype(np.int32),
        "plan_type": pa.array(np.where(plans.specialised[idx], "specialised", "general").astype(object),
                              pa.string()),
        "admission_id": pa.array(admission.to_numpy(zero_copy_only=False), pa.string(), mask=link < 0),
    })


def _unit_names(ctx: MunicipalityContext, prefix: str, count: int) -> list[str]:
    """Generic Danish unit names (numbered when the places run out)."""
    order = ctx.rng(f"health/names/{prefix}").permutation(len(PLACES))
    names = [f"{prefix} {PLACES[order[i % len(PLACES)]]}" for i in range(count)]
    return [n + (f" {i // len(PLACES) + 1}" if i >= len(PLACES) else "") for i, n in enumerate(names)]


def register_units(ctx: MunicipalityContext, elderly: np.ndarray, infants: np.ndarray, pupils: np.ndarray,
                   courses: np.ndarray, specialised: np.ndarray, co_fin: np.ndarray) -> None:
    """Rehabilitation centres, home-nursing districts and the health visitors, with their other costs."""
    n_centres = max(1, int(round(elderly[0] / 25_000)))
    n_districts = max(1, int(round(elderly[0] / 10_000)))
    ids = ctx.institution_ids("health", n_centres + n_districts + 1, 6000)
    for cid, name in zip(ids[:n_centres], _unit_names(ctx, "Genoptræningscenter", n_centres)):
        share = courses / n_centres
        # About 3 therapist hours a week per course (two sessions and notes), 30 productive hours per FTE.
        therapists = share / 10
        ctx.add_workplace(Workplace(cid, name, "rehabilitation_centre", "4.62.82", {
            "therapist": therapists, "manager": therapists * MANAGERS, "administrative": therapists / 15}))
        ctx.add_cost("4.62.82", "2.9", share * 150, cost_centre=cid)
    for did, name in zip(ids[n_centres:-1], _unit_names(ctx, "Sygeplejen", n_districts)):
        share = elderly / n_districts
        # Kommunal sygepleje: about one nurse per 600 residents 65+, helped by social and health assistants.
        nurses, assistants = share / 600, share / 1_500
        ctx.add_workplace(Workplace(did, name, "home_nursing", "4.62.90", {
            "nurse": nurses, "health_assistant": assistants, "manager": (nurses + assistants) * MANAGERS}))
        ctx.add_cost("4.62.90", "2.9", share * 30, cost_centre=did)
    # A health visitor follows ~100 newborns a year; a school nurse ~1,200 pupils.
    nurses = infants / 100 + pupils / 1_200
    ctx.add_workplace(Workplace(ids[-1], "Sundhedsplejen og Skolesundhedstjenesten", "health_service",
                                "4.62.86", {"nurse": nurses, "manager": nurses * MANAGERS,
                                            "administrative": nurses / 30}))
    ctx.add_cost("4.62.86", "2.9", (infants + pupils) * 4, cost_centre=ids[-1])
    ctx.add_cost("4.62.82", "4.0", specialised * 8_500)
    ctx.add_cost("4.62.81", "4.0", co_fin)


def frames(ctx: MunicipalityContext) -> Iterator[Frame]:
    """Simulate the whole horizon at once (readmissions cross months), then cut it into monthly events:
    admissions by discharge month, plans by issue month; register the units and costs at the end."""
    people = ctx.people
    starts = ctx.period_starts.astype(np.int64)
    window = (int(starts[0]) - BURN_IN, int(starts[-1]))
    adm = AdmissionModel(ctx, people, window).simulate()
    order = np.lexsort((adm.person, adm.admitted, adm.discharged))
    adm = adm.take(order)
    serial = np.arange(len(adm.person), dtype=np.int64)
    amount = co_financing(ctx.rng("health/co_financing"), adm.group, adm.discharged - adm.admitted,
                          age_on(people.birth[adm.person], adm.admitted))
    plans = simulate_plans(ctx, people, adm, serial, window)

    n = len(ctx.periods)
    elderly, infants, pupils, courses, specialised, co_fin = (np.zeros(n) for _ in range(6))
    for t, period in enumerate(ctx.periods):
        first, nxt = int(starts[t]), int(starts[t + 1])
        idx = np.flatnonzero((adm.discharged >= first) & (adm.discharged < nxt))
        yield Frame("admissions", period, admissions_table(ctx, people, adm, serial, amount, idx))
        pidx = np.flatnonzero((plans.issued >= first) & (plans.issued < nxt))
        yield Frame("rehabilitation_plans", period, plans_table(ctx, people, plans, pidx))

        birth = people.birth[people.resident(first)]
        elderly[t] = (birth <= born_by(first, 65)).sum()
        infants[t] = (birth > born_by(first, 1)).sum()
        pupils[t] = ((birth <= born_by(first, 6)) & (birth > born_by(first, 17))).sum()
        mid = first + 14
        courses[t] = ((plans.start <= mid) & (plans.end >= mid) & (plans.start != MISSING_DAY)
                      & ~plans.specialised).sum()
        specialised[t] = plans.specialised[pidx].sum()
        co_fin[t] = amount[idx].sum()
    register_units(ctx, elderly, infants, pupils, courses, specialised, co_fin)


DOMAIN = Domain("health", "Health (acute admissions 65+, rehabilitation)", DATASETS, VENDORS, frames)
