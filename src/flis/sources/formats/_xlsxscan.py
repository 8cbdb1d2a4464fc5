"""A worksheet's cells found from the positions of a few bytes, with numpy, in the layout writers use.

A sheet's data is a long run of small elements: rows of cells, each cell ``<c r="B7" s="1" t="s">``
holding ``<v>`` or ``<is><t>``. Running expat over it and then a regular expression over each cell
costs about 16 µs for a row of ten cells. Here the positions of '<', '>' and '"' say everything:

- every tag is one of a dozen kinds, told apart by its first bytes and its length;
- the tags follow the grammar of sheet data. Each kind of tag stands at one depth (rows, cells, values,
  inline text), so checking every pair of neighbouring tags checks the nesting too;
- text between tags is whitespace, except a value's; a value has no control characters other than
  tab and line feed, and every '&' in it starts one of the five predefined entities;
- a cell's attributes (r, s and t, each once, r required) sit between its quotes, one space apart;
- a row's attributes are checked by shape: values blanked out, the few distinct shapes by a pattern.

That checks the sheet data as strictly as expat does for this layout; what surrounds it (a few hundred
bytes) goes through expat, and the bytes must be UTF-8. Anything else (formulas, rich text, other cell
attributes, character references, a '>' or carriage return in text, an empty ``<v/>``) returns None and
the caller reads the sheet with expat and regular expressions (:mod:`._xlsxsheet`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from xml.parsers import expat

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flis.sources.formats._common import is_utf8, known_entities, lit, spans, xml_space_only
from flis.sources.formats._xlsxsheet import Cells, Sheets, cell_texts, column_numbers

OPEN, EMPTY_ROW, ROW_END, CELL, EMPTY_CELL, CELL_END, V, V_END, IS, IS_END, T, T_END, EMPTY_T = range(13)
_KINDS = 13
_NEXT = {  # which tag may follow which
    OPEN: (CELL, EMPTY_CELL, ROW_END), EMPTY_ROW: (OPEN, EMPTY_ROW), ROW_END: (OPEN, EMPTY_ROW),
    CELL: (V, IS, CELL_END), EMPTY_CELL: (CELL, EMPTY_CELL, ROW_END), CELL_END: (CELL, EMPTY_CELL, ROW_END),
    V: (V_END,), V_END: (CELL_END,), IS: (T, EMPTY_T, IS_END), T: (T_END,), T_END: (IS_END,),
    EMPTY_T: (IS_END,), IS_END: (CELL_END,),
}
_ALLOWED = np.zeros((_KINDS + 1, _KINDS + 1), dtype=bool)
for _tag, _after in _NEXT.items():
    _ALLOWED[_tag, list(_after)] = True
_TAGS = {b"v": V, b"/v": V_END, b"is": IS, b"/is": IS_END, b"t": T, b"/t": T_END, b"t/": EMPTY_T, b"/c": CELL_END,
         b"/row": ROW_END, b"row": OPEN, b"row/": EMPTY_ROW}
"""Tags told apart by all their bytes; and by their first four and a length of five or more:"""
_LONG = {b"row ": OPEN, b"row\t": OPEN, b"row\n": OPEN, b"c r=": CELL, b"c s=": CELL, b"c t=": CELL}
"""(a tag of these ending in '/' is the empty element, the next kind)"""
_LT, _GT, _QUOTE, _AMP, _SLASH, _SPACE, _EQUALS = 60, 62, 34, 38, 47, 32, 61
_ROW_SHAPE = re.compile(r'row(?:[ \t\n]+([A-Za-z_:][A-Za-z0-9_:.\-]*)[ \t\n]*=[ \t\n]*"")*[ \t\n]*/?')
_NAME_BITS = np.zeros(256, dtype=np.int64)
_NAME_BITS[ord("r")], _NAME_BITS[ord("s")], _NAME_BITS[ord("t")] = 1, 2, 4
_BYTES = np.array([(1 << (8 * k)) - 1 for k in range(5)], dtype=np.uint64)


def _key(first: np.ndarray, size: np.ndarray) -> np.ndarray:
    """A tag's first bytes (up to four, no more than it has) with its length (five for five or more)."""
    size = np.minimum(size, 5)
    return (first & _BYTES[np.minimum(size, 4)]) | (size.astype(np.uint64) << np.uint64(56))


