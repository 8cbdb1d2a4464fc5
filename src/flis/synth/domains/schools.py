"""Schools: the municipality's own schools, their classes, pupils, teachers and exam grades.

Each school year (August to July) the municipality's children are placed: a child's
grade follows from the birth year (a few start a year late), a share of children
attend private schools and are not in the delivery, some need a special class or a
special school, and the rest go to the school of their district. Classes are formed
per school, grade and class type (small rural schools combine two grades). Children
who move in during the year join their district school; those who move out leave.
A few pupils live in the neighbouring municipality and attend here (home and paying
municipality differ from the school owner). Pupils are counted on the 5th of each
month, so the file for August is the first of the new school year.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from flis.periods import Period, day_number
from flis.synth.context import MunicipalityContext, Workplace
from flis.synth.domains.base import Dataset, Domain, Frame
from flis.synth.ids import pseudonyms
from flis.synth.names import institution_names
from flis.synth.people import People
from flis.synth.profile import gravity
from flis.synth.vendors.schools import SUBJECTS_LONG, VENDORS

DATASETS = (
    Dataset("schools", "The municipality's schools with type and owner.", "register", id_column="school_id"),
    Dataset("classes", "Classes with grade, class type and whether the class is one year group.", "register",
            id_column="class_id"),
    Dataset("pupils", "Pupils enrolled on the 5th of the month, with class, home and paying municipality, "
            "and the month's school days and absence.", "monthly", id_column="pupil_id", countable=True),
    Dataset("teachers", "Teacher full-time equivalents planned per school.", "monthly"),
    Dataset("exams", "Grades of the final exams (9th grade), once a year in June.", "annual",
            id_column="pupil_id"),
)

SCHOOL_DAYS = {1: 20, 2: 15, 3: 21, 4: 17, 5: 18, 6: 18, 7: 0, 8: 15, 9: 21, 10: 18, 11: 21, 12: 15}
"""Teaching days per month in a Danish school year (holidays in October, February, Easter, summer)."""
COUNT_DAY = 5
GUEST_SHARE = 0.025
GRADE_THRESHOLDS = np.array([-2.054, -1.645, -1.036, -0.44, 0.332, 1.175])
GRADE_VALUES = np.array([-3, 0, 2, 4, 7, 10, 12])
CLASS_TYPES = ("normal", "special_20_2", "special_20_3")


@dataclass
class School:
    id: str
    name: str
    type: str


@dataclass
class Roster:
    """Everyone enrolled at some point of one school year, with their placement."""

    year: int
    serial: np.ndarray
    id_municipality: np.ndarray
    birth: np.ndarray
    sex: np.ndarray
    latent: np.ndarray
    home: np.ndarray
    paying: np.ndarray
    arrive: np.ndarray
    leave: np.ndarray
    school: np.ndarray
    grade: np.ndarray
    class_type: np.ndarray
    klass: np.ndarray
    class_ids: list[str]
    class_names: list[str]
    class_grade: np.ndarray
    class_school: np.ndarray
    class_kind: np.ndarray
    class_year_grouped: np.ndarray
    absence_rate: np.ndarray

    def enrolled(self, day: int) -> np.ndarray:
        return (self.arrive <= day) & (self.leave > day)

    def ids(self, index: np.ndarray) -> pa.Array:
        return pseudonyms("P", self.id_municipality[index], self.serial[index])


def _persistent_uniform(serial: np.ndarray, salt: int, seed: int) -> np.ndarray:
    """A uniform number per child that stays the same every school year (private school, late start, ...)."""
    x = (serial.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(salt * 7919 + seed * 104729))
    x ^= x >> np.uint64(31)
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(29)
    return (x >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _grade(birth: np.ndarray, year: int, late: np.ndarray) -> np.ndarray:
    birth_year = birth.astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
    return (year - birth_year - 6 - late).astype(np.int16)


def plan_schools(ctx: MunicipalityContext, children: int) -> list[School]:
    """Schools sized like the municipality: big urban schools, small rural ones."""
    rng = ctx.rng("schools/structure")
    size = 260 + 420 * ctx.profile.urban
    n_regular = max(1, int(round(children * ctx.profile.public_school_share / size)))
    n_special = int(children * 0.016 // 70)
    n_tenth = 1 if children > 3500 * 1.0 else 0
    schools = [School(i, n, "folkeskole") for i, n in zip(ctx.institution_ids("school", n_regular, 1),
                                                              institution_names(rng, "school", n_regular))]
    schools += [School(i, n, "specialskole") for i, n in zip(ctx.institution_ids("school", n_special, 1),
                                                                institution_names(rng, "special_school", n_special))]
    schools += [School(i, n, "tiende") for i, n in zip(ctx.institution_ids("school", n_tenth, 1),
                                                          institution_names(rng, "youth_school", n_tenth))]
    return schools


def _guests(ctx: MunicipalityContext, year: int, count: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Children from the neighbouring municipality who attend this municipality's schools."""
    start = day_number(Period(year, 8).first_day)
    grade = rng.integers(0, 10, count)
    jan_first = (np.array(year - grade - 6 - 1970, dtype="datetime64[Y]").astype("datetime64[D]")).astype(np.int64)
    birth = jan_first + rng.integers(0, 365, count)
    return {
        "serial": 30_000_000 + year * 10_000 + np.arange(count, dtype=np.int64),
        "id_municipality": np.full(count, ctx.profile.neighbour, dtype=np.int16),
        "birth": birth.astype(np.int32),
        "sex": rng.choice([1, 2], count).astype(np.int8),
        "latent": rng.standard_normal(count).astype(np.float32),
        "home": np.full(count, ctx.profile.neighbour, dtype=np.int16),
        "arrive": np.full(count, start, dtype=np.int32),
        "leave": np.full(count, day_number(Period(year + 1, 8).first_day), dtype=np.int32),
    }


