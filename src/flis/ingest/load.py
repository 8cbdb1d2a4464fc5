"""Write a prepared delivery into the warehouse in one transaction.

Registry row, receipt, findings and canonical rows are committed together or not at all:
a crash or a kill in the middle leaves the warehouse as it was before this delivery, and
the next run loads it again. A delivery already in the registry only gets its receipt
(the arrival is noted; nothing else changes), and the delivery keeps the earliest arrival
as its time of receipt, whatever order the arrivals are ingested in.
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


def insert_findings(con: duckdb.DuckDBPyConnection, delivery: str, findings: list[Finding], stage: str) -> None:
    if findings:
        batch = findings_table(delivery, findings, stage)
        con.register("finding_batch", batch)
        con.execute("INSERT INTO registry.findings SELECT * FROM finding_batch")
        con.unregister("finding_batch")


def known(con: duckdb.DuckDBPyConnection, delivery: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM registry.deliveries WHERE delivery_id = ?",
                            [delivery]).fetchall()[0][0])


def add_receipt(con: duckdb.DuckDBPyConnection, delivery: str, file_name: str, received_at: dt.datetime) -> bool:
    """Note an arrival; returns False when this very arrival was noted before."""
    seen = con.execute("SELECT count(*) FROM registry.receipts WHERE delivery_id = ? AND file_name = ? "
                       "AND received_at = ?", [delivery, file_name, received_at]).fetchall()[0][0]
    if seen:
        return False
    con.execute("INSERT INTO registry.receipts VALUES (?, ?, ?)", [delivery, file_name, received_at])
    # The delivery is known from its first arrival on.
    con.execute("""
        UPDATE registry.deliveries AS d SET received_at = r.received_at, file_name = r.file_name
        FROM (SELECT received_at, file_name FROM registry.receipts WHERE delivery_id = ?
              ORDER BY received_at, file_name LIMIT 1) AS r
        WHERE d.delivery_id = ? AND (d.received_at, d.file_name) <> (r.received_at, r.file_name)""",
                [delivery, delivery])
    return True


def load(con: duckdb.DuckDBPyConnection, p: Prepared) -> str:
    """Commit one delivery; returns 'loaded', 'rejected', 'duplicate' or 'known'."""
    con.execute("BEGIN TRANSACTION")
    try:
        if known(con, p.delivery_id):
            new = add_receipt(con, p.delivery_id, p.file_name, p.received_at)
            con.execute("COMMIT")
            return "duplicate" if new else "known"
        d = p.declaration
        spec = d.file_adapter
        con.execute(
            "INSERT INTO registry.deliveries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [p.delivery_id, p.content_sha256, p.size, p.file_name,
             d.adapter.system if d.adapter else None, d.adapter.vendor if d.adapter else None,
             d.adapter.domain if d.adapter else None, spec.table.qualified if spec else None, d.file_kind,
             d.municipality, d.period.first_day if d.period else None, d.sequence, p.received_at, p.status,
             p.records, p.rows.num_rows if p.rows is not None else 0])
        con.execute("INSERT INTO registry.receipts VALUES (?, ?, ?)", [p.delivery_id, p.file_name, p.received_at])
        insert_findings(con, p.delivery_id, p.findings, "delivery")
        if p.rows is not None:
            con.register("delivery_rows", p.rows)
            con.execute(f"INSERT INTO canonical.{spec.table.sql_name} BY NAME SELECT * FROM delivery_rows")
            con.unregister("delivery_rows")
        con.execute("COMMIT")
        return p.status
    except BaseException:
        con.execute("ROLLBACK")
        raise
