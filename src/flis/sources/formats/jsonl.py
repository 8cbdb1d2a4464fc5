"""JSON lines: one JSON object per line, keys are the field names.

The normal path is pyarrow's C++ JSON reader, which infers a type per key; numbers,
booleans and strings are then turned into text (integers without a ".0", decimals in
their shortest form, booleans as "true"/"false"). Records map onto the non-blank lines
in order, which gives each its line number. When pyarrow cannot read the file (a line
that is not a JSON object, a key whose values change type, nested values, duplicate
keys) the file is read line by line with the standard library: that path names the
bad lines and keeps numbers exactly as written.

Several small files are read together (:func:`read_joint`): one call to the parser for all their lines.
Each file then gets exactly what :func:`read` gives it alone: its own keys in its own order, and values
whose text does not depend on the other files. A parse that would not work for every file alone leaves
every file to :func:`read`.
"""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pajson

from flis.findings import Finding, Severity
from flis.sources.formats._common import decoded_lines, finding, line_spans, number_text, numbers_text, table
from flis.sources.formats.base import LINE, FileFormat, ReadResult

SAMPLE = 1 << 20
"""Bytes read first to learn each key's type."""
_SCALAR = (pa.types.is_string, pa.types.is_large_string, pa.types.is_integer, pa.types.is_floating,
           pa.types.is_boolean, pa.types.is_null)


def read(data: bytes, fmt: FileFormat, file: str) -> ReadResult:
    buf, findings, _ = decoded_lines(data, fmt.encoding, file)
    lines = _record_lines(buf)
    fast = _fast(buf, len(lines))
    if fast is not None:
        names, columns = fast
        return ReadResult(table(names, columns, lines), names, findings)
    names, columns, numbers, problems = _slow(buf, file)
    return ReadResult(table(names, columns, numbers), names, findings + problems)


def read_joint(datas: list[bytes], fmt: FileFormat, files: list[str]) -> list[ReadResult | None]:
    """:func:`read` for several files at once; None for each file left to :func:`read`.

    A file's keys are those of its first record, in that order, when no other key of the joint parse is
    in the file; a file with a backslash, where a key may be written with escapes, is only taken when
    the joint parse has no other key either."""
    out: list[ReadResult | None] = [None] * len(datas)
    members = []
    for at, (data, file) in enumerate(zip(datas, files)):
        buf, findings, _ = decoded_lines(data, fmt.encoding, file)
        lines = _record_lines(buf)
        if not len(lines):
            continue
        first = buf.split(b"\n", int(lines[0]))[int(lines[0]) - 1]
        try:
            keys = json.loads(first)
        except ValueError:
            continue
        if isinstance(keys, dict):
            members.append((at, buf, findings, lines, list(keys)))
    if len(members) < 2:
        return out
    fast = _fast(b"".join(buf for _, buf, _, _, _ in members), sum(len(m[3]) for m in members))
    if fast is None:
        return out
    names, columns = fast
    joint = table(names, columns, np.concatenate([m[3] for m in members]))
    start = 0
    for at, buf, findings, lines, keys in members:
        others = [n.encode() for n in names if n not in keys]
        if not others or (b"\\" not in buf and not any(b'"' + n + b'"' in buf for n in others)):
            out[at] = ReadResult(joint.slice(start, len(lines)).select(keys + [LINE]), keys, findings)
        start += len(lines)
    return out


def _record_lines(buf: bytes) -> np.ndarray:
    """1-based numbers of the lines that hold something (blank lines carry no record)."""
    return np.flatnonzero(line_spans(buf)[2] > 0) + 1


def _fast(buf: bytes, records: int) -> tuple[list[str], list[pa.Array]] | None:
    """pyarrow's reader, kept from guessing: strings that look like dates stay text.

    pyarrow infers a type per key and would turn "2024-01-31" into a timestamp, so the
    types are first inferred on a sample and then fixed (dates as strings) for the whole
    file; keys first seen after the sample are inferred, and re-read if they too look
    like dates. None means: use the careful line-by-line path.
    """
    if not records:
        return [], []
    cut = buf.find(b"\n", min(len(buf), SAMPLE))
    whole = cut < 0 or cut + 1 >= len(buf)
    sample = _read(buf if whole else buf[: cut + 1], None)
    if sample is None:
        return None
    order = sample.schema.names
    if whole and not any(_temporal(f.type) for f in sample.schema):
        result = sample
    else:
        # Only text is forced: numbers and booleans keep being inferred, so 1 and 2.5 can share a key.
        result = _read(buf, pa.schema([pa.field(f.name, pa.string()) for f in sample.schema
                                       if pa.types.is_string(f.type) or _temporal(f.type)]))
    if result is not None and any(_temporal(f.type) for f in result.schema):
        result = _read(buf, pa.schema([pa.field(f.name, _as_text(f.type)) for f in result.schema]))
    if result is None or result.num_rows != records:
        return None
    names = order + [n for n in result.schema.names if n not in order]
    columns = []
    for name in names:
        column = result.column(name)
        if not any(test(column.type) for test in _SCALAR):
            return None
        if pa.types.is_floating(column.type):
            if (pc.max(pc.abs(column)).as_py() or 0) >= 2**53:
                return None  # integers beyond a double's precision: only the slow path keeps their digits
            column = numbers_text(column)
        columns.append(column)
    return names, columns


def _temporal(t: pa.DataType) -> bool:
    return pa.types.is_timestamp(t) or pa.types.is_date(t) or pa.types.is_time(t)


def _as_text(t: pa.DataType) -> pa.DataType:
    return pa.string() if _temporal(t) or pa.types.is_null(t) else t


def _read(buf: bytes, schema: pa.Schema | None) -> pa.Table | None:
    options = pajson.ParseOptions(explicit_schema=schema, unexpected_field_behavior="infer")
    try:
        # One file is small: Arrow's thread pool costs more than it saves (ingest runs files in parallel).
        return pajson.read_json(pa.BufferReader(buf),
                                read_options=pajson.ReadOptions(block_size=1 << 22, use_threads=False),
                                parse_options=options)
    except (pa.ArrowInvalid, pa.ArrowException):
        return None


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _slow(buf: bytes, file: str) -> tuple[list[str], list[pa.Array], np.ndarray, list[Finding]]:
    """Line by line: every bad line found, numbers kept as written (integers exactly)."""
    rows: list[dict[str, str | None]] = []
    numbers: list[int] = []
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(buf.decode("utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, parse_int=str, parse_float=number_text)
        except ValueError as exc:
            bad.append((number, f"it is not valid JSON ({getattr(exc, 'msg', exc)})"))
            continue
        if not isinstance(value, dict):
            bad.append((number, f"it holds {'an array' if isinstance(value, list) else 'a single value'}"))
            continue
        if any(isinstance(v, (dict, list)) for v in value.values()):
            value = {k: v if isinstance(v, (dict, list)) else value[k] for k, v in json.loads(line).items()}
        rows.append({k: _text(v) for k, v in value.items()})
        numbers.append(number)
    names = list(dict.fromkeys(k for row in rows for k in row))
    columns = [pa.array([row.get(name) for row in rows], pa.string()) for name in names]
    problems = []
    if bad:
        line, why = bad[0]
        more = f"; {len(bad)} lines like this, the first is line {line}" if len(bad) > 1 else ""
        problems.append(finding(
            "read.malformed", Severity.FATAL,
            f"line {line}: the line is not a record: {why}; expected one JSON object per line{more}. The "
            f"other lines were read.", file, line, expected="one JSON object per line", count=len(bad)))
    return names, columns, np.array(numbers, dtype=np.int64), problems