def build_roster(ctx: MunicipalityContext, people: People, schools: list[School], year: int) -> Roster:
    rng = ctx.rng(f"schools/{year}")
    seed = ctx.config.seed
    first = day_number(Period(year, 8).first_day)
    end = day_number(Period(year + 1, 8).first_day)
    idx = np.flatnonzero(people.present(first, end))
    serial = people.serial[idx]
    late = (_persistent_uniform(serial, 1, seed) < 0.07).astype(np.int16)
    grade = _grade(people.birth[idx], year, late)
    public = _persistent_uniform(serial, 2, seed) < ctx.profile.public_school_share
    tenth = _persistent_uniform(serial, 3, seed) < 0.33
    keep = public & (grade >= 0) & ((grade <= 9) | ((grade == 10) & tenth))
    idx, grade = idx[keep], grade[keep]

    n_resident = len(idx)
    guests = _guests(ctx, year, int(round(n_resident * GUEST_SHARE)), rng)
    cols = {
        "serial": np.concatenate([people.serial[idx], guests["serial"]]),
        "id_municipality": np.concatenate([np.full(n_resident, ctx.code, np.int16), guests["id_municipality"]]),
        "birth": np.concatenate([people.birth[idx], guests["birth"]]),
        "sex": np.concatenate([people.sex[idx], guests["sex"]]),
        "latent": np.concatenate([people.latent[idx], guests["latent"]]),
        "home": np.concatenate([np.full(n_resident, ctx.code, np.int16), guests["home"]]),
        "arrive": np.concatenate([np.maximum(people.arrive[idx], first), guests["arrive"]]),
        "leave": np.concatenate([np.minimum(people.leave[idx], end), guests["leave"]]),
    }
    grade = np.concatenate([grade, _grade(guests["birth"], year, np.zeros(len(guests["birth"]), np.int16))])
    n = len(grade)
    grade = np.clip(grade, 0, 10)

    # Special needs: boys and disadvantaged children more often; stable across years.
    u = _persistent_uniform(cols["serial"], 4, seed)
    need = np.exp(0.6 * cols["latent"] - 0.18) * np.where(cols["sex"] == 1, 1.45, 0.55) * ctx.profile.rate(0.2)
    special_school = u < 0.014 * need
    special_class = ~special_school & (u < 0.058 * need)
    class_type = np.where(special_class, np.where(u < 0.014 * need + 0.013 * need, 2, 1), 0).astype(np.int8)

    regular = [i for i, s in enumerate(schools) if s.type == "folkeskole"]
    special = [i for i, s in enumerate(schools) if s.type == "specialskole"]
    tenth_centre = [i for i, s in enumerate(schools) if s.type == "tiende"]
    district = np.concatenate([people.district[idx], rng.integers(0, max(people.districts, 1), len(guests["birth"]))])
    school = np.array(regular, dtype=np.int16)[district % len(regular)]
    if special:
        school = np.where(special_school, np.array(special)[cols["serial"] % len(special)], school)
    else:
        class_type = np.where(special_school, 1, class_type).astype(np.int8)
    if tenth_centre:
        school = np.where((grade == 10) & ~special_school, tenth_centre[0], school)

    paying = cols["home"].copy()
    codes, flows = gravity()
    other = rng.random(n) < 0.006
    row = flows[int(np.flatnonzero(codes == ctx.code)[0])]
    paying[other] = rng.choice(codes, int(other.sum()), p=row)

    klass, class_ids, class_names, c_grade, c_school, c_kind, c_grouped = _form_classes(
        ctx, schools, school, grade, class_type, special_school, year)
    rate = rng.gamma(1.5, 0.055 / 1.5, n) * ctx.profile.rate(0.15) * np.where(grade >= 7, 1.3, 1.0)
    return Roster(year, cols["serial"], cols["id_municipality"], cols["birth"], cols["sex"], cols["latent"],
                  cols["home"], paying, cols["arrive"], cols["leave"], school, grade, class_type, klass,
                  class_ids, class_names, c_grade, c_school, c_kind, c_grouped, np.minimum(rate, 0.8))


