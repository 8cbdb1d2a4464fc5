"""Checks on a whole mapped delivery: duplicates, declared municipality and period, the file's own header.

Value-level checks happen while mapping (``sources.mapping``); these need the delivery as a
whole and its declaration. All are derived from the canonical model (``key``,
``same_as_delivery``, ``in_period``), so a new table gets them by being declared.
"""

from __future__ import annotations

import itertools

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flis.findings import Finding, Severity
from flis.ingest.declaration import Declaration
from flis.periods import day_number
from flis.sources.formats._common import LOW_BYTES, value_offsets, word_view, words_at
from flis.sources.formats.base import LINE, ReadResult
from flis.sources.mapping import MAX_LISTED, by_file, flagged
from flis.warehouse.model import Table


def _listed(code: str, severity: Severity, file: str, lines: list[int], field: str | None, values: list,
            message, expected: str | None) -> list[Finding]:
    out = [Finding(code, severity, message(v), file, line, field, None if v is None else str(v), expected)
           for line, v in zip(lines[:MAX_LISTED], values[:MAX_LISTED])]
    if len(lines) > MAX_LISTED:
        out.append(Finding(code, severity, f"{len(lines) - MAX_LISTED:,} more records have the same problem",
                           file, lines[MAX_LISTED - 1], field, None, expected, len(lines) - MAX_LISTED))
    return out


FILE = "_file"
"""The column that numbers the files of a table of several files while it is checked."""

_SCRATCH: list[duckdb.DuckDBPyConnection] = []


def _scratch() -> duckdb.DuckDBPyConnection:
    """One in-memory DuckDB per process for checks on a delivery (opening one costs more than the check)."""
    if not _SCRATCH:
        _SCRATCH.append(duckdb.connect())
    return _SCRATCH[0]


def _file_numbers(starts: np.ndarray, rows: int) -> np.ndarray:
    """For a table of several files: the file each row belongs to."""
    return np.repeat(np.arange(len(starts)), np.diff(np.append(starts, rows)))


def _per_row(values: list, starts: np.ndarray, rows: int, type_: pa.DataType) -> pa.Array | pa.Scalar:
    """Each file's value, as one scalar for one file and one value per row for several."""
    if len(starts) == 1:
        return pa.scalar(values[0], type_)
    return pa.array(np.asarray(values)[_file_numbers(starts, rows)], type_)


_MIX = np.uint64(0x9E3779B97F4A7C15)
_NULL = np.uint64(0x5BD1E9955BD1E995)


def _key_hash(column: pa.Array) -> np.ndarray | None:
    """A 64-bit number per value that equal values share (nulls included, as grouping treats them), None for a
    type this does not hash. Text is hashed by its length and its first and last 8 bytes: exact up to 16
    bytes, which most identifiers are."""
    if pa.types.is_string(column.type):
        ends = value_offsets(column)
        data = column.buffers()[2] or b""
        words = word_view(data)
        start, length = ends[:-1], np.diff(ends)
        mask = LOW_BYTES[np.minimum(length, 8)]
        first = words_at(data, words, start) & mask
        last = words_at(data, words, start + np.maximum(length - 8, 0)) & mask
        values = (first * _MIX) ^ last ^ (length.astype(np.uint64) << np.uint64(40))
    elif pa.types.is_integer(column.type) or pa.types.is_date32(column.type):
        numbers = column.view(pa.int32()) if pa.types.is_date32(column.type) else column  # days, no copy
        values = np.asarray(numbers.cast(pa.int64()).fill_null(0)).view(np.uint64)
    else:
        return None
    if column.null_count:
        values = np.where(np.asarray(column.is_valid()), values, _NULL)
    return values


def _surely_distinct(table: pa.Table, keys: list[str], files: np.ndarray | None) -> bool:
    """Whether the rows' keys (within each file, when ``files`` numbers the rows' files) are surely all
    distinct: their hashes are. False says nothing: the exact check decides. Almost every delivery has no
    duplicate: over all of scale 0.1 the duplicate checks took 0.94 CPU seconds this way, 1.75-2.00 grouping
    every delivery's keys."""
    combined = np.zeros(table.num_rows, dtype=np.uint64) if files is None else files.astype(np.uint64)
    for key in keys:
        hashed = _key_hash(table.column(key).combine_chunks())
        if hashed is None:
            return False
        combined = (combined * _MIX) ^ hashed
        combined ^= combined >> np.uint64(29)
    combined.sort()
    return not (combined[1:] == combined[:-1]).any()


