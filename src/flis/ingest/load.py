"""Write prepared deliveries into the warehouse inside the caller's transaction.

Registry rows, receipts, findings and canonical rows of a delivery are committed together or
not at all (the pipeline commits a batch of deliveries at once): a crash or a kill in the middle
leaves the warehouse as it was before the batch, and the next run loads it again. A delivery
already in the registry only gets its receipt (the arrival is noted; nothing else changes), and
the delivery keeps the earliest arrival as its time of receipt, whatever order the arrivals are
ingested in.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa

from flis.findings import Finding
from flis.ingest.prepare import Prepared

FINDING_COLUMNS = ["delivery_id", "code", "severity", "file", "line", "field", "value", "expected", "message",
                   "count", "stage"]


def findings_table(delivery: str, findings: list[Finding], stage: str) -> pa.Table:
    return pa.table({
        "delivery_id": pa.array([delivery] * len(findings), pa.string()),
        "code": pa.array([f.code for f in findings], pa.string()),
        "severity": pa.array([f.severity.name for f in findings], pa.string()),
        "file": pa.array([f.file for f in findings], pa.string()),
        "line": pa.array([f.line for f in findings], pa.int32()),
        "field": pa.array([f.field for f in findings], pa.string()),
        "value": pa.array([f.value for f in findings], pa.string()),
        "expected": pa.array([f.expected for f in findings], pa.string()),
        "message": pa.array([f.message for f in findings], pa.string()),
        "count": pa.array([f.count for f in findings], pa.int64()),
        "stage": pa.array([stage] * len(findings), pa.string()),
    })


def add_receipts(con: duckdb.DuckDBPyConnection, arrivals: list[tuple[str, str, dt.datetime]]) -> list[bool]:
    """Note arrivals (delivery, file name, time of receipt) of known deliveries; for each, whether it is new
    (False when this very arrival was noted before, or earlier in ``arrivals``). Three statements for all of
    them: one for each arrival cost about 5 ms."""
    if not arrivals:
        return []
    con.register("arrivals_arrow", pa.table({
        "delivery_id": pa.array([a[0] for a in arrivals], pa.string()),
        "file_name": pa.array([a[1] for a in arrivals], pa.string()),
        "received_at": pa.array([a[2] for a in arrivals], pa.timestamp("us")),
        "arrival": pa.array(range(len(arrivals)), pa.int64())}))
    try:
        fresh = {at for (at,) in con.execute("""
            SELECT min(a.arrival) FROM arrivals_arrow a
            WHERE NOT EXISTS (SELECT 1 FROM registry.receipts r WHERE r.delivery_id = a.delivery_id
                              AND r.file_name = a.file_name AND r.received_at = a.received_at)
            GROUP BY a.delivery_id, a.file_name, a.received_at""").fetchall()}
        con.execute("""
            INSERT INTO registry.receipts
            SELECT delivery_id, file_name, received_at FROM arrivals_arrow WHERE list_contains($1, arrival)""",
                    [sorted(fresh)])
        # The delivery is known from its first arrival on.
        con.execute("""
            UPDATE registry.deliveries AS d SET received_at = f.received_at, file_name = f.file_name
            FROM (SELECT DISTINCT ON (delivery_id) delivery_id, received_at, file_name FROM registry.receipts
                  WHERE delivery_id IN (SELECT delivery_id FROM arrivals_arrow)
                  ORDER BY delivery_id, received_at, file_name) AS f
            WHERE d.delivery_id = f.delivery_id AND (d.received_at, d.file_name) <> (f.received_at, f.file_name)""")
    finally:
        con.unregister("arrivals_arrow")
    return [at in fresh for at in range(len(arrivals))]


def known_deliveries(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT delivery_id FROM registry.deliveries").fetchall()}


def _delivery_row(p: Prepared) -> list:
    d = p.declaration
    spec = d.file_adapter
    return [p.delivery_id, p.content_sha256, p.size, p.file_name,
            d.adapter.system if d.adapter else None, d.adapter.vendor if d.adapter else None,
            d.adapter.domain if d.adapter else None, spec.table.qualified if spec else None, d.file_kind,
            d.municipality, d.period.first_day if d.period else None, d.sequence, p.received_at, p.status,
            p.records, p.rows.num_rows if p.rows is not None else 0]


SMALL_CHUNKS = 1_024
"""Rows a table's chunks must hold on average to be inserted as they are: DuckDB reads an Arrow table chunk
by chunk at a fixed cost each (about 45 µs), so smaller ones are joined first, which costs a copy. For the
631,467 pupils of scale 0.1, one thread: inserted in chunks of 100 rows 0.40 CPU seconds, of 1,000 rows
0.15, of 6,400 rows 0.12, in one chunk 0.12; joining the chunks of 100 rows took 0.27 s, of 1,000 0.01."""


def _pieces(items: list[Prepared]) -> dict[str, list[pa.Table]]:
    """The rows of each canonical table, with the rows of deliveries that were handed over together and follow
    each other there as one slice (:attr:`Prepared.within`): a batch of 4,000 small deliveries is then some
    hundred chunks, not 4,000, and most need no copy to be inserted."""
    runs: dict[str, list[list]] = {}  # table -> [rows, first, count] (rows: a table handed over, or the delivery's)
    for p in items:
        if p.rows is None:
            continue
        mine = runs.setdefault(p.declaration.file_adapter.table.sql_name, [])
        whole, first = p.within or (p.rows, 0)
        if mine and p.within and mine[-1][0] is whole and mine[-1][1] + mine[-1][2] == first:
            mine[-1][2] += p.rows.num_rows
        else:
            mine.append([whole, first, p.rows.num_rows])
    return {name: [rows.slice(first, count) for rows, first, count in pieces] for name, pieces in runs.items()}


DELIVERY_COLUMNS = {
    "delivery_id": pa.string(), "content_sha256": pa.string(), "size": pa.int64(), "file_name": pa.string(),
    "system": pa.string(), "vendor": pa.string(), "domain": pa.string(), "table_name": pa.string(),
    "file_kind": pa.string(), "municipality": pa.int16(), "period": pa.date32(), "sequence": pa.int32(),
    "received_at": pa.timestamp("us"), "status": pa.string(), "records": pa.int64(), "rows_loaded": pa.int64()}
"""``registry.deliveries``, in the order of :func:`_delivery_row`."""


def write_many(con: duckdb.DuckDBPyConnection, items: list[Prepared]) -> list[str]:
    """Write new deliveries inside the caller's transaction with one statement per target table."""
    if not items:
        return []
    columns = table_columns(con)
    rows = [_delivery_row(p) for p in items]
    deliveries = pa.table({name: pa.array([r[i] for r in rows], kind)
                           for i, (name, kind) in enumerate(DELIVERY_COLUMNS.items())})
    append(con, "registry.deliveries", deliveries, columns)
    append(con, "registry.receipts", deliveries.select(["delivery_id", "file_name", "received_at"]), columns)
    findings = [findings_table(p.delivery_id, p.findings, "delivery") for p in items if p.findings]
    if findings:
        append(con, "registry.findings", pa.concat_tables(findings), columns)
    for name, tables in _pieces(items).items():
        rows = pa.concat_tables(tables, promote_options="default")
        if rows.num_rows < SMALL_CHUNKS * rows.column(0).num_chunks:
            rows = rows.combine_chunks()
        append(con, f"canonical.{name}", rows, columns)
    return [p.status for p in items]


