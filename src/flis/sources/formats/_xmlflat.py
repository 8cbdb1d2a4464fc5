"""Flat XML records read and checked with numpy instead of a parser.

Vendor XML is almost always flat: under the root, one element per record, inside it
one element per field holding only text. For such content well-formedness reduces to
checks numpy can do on the positions of the few special bytes: '<' and '>' alternate,
every tag name is a known name, depth never exceeds record/field, each field closes
with its own name, text between tags is whitespace except field values, values have no
control characters and every '&' starts one of the five predefined entities. That is
several times faster than running expat over the bytes (~100 MB/s here), which matters
when the whole country is ingested.

Anything else (comments, CDATA, character references, attributes, nested elements, a
'>' in text, mixed record names) makes :func:`read_flat` return None; the caller then
lets expat decide whether the file is malformed and reads it with the careful path.
Tag names are recognised by their first and last 8 bytes (a strided uint64 view of the
buffer) and length, looked up in a small hash table and then verified exactly.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flis.sources.formats._common import (
    CHUNK,
    LOW_BYTES,
    XML_SPACE,
    known_entities,
    string_array,
    word_view,
    words_at,
    xml_space_only,
)

NAME = re.compile(rb"[A-Za-z_][A-Za-z0-9_.\-]*")
_FIRST_TAGS = re.compile(rb"<([A-Za-z_][A-Za-z0-9_.\-]*)\s*/?>")
_KIND = np.zeros(256, dtype=np.int8)
_KIND[47], _KIND[33], _KIND[63] = 1, 2, 2  # '/' closes; '!' and '?' start no element
_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93)
_UNESCAPE = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&"))
MAX_NAMES = 500
MAX_THREADS = 4
PARALLEL_FROM = 1 << 21
"""Content size (bytes) from which parts are read in threads."""


@dataclass
class Flat:
    record: str
    names: list[str]
    columns: list[pa.ChunkedArray]
    starts: np.ndarray
    """Byte offset of each record's start tag."""
    newlines: np.ndarray
    """Offsets of the line ends in the content (for line numbers without another scan)."""


class _NotFlat(Exception):
    pass


def read_flat(buf: bytes, start: int, stop: int) -> Flat | None:
    """The records between ``start`` and ``stop`` (the root element's content), or None if not flat.

    A large file is cut at record ends into one part per core, read in threads (numpy and
    pyarrow release the GIL), and the parts are joined; each part must be flat on its own.
    """
    parts = _parts(buf, start, stop, min(pa.cpu_count(), MAX_THREADS))
    try:
        if len(parts) == 1:
            return _Reader(buf, start, stop).run()
        with ThreadPoolExecutor(len(parts)) as pool:
            flats = list(pool.map(lambda part: _Reader(buf, *part).run(), parts))
    except _NotFlat:
        return None
    return _join([f for f in flats if len(f.starts)] or flats[:1])


def place(order: list[bytes], name: bytes, before: bytes, record: bytes) -> None:
    """Put a field into a file's field order where it is first seen: after ``before``, the name of the tag
    before it, when that is a field; first when it opens its record; last otherwise."""
    if before in order:
        order.insert(order.index(before) + 1, name)
    elif before == record:
        order.insert(0, name)
    else:
        order.append(name)


def first_record(buf: bytes, first: int, stop: int) -> tuple[bytes, list[bytes]] | None:
    """The element name of the record whose start tag is at ``first``, and its fields in order: a flat file's
    fields (the order of its columns), unless a later record has a field this one lacks."""
    head = _FIRST_TAGS.match(buf, first)
    if not head:
        return None
    end = buf.find(b"</" + head.group(1) + b">", first, stop)
    fields = _FIRST_TAGS.findall(buf, first, end if end > 0 else stop)[1:]
    return head.group(1), list(dict.fromkeys(name for name in fields if name != head.group(1)))


