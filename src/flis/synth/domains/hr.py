"""HR (payroll): every employment paid in the month, with FTE, absence and pay.

The service domains have registered their workplaces and the full-time equivalents
each needs per job category and month; payroll adds the central units nobody else
registers (town hall, roads and parks, libraries, dental care) and then staffs every
workplace with *posts*. A post has a degree of employment (full time or a number of
weekly hours out of 37); a workplace's active posts are the first ones whose degrees
add up to the FTE it needs, so payroll FTE follows pupils, children and recipients.
A post changes hands now and then (turnover), which gives new employees with a new
employment date. Sickness absence has a person-level propensity, differs by job
category and municipality, and peaks in winter; a few employees are on long-term
sick leave in a month.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from flis.synth.calendar import working_days
from flis.synth.codes import MONTHLY_SALARY
from flis.synth.context import MunicipalityContext, Workplace
from flis.synth.domains.base import Dataset, Domain, Frame
from flis.synth.ids import pseudonyms
from flis.synth.names import institution_names
from flis.synth.vendors.hr import VENDORS

DATASETS = (
    Dataset("employees", "Every employment paid in the month: workplace, function, job category, employment form, "
            "FTE, working days, sick days and gross pay.", "monthly", id_column="employee_id", countable=True),
)

FULL_TIME_SHARE = {"teacher": 0.8, "manager": 0.97, "administrative": 0.75, "academic": 0.85, "service": 0.6,
                   "pedagogue": 0.45, "pedagogical_assistant": 0.35, "childminder": 0.8, "health_helper": 0.3,
                   "health_assistant": 0.4, "nurse": 0.5, "therapist": 0.6, "social_worker": 0.75,
                   "social_educator": 0.55, "dental": 0.6}
WOMEN_SHARE = {"teacher": 0.68, "manager": 0.58, "administrative": 0.8, "academic": 0.6, "service": 0.35,
               "pedagogue": 0.78, "pedagogical_assistant": 0.7, "childminder": 0.95, "health_helper": 0.88,
               "health_assistant": 0.9, "nurse": 0.95, "therapist": 0.8, "social_worker": 0.85,
               "social_educator": 0.7, "dental": 0.95}
SICKNESS = {"teacher": 0.045, "manager": 0.025, "administrative": 0.04, "academic": 0.03, "service": 0.055,
            "pedagogue": 0.06, "pedagogical_assistant": 0.065, "childminder": 0.05, "health_helper": 0.075,
            "health_assistant": 0.065, "nurse": 0.055, "therapist": 0.045, "social_worker": 0.055,
            "social_educator": 0.065, "dental": 0.045}
"""Share of working days lost to own illness by job category (municipal employees lose about 5.5 %)."""
CIVIL_SERVANT_SHARE = {"teacher": 0.12, "manager": 0.15, "administrative": 0.04, "academic": 0.05}
TURNOVER_PER_YEAR = 0.12
PART_TIME_HOURS = np.array([20, 25, 28, 30, 32, 34, 35])


@dataclass
class Posts:
    """All posts of the municipality; arrays over posts unless noted."""

    workplace: np.ndarray
    category: np.ndarray
    degree: np.ndarray
    active: np.ndarray
    """(periods x posts) whether the post is filled in the period."""
    first_serial: np.ndarray
    changes: np.ndarray
    """(periods x posts) number of changes of hands up to and including the period."""


def central_workplaces(ctx: MunicipalityContext) -> list[Workplace]:
    """Units every municipality has that no service domain registers, sized by population."""
    people = ctx.people
    starts = ctx.period_starts[:-1]
    population = np.array([people.resident(int(d)).sum() for d in starts], dtype=float)
    children = np.array([(people.resident(int(d)) & (people.age(int(d)) < 18)).sum() for d in starts], dtype=float)
    rng = ctx.rng("hr/central")
    names = institution_names(rng, "office", 5)
    units = [
        ("administration", "6.45.51", {"administrative": population * 0.0042, "academic": population * 0.0022,
                                       "manager": population * 0.0005}),
        ("roads", "2.28.11", {"service": population * 0.0011, "manager": population * 0.00005}),
        ("parks", "0.28.20", {"service": population * 0.0006}),
        ("library", "3.32.50", {"academic": population * 0.00025, "administrative": population * 0.0002}),
        ("dental", "4.62.85", {"dental": children * 0.0045, "manager": children * 0.0002}),
    ]
    ids = ctx.institution_ids("central", len(units), 8000)
    return [Workplace(i, n, kind, function, staff) for i, n, (kind, function, staff) in zip(ids, names, units)]


def plan_posts(ctx: MunicipalityContext, workplaces: list[Workplace], rng: np.random.Generator) -> Posts:
    """Posts for every workplace and job category, and which are filled in each period."""
    periods = len(ctx.periods)
    wp, cat, degree, active = [], [], [], []
    for w_index, w in enumerate(workplaces):
        for category, fte in w.staff.items():
            fte = np.maximum(np.nan_to_num(np.asarray(fte, dtype=float)), 0.0)
            need = float(fte.max())
            if need <= 0:
                continue
            n = int(np.ceil(need / 0.5)) + 2
            full = rng.random(n) < FULL_TIME_SHARE.get(category, 0.6)
            d = np.where(full, 1.0, rng.choice(PART_TIME_HOURS, n) / 37)
            # Post i is filled when the need reaches a point inside its own degree (a fixed random
            # point per workplace): the expected FTE equals the need, even for needs under one person.
            threshold = np.cumsum(d) - d * rng.random()
            filled = np.searchsorted(threshold, fte, side="right")
            wp.append(np.full(n, w_index))
            cat.append(np.full(n, category, dtype=object))
            degree.append(d)
            active.append(np.arange(n)[None, :] < filled[:, None])
    if not wp:
        empty = np.zeros(0)
        return Posts(empty.astype(int), empty.astype(object), empty, np.zeros((periods, 0), bool),
                     empty.astype(np.int64), np.zeros((periods, 0), np.int64))
    n_posts = sum(len(x) for x in wp)
    change = rng.random((periods, n_posts)) < TURNOVER_PER_YEAR / 12
    changes = np.cumsum(change, axis=0)
    first_serial = np.concatenate([[0], np.cumsum(changes[-1] + 1)[:-1]]).astype(np.int64)
    return Posts(np.concatenate(wp), np.concatenate(cat), np.concatenate(degree), np.concatenate(active, axis=1),
                 first_serial, changes)


def _people_of_serials(ctx: MunicipalityContext, posts: Posts, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Birth year, sex, employment form and sickness propensity for every employee that ever holds a post."""
    total = int(posts.first_serial[-1] + posts.changes[-1, -1] + 1) if len(posts.first_serial) else 0
    post_of = np.repeat(np.arange(len(posts.first_serial)), posts.changes[-1] + 1) if total else np.zeros(0, int)
    category = posts.category[post_of]
    year = ctx.periods[0].year
    women = np.vectorize(WOMEN_SHARE.get)(category, 0.7) if total else np.zeros(0)
    civil = np.vectorize(CIVIL_SERVANT_SHARE.get)(category, 0.02) if total else np.zeros(0)
    sick = np.vectorize(SICKNESS.get)(category, 0.05) if total else np.zeros(0)
    u = rng.random(total)
    form = np.where(u < civil, "civil_servant",
                    np.where(u < civil + 0.05, "hourly",
                             np.where((u < civil + 0.1) & np.isin(category, ["health_helper", "health_assistant",
                                                                              "pedagogical_assistant"]),
                                      "trainee", "agreement")))
    age = np.where(form == "trainee", rng.integers(19, 30, total), rng.integers(23, 67, total))
    policy = float(np.exp(ctx.rng("hr/policy").normal(0, 0.1))) * ctx.profile.rate(0.08)
    return {
        "birth_year": (year - age).astype(np.int16),
        "sex": np.where(rng.random(total) < women, 2, 1).astype(np.int8),
        "form": form,
        "tenure_years": rng.exponential(7, total),
        "sick_rate": rng.gamma(1.2, sick / 1.2 * policy),
    }