def _form_classes(ctx, schools, school, grade, class_type, special_school, year):
    """Split each school's pupils into classes; returns class index per pupil and class attributes.

    Normal classes hold one grade (two in small rural schools) up to ``cap`` pupils; special
    classes gather grade bands of up to 8 pupils; special schools bands of up to 6.
    """
    klass = np.full(len(grade), -1, dtype=np.int32)
    ids, names, c_grade, c_school, c_kind, c_grouped = [], [], [], [], [], []
    cap = 26 if ctx.profile.urban > 0.3 else 24
    for s_index, s in enumerate(schools):
        in_school = school == s_index
        groups: list[tuple[np.ndarray, int, int, bool, int]] = []  # members, grade, kind, year group, size
        if s.type == "specialskole":
            for lo, hi in ((0, 3), (4, 6), (7, 10)):
                m = in_school & (grade >= lo) & (grade <= hi)
                groups.append((np.flatnonzero(m), lo, 1, False, 6))
        else:
            counts = np.bincount(grade[in_school & (class_type == 0)], minlength=11)
            combine = s.type == "folkeskole" and counts.any() and counts[counts > 0].mean() < 12
            spans = [(g, g + 1) for g in range(0, 11, 2)] if combine else [(g, g) for g in range(11)]
            for lo, hi in spans:
                m = in_school & (class_type == 0) & (grade >= lo) & (grade <= hi)
                one_year = lo == hi or not (m & (grade == hi)).any() or not (m & (grade == lo)).any()
                groups.append((np.flatnonzero(m), lo, 0, one_year, cap))
            for kind in (1, 2):
                for lo, hi in ((0, 4), (5, 10)):
                    m = in_school & (class_type == kind) & (grade >= lo) & (grade <= hi)
                    groups.append((np.flatnonzero(m), lo, kind, False, 8))
        for members, low, kind, one_year, size in groups:
            if len(members) == 0:
                continue
            k = int(np.ceil(len(members) / size))
            order = members[np.argsort(grade[members], kind="stable")]
            for j in range(k):
                klass[order[j::k]] = len(ids)
                letter = chr(65 + j) if j < 26 else str(j)
                ids.append(f"{s.id}-{year % 100:02d}{len(ids):04d}")
                names.append(f"{low}.{letter}" if kind == 0 and one_year else f"{'XSG'[kind]}{low}{letter}")
                c_grade.append(int(grade[order].min()) if kind == 0 else low)
                c_school.append(s_index)
                c_kind.append(kind)
                c_grouped.append(one_year)
    return (klass, ids, names, np.array(c_grade, np.int16), np.array(c_school, np.int16),
            np.array(c_kind, np.int8), np.array(c_grouped, bool))


