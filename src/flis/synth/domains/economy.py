"""Economy (the ledger): postings on the municipal chart of accounts, and the year's budget.

Everything the other domains caused has been registered as cost lines (salaries from
payroll, purchased places, transfers, user payments, refunds). The ledger adds what
only it knows — taxes, grants and equalisation, contributions to private schools,
roads and winter service, buildings, administration, capital projects — and books
each line as a handful of vouchers on random days of the month (salaries once, on
the last day). The original budget of each year is the expected actual plus a
planning error of a few per cent, delivered with the January postings.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa

from flis.periods import day_number
from flis.synth.context import MunicipalityContext
from flis.synth.domains.base import Dataset, Domain, Frame
from flis.synth.vendors.economy import VENDORS

DATASETS = (
    Dataset("postings", "Vouchers posted in the month on function, dranst, art and cost centre (actuals).",
            "monthly", id_column="posting_id"),
    Dataset("budget", "The original budget of the year per function, dranst and art (in the January file).",
            "annual"),
)

TEXTS = {"1": "Lønudbetaling", "2": "Varekøb", "4": "Faktura", "5": "Udbetaling", "6": "Renter", "7": "Indbetaling",
         "8": "Refusion"}


def central_costs(ctx: MunicipalityContext) -> None:
    """Money no service domain causes, per inhabitant and calibrated to Danish municipal accounts."""
    people = ctx.people
    starts = ctx.period_starts[:-1]
    pop = np.array([people.resident(int(d)).sum() for d in starts], dtype=float)
    pupils_private = np.array([(people.resident(int(d)) & (people.age(int(d)) >= 6) & (people.age(int(d)) <= 16)
                                ).sum() for d in starts], dtype=float) * (1 - ctx.profile.public_school_share)
    months = np.array([p.month for p in ctx.periods])
    income = ctx.municipality.structure.disposable_income_2024 / 265_000
    urban, social = ctx.profile.urban, ctx.profile.social_index
    winter = np.select([np.isin(months, [12, 1, 2]), np.isin(months, [11, 3])], [250.0, 40.0], 0.0)
    lines = [
        ("7.55.75", "6.5", 4, pop * 55),
        ("3.22.10", "4.0", 1, pupils_private * 3_100),
        ("0.25.10", "4.0", 1, pop * 120),
        ("0.28.20", "4.0", 1, pop * 45),
        ("2.28.11", "4.0", 1, pop * 180),
        ("2.28.14", "4.0", 1, pop * winter * (1.3 - 0.6 * urban)),
        ("2.32.31", "4.0", 1, pop * 130 * (0.4 + urban)),
        ("1.38.60", "4.0", 1, pop * 150),
        ("1.38.60", "7.2", 1, -pop * 150),
        ("3.35.64", "4.0", 1, pop * 40),
        ("6.42.41", "4.0", 1, pop * 45),
        ("6.45.50", "4.0", 1, pop * 60),
        ("6.45.51", "4.0", 1, pop * 250),
        ("6.52.72", "5.9", 1, pop * 80),
    ]
    for function, art, dranst, amounts in lines:
        ctx.add_cost(function, art, amounts, dranst=dranst)
    _capital_projects(ctx, pop)
    _financing(ctx, pop, income, social)


def _financing(ctx: MunicipalityContext, pop: np.ndarray, income: float, social: float) -> None:
    """Taxes, grants and equalisation that finance the year's spending with a small surplus.

    Richer municipalities raise more of it in income tax and receive less in grants; the
    monthly instalments are even through the year, as the state pays them.
    """
    spending = sum(c.amounts for c in ctx.costs if c.dranst in (1, 2, 4))
    per_inhabitant = float(np.mean(spending / np.maximum(pop, 1)))
    rng = ctx.rng("economy/financing")
    surplus = 1.0 + rng.normal(0.025, 0.015)
    tax_share = float(np.clip(0.74 * income - 0.04 * social, 0.5, 0.95))
    ctx.add_cost("7.68.90", "7.9", -pop * per_inhabitant * surplus * tax_share * 0.93, dranst=7)
    ctx.add_cost("7.68.96", "7.9", -pop * per_inhabitant * surplus * tax_share * 0.07, dranst=7)
    ctx.add_cost("7.62.80", "7.9", -pop * per_inhabitant * surplus * (1 - tax_share), dranst=7)


def _capital_projects(ctx: MunicipalityContext, pop: np.ndarray) -> None:
    """A few construction projects a year, each spread over 4-12 months (dranst 3, anlæg)."""
    rng = ctx.rng("economy/capital")
    n = len(ctx.periods)
    for function in ("3.22.01", "2.28.11", "0.25.19", "0.32.31", "5.30.27"):
        amounts = np.zeros(n)
        for _ in range(rng.poisson(n / 12 * 0.8)):
            start, length = int(rng.integers(0, n)), int(rng.integers(4, 13))
            total = pop[0] * rng.uniform(80, 700)
            amounts[start:start + length] += total / length
        if amounts.any():
            ctx.add_cost(function, "4.0", amounts, dranst=3)


def postings(ctx: MunicipalityContext, t: int, rng: np.random.Generator) -> pa.Table:
    """Book every cost line of period ``t`` as vouchers."""
    period = ctx.periods[t]
    lines = [c for c in ctx.costs if abs(c.amounts[t]) >= 0.5]
    amount = np.array([c.amounts[t] for c in lines])
    art = np.array([c.art for c in lines], dtype=object)
    salary = np.array([a.startswith("1.") for a in art], dtype=bool)
    k = np.where(salary, 1, 1 + rng.poisson(np.minimum(1 + np.abs(amount) / 250_000, 12)))
    line = np.repeat(np.arange(len(lines)), k)
    weight = rng.gamma(1.0, 1.0, len(line))
    share = weight / np.bincount(line, weights=weight, minlength=len(lines))[line]
    value = np.round(amount[line] * share, 2)
    # Put the rounding difference on each line's first voucher so the vouchers add up to the line exactly.
    first = np.concatenate([[0], np.cumsum(k)[:-1]]).astype(int)
    value[first] += np.round(np.round(amount, 2) - np.bincount(line, weights=value, minlength=len(lines)), 2)
    first_day, last_day = day_number(period.first_day), day_number(period.last_day)
    day = np.where(salary[line], last_day, rng.integers(first_day, last_day + 1, len(line)))
    order = np.lexsort((line, day))
    line, value, day = line[order], value[order], day[order]
    return pa.table({
        "posting_id": np.arange(1, len(line) + 1, dtype=np.int64) + (period.year * 100 + period.month) * 1_000_000,
        "posting_date": day.astype(np.int32),
        "function": pa.array([lines[i].function for i in line], pa.string()),
        "dranst": np.array([lines[i].dranst for i in line], dtype=np.int8),
        "art": pa.array(art[line], pa.string()),
        "cost_centre": pa.array([lines[i].cost_centre for i in line], pa.string()),
        "amount": np.round(value, 2),
        "text": pa.array([TEXTS[lines[i].art[0]] for i in line], pa.string()),
    })


def budget(ctx: MunicipalityContext, year: int, rng: np.random.Generator) -> pa.Table:
    """The year's original budget: expected actuals per account, with a planning error of a few per cent."""
    in_year = np.array([p.year == year for p in ctx.periods])
    totals: dict[tuple[str, int, str], float] = {}
    for c in ctx.costs:
        yearly = float(c.amounts[in_year].mean() * 12)
        key = (c.function, c.dranst, c.art)
        totals[key] = totals.get(key, 0.0) + yearly
    keys = sorted(totals)
    planned = np.array([totals[k] for k in keys]) * rng.normal(1.0, 0.03, len(keys))
    return pa.table({
        "budget_year": np.full(len(keys), year, dtype=np.int16),
        "function": pa.array([k[0] for k in keys], pa.string()),
        "dranst": np.array([k[1] for k in keys], dtype=np.int8),
        "art": pa.array([k[2] for k in keys], pa.string()),
        "amount": np.round(planned, -3),
    })


def frames(ctx: MunicipalityContext) -> Iterator[Frame]:
    central_costs(ctx)
    rng = ctx.rng("economy/postings")
    budget_rng = ctx.rng("economy/budget")
    for t, period in enumerate(ctx.periods):
        if period.month == 1 or t == 0:
            yield Frame("budget", period, budget(ctx, period.year, budget_rng))
        yield Frame("postings", period, postings(ctx, t, rng))


DOMAIN = Domain("economy", "Economy (ledger on the municipal chart of accounts)", DATASETS, VENDORS, frames)