def duplicates(table: pa.Table, spec: Table, files: list[str], starts: np.ndarray) -> list[list[Finding]]:
    """Records whose key occurs earlier in the same delivery (each repeat is listed at its own line)."""
    out: list[list[Finding]] = [[] for _ in files]
    if not spec.key or table.num_rows == 0:
        return out
    numbers = _file_numbers(starts, table.num_rows) if len(files) > 1 else None
    if _surely_distinct(table, list(spec.key), numbers):
        return out
    keys = list(spec.key)
    if len(files) > 1:
        table = table.append_column(FILE, pa.array(numbers, pa.int32()))
        keys.append(FILE)
    counts = table.group_by(keys, use_threads=False).aggregate([(LINE, "count")]).column(f"{LINE}_count")
    if pc.max(counts).as_py() <= 1:
        return out
    con = _scratch()
    con.register("delivery", table)
    try:
        shown = ", ".join(f'"{k}"' for k in spec.key)
        partition = ", ".join(f'"{k}"' for k in keys)
        file = FILE if len(files) > 1 else "0"
        rows = con.execute(
            f"SELECT {file}, {LINE}, concat_ws(' / ', {shown}) FROM (SELECT *, row_number() OVER (PARTITION BY "
            f"{partition} ORDER BY {LINE}) AS _repeat FROM delivery) WHERE _repeat > 1 ORDER BY 1, 2").fetchall()
    finally:
        con.unregister("delivery")
    for at, group in itertools.groupby(rows, key=lambda r: r[0]):  # ordered by file
        mine = list(group)
        out[at] = _listed("rows.duplicate", Severity.ERROR, files[at], [r[1] for r in mine], ", ".join(spec.key),
                          [r[2] for r in mine], lambda v: f"the record with {', '.join(spec.key)} = {v} occurs "
                          "more than once in this delivery", "each key once")
    return out


def declared_municipality(table: pa.Table, spec: Table, decls: list[Declaration], files: list[str],
                          starts: np.ndarray) -> list[list[Finding]]:
    out: list[list[Finding]] = [[] for _ in files]
    for column in spec.columns:
        if not column.same_as_delivery or table.num_rows == 0:
            continue
        values = table.column(column.name)
        declared = _per_row([d.municipality for d in decls], starts, table.num_rows, values.type)
        for at, idx in by_file(flagged(pc.not_equal(values, declared)), starts):
            municipality = decls[at].municipality
            out[at] += _listed("declaration.municipality_mismatch", Severity.ERROR, files[at],
                               table.column(LINE).take(pa.array(idx)).to_pylist(), column.name,
                               values.take(pa.array(idx)).to_pylist(),
                               lambda v, m=municipality: f"municipality {v} in a delivery from municipality {m}",
                               str(municipality))
    return out


def declared_period(table: pa.Table, spec: Table, decls: list[Declaration], files: list[str],
                    starts: np.ndarray) -> list[list[Finding]]:
    out: list[list[Finding]] = [[] for _ in files]
    rows = table.num_rows
    first = _per_row([day_number(d.period.first_day) for d in decls], starts, rows, pa.int32())
    last = _per_row([day_number(d.period.last_day) for d in decls], starts, rows, pa.int32())
    for column in spec.columns:
        if not column.in_period or rows == 0:
            continue
        days = table.column(column.name).cast(pa.int32())
        for at, idx in by_file(flagged(pc.or_(pc.less(days, first), pc.greater(days, last))), starts):
            period = decls[at].period
            values = table.column(column.name).take(pa.array(idx)).to_pylist()
            out[at] += _listed("declaration.outside_period", Severity.WARNING, files[at],
                               table.column(LINE).take(pa.array(idx)).to_pylist(), column.name, values,
                               lambda v, p=period: f"{v} lies outside the delivered month {p}", str(period))
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


def validate_files(table: pa.Table, reads: list[ReadResult], spec: Table, decls: list[Declaration],
                   files: list[str], starts: np.ndarray) -> list[list[Finding]]:
    """Each file's findings, for files mapped into one table (file i starts at row ``starts[i]``)."""
    parts = [duplicates(table, spec, files, starts), declared_municipality(table, spec, decls, files, starts),
             declared_period(table, spec, decls, files, starts)]
    return [declared_header(read, decl, file) + [f for part in parts for f in part[at]]
            for at, (read, decl, file) in enumerate(zip(reads, decls, files))]
