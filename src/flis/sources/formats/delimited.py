"""Delimited text (CSV): a header line with the field names, then one record per line.

The normal path is pyarrow's multi-threaded C++ CSV parser with every column read as
a string. A record's line is then ``header lines + row number``, which holds exactly
when every record is one physical line; that is checked by counting line ends (and
ruling out blank lines, which the parser skips). When it does not hold (a quoted
value spanning lines, blank lines, lines with the wrong number of fields), the file is
read again by the standard library's csv module, which knows where each record starts
and which lines are wrong; that slow path only runs on such files.

Without a header (``header: false``) the fields are named by position: "1", "2", ...

Several small files with the same header are read together (:func:`read_joint`): their bodies, one after
the other, make one call to the parser, whose fixed cost (a few tenths of a millisecond) is then paid once.
Each file gets exactly what :func:`read` gives it alone; a file the fast path would not take, or a joint
parse that is not one record per line, leaves every file to :func:`read`.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from flis.findings import Finding, Severity
from flis.sources.formats._common import decoded_lines, empty_table, fewer_more, finding, table
from flis.sources.formats.base import FileFormat, ReadResult


def read(data: bytes, fmt: FileFormat, file: str) -> ReadResult:
    buf, findings, truncated = decoded_lines(data, fmt.encoding, file)
    first_end = buf.find(b"\n")
    if first_end < 0:
        if fmt.header and not truncated:
            findings.append(finding("read.malformed", Severity.FATAL, "the file is empty; expected a header "
                                    "line with the field names", file, 1, expected="a header line"))
        return ReadResult(empty_table(), [], findings)
    first = _fields(buf[:first_end].decode("utf-8").rstrip("\r"), fmt)
    names = first if fmt.header else [str(i) for i in range(1, len(first) + 1)]
    body_start = first_end + 1 if fmt.header else 0
    fast = _fast(buf, body_start, names, fmt)
    if fast is not None:
        lines = np.arange(len(fast[0]), dtype=np.int64) + (2 if fmt.header else 1)
        return ReadResult(table(names, fast, lines), names, findings)
    columns, lines, problems = _slow(buf, body_start, names, fmt, file)
    return ReadResult(table(names, columns, lines), names, findings + problems)


def _fields(line: str, fmt: FileFormat) -> list[str]:
    row = next(csv.reader([line], delimiter=fmt.delimiter, quotechar=fmt.quote or None,
                          quoting=csv.QUOTE_MINIMAL if fmt.quote else csv.QUOTE_NONE), [])
    return row or [""]


def read_joint(datas: list[bytes], fmt: FileFormat, files: list[str]) -> list[ReadResult | None]:
    """:func:`read` for several files at once; None for each file left to :func:`read` (see the module)."""
    out: list[ReadResult | None] = [None] * len(datas)
    if not fmt.header:
        return out
    header, members = None, []
    for at, (data, file) in enumerate(zip(datas, files)):
        buf, findings, _ = decoded_lines(data, fmt.encoding, file)
        first_end = buf.find(b"\n")
        if first_end < 0 or first_end + 1 == len(buf) or not _plain(buf):
            continue
        header = buf[:first_end].rstrip(b"\r") if header is None else header
        if buf[:first_end].rstrip(b"\r") == header:
            members.append((at, buf[first_end + 1:], findings))
    if len(members) < 2:
        return out
    names = _fields(header.decode("utf-8"), fmt)
    bodies = [body for _, body, _ in members]
    counts = np.array([body.count(b"\n") for body in bodies], dtype=np.int64)
    columns = _fast(b"".join(bodies), 0, names, fmt)
    if columns is None or len(columns[0]) != counts.sum():
        return out
    starts = np.cumsum(counts) - counts
    joint = table(names, columns, np.arange(counts.sum(), dtype=np.int64) - np.repeat(starts, counts) + 2)
    for (at, _, findings), start, count in zip(members, starts, counts):
        out[at] = ReadResult(joint.slice(start, count), names, findings)
    return out


def _plain(buf: bytes) -> bool:
    """Whether no line is blank (the parser skips blank lines, which would shift the line numbers) and every
    carriage return ends a line (the parser ends a record at a lone one too). Then a parse with as many
    records as line ends has one record per line: a value spanning lines would leave fewer."""
    return not (b"\n\n" in buf or b"\n\r\n" in buf or buf.startswith((b"\r\n", b"\n"))
                or buf.count(b"\r") != buf.count(b"\r\n"))


def _fast(buf: bytes, body_start: int, names: list[str], fmt: FileFormat) -> list[pa.Array] | None:
    """All columns via pyarrow, or None when the record lines cannot be trusted to be physical lines."""
    body_lines = buf.count(b"\n", body_start)
    if body_lines == 0:
        return [pa.nulls(0, pa.string()) for _ in names]
    if not _plain(buf):
        return None
    invalid = []

    def handler(row: pacsv.InvalidRow) -> str:
        invalid.append(row)
        return "skip"

    keys = [f"c{i}" for i in range(len(names))]
    try:
        result = pacsv.read_csv(
            pa.py_buffer(buf).slice(body_start),
            read_options=pacsv.ReadOptions(column_names=keys, block_size=1 << 22, use_threads=False),
            parse_options=pacsv.ParseOptions(delimiter=fmt.delimiter, quote_char=fmt.quote or False,
                                             double_quote=True, newlines_in_values=False,
                                             invalid_row_handler=handler),
            convert_options=pacsv.ConvertOptions(
                column_types={k: pa.string() for k in keys}, null_values=[""], strings_can_be_null=True,
                quoted_strings_can_be_null=True))
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    if invalid or result.num_rows != body_lines:
        return None
    return [result.column(k) for k in keys]


def _slow(buf: bytes, body_start: int, names: list[str], fmt: FileFormat,
          file: str) -> tuple[list[pa.Array], np.ndarray, list[Finding]]:
    """Record by record with the csv module: exact start lines and every wrong line, at Python speed."""
    text = io.StringIO(buf[body_start:].decode("utf-8"), newline="")
    offset = 1 if body_start else 0
    reader = csv.reader(text, delimiter=fmt.delimiter, quotechar=fmt.quote or None, strict=True,
                        quoting=csv.QUOTE_MINIMAL if fmt.quote else csv.QUOTE_NONE)
    n = len(names)
    values: list[list[str]] = [[] for _ in names]
    lines: list[int] = []
    wrong_counts: list[int] = []
    wrong_lines: list[int] = []
    problems: list[Finding] = []
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line = start + offset
            problems.append(finding(
                "read.malformed", Severity.FATAL,
                f"line {line}: the line is not valid CSV ({exc}); expected fields separated by "
                f"'{fmt.delimiter}', quoted with {fmt.quote!r} when they contain it. Reading stopped here.",
                file, line, expected="valid CSV"))
            break
        line = start + offset
        start = reader.line_num + 1
        if not row:
            continue
        if len(row) != n:
            wrong_counts.append(len(row))
            wrong_lines.append(line)
            continue
        for column, value in zip(values, row):
            column.append(value)
        lines.append(line)
    if wrong_lines:
        for kind, line, count, k in fewer_more(np.array(wrong_counts), n, np.array(wrong_lines)):
            more = f"; {k} lines like this, the first is line {line}" if k > 1 else ""
            problems.append(finding(
                "read.field_count", Severity.ERROR,
                f"line {line}: the line has {count} fields, {kind} than the {n} of the header{more}. Such "
                f"lines were not read: their values cannot be matched to the fields (a missing or extra "
                f"'{fmt.delimiter}', or a value with '{fmt.delimiter}' that is not quoted).",
                file, line, value=str(count), expected=str(n), count=k))
    columns = [pa.array(v, pa.string()) for v in values]
    return columns, np.array(lines, dtype=np.int64), problems