def _pupils_table(ctx, roster: Roster, idx: np.ndarray, schools: list[School], period: Period,
                  rng: np.random.Generator) -> pa.Table:
    days = SCHOOL_DAYS[period.month]
    season = {12: 1.2, 1: 1.25, 2: 1.3, 3: 1.1, 6: 0.85}.get(period.month, 1.0)
    absent = rng.binomial(days, np.minimum(roster.absence_rate[idx] * season, 0.95))
    unauthorised = rng.binomial(absent, np.clip(0.15 + 0.05 * ctx.profile.social_index, 0.05, 0.4))
    authorised = rng.binomial(absent - unauthorised, 0.25)
    school_ids = np.array([s.id for s in schools], dtype=object)
    class_ids = np.array(roster.class_ids, dtype=object)
    return pa.table({
        "pupil_id": roster.ids(idx),
        "birth_date": roster.birth[idx],
        "sex": roster.sex[idx],
        "school_id": pa.array(school_ids[roster.school[idx]], pa.string()),
        "class_id": pa.array(class_ids[roster.klass[idx]], pa.string()),
        "grade": roster.grade[idx],
        "home_municipality": roster.home[idx],
        "paying_municipality": roster.paying[idx],
        "school_days": np.full(len(idx), days, dtype=np.int16),
        "absence_illness": (absent - unauthorised - authorised).astype(np.int16),
        "absence_authorised": authorised.astype(np.int16),
        "absence_unauthorised": unauthorised.astype(np.int16),
    })


def _classes_table(roster: Roster, schools: list[School], used: np.ndarray) -> pa.Table:
    school_ids = np.array([s.id for s in schools], dtype=object)
    return pa.table({
        "class_id": pa.array(np.array(roster.class_ids, dtype=object)[used], pa.string()),
        "school_id": pa.array(school_ids[roster.class_school[used]], pa.string()),
        "class_name": pa.array(np.array(roster.class_names, dtype=object)[used], pa.string()),
        "grade": roster.class_grade[used],
        "class_type": pa.array(np.array(CLASS_TYPES, dtype=object)[roster.class_kind[used]], pa.string()),
        "year_grouped": roster.class_year_grouped[used],
    })


def _exams_table(ctx, roster: Roster, idx: np.ndarray, schools: list[School], period: Period,
                 rng: np.random.Generator) -> pa.Table:
    """Final exams of 9th-graders: eight subjects on the 7-step scale."""
    ninth = idx[(roster.grade[idx] == 9) & (roster.school[idx] >= 0)]
    special = roster.class_type[ninth] > 0
    subjects = list(SUBJECTS_LONG)
    policy = ctx.rng("schools/policy").normal(0, 0.12)
    ability = -0.45 * roster.latent[ninth] - 0.2 * ctx.profile.social_index + policy + rng.normal(0, 0.6, len(ninth))
    pupil = np.repeat(np.arange(len(ninth)), len(subjects))
    subject = np.tile(np.arange(len(subjects)), len(ninth))
    sits = rng.random(len(pupil)) < np.where(special[pupil], 0.45, 0.97)
    score = ability[pupil] + rng.normal(0, 0.7, len(pupil))
    grade = GRADE_VALUES[np.searchsorted(GRADE_THRESHOLDS, score)]
    pupil, subject, grade = pupil[sits], subject[sits], grade[sits]
    exam_day = day_number(period.first_day) + 2 + subject * 2
    who = ninth[pupil]
    school_ids = np.array([s.id for s in schools], dtype=object)
    return pa.table({
        "pupil_id": roster.ids(who),
        "school_id": pa.array(school_ids[roster.school[who]], pa.string()),
        "class_id": pa.array(np.array(roster.class_ids, dtype=object)[roster.klass[who]], pa.string()),
        "subject": pa.array(np.array(subjects, dtype=object)[subject], pa.string()),
        "grade_value": grade.astype(np.int16),
        "exam_date": exam_day.astype(np.int32),
    })


