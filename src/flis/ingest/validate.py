"""Checks on a whole mapped delivery: duplicates, declared municipality and period, the file's own header.

Value-level checks happen while mapping (``sources.mapping``); these need the delivery as a
whole and its declaration. All are derived from the canonical model (``key``,
``same_as_delivery``, ``in_period``), so a new table gets them by being declared.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flis.findings import Finding, Severity
from flis.ingest.declaration import Declaration
from flis.periods import day_number
from flis.sources.formats.base import LINE, ReadResult
from flis.sources.mapping import MAX_LISTED
from flis.warehouse.model import Table


def _listed(code: str, severity: Severity, file: str, lines: list[int], field: str | None, values: list,
            message, expected: str | None) -> list[Finding]:
    out = [Finding(code, severity, message(v), file, line, field, None if v is None else str(v), expected)
           for line, v in zip(lines[:MAX_LISTED], values[:MAX_LISTED])]
    if len(lines) > MAX_LISTED:
        out.append(Finding(code, severity, f"{len(lines) - MAX_LISTED:,} more records have the same problem",
                           file, lines[MAX_LISTED - 1], field, None, expected, len(lines) - MAX_LISTED))
    return out


_SCRATCH: list[duckdb.DuckDBPyConnection] = []


def _scratch() -> duckdb.DuckDBPyConnection:
    """One in-memory DuckDB per process for checks on a delivery (opening one costs more than the check)."""
    if not _SCRATCH:
        _SCRATCH.append(duckdb.connect())
    return _SCRATCH[0]


def duplicates(table: pa.Table, spec: Table, file: str) -> list[Finding]:
    """Records whose key occurs earlier in the same delivery (each repeat is listed at its own line)."""
    if not spec.key or table.num_rows == 0:
        return []
    counts = table.group_by(spec.key, use_threads=False).aggregate([(LINE, "count")]).column(f"{LINE}_count")
    if pc.max(counts).as_py() <= 1:
        return []
    con = _scratch()
    con.register("delivery", table)
    try:
        keys = ", ".join(f'"{k}"' for k in spec.key)
        rows = con.execute(
            f"SELECT {LINE}, concat_ws(' / ', {keys}) FROM (SELECT *, row_number() OVER (PARTITION BY {keys} "
            f"ORDER BY {LINE}) AS n FROM delivery) WHERE n > 1 ORDER BY {LINE}").fetchall()
    finally:
        con.unregister("delivery")
    return _listed("rows.duplicate", Severity.ERROR, file, [r[0] for r in rows], ", ".join(spec.key),
                   [r[1] for r in rows], lambda v: f"the record with {', '.join(spec.key)} = {v} occurs more than "
                   "once in this delivery", "each key once")


def declared_municipality(table: pa.Table, spec: Table, decl: Declaration, file: str) -> list[Finding]:
    out: list[Finding] = []
    for column in spec.columns:
        if not column.same_as_delivery or table.num_rows == 0:
            continue
        values = table.column(column.name)
        wrong = pc.fill_null(pc.not_equal(values, pa.scalar(decl.municipality, values.type)), False)
        idx = np.flatnonzero(np.asarray(wrong))
        if len(idx):
            out += _listed("declaration.municipality_mismatch", Severity.ERROR, file,
                           table.column(LINE).take(pa.array(idx)).to_pylist(), column.name,
                           values.take(pa.array(idx)).to_pylist(),
                           lambda v: f"municipality {v} in a delivery from municipality {decl.municipality}",
                           str(decl.municipality))
    return out


def declared_period(table: pa.Table, spec: Table, decl: Declaration, file: str) -> list[Finding]:
    out: list[Finding] = []
    first = day_number(decl.period.first_day)
    last = day_number(decl.period.last_day)
    for column in spec.columns:
        if not column.in_period or table.num_rows == 0:
            continue
        days = table.column(column.name).cast(pa.int32())
        outside = pc.fill_null(pc.or_(pc.less(days, first), pc.greater(days, last)), False)
        idx = np.flatnonzero(np.asarray(outside))
        if len(idx):
            values = table.column(column.name).take(pa.array(idx)).to_pylist()
            out += _listed("declaration.outside_period", Severity.WARNING, file,
                           table.column(LINE).take(pa.array(idx)).to_pylist(), column.name, values,
                           lambda v: f"{v} lies outside the delivered month {decl.period}", str(decl.period))
    return out


def declared_header(read: ReadResult, decl: Declaration, file: str) -> list[Finding]:
    """An XML root may say which municipality and period it holds; it must agree with the file name."""
    out = []
    attrs = read.attributes
    for key, declared in (("kommunekode", str(decl.municipality)), ("periode", str(decl.period))):
        if key in attrs and attrs[key].strip().lstrip("0") != declared.lstrip("0"):
            out.append(Finding("declaration.mismatch", Severity.ERROR,
                               f"the file says {key}={attrs[key]} but its name declares {declared}", file, 2,
                               key, attrs[key], declared))
    return out


def validate_delivery(table: pa.Table, read: ReadResult, spec: Table, decl: Declaration, file: str) -> list[Finding]:
    return (declared_header(read, decl, file) + duplicates(table, spec, file)
            + declared_municipality(table, spec, decl, file) + declared_period(table, spec, decl, file))
