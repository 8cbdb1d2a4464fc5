"""Drill-down: the rows behind a figure's numerator and denominator, with their lineage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from flis.catalogue.model import Measure, Series
from flis.compile.sql import Source, drill_query, to_sql


@dataclass
class Drill:
    side: str
    measure: Measure
    rows: pa.Table
    value: float | None
    """The measure recomputed from the rows (reproduces the release's numerator or denominator)."""


def reproduce(m: Measure, rows: pa.Table) -> float | None:
    values = [v for v in rows.column("measured").to_pylist() if v is not None]
    if m.measure == "count":
        return float(rows.num_rows)
    if m.measure == "count_distinct":
        return float(len(set(values)))
    if not values:
        return 0.0 if m.measure == "sum" else None
    if m.measure == "sum":
        return float(sum(float(v) for v in values))
    if m.measure == "min":
        return float(min(values))
    if m.measure == "max":
        return float(max(values))
    q = 0.5 if m.measure == "median" else m.percentile
    return _quantile(sorted(float(v) for v in values), q)


def _quantile(data: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (DuckDB quantile_cont, Spark percentile)."""
    pos = (len(data) - 1) * q
    low = int(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)


def drill(con: duckdb.DuckDBPyConnection, series: Series, municipality: int, period: dt.date,
          source: Source | None = None) -> list[Drill]:
    out = []
    f = series.figure
    for side, m in (("numerator", f.numerator), ("denominator", f.denominator)):
        if m is None:
            continue
        sql = to_sql(drill_query(m, municipality, period, source or Source(), series.dimension, series.category))
        rows = con.sql(sql).to_arrow_table()
        out.append(Drill(side, m, rows, reproduce(m, rows)))
    return out