def _register_workplaces(ctx: MunicipalityContext, schools: list[School], pupils: np.ndarray,
                         special: np.ndarray, young: np.ndarray, teachers: np.ndarray) -> None:
    """Staff the schools and their after-school clubs need; costs other than salaries."""
    for i, s in enumerate(schools):
        function = "3.22.08" if s.type == "specialskole" else "3.22.01"
        ctx.add_workplace(Workplace(s.id, s.name, "school", function, {
            "teacher": teachers[:, i],
            "pedagogue": special[:, i] / 6 + pupils[:, i] / 120,
            "manager": pupils[:, i] / 420,
            "administrative": pupils[:, i] / 280,
            "service": pupils[:, i] / 320,
        }))
        ctx.add_cost(function, "2.9", pupils[:, i] * 310, cost_centre=s.id)
        ctx.add_cost(function, "4.0", pupils[:, i] * 520, cost_centre=s.id)
        if s.type == "folkeskole" and young[:, i].sum() > 0:
            sfo = ctx.institution_ids("sfo", 1, 500)[0]
            ctx.add_workplace(Workplace(sfo, f"SFO {s.name}", "sfo", "3.22.05", {
                "pedagogue": young[:, i] * 0.8 / 14, "manager": young[:, i] / 300}))
            ctx.add_cost("3.22.05", "7.2", -young[:, i] * 0.8 * 1900, cost_centre=sfo)


def frames(ctx: MunicipalityContext) -> Iterator[Frame]:
    people = ctx.people
    starts = ctx.period_starts
    first_day = int(starts[0])
    age = people.age(first_day)
    children = int(((age >= 6) & (age <= 16) & people.resident(first_day)).sum())
    schools = plan_schools(ctx, children)
    rng = ctx.rng("schools/months")
    policy = float(np.exp(ctx.rng("schools/policy").normal(0, 0.07)))
    rosters: dict[int, Roster] = {}
    n_periods, n_schools = len(ctx.periods), len(schools)
    pupils_n = np.zeros((n_periods, n_schools))
    special_n = np.zeros((n_periods, n_schools))
    young_n = np.zeros((n_periods, n_schools))
    teacher_fte = np.zeros((n_periods, n_schools))
    school_table = pa.table({
        "school_id": pa.array([s.id for s in schools], pa.string()),
        "name": pa.array([s.name for s in schools], pa.string()),
        "school_type": pa.array([s.type for s in schools], pa.string()),
        "owner_municipality": np.full(n_schools, ctx.code, dtype=np.int16),
    })
    for t, period in enumerate(ctx.periods):
        year = period.school_year
        if year not in rosters:
            rosters = {year: build_roster(ctx, people, schools, year)}
        roster = rosters[year]
        day = int(starts[t]) + COUNT_DAY - 1
        idx = np.flatnonzero(roster.enrolled(day))
        yield Frame("schools", period, school_table)
        used = np.unique(roster.klass[idx])
        yield Frame("classes", period, _classes_table(roster, schools, used))
        yield Frame("pupils", period, _pupils_table(ctx, roster, idx, schools, period, rng))

        per_school = np.bincount(roster.school[idx], minlength=n_schools).astype(float)
        spec = np.bincount(roster.school[idx], weights=(roster.class_type[idx] > 0), minlength=n_schools)
        is_special_school = np.array([s.type == "specialskole" for s in schools])
        fte = np.where(is_special_school, per_school / 2.8, (per_school - spec) / 12.6 + spec / 4.5) * policy
        fte = np.round(fte * rng.uniform(0.97, 1.03, n_schools), 2)
        pupils_n[t], special_n[t], teacher_fte[t] = per_school, spec, fte
        young_n[t] = np.bincount(roster.school[idx], weights=(roster.grade[idx] <= 3), minlength=n_schools)
        yield Frame("teachers", period, pa.table({
            "school_id": pa.array([s.id for s in schools], pa.string()), "teacher_fte": fte}))
        if period.month == 6:
            yield Frame("exams", period, _exams_table(ctx, roster, idx, schools, period, rng))
    _register_workplaces(ctx, schools, pupils_n, special_n, young_n, teacher_fte)


DOMAIN = Domain("schools", "Schools (public primary and lower secondary)", DATASETS, VENDORS, frames)