def _table() -> tuple[np.ndarray, np.ndarray, np.uint64, int]:
    """A collision-free hash table from tag key to kind."""
    keys = {int.from_bytes(name, "little") | (len(name) << 56): kind for name, kind in _TAGS.items()}
    keys |= {int.from_bytes(name, "little") | (5 << 56): kind for name, kind in _LONG.items()}
    known = np.array(list(keys), dtype=np.uint64)
    for multiplier in range(0x9E3779B97F4A7C15, 0x9E3779B97F4A7C15 + 2**20, 2):
        slot = (known * np.uint64(multiplier)) >> np.uint64(56)
        if len(np.unique(slot)) == len(known):
            slots = np.zeros(256, dtype=np.uint64)
            kinds = np.full(256, _KINDS, dtype=np.int8)
            slots[slot], kinds[slot] = known, list(keys.values())
            return slots, kinds, np.uint64(multiplier), 56
    raise AssertionError("no multiplier")  # pragma: no cover


_SLOTS, _SLOT_KINDS, _MULTIPLIER, _SHIFT = _table()


def _kind_of(first: np.ndarray, size: np.ndarray) -> np.ndarray:
    key = _key(first, size)
    slot = ((key * _MULTIPLIER) >> np.uint64(_SHIFT)).astype(np.intp)
    return np.where(_SLOTS[slot] == key, _SLOT_KINDS[slot], _KINDS).astype(np.int8)


@dataclass
class _Found(Cells):
    at: np.ndarray
    """Where each cell's tag starts."""


_NONE_FOUND = _Found(np.empty(0, np.int64), np.empty(0, np.int64), pa.array([], pa.string()), np.empty(0, np.int64))


def _firsts(counts: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Where each of several runs of these lengths starts when put one after the other, and the lengths."""
    counts = np.asarray(counts, dtype=np.int64)
    return np.cumsum(counts) - counts, counts


class _Other(Exception):
    """Not the plain layout: the caller reads the sheet the careful way."""


def cells(sheet: bytes, shared: pa.Array, date_styles: np.ndarray, date1904: bool) -> Cells | None:
    """Every cell of the sheet's data, or None when the sheet is not in the plain layout (or is not
    well-formed: the caller finds out which)."""
    start = sheet.find(b"<sheetData>")
    stop = sheet.rfind(b"</sheetData>")
    if start < 0 or stop < start:
        return None
    start += len(b"<sheetData>")
    try:
        _surroundings(sheet, start, stop)
        return _Scan(sheet, start, stop).cells(shared, date_styles, date1904)
    except (_Other, pa.ArrowInvalid, IndexError):
        return None


def joint_cells(sheets: list[bytes], shared: list[pa.Array], date_styles: list[np.ndarray],
                date1904: bool) -> list[Cells] | None:
    """The cells of several sheets, their data scanned as one (a scan's fixed cost, some hundred numpy and
    Arrow calls, is paid once), or None when one of them is not in the plain layout or not well-formed.

    One sheet's data is a run of rows, so the data of several sheets one after the other is one too, and
    the scan checks it as strictly. Each cell's sheet is known from where it stands; its shared strings and
    styles are its own sheet's (``_xlsxsheet.Sheets``)."""
    parts, starts = [], np.zeros(len(sheets), dtype=np.int64)
    at = 0
    try:
        for k, sheet in enumerate(sheets):
            start, stop = sheet.find(b"<sheetData>"), sheet.rfind(b"</sheetData>")
            if start < 0 or stop < start:
                return None
            start += len(b"<sheetData>")
            _surroundings(sheet, start, stop)
            parts.append(memoryview(sheet)[start:stop])
            starts[k], at = at, at + stop - start
        buf = b"".join(parts) + b"</sheetData>"
        found = _Scan(buf, 0, at).cells(pa.concat_arrays(shared) if shared else pa.array([], pa.string()),
                                         np.concatenate(date_styles), date1904, starts,
                                         [len(a) for a in shared], [len(a) for a in date_styles])
    except (_Other, pa.ArrowInvalid, IndexError):
        return None
    bounds = np.searchsorted(found.at, np.append(starts, at))  # cells of each sheet, in order
    return [Cells(found.rows[a:b], found.cols[a:b], found.text.slice(a, b - a))
            for a, b in itertools.pairwise(bounds)]


def _surroundings(sheet: bytes, start: int, stop: int) -> None:
    """The sheet without its data is well-formed, and the whole is UTF-8."""
    parser = expat.ParserCreate()
    try:
        parser.Parse(sheet[:start] + sheet[stop:], True)
    except expat.ExpatError:
        raise _Other from None
    if not is_utf8(sheet):
        raise _Other


