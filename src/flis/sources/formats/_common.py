"""Shared pieces of the readers: decoding with findings, line numbers, string tables.

Every text reader first turns the delivered bytes into UTF-8 (what pyarrow and expat
want) and reports encoding problems the same way; it then works on byte offsets in
that UTF-8 buffer, so the physical line of any offset is one ``searchsorted`` away.
Large scans over the buffer are done in chunks with reused scratch arrays: on the
virtual machines flis runs on, touching freshly allocated memory costs more than the
scan itself.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flis.findings import Finding, Severity
from flis.sources.formats.base import LINE

CHUNK = 1 << 23
"""Bytes per chunk of the vectorised scans (8 MiB: big enough to amortise, small enough to stay warm)."""

_LABELS = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "latin-1": "Latin-1 (ISO-8859-1)"}
SINGLE_BYTE = {"cp1252", "latin-1"}
"""The single-byte encodings vendors declare: a byte is a character."""
_NON_ASCII = re.compile(rb"[\x80-\xff]+")


ASCII_WHITESPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f "
"""The ASCII characters ``utf8_trim_whitespace`` trims (tests/sources/test_numbers.py checks all 128): on
ASCII text, a byte-wise trim of these is the Unicode trim at a third of the cost."""


@lru_cache(maxsize=64, typed=True)  # typed: 0, 0.0 and False are equal keys, but not the same scalar
def lit(value: object) -> pa.Scalar:
    """A typed scalar for compute kernels: a bare Python value makes pyarrow guess its type on every
    call, which tries to import optional modules each time (milliseconds per small file)."""
    if isinstance(value, bool):
        return pa.scalar(value, pa.bool_())
    if isinstance(value, int):
        return pa.scalar(value, pa.int64())
    if isinstance(value, float):
        return pa.scalar(value, pa.float64())
    return pa.scalar(value, pa.string())


def codec_name(encoding: str) -> str:
    """The canonical codec name ('utf-8', 'cp1252', 'latin-1', ...) for a declared encoding."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    return {"iso8859-1": "latin-1", "utf-8-sig": "utf-8", "windows-1252": "cp1252"}.get(name, name)


def label(encoding: str) -> str:
    return _LABELS.get(codec_name(encoding), encoding)


def finding(code: str, severity: Severity, message: str, file: str, line: int | None = None,
            field: str | None = None, value: str | None = None, expected: str | None = None,
            count: int = 1) -> Finding:
    return Finding(code, severity, message, file, line, field, value, expected, count)


def line_of(data: bytes, offset: int) -> int:
    """The 1-based physical line of a byte offset."""
    return data.count(b"\n", 0, offset) + 1


def _example(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def decode(data: bytes, encoding: str, file: str) -> tuple[bytes, list[Finding]]:
    """The file as UTF-8 bytes (without a byte-order mark), and the encoding findings.

    ``read.encoding`` (FATAL): bytes that are not valid in the declared encoding; the text
    is then decoded with replacement characters so the rest of the file can still be shown.
    ``read.suspect_encoding`` (ERROR): a file declared Windows-1252/Latin-1 that is really
    UTF-8 (it decodes as UTF-8, and as Windows-1252 it would read "Ã¸" for "ø"); it is
    then read as the UTF-8 it is, so the values are right and only the declaration is wrong.
    """
    codec = codec_name(encoding)
    declared = label(encoding)
    if data.startswith(codecs.BOM_UTF8) and codec == "utf-8":
        data = data[3:]
    if data.isascii():
        return data, []
    if codec == "utf-8":
        if is_utf8(data):
            return data, []
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _undecodable(data, exc, codec, declared, file)
        return data, []  # pragma: no cover - Arrow and Python agree on what UTF-8 is
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError) as exc:
        if isinstance(exc, LookupError):
            return data, [finding("read.encoding", Severity.FATAL,
                                  f"the declared encoding '{encoding}' is unknown", file, expected=encoding)]
        return _undecodable(data, exc, codec, declared, file)
    if codec in SINGLE_BYTE:
        suspect = _suspect_utf8(data, declared, file)
        if suspect:
            return data.removeprefix(codecs.BOM_UTF8), [suspect]
    return text.encode("utf-8"), []


