"""Measure groups on the embedded engine, and their results as long measure values.

``DuckDBScans(con)`` reads the canonical tables in force (``current.<table>``); with ``flat=True`` it reads
views named ``current_<table>`` instead, which the corrected track points at corrected rows
(:mod:`flis.corrections.track`).
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa

from flis.compile.reduce import scan_plan
from flis.compile.sql import SHARED_LEVELS, Group, Source, Span, to_sql


def long_values(result: pa.Table, measures) -> pa.Table | None:
    """Wide aggregation result -> long measure values."""
    parts = []
    for m in measures:
        parts.append(pa.table({
            "measure": pa.array([m.key] * result.num_rows, pa.string()),
            "municipality": result.column("municipality").cast(pa.int16()),
            "period": result.column("period").cast(pa.date32()),
            "dimension": result.column("dimension").cast(pa.string()),
            "category": result.column("category").cast(pa.string()),
            "value": result.column(m.key).cast(pa.float64()),
        }))
    return pa.concat_tables(parts) if parts else None


class DuckDBScans:
    """Measure groups on the embedded engine: the reduced tables as temporary tables, then the breakdowns."""

    engine = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection, flat: bool = False):
        self.con, self.flat = con, flat

    def run(self, unit: list[tuple[Group, Span]], municipalities: list[int]):
        """One group, or groups sharing a projection (:func:`scan_units`): yields (index in ``unit``,
        measures, their values)."""
        plan = scan_plan(unit, Source(flat=self.flat), municipalities, self.engine)
        try:
            for name, select in plan.tables:
                self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS " + to_sql(select, self.engine))
            for k, queries in enumerate(plan.aggregations):
                for _, measures, select in queries:
                    yield k, measures, self.con.sql(to_sql(select, self.engine)).to_arrow_table()
        finally:
            for name, _ in plan.tables:
                self.con.execute(f"DROP TABLE IF EXISTS {name}")


def scan_units(todo: list[tuple[Group, Span]]) -> list[list[tuple[Group, Span]]]:
    """The groups to scan, with those that can share a projection (a relation's monthly and annual groups
    with the same attribution) put together."""
    units: dict[tuple, list] = {}
    for group, span in todo:
        key = (group.relation.id, group.attribution) if group.level in SHARED_LEVELS else (group.key,)
        units.setdefault(key, []).append((group, span))
    return list(units.values())


def relevant_months(group: Group, months: set[dt.date]) -> set[dt.date]:
    """The changed months that can change the group's values: start-of-year measures read January only."""
    if group.level == "start_of_year":
        return {m for m in months if m.month == 1}
    return months


def span(group: Group, months: set[dt.date]) -> tuple[dt.date, dt.date]:
    first, last = min(months), max(months)
    if group.level == "start_of_year":
        first, last = dt.date(first.year, 1, 1), dt.date(last.year, 1, 1)
    elif group.level != "monthly":
        first, last = dt.date(first.year, 1, 1), dt.date(last.year, 12, 1)
    return first, last