class _Scan:
    def __init__(self, sheet: bytes, start: int, stop: int) -> None:
        self.buf, self.start, self.stop = sheet, start, stop
        self.view = np.frombuffer(sheet, dtype=np.uint8)
        self.words = np.ndarray(shape=(max(len(sheet) - 7, 0),), dtype="<u8", buffer=sheet, strides=(1,))

    def cells(self, shared: pa.Array, date_styles: np.ndarray, date1904: bool, starts: np.ndarray | None = None,
              shared_counts: list[int] = (), styles_counts: list[int] = ()) -> _Found:
        """The cells; for the data of several sheets, ``starts`` says where each sheet's begins, and shared
        strings and styles are each sheet's in turn (``shared_counts`` and ``styles_counts`` of them)."""
        x = self.view[self.start: self.stop]
        lt, gt = np.flatnonzero(x == _LT) + self.start, np.flatnonzero(x == _GT) + self.start
        if len(lt) != len(gt) or not (lt < gt).all() or not (gt[:-1] < lt[1:]).all():
            raise _Other  # a '>' in text, or a '<' not closed
        if not len(lt):
            self._blank(np.array([self.start]), np.array([self.stop]))
            return _NONE_FOUND
        self._characters(x)
        kind = self._kinds(lt, gt)
        if not (_ALLOWED[kind[:-1], kind[1:]].all() and kind[0] in (OPEN, EMPTY_ROW)
                and kind[-1] in (ROW_END, EMPTY_ROW)):
            raise _Other
        gap_from, gap_to = gt + 1, np.append(lt[1:], self.stop)  # the text after each tag
        valued = (kind == V) | (kind == T)
        self._blank(np.append(self.start, gap_from[~valued]), np.append(lt[0], gap_to[~valued]))
        self._rows(lt, gt, kind)
        self._entities(x, lt, gt)
        cell = np.flatnonzero((kind == CELL) | (kind == EMPTY_CELL))
        if not len(cell):
            return _NONE_FOUND
        names = self._attributes(lt[cell], gt[cell], kind[cell] == EMPTY_CELL)
        rows, cols = self._references(*names["r"])
        after = np.append(kind, OPEN)[np.minimum(cell + 1, len(kind))]
        inner = np.append(kind, OPEN)[np.minimum(cell + 2, len(kind))]
        cell_kind, style = self._values(names["t"]), self._values(names["s"])
        if not (pc.all(pc.ascii_is_alpha(cell_kind)).as_py() is not False
                and pc.all(pc.ascii_is_decimal(style)).as_py() is not False):
            raise _Other  # a type that is not a word or a style that is not a number
        inline = pc.fill_null(pc.equal(cell_kind, lit("inlineStr")), lit(False)).to_numpy(zero_copy_only=False)
        has_value = np.where(inline, (after == IS) & (inner == T), after == V)
        # the tag the value follows; a cell without one gets an empty span after its own tag (spans stay in order)
        tag = np.where(has_value, np.where(after == V, cell + 1, cell + 2), cell)
        value = spans(self.buf, gap_from[tag], np.where(has_value, gap_to[tag], gap_from[tag]), missing=~has_value)
        sheets = None
        if starts is not None:
            sheet = np.searchsorted(starts, lt[cell], side="right") - 1
            sheets = Sheets(sheet, *_firsts(shared_counts), *_firsts(styles_counts))
        out = cell_texts(value, cell_kind, style, pa.array(kind[cell] == EMPTY_CELL),
                         shared, date_styles, date1904, sheets)
        return _Found(rows, cols, out, lt[cell])

    # -- the whole of the data --------------------------------------------------------------------------

    def _characters(self, x: np.ndarray) -> None:
        """No control characters but tab and line feed (a carriage return in text would need XML's line-end
        handling), and no U+FFFE or U+FFFF."""
        if (x < 32).any():
            control = x[x < 32]
            if ((control != 9) & (control != 10)).any():
                raise _Other
        lead = np.flatnonzero(x[:-2] == 0xEF)
        if len(lead) and ((x[lead + 1] == 0xBF) & (x[lead + 2] >= 0xBE)).any():
            raise _Other

    def _blank(self, start: np.ndarray, stop: np.ndarray) -> None:
        """The text from each start to its stop is whitespace."""
        if not xml_space_only(self.view, start, stop - start):
            raise _Other

    def _entities(self, x: np.ndarray, lt: np.ndarray, gt: np.ndarray) -> None:
        """Every '&' starts a predefined entity, in text (between tags)."""
        amps = np.flatnonzero(x == _AMP) + self.start
        if not len(amps):
            return
        before = np.searchsorted(lt, amps) - 1
        if (before >= 0).any() and (amps[before >= 0] < gt[before[before >= 0]]).any():
            raise _Other  # in a tag (an attribute's value)
        if not known_entities(self.view, amps):
            raise _Other

    # -- tags ---------------------------------------------------------------------------------------------

    def _kinds(self, lt: np.ndarray, gt: np.ndarray) -> np.ndarray:
        """The kind of each tag (an error when one is of none of the kinds), from its length and first bytes."""
        if lt[-1] + 1 >= len(self.words):
            raise _Other  # pragma: no cover - the data is followed by </sheetData>
        size = gt - lt - 1
        kind = _kind_of(self.words[lt + 1], size)
        if (kind == _KINDS).any():
            raise _Other  # a formula, rich text, another element
        ends = (kind == CELL) | (kind == OPEN)
        kind[ends & (self.view[gt - 1] == _SLASH)] += 1  # <c .../> and <row .../>
        return kind

    def _rows(self, lt: np.ndarray, gt: np.ndarray, kind: np.ndarray) -> None:
        """Row tags are well-formed: their values blanked, the few distinct shapes are checked."""
        rows = np.flatnonzero((kind == OPEN) | (kind == EMPTY_ROW))
        tags = spans(self.buf, lt[rows] + 1, gt[rows])
        for shape in pc.unique(pc.replace_substring_regex(tags, '"[^"<&]*"', '""')).to_pylist():
            names = re.findall(r'([A-Za-z_:][A-Za-z0-9_:.\-]*)[ \t\n]*=', shape)
            if not _ROW_SHAPE.fullmatch(shape) or len(set(names)) != len(names):
                raise _Other

    def _attributes(self, lt: np.ndarray, gt: np.ndarray, empty: np.ndarray) -> dict[str, tuple]:
        """Each cell's attributes r, s and t: where each value starts and stops (both at the cell's '<' where
        the cell has no such attribute, so that the offsets of consecutive cells stay in order):
        ``<c r="A1" s="2" t="s">``, one space apart, in any order, each once, r required."""
        x = self.view[self.start: self.stop]
        quotes = np.flatnonzero(x == _QUOTE) + self.start
        first = np.searchsorted(quotes, lt)
        count = np.searchsorted(quotes, gt) - first
        if (count % 2).any() or count.min() < 2 or count.max() > 6:
            raise _Other
        where = {name: (lt.copy(), lt.copy()) for name in "rst"}
        seen = np.zeros(len(lt), dtype=np.int64)
        end = lt + 1  # after "<c", then after each closing quote
        for k in range(3):
            mine = np.flatnonzero(count > 2 * k)
            opening, closing = quotes[first[mine] + 2 * k], quotes[first[mine] + 2 * k + 1]
            if not ((opening == end[mine] + 4) & (self.view[end[mine] + 1] == _SPACE)
                    & (self.view[opening - 1] == _EQUALS)).all():
                raise _Other
            bit = _NAME_BITS[self.view[opening - 2]]
            if not bit.all() or (seen[mine] & bit).any():
                raise _Other  # another attribute, or one twice
            seen[mine] |= bit
            for name, b in (("r", 1), ("s", 2), ("t", 4)):
                sel = bit == b
                where[name][0][mine[sel]], where[name][1][mine[sel]] = opening[sel] + 1, closing[sel]
            end[mine] = closing
        if not (seen & 1).all() or not (gt == end + 1 + empty).all():
            raise _Other  # no reference, or something after the last attribute
        return where

    def _references(self, start: np.ndarray, stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Row numbers and 0-based column numbers of references like 'AB12' (1-3 letters, then digits)."""
        length = stop - start
        if length.min() < 2 or start.max() >= len(self.words):
            raise _Other
        head = self.words[start].view(np.uint8).reshape(len(start), 8)[:, :4]
        letter = (head >= ord("A")) & (head <= ord("Z"))
        letters = letter[:, 0].astype(np.int64) + (letter[:, 0] & letter[:, 1]) + (letter[:, 0] & letter[:, 1]
                                                                                 & letter[:, 2])
        after = head[np.arange(len(start)), letters]  # the first digit
        if letters.min() < 1 or not ((after >= ord("0")) & (after <= ord("9")) & (letters < length)).all():
            raise _Other
        rows = spans(self.buf, start + letters, stop).cast(pa.int64())  # digits only, or it fails
        return np.asarray(rows), column_numbers(spans(self.buf, start, start + letters))

    def _values(self, where: tuple[np.ndarray, np.ndarray]) -> pa.Array:
        """An attribute's value in each cell (null where the cell has none)."""
        start, stop = where
        return spans(self.buf, start, stop, missing=stop == start)