def table_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The columns, in order, of each table of the registry and the canonical model (``schema.table``)."""
    out: dict[str, list[str]] = {}
    for table, column in con.execute(
            "SELECT schema_name || '.' || table_name, column_name FROM duckdb_columns() "
            "WHERE schema_name IN ('registry', 'canonical') ORDER BY schema_name, table_name, column_index").fetchall():
        out.setdefault(table, []).append(column)
    return out


def append(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table,
           columns: dict[str, list[str]] | None = None) -> None:
    """Insert ``rows`` into ``table`` (``schema.table``) by column name, a column they lack as null; a column of
    theirs the table lacks is an error (``columns``: :func:`table_columns`, looked up when not given).

    Not through a registered view: DuckDB keeps a view's table referenced until the transaction ends, even once
    unregistered, and an ingest writes millions of rows in one transaction (at scale 0.1 that held the writer's
    peak at 2.9-3.1 GB, 2.0 GB committing every 2 million rows)."""
    names = (columns or table_columns(con))[table]
    have = set(rows.column_names)
    if have - set(names):
        raise ValueError(f"{table} has no column {', '.join(sorted(have - set(names)))}")
    rows = pa.table([rows.column(c) if c in have else pa.nulls(rows.num_rows) for c in names], names=names)
    con.from_arrow(rows).insert_into(table)