def frames(ctx: MunicipalityContext) -> Iterator[Frame]:
    rng = ctx.rng("hr/posts")
    for w in central_workplaces(ctx):
        ctx.add_workplace(w)
    workplaces = list(ctx.workplaces)
    posts = plan_posts(ctx, workplaces, rng)
    persons = _people_of_serials(ctx, posts, ctx.rng("hr/persons"))
    wp_ids = np.array([w.id for w in workplaces], dtype=object)
    wp_function = np.array([w.function for w in workplaces], dtype=object)
    salary_base = np.vectorize(MONTHLY_SALARY.get)(posts.category, 36_000) if len(posts.category) else np.zeros(0)
    month_rng = ctx.rng("hr/months")
    salaries: dict[tuple[str, str, str], np.ndarray] = {}
    starts = ctx.period_starts
    for t, period in enumerate(ctx.periods):
        idx = np.flatnonzero(posts.active[t])
        serial = posts.first_serial[idx] + posts.changes[t, idx]
        changed_at = _last_change_period(posts.changes, idx, t)
        days = working_days(period)
        season = {1: 1.25, 2: 1.3, 3: 1.15, 7: 0.6, 12: 1.1}.get(period.month, 1.0)
        rate = np.minimum(persons["sick_rate"][serial] * season, 0.9)
        long_term = month_rng.random(len(idx)) < 0.012
        sick = np.where(long_term, days, month_rng.binomial(days, rate))
        injury = np.where(long_term, 0, month_rng.binomial(days - sick, 0.0008))
        age = period.year - persons["birth_year"][serial]
        child_sick = np.where((age >= 25) & (age <= 45), month_rng.binomial(days - sick - injury, 0.006), 0)
        pay = salary_base[idx] * posts.degree[idx] * (1 + 0.004 * (age - 40)) * month_rng.normal(1, 0.03, len(idx))
        employed_from = np.where(changed_at >= 0, starts[np.maximum(changed_at, 0)],
                                 starts[0] - np.floor(persons["tenure_years"][serial] * 365.25).astype(np.int64))
        form = persons["form"][serial]
        order = np.lexsort((serial, posts.workplace[idx]))
        idx, serial, form = idx[order], serial[order], form[order]
        table = pa.table({
            "employee_id": pseudonyms("E", ctx.code, serial),
            "birth_year": persons["birth_year"][serial],
            "sex": persons["sex"][serial],
            "workplace_id": pa.array(wp_ids[posts.workplace[idx]], pa.string()),
            "function": pa.array(wp_function[posts.workplace[idx]], pa.string()),
            "job_category": pa.array(posts.category[idx], pa.string()),
            "employment_form": pa.array(form, pa.string()),
            "fte": np.round(posts.degree[idx], 4),
            "employed_from": employed_from[order].astype(np.int32),
            "active_days": np.full(len(idx), days, dtype=np.int16),
            "sick_days": sick[order].astype(np.int16),
            "injury_days": injury[order].astype(np.int16),
            "child_sick_days": child_sick[order].astype(np.int16),
            "salary": np.round(pay[order], 2),
        })
        _add_salaries(salaries, table, t, len(ctx.periods))
        yield Frame("employees", period, table)
    for (function, art, workplace), amounts in sorted(salaries.items()):
        ctx.add_cost(function, art, amounts, cost_centre=workplace)


