"""Fixed-width text: one record per line, fields at declared character positions.

Mainframe extracts have no header and no delimiters, so the only structural check is
the record length: a line of another length means shifted fields, and every value on
it would be wrong. Such lines are reported (grouped: too short / too long, with count
and first line) and left out; the good lines are read. Empty lines carry no record and
are skipped. Values are trimmed of their padding spaces (text is left-aligned, numbers
right-aligned).

Speed: fields are cut by byte offsets, not by a per-value kernel. Every good line has
the same number of characters, so a field boundary sits at ``line start + character
position``, shifted by the extra bytes of the multi-byte UTF-8 characters before it on
that line (found with numpy from the lead bytes, which are few). The boundaries of a
block of lines form one zero-copy string array over the decoded file, and each field
is one ``take`` from it.

A file in a single-byte encoding (Windows-1252, Latin-1) is cut as delivered, where bytes are characters;
only the fields that hold non-ASCII bytes are then turned into UTF-8. Decoding the whole file and finding
the multi-byte characters cost more than cutting it (for the residents' register, 40 % of reading it).
"""

from __future__ import annotations

import codecs
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flis.findings import Finding, Severity
from flis.sources.formats._common import (
    ASCII_WHITESPACE,
    SINGLE_BYTE,
    codec_name,
    cut_partial_line,
    decoded_lines,
    empty_table,
    fewer_more,
    finding,
    is_utf8,
    line_spans,
    positions,
    string_array,
    table,
    value_offsets,
)
from flis.sources.formats.base import FileFormat, ReadResult

BLOCK = 1 << 17
"""Lines per block: keeps the numpy temporaries small (and their memory warm)."""


def read(data: bytes, fmt: FileFormat, file: str) -> ReadResult:
    names = [f.name for f in fmt.fixed_fields]
    if not names:
        return ReadResult(empty_table(), [], [finding(
            "read.malformed", Severity.FATAL, "no record layout is declared for this fixed-width file, so it "
            "cannot be read; the adapter must list the fields and their widths", file)])
    single = _single_byte(data, fmt.encoding, file)
    if single is None:
        buf, findings, _ = decoded_lines(data, fmt.encoding, file)
        high, codec = None, "utf-8"
        lead = _lead_bytes(buf)
    else:
        buf, findings, high, codec = single
        lead = np.empty(0, dtype=np.int64)  # a byte is a character
    widths = [f.width for f in fmt.fixed_fields]
    record_length = sum(widths)
    starts, nl, size = line_spans(buf)
    lead_extra = _extra(np.frombuffer(buf, dtype=np.uint8)[lead]) if len(lead) else np.empty(0, dtype=np.int64)
    # Characters per line = bytes without the line end - extra bytes of multi-byte characters on the line.
    extra_per_line = np.bincount(np.searchsorted(starts, lead, side="right") - 1, weights=lead_extra,
                                 minlength=len(starts)).astype(np.int64) if len(lead) else 0
    length = size - extra_per_line
    numbers = np.arange(1, len(length) + 1, dtype=np.int64)
    good = length == record_length
    bad = ~good & (length != 0)
    findings += _wrong_lengths(length, numbers, bad, record_length, file)
    ends = nl
    if not good.all():
        starts, ends, numbers = starts[good], nl[good], numbers[good]
    columns, ascii = _cut(buf, starts, ends, widths, lead, lead_extra, high, codec)
    return ReadResult(table(names, columns, numbers), names, findings,
                      trimmed=frozenset(n for n, a in zip(names, ascii) if a))


_UNDEFINED = np.zeros(256, dtype=bool)
_UNDEFINED[[0x81, 0x8D, 0x8F, 0x90, 0x9D]] = True
"""The bytes Windows-1252 leaves undefined."""


def _single_byte(data: bytes, encoding: str, file: str) -> tuple[bytes, list[Finding], np.ndarray, str] | None:
    """A file in a single-byte encoding with non-ASCII bytes, to be cut as it is: the bytes without an
    unterminated last line, its findings, the offsets of its non-ASCII bytes, and the codec. None when
    :func:`decoded_lines` must look at it: another encoding, ASCII (nothing to turn into UTF-8), a byte-order
    mark, a byte the encoding does not define, or a file that is really UTF-8 (a finding of its own)."""
    codec = codec_name(encoding)
    if codec not in SINGLE_BYTE or data.isascii() or data.startswith(codecs.BOM_UTF8):
        return None
    high = positions(data, 0x80, test=np.greater_equal)
    if (codec == "cp1252" and _UNDEFINED[np.frombuffer(data, dtype=np.uint8)[high]].any()) or is_utf8(data):
        return None
    buf, truncated = cut_partial_line(data, file)
    if truncated:
        high = high[high < len(buf)]
    return buf, [truncated] if truncated else [], high, codec