def is_utf8(data: bytes) -> bool:
    """Whether the bytes are valid UTF-8, checked by Arrow in place (Python would build the whole text)."""
    offsets = np.array([0, len(data)], dtype=np.int64)
    view = pa.Array.from_buffers(pa.large_binary(), 1, [None, pa.py_buffer(offsets), pa.py_buffer(data)])
    try:
        view.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def _undecodable(data: bytes, exc: UnicodeDecodeError, codec: str, declared: str,
                 file: str) -> tuple[bytes, list[Finding]]:
    line = line_of(data, exc.start)
    byte = data[exc.start]
    hint = ""
    if codec == "utf-8":
        try:
            data.decode("cp1252")
            seq = _NON_ASCII.search(data, exc.start).group().decode("cp1252")
            hint = f"; it looks like Windows-1252, where the byte reads as \"{_example(seq)}\""
        except UnicodeDecodeError:
            pass
    text = data.decode(codec, errors="replace")
    bad_lines = sum("\ufffd" in chunk for chunk in text.split("\n"))
    more = f" ({bad_lines} lines like this)" if bad_lines > 1 else ""
    message = (f"line {line}: byte 0x{byte:02X} is not valid {declared}, the encoding the file is declared "
               f"in{hint}{more}. Ask the vendor to deliver the file in {declared}.")
    return text.encode("utf-8"), [finding("read.encoding", Severity.FATAL, message, file, line,
                                          value=f"0x{byte:02X}", expected=declared, count=bad_lines)]


def _suspect_utf8(data: bytes, declared: str, file: str) -> Finding | None:
    if not is_utf8(data):
        return None
    match = _NON_ASCII.search(data)
    line = line_of(data, match.start())
    seen = match.group().decode("cp1252", errors="replace")
    meant = match.group().decode("utf-8")
    return finding(
        "read.suspect_encoding", Severity.ERROR,
        f"line {line}: the file is declared {declared} but is really UTF-8: read as {declared} it would say "
        f"\"{_example(seen)}\" where \"{_example(meant)}\" is meant. It was read as UTF-8; ask the vendor to "
        f"deliver {declared} or to declare UTF-8.", file, line, value=seen, expected=declared)


def decoded_lines(data: bytes, encoding: str, file: str) -> tuple[bytes, list[Finding], bool]:
    """A line-based file as UTF-8 (:func:`decode`) without an unterminated last line
    (:func:`cut_partial_line`): the bytes, the findings of both, and whether a line was cut off."""
    buf, findings = decode(data, encoding, file)
    buf, truncated = cut_partial_line(buf, file)
    if truncated:
        findings.append(truncated)
    return buf, findings, truncated is not None


def cut_partial_line(buf: bytes, file: str, what: str = "record") -> tuple[bytes, Finding | None]:
    """Drop an unterminated last line: the file was cut off in the middle of a record."""
    if not buf or buf.endswith(b"\n"):
        return buf, None
    last = buf.rfind(b"\n") + 1
    line = buf.count(b"\n") + 1
    return buf[:last], finding(
        "read.truncated", Severity.FATAL,
        f"line {line}: the file ends in the middle of a {what} (the last line has no line end); expected "
        f"every {what} to end with a line end. The file was probably cut off in transfer; the {what}s "
        f"before line {line} were read, ask the vendor to deliver the complete file.", file, line,
        expected="a line end after the last record")


def positions(buf: bytes, byte: int, start: int = 0, stop: int | None = None,
              test: np.ufunc = np.equal) -> np.ndarray:
    """Offsets in ``buf[start:stop]`` (absolute) of the bytes where ``test(byte_value, byte)`` holds."""
    stop = len(buf) if stop is None else min(stop, len(buf))
    view = np.frombuffer(buf, dtype=np.uint8)
    scratch = np.empty(min(CHUNK, max(stop - start, 0)), dtype=bool)
    out = []
    for s in range(start, stop, CHUNK):
        e = min(s + CHUNK, stop)
        mask = scratch[: e - s]
        test(view[s:e], byte, out=mask)
        out.append(np.flatnonzero(mask) + s)
    return np.concatenate(out) if out else np.empty(0, dtype=np.int64)