def _last_change_period(changes: np.ndarray, idx: np.ndarray, t: int) -> np.ndarray:
    """The period in which the current holder of each post took over (-1: before the horizon)."""
    if t == 0 or len(idx) == 0:
        return np.full(len(idx), -1)
    history = changes[: t + 1, idx]
    current = history[-1]
    took_over = np.argmax(history == current[None, :], axis=0)
    return np.where(current > 0, took_over, -1)


def _add_salaries(salaries: dict, table: pa.Table, t: int, periods: int) -> None:
    """Sum pay per function, kind of salary (art 1.1 civil servants, 1.2 others) and workplace."""
    function = table.column("function").to_numpy(zero_copy_only=False)
    workplace = table.column("workplace_id").to_numpy(zero_copy_only=False)
    art = np.where(table.column("employment_form").to_numpy(zero_copy_only=False) == "civil_servant", "1.1", "1.2")
    pay = table.column("salary").to_numpy()
    keys = np.char.add(np.char.add(function.astype(str), "|"), np.char.add(art, np.char.add("|", workplace.astype(str))))
    unique, inverse = np.unique(keys, return_inverse=True)
    sums = np.bincount(inverse, weights=pay, minlength=len(unique))
    for key, value in zip(unique, sums):
        f, a, w = str(key).split("|")
        salaries.setdefault((f, a, w), np.zeros(periods))[t] = value


DOMAIN = Domain("hr", "HR (payroll and absence)", DATASETS, VENDORS, frames)