@lru_cache(maxsize=4)
def _growth(codec: str) -> np.ndarray:
    """For each byte: how many bytes its character takes in UTF-8 beyond one."""
    return np.array([len(bytes([b]).decode(codec, errors="replace").encode("utf-8")) - 1 for b in range(256)],
                    dtype=np.int64)


def _to_utf8(values: pa.Array, codec: str) -> pa.Array:
    """Values cut from a single-byte file (``string``, no nulls) as UTF-8: the text decoded and encoded in one
    piece, each value's offsets moved by the extra bytes of the characters before it."""
    offsets = value_offsets(values)
    first, last = int(offsets[0]), int(offsets[-1])
    raw = np.frombuffer(values.buffers()[2], dtype=np.uint8)[first:last]
    text = raw.tobytes().decode(codec).encode("utf-8")
    high = np.flatnonzero(raw >= 0x80)
    before = np.concatenate([[0], np.cumsum(_growth(codec)[raw[high]])])
    moved = (offsets - first) + before[np.searchsorted(high, offsets - first)]
    return pa.Array.from_buffers(pa.string(), len(values),
                                 [None, pa.py_buffer(moved.astype(np.int32)), pa.py_buffer(text)])


def _wrong_lengths(length: np.ndarray, numbers: np.ndarray, bad: np.ndarray, record_length: int,
                   file: str) -> list[Finding]:
    out = []
    if bad.any():
        for kind, line, value, n in fewer_more(length[bad], record_length, numbers[bad]):
            more = f"; {n} lines like this, the first is line {line}" if n > 1 else ""
            out.append(finding(
                "read.wrong_length", Severity.ERROR,
                f"line {line}: the record is {value} characters long, {kind} than the {record_length} the "
                f"record layout declares{more}. The fields on such lines would be shifted, so they were not "
                f"read.", file, line, value=str(value), expected=str(record_length), count=n))
    return out


def read_joint(datas: list[bytes], fmt: FileFormat, files: list[str]) -> list[ReadResult | None]:
    """:func:`read` for several files at once (None for each file left to :func:`read`): files of ASCII
    text, one after the other, cut in one pass. ASCII, because ``read`` trims a field of all whitespace only
    where the file's field is all ASCII; up to ``BLOCK`` lines in all, because it decides that per block."""
    out: list[ReadResult | None] = [None] * len(datas)
    names, widths = [f.name for f in fmt.fixed_fields], [f.width for f in fmt.fixed_fields]
    members = []
    for at, (data, file) in enumerate(zip(datas, files)):
        buf, findings, _ = decoded_lines(data, fmt.encoding, file)
        if buf and buf.isascii():
            members.append((at, buf, findings))
    if len(members) < 2 or not names:
        return out
    joint = b"".join(buf for _, buf, _ in members)
    starts, nl, length = line_spans(joint)  # ASCII: bytes are characters
    if len(nl) > BLOCK:
        return out
    record_length = sum(widths)
    good = length == record_length
    lines = np.array([buf.count(b"\n") for _, buf, _ in members], dtype=np.int64)
    first = np.cumsum(lines) - lines
    numbers = np.arange(1, len(nl) + 1, dtype=np.int64) - np.repeat(first, lines)
    columns, _ = _cut(joint, starts[good], nl[good], widths, np.empty(0, dtype=np.int64),
                      np.empty(0, dtype=np.int64))
    rows = table(names, columns, numbers[good])
    kept = np.add.reduceat(good.astype(np.int64), first)
    for (at, _, findings), begin, count, row, n in zip(members, first, lines, np.cumsum(kept) - kept, kept):
        part = slice(begin, begin + count)
        wrong = _wrong_lengths(length[part], numbers[part], ~good[part] & (length[part] != 0), record_length,
                               files[at])
        out[at] = ReadResult(rows.slice(row, n), names, findings + wrong, trimmed=frozenset(names))
    return out


