"""The corrected track: the release's key figures recomputed with the corrections in force.

Compute first makes the "as delivered" track from the warehouse as it is. With corrections, it then:

1. **Row corrections**: for each canonical table with corrected lines, a temporary view ``current_<table>``
   leaves out the excluded lines and gives the set columns their new values (every other table's view is
   the table in force); the measure groups that read a corrected table are scanned again over those views,
   for the months (annual groups: the years) the corrections concern.
2. **Aggregate corrections** set a measure's total for a municipality and period and scale its breakdowns
   by the same factor (pro rata); a later correction of the same value wins. They apply after row
   corrections: an aggregate correction states the final number.
3. The series that read a changed measure (and the change series built on them) are assembled again —
   rolling windows, changes from a year earlier, regions, municipality groups and the country — and only
   the cells and area values that differ from the as-delivered track are kept: the corrected track is the
   as-delivered track with those replaced.

Nothing is written into the raw archive or the canonical tables; the views and tables here are temporary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import duckdb
import pyarrow as pa

from flis.compile.sql import Group
from flis.compute.scans import DuckDBScans, long_values, relevant_months, span
from flis.corrections.models import CorrectionKind
from flis.corrections.store import CorrectionRecord
from flis.periods import Period
from flis.warehouse.model import Model, load_model


def corrected_track(con: duckdb.DuckDBPyConnection, groups: list[Group], series: pa.Table,
                    corrections: list[CorrectionRecord], municipalities: list[int],
                    assemble: Callable[[duckdb.DuckDBPyConnection, pa.Table], int]) -> int:
    """Fill temp tables ``corr_cells``, ``corr_groups`` and ``corr_list`` (the corrections applied) from the
    as-delivered ``mv``, ``cells`` and ``group_cells``, which are left as they were. Returns the number of
    corrected cells."""
    in_force = {d for (d,) in con.execute("SELECT delivery_id FROM registry.effective").fetchall()} \
        if any(c.kind == CorrectionKind.ROWS.value for c in corrections) else set()
    # A row correction of a delivery that a later delivery replaced no longer applies: the new delivery is
    # what the supplier says now. It stays in the state store (and is listed as not applying) until withdrawn.
    applies = {c.id: c.kind != CorrectionKind.ROWS.value or c.delivery_id in in_force for c in corrections}
    _list(con, corrections, applies)
    corrections = [c for c in corrections if applies[c.id]]
    con.execute("CREATE OR REPLACE TEMP TABLE corr_cells AS SELECT * FROM cells LIMIT 0")
    con.execute("CREATE OR REPLACE TEMP TABLE corr_groups AS SELECT * FROM group_cells LIMIT 0")
    if not corrections:
        return 0
    con.execute("CREATE OR REPLACE TEMP TABLE mv_corrected AS SELECT * FROM mv")
    changed = _apply_rows(con, groups, [c for c in corrections if c.kind == CorrectionKind.ROWS.value],
                          municipalities)
    changed |= _apply_aggregates(con, [c for c in corrections if c.kind == CorrectionKind.AGGREGATE.value])
    affected = _affected_series(series, changed)
    if not affected:
        con.execute("DROP TABLE mv_corrected")
        return 0
    mask = pa.array([s in affected for s in series.column("series_id").to_pylist()])
    # assemble() reads mv and writes cells / group_cells: swap the corrected measure values in and the
    # as-delivered results out, then back.
    for name in ("mv", "cells", "group_cells"):
        con.execute(f"ALTER TABLE {name} RENAME TO delivered_{name}")
    con.execute("ALTER TABLE mv_corrected RENAME TO mv")
    try:
        assemble(con, series.filter(mask))
        con.execute("""
            INSERT INTO corr_cells SELECT c.* FROM cells c
            LEFT JOIN delivered_cells d USING (series_id, municipality, period)
            WHERE d.series_id IS NULL OR c.value IS DISTINCT FROM d.value
               OR c.numerator IS DISTINCT FROM d.numerator OR c.denominator IS DISTINCT FROM d.denominator""")
        con.execute("""
            INSERT INTO corr_groups SELECT g.* FROM group_cells g
            LEFT JOIN delivered_group_cells d USING (series_id, area_type, area, period)
            WHERE d.series_id IS NULL OR g.value IS DISTINCT FROM d.value
               OR g.numerator IS DISTINCT FROM d.numerator OR g.denominator IS DISTINCT FROM d.denominator
               OR g.municipal_mean IS DISTINCT FROM d.municipal_mean""")
    finally:
        for name in ("mv", "cells", "group_cells"):
            con.execute(f"DROP TABLE IF EXISTS {name}")
            con.execute(f"ALTER TABLE delivered_{name} RENAME TO {name}")
    return con.execute("SELECT count(*) FROM corr_cells").fetchall()[0][0]


def _list(con: duckdb.DuckDBPyConnection, corrections: list[CorrectionRecord], applies: dict[int, bool]) -> None:
    rows = [{"correction_id": c.id, "kind": c.kind, "municipality": c.municipality, "period": c.period,
             "target": c.target, "description": c.describe(), "reason": c.reason, "author": c.author,
             "created_at": c.created_at.replace(tzinfo=None), "applies": applies[c.id]} for c in corrections]
    schema = pa.schema([("correction_id", pa.int32()), ("kind", pa.string()), ("municipality", pa.int16()),
                        ("period", pa.string()), ("target", pa.string()), ("description", pa.string()),
                        ("reason", pa.string()), ("author", pa.string()), ("created_at", pa.timestamp("us")),
                        ("applies", pa.bool_())])
    con.register("corr_list_arrow", pa.Table.from_pylist(rows, schema))
    con.execute("CREATE OR REPLACE TEMP TABLE corr_list AS SELECT * FROM corr_list_arrow")
    con.unregister("corr_list_arrow")


def _apply_rows(con: duckdb.DuckDBPyConnection, groups: list[Group], corrections: list[CorrectionRecord],
                municipalities: list[int]) -> set[str]:
    """Rescan the groups that read a corrected table over corrected views; returns the measures whose
    values changed."""
    if not corrections:
        return set()
    model = load_model()
    months: dict[str, set[dt.date]] = {}
    for c in corrections:
        months.setdefault(c.target, set()).add(Period.parse(c.period).first_day)
    views = _views(con, model, corrections)
    scans = DuckDBScans(con, flat=True)  # reads the current_<table> views just made
    touched: set[str] = set()
    try:
        for group in groups:
            tables = {t.qualified for t in group.relation.tables}
            hit = relevant_months(group, set().union(*(months.get(t, set()) for t in tables)))
            if not hit:
                continue
            first, last = span(group, hit)
            keys = [m.key for m in group.measures]
            con.execute("CREATE OR REPLACE TEMP TABLE mv_rescan AS SELECT * FROM mv LIMIT 0")
            for _, measures, result in scans.run([(group, (first, last))], municipalities):
                part = long_values(result, measures)
                if part is not None and part.num_rows:
                    con.register("rescan_part", part)
                    con.execute("INSERT INTO mv_rescan SELECT * FROM rescan_part")
                    con.unregister("rescan_part")
            diff = con.execute("""
                SELECT DISTINCT measure FROM (
                    (SELECT * FROM mv_rescan EXCEPT
                     SELECT * FROM mv_corrected WHERE measure IN (SELECT unnest(?::VARCHAR[]))
                       AND period BETWEEN ? AND ?)
                    UNION ALL
                    (SELECT * FROM mv_corrected WHERE measure IN (SELECT unnest(?::VARCHAR[]))
                       AND period BETWEEN ? AND ? EXCEPT SELECT * FROM mv_rescan))""",
                               [keys, first, last, keys, first, last]).fetchall()
            if diff:
                con.execute("DELETE FROM mv_corrected WHERE measure IN (SELECT unnest(?::VARCHAR[])) "
                            "AND period BETWEEN ? AND ?", [keys, first, last])
                con.execute("INSERT INTO mv_corrected SELECT * FROM mv_rescan")
                touched |= {row[0] for row in diff}
            con.execute("DROP TABLE mv_rescan")
    finally:
        for name in views:
            con.execute(f'DROP VIEW IF EXISTS "{name}"')
        con.execute("DROP TABLE IF EXISTS corr_rows")
    return touched


def _views(con: duckdb.DuckDBPyConnection, model: Model, corrections: Iterable[CorrectionRecord]) -> list[str]:
    """``current_<table>`` views for every canonical table: corrected where lines are corrected."""
    rows = []
    for c in corrections:
        for line in c.lines or []:
            rows.append({"table_name": c.target, "delivery": c.delivery_id, "line": int(line), "action": c.action,
                         "column_name": c.column, "value": None if c.new_value is None else str(c.new_value),
                         "correction_id": c.id})
    con.register("corr_rows_arrow", pa.Table.from_pylist(rows, pa.schema([
        ("table_name", pa.string()), ("delivery", pa.string()), ("line", pa.int64()), ("action", pa.string()),
        ("column_name", pa.string()), ("value", pa.string()), ("correction_id", pa.int64())])))
    # A later correction of the same line and column wins.
    con.execute("""CREATE OR REPLACE TEMP TABLE corr_rows AS
                   SELECT * FROM corr_rows_arrow
                   QUALIFY row_number() OVER (PARTITION BY table_name, delivery, line, action, column_name
                                              ORDER BY correction_id DESC) = 1""")
    con.unregister("corr_rows_arrow")
    corrected = {c.target for c in corrections}
    names = []
    for table in model.tables.values():
        name = f"current_{table.sql_name}"
        names.append(name)
        # Identifiers come from the canonical model; the corrected values are cast from corr_rows.
        if table.qualified not in corrected:
            con.execute(f'CREATE OR REPLACE TEMP VIEW "{name}" AS SELECT * FROM current."{table.sql_name}"')
            continue
        q = table.qualified.replace("'", "''")
        columns = sorted({c.column for c in corrections if c.target == table.qualified and c.action == "set"})
        replace, joins = [], []
        for i, column in enumerate(columns):
            sql_type = table.column(column).sql_type(model.codelists)
            col = column.replace("'", "''")
            joins.append(f"""LEFT JOIN (SELECT delivery, line, TRY_CAST(value AS {sql_type}) AS value FROM corr_rows
                              WHERE table_name = '{q}' AND action = 'set' AND column_name = '{col}') s{i}
                             ON s{i}.delivery = t._delivery AND s{i}.line = t._line""")
            replace.append(f'CASE WHEN s{i}.line IS NULL THEN t."{column}" ELSE s{i}.value END AS "{column}"')
        star = f"t.* REPLACE ({', '.join(replace)})" if replace else "t.*"
        con.execute(f"""
            CREATE OR REPLACE TEMP VIEW "{name}" AS
            SELECT {star} FROM current."{table.sql_name}" t {' '.join(joins)}
            WHERE NOT EXISTS (SELECT 1 FROM corr_rows e WHERE e.table_name = '{q}' AND e.action = 'exclude'
                              AND e.delivery = t._delivery AND e.line = t._line)""")
    return names


def _apply_aggregates(con: duckdb.DuckDBPyConnection, corrections: list[CorrectionRecord]) -> set[str]:
    touched: set[str] = set()
    for c in corrections:  # oldest first: a later correction of the same value wins
        period = Period.parse(c.period).first_day
        args = [c.measure, c.municipality, period]
        total = con.execute("SELECT value FROM mv_corrected WHERE measure = ? AND municipality = ? AND period = ? "
                            "AND dimension = '' AND category = ''", args).fetchall()
        new = float(c.new_value)
        if total and total[0][0] not in (None, 0):
            con.execute("UPDATE mv_corrected SET value = value * ? WHERE measure = ? AND municipality = ? "
                        "AND period = ? AND dimension <> ''", [new / float(total[0][0]), *args])
        if total:
            con.execute("UPDATE mv_corrected SET value = ? WHERE measure = ? AND municipality = ? AND period = ? "
                        "AND dimension = '' AND category = ''", [new, *args])
        else:
            con.execute("INSERT INTO mv_corrected VALUES (?, ?, ?, '', '', ?)", [*args, new])
        touched.add(c.measure)
    return touched


def _affected_series(series: pa.Table, measures: set[str]) -> set[str]:
    """Series reading a changed measure, and the change series built on them (transitively)."""
    rows = series.select(["series_id", "num", "den", "change_base"]).to_pylist()
    affected = {r["series_id"] for r in rows if r["num"] in measures or r["den"] in measures}
    grew = True
    while grew:
        more = {r["series_id"] for r in rows if r["change_base"] in affected and r["series_id"] not in affected}
        affected |= more
        grew = bool(more)
    return affected