def _parts(buf: bytes, start: int, stop: int, count: int) -> list[tuple[int, int]]:
    """``count`` pieces of similar size, cut after a closing tag of the first record's element."""
    if count < 2 or stop - start < PARALLEL_FROM:
        return [(start, stop)]
    first = _FIRST_TAGS.match(buf, max(buf.find(b"<", start, stop), 0))
    if not first:
        return [(start, stop)]
    closing = b"</" + first.group(1) + b">"
    cuts = [start]
    for i in range(1, count):
        cut = buf.find(closing, max(cuts[-1], start + (stop - start) * i // count), stop)
        if cut < 0:
            break
        cuts.append(cut + len(closing))
    return [(a, b) for a, b in zip(cuts, cuts[1:] + [stop]) if b > a]


def _join(flats: list[Flat]) -> Flat | None:
    """One table from the parts: fields in the order they first appear, nulls where a part lacks one."""
    if len({f.record for f in flats}) > 1:
        return None  # records of more than one element name: the careful path reports them
    order: list[str] = []
    for flat in flats:
        for i, name in enumerate(flat.names):
            if name not in order:
                before = flat.names[i - 1] if i else None
                if before is None:
                    order.insert(0, name)
                else:
                    order.insert(order.index(before) + 1 if before in order else len(order), name)
    kind = next((f.columns[0].type for f in flats if f.columns), pa.string())
    columns = []
    for name in order:
        chunks = []
        for flat in flats:
            if name in flat.names:
                chunks.extend(flat.columns[flat.names.index(name)].chunks)
            else:
                chunks.append(pa.nulls(len(flat.starts), kind))
        columns.append(pa.chunked_array(chunks, kind))
    return Flat(flats[0].record, order, columns, np.concatenate([f.starts for f in flats]),
                np.concatenate([f.newlines for f in flats]))


def _hash(k0: np.ndarray, kl: np.ndarray, length: np.ndarray, multiplier: int, bits: int) -> np.ndarray:
    mixed = k0 ^ (kl * np.uint64(0x9DDFEA08EB382D69)) ^ length.astype(np.uint64)
    return ((mixed * np.uint64(multiplier)) >> np.uint64(64 - bits)).astype(np.intp)


class _Reader:
    def __init__(self, buf: bytes, start: int, stop: int) -> None:
        self.buf, self.start, self.stop = buf, start, stop
        self.view = np.frombuffer(buf, dtype=np.uint8)
        self.words = word_view(buf)
        self.kind = pa.string()
        self.amp = self.cr = False
        self.names: list[bytes] = []
        self.key0: list[int] = []
        self.keyl: list[int] = []
        self.order: list[bytes] = []
        self.columns: dict[int, list[pa.Array]] = {}
        self.records = 0
        self.starts: list[np.ndarray] = []
        self.newlines: list[np.ndarray] = []
        self.scratch = np.empty(0, dtype=bool)

    def run(self) -> Flat:
        first = self.buf.find(b"<", self.start, self.stop)
        if first < 0:
            self._whitespace(np.array([self.start]), np.array([self.stop - self.start]))
            return Flat("", [], [], np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))
        head = first_record(self.buf, first, self.stop)
        if head is None:
            raise _NotFlat
        record, fields = head
        self._learn(record)
        closing = b"</" + record + b">"
        for name in fields:
            self._learn(name)
            self.order.append(name)
        pos = self.start
        while pos < self.stop:
            cut = self.buf.find(closing, min(pos + CHUNK, self.stop), self.stop)
            cut = self.stop if cut < 0 else cut + len(closing)
            self._chunk(pos, cut)
            pos = cut
        columns = [self._finish(pa.chunked_array(self.columns[self.names.index(n)], self.kind))
                   for n in self.order]
        starts = np.concatenate(self.starts) if self.starts else np.empty(0, dtype=np.int64)
        newlines = np.concatenate(self.newlines) if self.newlines else np.empty(0, dtype=np.int64)
        names = [n.decode("utf-8") for n in self.order]
        return Flat(record.decode("utf-8"), names, columns, starts, newlines)

    # -- one chunk of whole records ------------------------------------------------------------

    def _find(self, x: np.ndarray, ufunc: np.ufunc, byte: int, s: int) -> np.ndarray:
        """Offsets in the chunk ``x`` (starting at ``s``) where ``ufunc(x, byte)`` holds."""
        if len(self.scratch) < len(x):
            self.scratch = np.empty(len(x), dtype=bool)
        mask = self.scratch[: len(x)]
        ufunc(x, byte, out=mask)
        return np.flatnonzero(mask) + s

    def _scan(self, s: int, e: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Offsets of '<', '>', carriage returns and '&' in the chunk; notes its line ends."""
        x = self.view[s:e]
        lt, gt = self._find(x, np.equal, 60, s), self._find(x, np.equal, 62, s)
        if len(lt) != len(gt) or not (lt < gt).all() or not (gt[:-1] < lt[1:]).all():
            raise _NotFlat  # a '<' or '>' in text
        control = self._find(x, np.less, 32, s)
        value = self.view[control]
        if len(control) and not np.isin(value, XML_SPACE).all():
            raise _NotFlat
        self.newlines.append(control[value == 10])
        return lt, gt, control[value == 13], self._find(x, np.equal, 38, s)

    def _chunk(self, s: int, e: int) -> None:
        view = self.view
        lt, gt, cr, amps = self._scan(s, e)
        n = len(lt)
        if n == 0:
            self._whitespace(np.array([s]), np.array([e - s]))
            return
        if self._uniform(lt, gt, cr, amps, s, e):
            return
        kind = _KIND[view[lt + 1]]
        if (kind == 2).any():  # <! (comment, CDATA, DOCTYPE) or <? (instruction)
            raise _NotFlat
        close = kind == 1
        empty = (view[gt - 1] == 47) & ~close
        begin = lt + 1 + close
        length = gt - empty - begin
        self.begin, self.length = begin, length
        self.k0, self.kl = self._keys(begin, length)
        delta = 1 - 2 * close.astype(np.int32) - empty
        depth = np.cumsum(delta) - delta  # depth before each tag
        if depth.min() < 0 or depth[-1] + delta[-1] != 0 or depth.max() > 2:
            raise _NotFlat
        opening = ~close
        top = opening & (depth == 0)
        rec = np.flatnonzero(top)
        fld = np.flatnonzero(opening & (depth == 1))
        if (opening & (depth == 2)).any():
            raise _NotFlat  # an element inside a field
        ids = self._identify(fld)
        if (self._lookup(rec) != 0).any() or (self._lookup(np.flatnonzero(close & (depth == 1))) != 0).any():
            raise _NotFlat  # records of more than one element name
        if (ids == 0).any():
            raise _NotFlat
        valued = fld[~empty[fld]]
        if not self._same(valued + 1, valued):
            raise _NotFlat  # a field closed by another name
        value_end = np.append(lt[1:], e)
        gap_len = np.concatenate([[lt[0] - s], value_end - gt - 1])
        gap_len[valued + 1] = 0
        self._whitespace(np.concatenate([[s], gt + 1]), gap_len)
        self._entities(amps)
        if len(cr) and not self.cr:
            is_valued = np.zeros(n, dtype=bool)
            is_valued[valued] = True
            self.cr = bool(is_valued[np.searchsorted(gt, cr) - 1].any())
        record_no = np.cumsum(top) - 1
        count = len(rec)
        offsets = np.empty(2 * n, dtype=np.int64)
        offsets[0::2], offsets[1::2] = gt + 1, value_end
        gaps = string_array(self.buf, offsets)  # element 2i: the text after tag i
        self.kind = gaps.type
        value_len = value_end - gt - 1
        for j in range(1, len(self.names)):
            tags = fld[ids == j]
            column = self.columns.setdefault(j, [pa.nulls(self.records, gaps.type)] if self.records else [])
            if not len(tags):
                column.append(pa.nulls(count, gaps.type))
                continue
            rows = record_no[tags]
            if (np.diff(rows) == 0).any():
                raise _NotFlat  # a field twice in one record
            pick = np.zeros(count, dtype=np.int64)
            missing = np.ones(count, dtype=bool)
            pick[rows] = 2 * tags
            missing[rows] = empty[tags] | (value_len[tags] == 0)
            column.append(gaps.take(pa.array(pick, mask=missing)))
        self.records += count
        self.starts.append(lt[rec])

    # -- records that all look alike -------------------------------------------------------------------

    def _uniform(self, lt: np.ndarray, gt: np.ndarray, cr: np.ndarray, amps: np.ndarray, s: int,
                 e: int) -> bool:
        """Read the chunk the short way if every record has the tags of its first record, in the same
        order (most vendor files): each tag position's name is then checked against one expected name,
        and nesting, depth and which field a value belongs to follow from the positions. False (nothing
        read) when the chunk is not like that; :meth:`_chunk` then identifies every tag."""
        template = self._template(lt, gt)
        if template is None or len(lt) % len(template):
            return False
        k, n = len(template), len(lt)
        rows = n // k
        starts, stops = lt.reshape(rows, k), gt.reshape(rows, k)
        if not all(self._named(starts[:, j], stops[:, j], name) for j, name in enumerate(template)):
            return False
        value_end = np.append(lt[1:], e)
        text = (value_end - gt - 1).reshape(rows, k)  # the length of the text after each tag
        is_value = np.zeros(k, dtype=bool)
        is_value[1:k - 2:2] = True  # after <field>: 1, 3, ..., k - 3
        self._whitespace(np.concatenate([[s], (gt + 1).reshape(rows, k)[:, ~is_value].ravel()]),
                         np.concatenate([[lt[0] - s], text[:, ~is_value].ravel()]))
        self._entities(amps)
        if len(cr) and not self.cr:
            self.cr = bool(is_value[(np.searchsorted(gt, cr) - 1) % k].any())
        offsets = np.empty(2 * n, dtype=np.int64)
        offsets[0::2], offsets[1::2] = gt + 1, value_end
        gaps = string_array(self.buf, offsets)  # element 2i: the text after tag i
        self.kind = gaps.type
        at = {name: j for j, name in enumerate(template)}
        first = 2 * k * np.arange(rows)
        for j in range(1, len(self.names)):
            column = self.columns.setdefault(j, [pa.nulls(self.records, gaps.type)] if self.records else [])
            where = at.get(self.names[j])
            if where is None:
                column.append(pa.nulls(rows, gaps.type))
            else:
                column.append(gaps.take(pa.array(first + 2 * where, mask=text[:, where] == 0)))
        self.records += rows
        self.starts.append(starts[:, 0].copy())
        return True

    def _template(self, lt: np.ndarray, gt: np.ndarray) -> list[bytes] | None:
        """The tag names of the chunk's first record when it is plain: ``record``, then ``field`` and
        ``/field`` of known, distinct fields, then ``/record`` (None otherwise)."""
        record = self.names[0]
        tags: list[bytes] = []
        for i in range(min(len(lt), 2 * len(self.names))):
            tags.append(self.buf[int(lt[i]) + 1: int(gt[i])])
            if i and tags[-1] == b"/" + record:
                break
        else:
            return None
        fields = tags[1:-1:2]
        if (tags[0] != record or len(tags) % 2 or tags[2:-1:2] != [b"/" + f for f in fields]
                or len(set(fields)) != len(fields) or not all(f in self.names[1:] for f in fields)):
            return None
        return tags

    def _named(self, lt: np.ndarray, gt: np.ndarray, name: bytes) -> bool:
        """Whether every tag from ``lt`` to ``gt`` (offsets of its '<' and '>') is exactly ``<name>``: its
        length, and its name compared 8 bytes at a time (the last 8 overlapping the ones before)."""
        if not (gt - lt == len(name) + 1).all():
            return False
        size = len(name)
        for w in sorted({*range(0, size - 7, 8), max(size - 8, 0)}):
            piece = name[w: w + 8]
            at = lt + (1 + w)
            words = self.words[at] if len(at) and at[-1] < len(self.words) else self._word(at)
            if size < 8:
                words &= LOW_BYTES[size]
            if not (words == np.uint64(int.from_bytes(piece, "little"))).all():
                return False
        return True

    # -- tag names ---------------------------------------------------------------------------------

    def _word(self, at: np.ndarray) -> np.ndarray:
        """The 8 bytes at each offset as a little-endian uint64 (zero-padded at the end of the buffer)."""
        return words_at(self.buf, self.words, at)

    def _keys(self, begin: np.ndarray, length: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """First and last 8 bytes of each tag name: with the length, exact for names up to 16 bytes."""
        k0 = self._word(begin) & LOW_BYTES[np.clip(length, 0, 8)]
        kl = np.zeros(len(begin), dtype=np.uint64)
        long = np.flatnonzero(length > 8)
        if len(long):
            kl[long] = self._word(begin[long] + length[long] - 8)
        return k0, kl

    def _same(self, a: np.ndarray, b: np.ndarray) -> bool:
        """Whether tags ``a`` and ``b`` (index arrays) have the same names, pairwise."""
        k0, kl, length, begin = self.k0, self.kl, self.length, self.begin
        if not ((length[a] == length[b]) & (k0[a] == k0[b]) & (kl[a] == kl[b])).all():
            return False
        for w in range(8, int(length[a].max(initial=0)) - 8, 8):
            sel = length[a] - 8 > w
            if (self._word(begin[a[sel]] + w) != self._word(begin[b[sel]] + w)).any():
                return False
        return True

    def _learn(self, name: bytes) -> None:
        self.names.append(name)
        self.key0.append(int.from_bytes(name[:8], "little"))
        self.keyl.append(int.from_bytes(name[-8:], "little") if len(name) > 8 else 0)
        self.table = None

    def _build(self) -> None:
        """A hash table from (first word, last word, length) to name index, without collisions."""
        k0 = np.array(self.key0, dtype=np.uint64)
        kl = np.array(self.keyl, dtype=np.uint64)
        length = np.array([len(n) for n in self.names], dtype=np.int64)
        base = 2 * len(self.names).bit_length() + 2
        for bits in range(base, base + 8):
            for multiplier in _MULTIPLIERS:
                slots = _hash(k0, kl, length, multiplier, bits)
                if len(np.unique(slots)) == len(slots):
                    table = np.full(1 << bits, -1, dtype=np.int32)
                    table[slots] = np.arange(len(slots))
                    self.table, self.multiplier, self.bits = table, multiplier, bits
                    self.tk0, self.tkl, self.tlen = k0, kl, length
                    return
        raise _NotFlat  # pragma: no cover - only identical keys collide at every size

    def _lookup(self, tags: np.ndarray) -> np.ndarray:
        """Name index of each tag (-1 for a name not known yet), verified byte for byte."""
        if self.table is None:
            self._build()
        k0, kl, length = self.k0[tags], self.kl[tags], self.length[tags]
        ids = self.table[_hash(k0, kl, length, self.multiplier, self.bits)]
        safe = np.maximum(ids, 0)
        ok = (ids >= 0) & (self.tk0[safe] == k0) & (self.tkl[safe] == kl) & (self.tlen[safe] == length)
        ids[~ok] = -1
        for j in np.flatnonzero(self.tlen > 16):
            name = self.names[j]
            sel = np.flatnonzero(ids == j)
            for w in range(8, len(name) - 8, 8):
                piece = np.uint64(int.from_bytes(name[w: w + 8], "little"))
                bad = sel[self._word(self.begin[tags[sel]] + w) != piece]
                ids[bad] = -1
        return ids

    def _identify(self, tags: np.ndarray) -> np.ndarray:
        """The name index of each tag; names not seen before are learnt in order of appearance."""
        ids = self._lookup(tags)
        while (ids < 0).any():
            for i in tags[ids < 0][:64]:
                name = self.buf[int(self.begin[i]): int(self.begin[i] + self.length[i])]
                if name in self.names:
                    continue
                if not NAME.fullmatch(name) or len(self.names) >= MAX_NAMES:
                    raise _NotFlat
                self._learn(name)
                self._place(name, int(i))
            todo = np.flatnonzero(ids < 0)
            ids[todo] = self._lookup(tags[todo])
        return ids

    def _place(self, name: bytes, i: int) -> None:
        """Put a field first seen at tag ``i`` after the field before it in that record (file order)."""
        prev = self.buf[int(self.begin[i - 1]): int(self.begin[i - 1] + self.length[i - 1])] if i > 0 else b""
        place(self.order, name, prev, self.names[0])

    # -- text ----------------------------------------------------------------------------------------

    def _whitespace(self, start: np.ndarray, length: np.ndarray) -> None:
        if not xml_space_only(self.view, start, length):
            raise _NotFlat

    def _entities(self, amps: np.ndarray) -> None:
        if not len(amps):
            return
        self.amp = True
        if not known_entities(self.view, amps):
            raise _NotFlat  # a character reference or a stray '&': expat decides

    def _finish(self, column: pa.ChunkedArray) -> pa.ChunkedArray:
        """The five entities resolved and line ends normalised (as XML requires), where there are any."""
        if self.amp and pc.any(pc.match_substring(column, "&")).as_py():
            for entity, char in _UNESCAPE:
                column = pc.replace_substring(column, entity, char)
        if self.cr and pc.any(pc.match_substring(column, "\r")).as_py():
            column = pc.replace_substring(pc.replace_substring(column, "\r\n", "\n"), "\r", "\n")
        return column