def _lead_bytes(buf: bytes) -> np.ndarray:
    """Offsets of the lead bytes of multi-byte UTF-8 characters (none in an ASCII file)."""
    if buf.isascii():
        return np.empty(0, dtype=np.int64)
    return positions(buf, 0xC0, test=np.greater_equal)


def _extra(lead: np.ndarray) -> np.ndarray:
    """Continuation bytes that follow each lead byte."""
    return 1 + (lead >= 0xE0).astype(np.int64) + (lead >= 0xF0)


@lru_cache(maxsize=64)
def _picks(lines: int, fields: int) -> tuple[pa.Array, ...]:
    step = fields + 1
    return tuple(pa.array(np.arange(j, lines * step - 1, step)) for j in range(fields))


def _cut(buf: bytes, starts: np.ndarray, ends: np.ndarray, widths: list[int], lead: np.ndarray,
         lead_extra: np.ndarray, high: np.ndarray | None = None,
         codec: str = "utf-8") -> tuple[list[pa.ChunkedArray], list[bool]]:
    """The fields of the lines starting at ``starts`` (all of the declared length), trimmed of their padding,
    and for each whether it is ASCII: then it is trimmed of all whitespace, which mapping need not repeat.
    ``buf`` is UTF-8, or, with the offsets of its non-ASCII bytes in ``high``, in the single-byte ``codec``."""
    cum = np.concatenate([[0], np.cumsum(widths)]).astype(np.int64)
    k = len(widths)
    blocks: list[list[pa.Array]] = [[] for _ in widths]
    ascii = [True] * k
    for b in range(0, max(len(starts), 1), BLOCK):
        s = starts[b: b + BLOCK]
        offsets = s[:, None] + cum[None, :]
        if len(lead) and len(s):
            _shift(offsets, s, ends[b: b + BLOCK], lead, lead_extra, cum)
        boundaries = string_array(buf, np.append(offsets.ravel(), offsets[-1, -1]) if len(s) else np.zeros(1))
        wide = _non_ascii_fields(high, s, ends[b: b + BLOCK], cum) if high is not None else None
        for j, pick in enumerate(_picks(len(s), k)):
            values = boundaries.take(pick).cast(pa.string())
            if wide is None:
                ascii[j] = ascii[j] and pc.all(pc.string_is_ascii(values)).as_py() is not False
            elif wide[j]:
                values, ascii[j] = _to_utf8(values, codec), False
            blocks[j].append(pc.ascii_trim(values, characters=ASCII_WHITESPACE if ascii[j] else " "))
    return [pa.chunked_array(chunks, pa.string()) for chunks in blocks], ascii


def _non_ascii_fields(high: np.ndarray, starts: np.ndarray, ends: np.ndarray, cum: np.ndarray) -> np.ndarray:
    """Which fields hold a non-ASCII byte (at the offsets ``high``) on the lines starting at ``starts``."""
    out = np.zeros(len(cum) - 1, dtype=bool)
    if not len(starts):
        return out
    lo, hi = np.searchsorted(high, [starts[0], ends[-1]])
    pos = high[lo:hi]
    line = np.searchsorted(starts, pos, side="right") - 1
    on_line = pos - starts[line]
    field = np.searchsorted(cum, on_line, side="right") - 1
    out[field[(line >= 0) & (on_line < cum[-1])]] = True  # not on a line left out, not past its record
    return out


def _shift(offsets: np.ndarray, starts: np.ndarray, ends: np.ndarray, lead: np.ndarray,
           lead_extra: np.ndarray, cum: np.ndarray) -> None:
    """Move each field boundary past the extra bytes of the multi-byte characters before it."""
    lo, hi = np.searchsorted(lead, [starts[0], ends[-1]])
    pos, extra = lead[lo:hi], lead_extra[lo:hi]
    line = np.searchsorted(starts, pos, side="right") - 1
    keep = pos < ends[line]
    pos, extra, line = pos[keep], extra[keep], line[keep]
    if not len(pos):
        return
    before = np.cumsum(extra) - extra
    first = np.searchsorted(line, line, side="left")
    char = pos - starts[line] - (before - before[first])
    inside = char < cum[-1]
    pos, extra, line, char = pos[inside], extra[inside], line[inside], char[inside]
    for j in range(1, len(cum)):
        mask = char < cum[j]
        offsets[:, j] += np.bincount(line[mask], weights=extra[mask], minlength=len(starts)).astype(np.int64)