def line_spans(buf: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each line of a buffer that ends with a line end: where it starts, where its '\n' is, and its length
    without the line end ('\n' or '\r\n'), in bytes."""
    nl = positions(buf, 10)
    starts = np.concatenate([[0], nl[:-1] + 1]).astype(np.int64)[: len(nl)]
    length = nl - starts
    if len(nl):
        inner = nl > 0
        length[inner] -= np.frombuffer(buf, dtype=np.uint8)[nl[inner] - 1] == 13
    return starts, nl, length


def lines_at(newlines: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """1-based line numbers of byte offsets, given the sorted offsets of every newline."""
    return (np.searchsorted(newlines, offsets, side="right") + 1).astype(np.int32)


def string_array(buf: bytes, offsets: np.ndarray) -> pa.Array:
    """A zero-copy string array over ``buf`` whose element i is buf[offsets[i]:offsets[i+1]].

    ``string`` (32-bit offsets) when the buffer allows, so that what is taken from it needs no cast.
    """
    if len(buf) < 2**31 - 1:
        offsets = np.ascontiguousarray(offsets, dtype=np.int32)
        kind = pa.string()
    else:
        offsets = np.ascontiguousarray(offsets, dtype=np.int64)
        kind = pa.large_string()
    return pa.Array.from_buffers(kind, len(offsets) - 1, [None, pa.py_buffer(offsets), pa.py_buffer(buf)])


def value_offsets(arr: pa.Array) -> np.ndarray:
    """Where each value of a ``string`` array starts in its data buffer, and where the last one ends (its
    ``len + 1`` offsets, the array's own slice taken), without a copy."""
    return np.frombuffer(arr.buffers()[1], dtype=np.int32, count=len(arr) + 1, offset=arr.offset * 4)


LOW_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [2**64 - 1], dtype=np.uint64)
"""``LOW_BYTES[k]`` keeps the first ``k`` bytes of a little-endian 64-bit word (``k`` up to 8)."""


def word_view(buf) -> np.ndarray:
    """Every 8 bytes of ``buf`` from each offset, as a little-endian uint64 (a strided view, no copy): the
    last 7 offsets have no whole word, see :func:`words_at`."""
    return np.ndarray(shape=(max(len(buf) - 7, 0),), dtype="<u8", buffer=buf, strides=(1,))


def words_at(buf, words: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The 8 bytes of ``buf`` at each offset as a little-endian uint64, zero-padded past its end (``words``:
    :func:`word_view` of ``buf``)."""
    limit = len(words) - 1
    word = words[np.minimum(at, limit)] if limit >= 0 else np.zeros(len(at), dtype=np.uint64)
    view = memoryview(buf)
    for i in np.flatnonzero(at > limit):
        word[i] = int.from_bytes(bytes(view[int(at[i]): int(at[i]) + 8]).ljust(8, b"\0"), "little")
    return word


def spans(buf: bytes, start: np.ndarray, stop: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
    """``buf[start[i]:stop[i]]`` for each i as a zero-copy string array (null where ``missing``). The spans
    must come in order without overlapping (a missing one may be empty anywhere in between)."""
    if not len(start):
        return pa.array([], pa.string())
    offsets = np.empty(2 * len(start), dtype=np.int64)
    offsets[0::2], offsets[1::2] = start, stop
    return string_array(buf, offsets).take(pa.array(np.arange(0, 2 * len(start), 2), mask=missing))


XML_SPACE = np.array([9, 10, 13, 32], dtype=np.uint8)
"""The bytes XML counts as whitespace."""
_ENTITIES = (b"&amp;", b"&lt;", b"&gt;", b"&quot;", b"&apos;")


def xml_space_only(view: np.ndarray, start: np.ndarray, length: np.ndarray) -> bool:
    """Whether the bytes from each start, for its length, are all XML whitespace (for the byte scanners of
    flat XML and of XLSX sheets)."""
    keep = length > 0
    start, length = start[keep], length[keep]
    total = int(length.sum())
    if not total:
        return True
    index = np.repeat(start - (np.cumsum(length) - length), length) + np.arange(total)
    return bool(np.isin(view[index], XML_SPACE).all())


def known_entities(view: np.ndarray, amps: np.ndarray) -> bool:
    """Whether each '&' (at the offsets ``amps``) starts one of XML's five predefined entities."""
    window = view[np.minimum(amps[:, None] + np.arange(6), len(view) - 1)]
    ok = np.zeros(len(amps), dtype=bool)
    for entity in _ENTITIES:
        ok |= (window[:, : len(entity)] == np.frombuffer(entity, dtype=np.uint8)).all(axis=1)
    return bool(ok.all())


def nullify(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Empty strings as null, typed ``string``: 'no value' has one representation in every reader."""
    if isinstance(arr, pa.ChunkedArray):
        return pa.chunked_array([nullify(c) for c in arr.chunks], pa.string())
    if pa.types.is_null(arr.type):
        return pa.nulls(len(arr), pa.string())
    if not pa.types.is_string(arr.type):
        arr = arr.cast(pa.string())
    if not _has_empty(arr):  # the usual case
        return arr
    return pc.if_else(pc.fill_null(pc.equal(arr, lit("")), lit(False)), pa.scalar(None, pa.string()), arr)


def _has_empty(arr: pa.Array) -> bool:
    """Whether a string array holds an empty string, from its offsets (two kernels cost more per column
    of a small file than the whole check: readers call this for every column of every file)."""
    if not len(arr):
        return False
    validity = arr.buffers()[0]
    ends = value_offsets(arr)
    empty = ends[1:] == ends[:-1]
    if not arr.null_count or not empty.any():
        return bool(empty.any())
    bits = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")
    return bool((empty & bits[arr.offset: arr.offset + len(arr)].astype(bool)).any())


def table(names: list[str], columns: list[pa.Array], lines: np.ndarray | pa.Array) -> pa.Table:
    """The reader's result table: every column a nullable string, plus ``_line`` (int32)."""
    arrays = [nullify(c) for c in columns]
    line = pa.array(np.asarray(lines, dtype=np.int32), pa.int32())
    schema = pa.schema([pa.field(n, pa.string()) for n in names] + [pa.field(LINE, pa.int32(), False)])
    return pa.Table.from_arrays(arrays + [line], schema=schema)


def empty_table(names: list[str] = ()) -> pa.Table:
    return table(list(names), [pa.nulls(0, pa.string()) for _ in names], np.empty(0, dtype=np.int32))


def fewer_more(counts: np.ndarray, expected: int, lines: np.ndarray) -> list[tuple[str, int, int, int]]:
    """Wrong counts (lengths, fields) grouped as 'fewer' and 'more': (kind, first line, its value, n)."""
    out = []
    for kind, mask in (("fewer", counts < expected), ("more", counts > expected)):
        idx = np.flatnonzero(mask)
        if len(idx):
            out.append((kind, int(lines[idx[0]]), int(counts[idx[0]]), len(idx)))
    out.sort(key=lambda g: g[1])
    return out


def number_text(value: float) -> str:
    """A number's shortest text, integers without '.0': 2.50 -> '2.5', 3.0 -> '3', 1e15 -> '1' + 15 zeros."""
    out = repr(float(value))
    return out[:-2] if out.endswith(".0") else out


def numbers_text(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    """``number_text`` for a whole float column: pyarrow's text, except where it differs from Python's.

    pyarrow writes 1e10 as '1e+10', 1e-05 as '0.00001' and 1e16 as '10000000000000000', where Python
    writes '10000000000', '1e-05' and '1e+16': values with an exponent in either text are rare, so those
    few are redone in Python.
    """
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    text = column.cast(pa.string())
    size = pc.abs(column)
    odd = pc.fill_null(pc.or_(pc.match_substring(text, "e"), pc.or_(
        pc.greater_equal(size, lit(1e16)), pc.and_(pc.less(size, lit(1e-4)), pc.not_equal(size, lit(0.0))))),
        lit(False))
    if not pc.any(odd).as_py():
        return text
    redo = [number_text(v) for v in column.filter(odd).to_pylist()]
    return pc.replace_with_mask(text, odd, pa.array(redo, pa.string()))
