"""Comparable municipalities: static groups, and nearest neighbours by structural conditions.

Static groups are Statistics Denmark's municipality groups (KOMGRP) and the regions. Nearest neighbours
are computed from seven structural conditions (population size, share aged 65+ and 80+, density,
unemployment, disposable income, social-assistance recipients per inhabitant): each is standardised to a
z-score over the municipalities of the table (population and density after taking logarithms, as they
span three orders of magnitude), and the distance between two municipalities is the weighted Euclidean
distance ``sqrt(sum_j w_j * (z_aj - z_bj)^2)``. Each domain has default weights (``DEFAULT_WEIGHTS``,
documented in docs/compare.md); callers may override any of them. Every neighbour says why it is near:
each condition's share of its squared distance, and the two conditions where it is closest, with the
actual values.

The conditions table is injectable (``table=``), so tests can use a toy table of a few units.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from flis import reference
from flis.compare.release import ReleaseView, month_number
from flis.compare.stats import resolve_period
from flis.errors import FlisError
from flis.periods import Period


class ComparablesError(FlisError):
    """A comparison-group request flis cannot serve: unknown domain or group kind, bad weights or k."""

    code = "compare.invalid_comparables"
    exit_code = 2


@dataclass(frozen=True)
class Variable:
    """A structural condition: ``log`` standardises its logarithm; ``fmt`` formats an actual value."""

    name: str
    label: str
    log: bool
    fmt: str

    def show(self, value: float) -> str:
        return self.fmt.format(value)


VARIABLES = (
    Variable("population", "population", True, "{:,.0f}"),
    Variable("share_65", "share 65+", False, "{:.1f}%"),
    Variable("share_80", "share 80+", False, "{:.1f}%"),
    Variable("density", "density", True, "{:,.0f} per km²"),
    Variable("unemployment", "unemployment", False, "{:.1f}%"),
    Variable("income", "disposable income", False, "DKK {:,.0f}"),
    Variable("social_assistance", "social assistance", False, "{:.2f} per 1,000"),
)

_W = ("population", "share_65", "share_80", "density", "unemployment", "income", "social_assistance")
DEFAULT_WEIGHTS: dict[str, dict[str, float]] = {
    # domain:     population, 65+, 80+, density, unemployment, income, social assistance
    "general":    dict(zip(_W, (1, 1, 1, 1, 1, 1, 1))),
    "schools":    dict(zip(_W, (2, 0.5, 0, 1, 1, 2, 1))),
    "daycare":    dict(zip(_W, (2, 0.5, 0, 1.5, 1, 2, 1))),
    "children":   dict(zip(_W, (1, 0.5, 0, 1, 2, 1.5, 2))),
    "elderly":    dict(zip(_W, (1, 2, 3, 1, 0.5, 0.5, 0.5))),
    "health":     dict(zip(_W, (1, 2, 2, 1, 1, 1, 1))),
    "disability": dict(zip(_W, (1.5, 1, 1, 1, 1, 1, 1.5))),
    "employment": dict(zip(_W, (1, 0.5, 0, 1, 3, 1.5, 2))),
    "citizens":   dict(zip(_W, (2, 1, 1, 1.5, 1, 1, 1))),
    "economy":    dict(zip(_W, (2, 1, 1, 1.5, 1, 1.5, 1))),
    "hr":         dict(zip(_W, (3, 0.5, 0.5, 1, 0.5, 0.5, 0.5))),
}
"""Why these: school and daycare figures follow the number of children and the parents' means
(population, income); child welfare and employment follow socio-economic conditions (unemployment,
social assistance); elderly care follows the very old (80+) first; staff (hr) follows the size of the
organisation, i.e. population. ``general`` (equal weights) is used when no domain is given."""


@dataclass(frozen=True)
class ConditionsTable:
    """Structural conditions per unit: ``values[variable][i]`` belongs to ``codes[i]`` (actual values,
    not yet logged or standardised)."""

    codes: tuple[int, ...]
    names: Mapping[int, str]
    values: Mapping[str, np.ndarray]
    variables: tuple[Variable, ...] = VARIABLES

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping], variables: tuple[Variable, ...] = VARIABLES) -> ConditionsTable:
        """Rows with ``code``, ``name`` and one key per variable."""
        rows = list(rows)
        return cls(tuple(int(r["code"]) for r in rows), {int(r["code"]): str(r["name"]) for r in rows},
                   {v.name: np.array([float(r[v.name]) for r in rows]) for v in variables}, variables)

    def variable(self, name: str) -> Variable:
        return next(v for v in self.variables if v.name == name)

    def standardised(self) -> np.ndarray:
        """z-scores, units x variables: (x - mean) / standard deviation (population, ddof=0); a
        variable that does not vary has z = 0 everywhere. Computed once per table (it is immutable)."""
        cached = self.__dict__.get("_z")
        if cached is not None:
            return cached
        columns = []
        for v in self.variables:
            x = np.log(self.values[v.name]) if v.log else self.values[v.name]
            sd = float(np.std(x))
            columns.append((x - np.mean(x)) / sd if sd > 0 else np.zeros_like(x))
        z = np.column_stack(columns)
        z.setflags(write=False)
        object.__setattr__(self, "_z", z)  # a cache on a frozen dataclass: same value every time
        return z


@lru_cache(maxsize=1)
def reference_conditions() -> ConditionsTable:
    """The 98 municipalities' conditions from flis.reference: population and density in the reference
    month (2026-01), age shares in 2022, unemployment 2024 (%), average disposable income 2024 (DKK),
    net social-assistance recipients 2025 per 1,000 inhabitants."""
    rows = []
    for m in reference.municipalities():
        s = m.structure
        rows.append({"code": m.code, "name": m.name, "population": m.population,
                     "share_65": 100 * s.aged_65_plus_2022 / s.population_2022,
                     "share_80": 100 * s.aged_80_plus_2022 / s.population_2022,
                     "density": m.density, "unemployment": s.unemployment_pct_2024,
                     "income": s.disposable_income_2024,
                     "social_assistance": 1000 * s.social_assistance_2025 / m.population})
    return ConditionsTable.from_rows(rows)


@dataclass
class Contribution:
    variable: str
    label: str
    value: float
    own_value: float
    text: str
    own_text: str
    weight: float
    z_difference: float
    contribution: float
    share: float


@dataclass
class Neighbour:
    """A comparable municipality: its distance and why (``contributions`` per condition, ``closest``
    the two conditions where it is nearest, ``why`` those as text, the neighbour's value first)."""

    municipality: int
    name: str
    distance: float
    contributions: list[Contribution]
    closest: list[str]
    why: str


def weights_for(domain: str | None, overrides: Mapping[str, float] | None = None,
                variables: tuple[Variable, ...] = VARIABLES) -> dict[str, float]:
    """The domain's default weights with ``overrides`` applied; every weight finite and >= 0, not all 0."""
    key = domain or "general"
    if key not in DEFAULT_WEIGHTS:
        raise ComparablesError(f"unknown domain {domain!r}", hint=f"use one of {', '.join(DEFAULT_WEIGHTS)}")
    names = [v.name for v in variables]
    weights = {n: float(DEFAULT_WEIGHTS[key].get(n, 1.0)) for n in names}
    for name, w in (overrides or {}).items():
        if name not in weights:
            raise ComparablesError(f"unknown condition {name!r} in the weights", hint=f"use {', '.join(names)}")
        try:
            w = float(w)
        except (TypeError, ValueError):
            raise ComparablesError(f"the weight of {name} must be a number, not {w!r}") from None
        if not math.isfinite(w) or w < 0:
            raise ComparablesError(f"the weight of {name} must be a number >= 0, not {w}")
        weights[name] = w
    if not any(weights.values()):
        raise ComparablesError("at least one weight must be above 0")
    return weights


def nearest(municipality: int, domain: str | None = None, k: int = 5, weights: Mapping[str, float] | None = None,
            *, table: ConditionsTable | None = None) -> list[Neighbour]:
    """The ``k`` municipalities nearest to ``municipality`` by the domain's weighted conditions, nearest
    first (equal distances by code)."""
    table = table or reference_conditions()
    code = _code(municipality, table)
    if not 1 <= int(k) <= len(table.codes) - 1:
        raise ComparablesError(f"k must be between 1 and {len(table.codes) - 1}, not {k}")
    w = weights_for(domain, weights, table.variables)
    w_vec = np.array([w[v.name] for v in table.variables])
    z = table.standardised()
    me = table.codes.index(code)
    parts = w_vec * (z - z[me]) ** 2
    distance = np.sqrt(parts.sum(axis=1))
    order = sorted((i for i in range(len(table.codes)) if i != me), key=lambda i: (distance[i], table.codes[i]))
    return [_neighbour(table, me, i, float(distance[i]), parts[i], z, w_vec) for i in order[:int(k)]]


def _neighbour(table: ConditionsTable, me: int, i: int, distance: float, parts: np.ndarray, z: np.ndarray,
               w: np.ndarray) -> Neighbour:
    total = float(parts.sum())
    contributions = []
    for j, v in enumerate(table.variables):
        theirs, own = float(table.values[v.name][i]), float(table.values[v.name][me])
        contributions.append(Contribution(v.name, v.label, theirs, own, v.show(theirs), v.show(own), float(w[j]),
                                          float(z[i, j] - z[me, j]), float(parts[j]),
                                          float(parts[j]) / total if total > 0 else 0.0))
    weighted = [c for c in contributions if c.weight > 0]
    closest = sorted(weighted, key=lambda c: abs(c.z_difference))[:2]
    why = "; ".join(f"{c.label} {c.text} vs {c.own_text}" for c in closest)
    code = table.codes[i]
    return Neighbour(code, table.names[code], distance, contributions, [c.variable for c in closest], why)


def _code(municipality: int, table: ConditionsTable) -> int:
    code = int(municipality) if str(municipality).strip().isdigit() else reference.municipality(municipality).code
    if code not in table.codes:
        if table is reference_conditions():
            reference.municipality(code)  # raises UnknownMunicipality with its usual message
        raise ComparablesError(f"{municipality} is not in the conditions table")
    return code


@dataclass
class StaticGroup:
    kind: str
    code: int
    name: str
    members: list[int]


GROUP_KINDS = ("region", "komgrp")


def static_group(municipality: int, kind: str) -> StaticGroup:
    """The municipality's region (``region``) or Statistics Denmark municipality group (``komgrp``),
    with all its members (the municipality included), by code."""
    m = reference.municipality(municipality)
    if kind == "region":
        code, name = m.region_code, m.region.name
        members = [x.code for x in reference.municipalities() if x.region_code == code]
    elif kind == "komgrp":
        code, name = m.group_code, m.group.name
        members = [x.code for x in reference.municipalities() if x.group_code == code]
    else:
        raise ComparablesError(f"unknown group kind {kind!r}", hint=f"use one of {', '.join(GROUP_KINDS)}")
    return StaticGroup(kind, code, name, members)


@dataclass
class SetMean:
    """Means over a chosen set of municipalities (e.g. the comparables) in one period.

    ``weighted`` is the ratio of sums (None for figures without a denominator and for change figures,
    where a ratio of sums means nothing); ``unweighted`` the plain mean; both over the ``municipalities``
    of the set that have a value; ``missing`` lists those that have none."""

    series_id: str
    period: str
    weighted: float | None
    unweighted: float | None
    municipalities: list[int]
    missing: list[int]


def comparison_mean(view: ReleaseView, series_id: str, period: Period | str | None,
                    municipalities: Iterable[int]) -> SetMean:
    p = resolve_period(view, series_id, period)
    return _set_means(view, series_id, view.cells(series_id, p), [p.index], municipalities)[0]


def comparison_means(view: ReleaseView, series_id: str, periods: Iterable[Period | str | int],
                     municipalities: Iterable[int]) -> list[SetMean]:
    """:func:`comparison_mean` for many periods at once (a time series): one pass over the series."""
    return _set_means(view, series_id, view.series_cells(series_id), [month_number(p) for p in periods],
                      municipalities)


def _set_means(view: ReleaseView, series_id: str, cells, months: list[int],
               municipalities: Iterable[int]) -> list[SetMean]:
    """The set's means in each of ``months``, from ``cells`` sorted by period: the periods found by binary
    search, the sums in plain Python over the few municipalities of the set."""
    meta = view.series(series_id)
    wanted = sorted({int(m) for m in municipalities})
    chosen = np.isin(cells.municipality, np.array(wanted, dtype=np.int16)) & ~np.isnan(cells.value)
    period = cells.period[chosen]
    starts = np.searchsorted(period, months, side="left").tolist()
    ends = np.searchsorted(period, months, side="right").tolist()
    code, value = cells.municipality[chosen].tolist(), cells.value[chosen].tolist()
    num, den = cells.numerator[chosen].tolist(), cells.denominator[chosen].tolist()
    ratio, scale = meta.get("kind", "ratio") in ("ratio", "rolling"), float(meta["scale"])
    out = []
    for month, a, b in zip(months, starts, ends):
        have = sorted(code[a:b])
        present = set(have)
        weighted = None
        if ratio and b > a:
            d = sum(den[a:b])
            weighted = None if d == 0 or math.isnan(d) else sum(num[a:b]) / d * scale
        mean = sum(value[a:b]) / (b - a) if b > a else None
        out.append(SetMean(series_id, str(Period.from_index(month)), weighted, mean, have,
                           [m for m in wanted if m not in present]))
    return out
