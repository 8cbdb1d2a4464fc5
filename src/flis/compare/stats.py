"""How a municipality stands: rank, percentile, means, quartiles, distance to the best quartile, trend.

The small functions at the top are pure (lists or numpy arrays in, numbers out) and carry the exact
definitions, which docs/compare.md repeats; ``compare``, ``distribution`` and ``trend`` apply them to a
:class:`~flis.compare.release.ReleaseView` and return plain dataclasses (``dataclasses.asdict`` gives
JSON-ready dicts: periods are ``"YYYY-MM"`` strings, missing numbers ``None``).

Only municipalities with a value take part: a municipality that did not deliver, or whose value is
undefined (zero denominator), is neither ranked nor counted in a mean.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from flis import reference
from flis.compare.release import Cells, GroupValue, ReleaseView, month_number
from flis.errors import FlisError
from flis.periods import Period

DIRECTIONS = ("higher_better", "lower_better", "neutral")
RANKED_BY = {
    "higher_better": "highest value first (higher is better)",
    "lower_better": "lowest value first (lower is better)",
    "neutral": "highest value first (the figure has no better direction)",
}
TREND_MONTHS = (12, 36)


class NoValues(FlisError):
    """The series has no values for the period asked for in the current release."""

    code = "compare.no_values"
    exit_code = 2


# -- definitions (pure) ----------------------------------------------------------------------------

def _tie_key(values: Sequence[float]) -> np.ndarray:
    """Values as compared for ties: equal to 12 significant digits (so that floating-point noise from
    summing in a different order does not split a tie)."""
    v = np.asarray(values, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        magnitude = np.floor(np.log10(np.abs(v)))
    magnitude[~np.isfinite(magnitude)] = 0.0
    scale = 10.0 ** (11.0 - magnitude)  # 12 significant digits: round(v * 10^(11 - digits before the point))
    return np.round(v * scale) / scale


def competition_ranks(values: Sequence[float], direction: str) -> np.ndarray:
    """Standard competition ranks ("1224"): 1 + the number of municipalities with a strictly better value.

    Better is higher for ``higher_better`` and ``neutral`` (ranked by value, descending), lower for
    ``lower_better``. ``values`` holds only municipalities with a value."""
    key = _tie_key(values)
    ordered = np.sort(key)
    if direction == "lower_better":
        better = np.searchsorted(ordered, key, side="left")
    else:
        better = len(key) - np.searchsorted(ordered, key, side="right")
    return (better + 1).astype(np.int64)


def percentiles(values: Sequence[float], direction: str) -> np.ndarray:
    """Percent of municipalities (with a value) whose value is worse than or equal to this one, itself
    included: 100 for the best; ``100 * (n - rank + 1) / n`` with competition ranks. For ``neutral``
    figures "worse" means lower (the share with a value at or below this one)."""
    n = len(values)
    if n == 0:
        return np.empty(0)
    return 100.0 * (n - competition_ranks(values, direction) + 1) / n


@dataclass
class Quartiles:
    """Quartiles by linear interpolation between order statistics (numpy's default, Hyndman-Fan type 7):
    the p-quantile of sorted x_0..x_(n-1) is x_i + (x_(i+1) - x_i) * f where i + f = p * (n - 1)."""

    q1: float | None
    median: float | None
    q3: float | None
    minimum: float | None
    maximum: float | None


def quartiles(values: Sequence[float]) -> Quartiles:
    if len(values) == 0:
        return Quartiles(None, None, None, None, None)
    q1, median, q3 = (float(q) for q in np.quantile(np.asarray(values, dtype=np.float64), [0.25, 0.5, 0.75]))
    return Quartiles(q1, median, q3, float(np.min(values)), float(np.max(values)))


def best_quartile_boundary(q: Quartiles, direction: str) -> float | None:
    """The edge of the best quartile: Q3 when higher is better, Q1 when lower is better, none if neutral."""
    return {"higher_better": q.q3, "lower_better": q.q1}.get(direction)


def distance_to_best_quartile(value: float | None, q: Quartiles, direction: str) -> float | None:
    """How far ``value`` must move in the good direction to reach the best quartile's edge, in the
    figure's unit: max(0, Q3 - value) if higher is better, max(0, value - Q1) if lower is better;
    0 when already inside (the edge included); None for neutral figures or a missing value."""
    edge = best_quartile_boundary(q, direction)
    if value is None or edge is None:
        return None
    return max(0.0, edge - value) if direction == "higher_better" else max(0.0, value - edge)


def ratio_of_sums(numerators: Sequence[float], denominators: Sequence[float], scale: float) -> float | None:
    """The weighted mean: sum(numerators) / sum(denominators) * scale (the set as if it were one
    municipality); None when the denominators sum to zero or there are none."""
    if len(numerators) == 0:
        return None
    den = float(np.sum(denominators))
    return None if den == 0 or math.isnan(den) else float(np.sum(numerators)) / den * scale


def unweighted_mean(values: Sequence[float]) -> float | None:
    """The plain mean of the municipal values: every municipality counts once."""
    return float(np.mean(values)) if len(values) else None


@dataclass
class Change:
    """The change from ``months`` earlier: ``absolute`` = now - before, ``relative`` = (now - before) /
    |before| * 100 (percent; None when before is 0). None where either value is missing."""

    months: int
    from_period: str
    from_value: float | None
    absolute: float | None
    relative: float | None


def change(now: float | None, before: float | None, months: int, from_period: Period) -> Change:
    if now is None or before is None:
        return Change(months, str(from_period), before, None, None)
    relative = None if before == 0 else (now - before) / abs(before) * 100
    return Change(months, str(from_period), before, now - before, relative)


# -- results ---------------------------------------------------------------------------------------

@dataclass
class SeriesInfo:
    series_id: str
    name_en: str
    name_da: str
    domain: str
    unit_en: str
    unit_da: str
    decimals: int
    direction: str
    kind: str
    level: str


@dataclass
class AreaValue:
    """A reference value: the country, a region or a municipality group (see GroupValue)."""

    area_type: str
    area: str
    name: str
    value: float | None
    municipal_mean: float | None
    numerator: float | None
    denominator: float | None
    municipalities: int


@dataclass
class Entry:
    municipality: int
    name: str
    value: float | None
    numerator: float | None
    denominator: float | None
    rank: int | None
    percentile: float | None


@dataclass
class Distribution:
    """All municipalities in one period, best first (those without a value last), for the bar chart."""

    series: SeriesInfo
    period: str
    ranked_by: str
    count: int
    entries: list[Entry]
    missing: list[int]
    quartiles: Quartiles
    best_quartile_boundary: float | None
    national: AreaValue | None


@dataclass
class Point:
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    national: float | None
    national_mean: float | None


@dataclass
class Trend:
    series_id: str
    municipality: int
    period: str
    value: float | None
    changes: list[Change]
    points: list[Point] = field(default_factory=list)

    def change(self, months: int) -> Change | None:
        return next((c for c in self.changes if c.months == months), None)


@dataclass
class Comparison:
    series: SeriesInfo
    period: str
    municipality: int
    name: str
    value: float | None
    numerator: float | None
    denominator: float | None
    rank: int | None
    of: int
    percentile: float | None
    ranked_by: str
    national: AreaValue | None
    region: AreaValue | None
    komgrp: AreaValue | None
    quartiles: Quartiles
    best_quartile_boundary: float | None
    distance_to_best_quartile: float | None
    trend: Trend


# -- over a release --------------------------------------------------------------------------------

def series_info(view: ReleaseView, series_id: str) -> SeriesInfo:
    s = view.series(series_id)
    direction = s["direction"] if s["direction"] in DIRECTIONS else "neutral"
    return SeriesInfo(series_id, s["name_en"], s["name_da"], s["domain"], s["unit_en"], s["unit_da"],
                      int(s["decimals"]), direction, s.get("kind", "ratio"), s["level"])


def resolve_period(view: ReleaseView, series_id: str, period: Period | str | None) -> Period:
    """The period asked for, or the series' latest; NoValues if the release has no rows for it."""
    periods = view.periods(series_id)
    if not periods:
        raise NoValues(f"{series_id} has no values in release {view.release_id}")
    if period is None:
        return periods[-1]
    wanted = Period.from_index(month_number(period))
    if wanted not in periods:
        raise NoValues(f"{series_id} has no values for {wanted} in release {view.release_id}",
                       hint=f"it has {periods[0]}..{periods[-1]}")
    return wanted


def _present(cells: Cells) -> np.ndarray:
    return ~np.isnan(cells.value)


def _area(view: ReleaseView, series_id: str, area_type: str, area: str | int, period: Period,
          fallback: Cells | None = None, info: SeriesInfo | None = None) -> AreaValue | None:
    g = view.group(series_id, area_type, area, period)
    name = _area_name(area_type, area)
    if g is not None:
        return AreaValue(area_type, str(area), name, g.value, g.municipal_mean, g.numerator, g.denominator,
                         g.municipalities)
    if fallback is None or info is None:
        return None
    # No group row (an older release): the ratio of sums and the mean from the municipal rows.
    have = _present(fallback)
    weighted = None
    if info.kind in ("ratio", "rolling"):
        scale = float(view.series(series_id)["scale"])
        weighted = ratio_of_sums(fallback.numerator[have], fallback.denominator[have], scale)
    return AreaValue(area_type, str(area), name, weighted, unweighted_mean(fallback.value[have]),
                     float(np.sum(fallback.numerator[have])) if have.any() else None,
                     float(np.sum(fallback.denominator[have])) if have.any() else None, int(have.sum()))


def _area_name(area_type: str, area: str | int) -> str:
    if area_type == "country":
        return "Danmark"
    if area_type == "region":
        return reference.region(int(area)).name
    return reference.group(int(area)).name


def distribution(view: ReleaseView, series_id: str, period: Period | str | None = None) -> Distribution:
    """Every municipality's value in one period, ranked, with quartiles and the national values."""
    info = series_info(view, series_id)
    p = resolve_period(view, series_id, period)
    cells = view.cells(series_id, p)
    have = _present(cells)
    values = cells.value[have]
    ranks = competition_ranks(values, info.direction)
    pcts = percentiles(values, info.direction)
    q = quartiles(values)
    entries, k = [], 0
    for i in range(len(cells)):
        code = int(cells.municipality[i])
        if have[i]:
            entries.append(Entry(code, _name(code), float(cells.value[i]), _num(cells.numerator[i]),
                                 _num(cells.denominator[i]), int(ranks[k]), float(pcts[k])))
            k += 1
        else:
            entries.append(Entry(code, _name(code), None, _num(cells.numerator[i]), _num(cells.denominator[i]),
                                 None, None))
    entries.sort(key=lambda e: (e.rank is None, e.rank or 0, e.municipality))
    delivered = {int(m) for m in cells.municipality[have]}
    missing = sorted(m.code for m in reference.municipalities() if m.code not in delivered)
    return Distribution(info, str(p), RANKED_BY[info.direction], int(have.sum()), entries, missing, q,
                        best_quartile_boundary(q, info.direction),
                        _area(view, series_id, "country", "DK", p, cells, info))


def compare(view: ReleaseView, series_id: str, period: Period | str | None, municipality: int) -> Comparison:
    """One municipality in one period against all others, its region, its group and the country."""
    info = series_info(view, series_id)
    p = resolve_period(view, series_id, period)
    m = reference.municipality(municipality)
    cells = view.cells(series_id, p)
    have = _present(cells)
    values = cells.value[have]
    q = quartiles(values)
    row = np.flatnonzero(cells.municipality == m.code)
    value = numerator = denominator = rank = pct = None
    if len(row):
        i = int(row[0])
        value, numerator, denominator = _num(cells.value[i]), _num(cells.numerator[i]), _num(cells.denominator[i])
    if value is not None:
        k = int(have[:row[0]].sum())  # its position among the municipalities with a value
        rank = int(competition_ranks(values, info.direction)[k])
        pct = float(percentiles(values, info.direction)[k])
    return Comparison(
        info, str(p), m.code, m.name, value, numerator, denominator, rank, int(have.sum()), pct,
        RANKED_BY[info.direction],
        _area(view, series_id, "country", "DK", p, cells, info),
        _area(view, series_id, "region", m.region_code, p),
        _area(view, series_id, "komgrp", m.group_code, p),
        q, best_quartile_boundary(q, info.direction), distance_to_best_quartile(value, q, info.direction),
        trend(view, series_id, m.code, end=p))


def trend(view: ReleaseView, series_id: str, municipality: int, periods: int = 36,
          end: Period | str | None = None) -> Trend:
    """The municipality's last ``periods`` periods of the series up to ``end`` (default: the latest),
    with the national values beside them, and its change over 12 months (the same period last year)
    and 36 months. A period without a value is a point with ``value`` None."""
    code = reference.municipality(municipality).code
    p = resolve_period(view, series_id, end)
    ts = view.timeseries(series_id, code)
    own = {int(t): i for i, t in enumerate(ts.period)}

    def at(month: int) -> float | None:
        i = own.get(month)
        return None if i is None else _num(ts.value[i])

    numbers = view.period_numbers(series_id)
    months = numbers[numbers <= p.index][-periods:] if periods > 0 else numbers[:0]
    national = view.group_values(series_id, "country", "DK", months)
    points = []
    for month, g in zip(months.tolist(), national):
        i = own.get(month)
        points.append(Point(str(Period.from_index(month)),
                            None if i is None else _num(ts.value[i]),
                            None if i is None else _num(ts.numerator[i]),
                            None if i is None else _num(ts.denominator[i]),
                            g[0] if g else None, g[1] if g else None))
    now = at(p.index)
    changes = [change(now, at(p.index - n), n, p - n) for n in TREND_MONTHS]
    return Trend(series_id, code, str(p), now, changes, points)


def _num(x) -> float | None:
    x = float(x)
    return None if math.isnan(x) else x


def _name(code: int) -> str:
    return reference.municipality(code).name
