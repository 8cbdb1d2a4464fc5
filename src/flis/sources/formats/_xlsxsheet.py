"""A worksheet's cells as columns of text, with pyarrow string kernels instead of a cell loop.

openpyxl builds a Python object per cell (here ~5,000 rows/s); this reads the sheet's
XML the way Excel and the usual writers lay it out: every ``<c>`` with an ``r="B7"``
reference, its value in ``<v>`` (numbers, shared-string indexes, booleans, errors,
formula results) or in ``<is><t>`` (inline strings). The cells are split apart with
one kernel, their attributes and values picked out with anchored regular expressions,
and then turned into text by type: shared strings by index, numbers in their shortest
form, and numbers in a date style as ISO dates ('YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM:SS'
when there is a time). Anything unusual (rich inline text, cells without a reference)
returns None and the caller uses openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flis.sources.formats._common import lit, numbers_text, string_array

_EXCEL_1900 = np.datetime64("1899-12-30", "s")
_EXCEL_1904 = np.datetime64("1904-01-01", "s")
_NULL = pa.scalar(None, pa.string())
_TEXT_KINDS = pa.array(["str", "e", "d", "inlineStr"])
_VALUE = r"^(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>(?P<v>[^<]*)</v>"


@dataclass
class Cells:
    rows: np.ndarray
    """Sheet row number of each cell."""
    cols: np.ndarray
    """0-based column index of each cell."""
    text: pa.Array
    """Each cell's value as text (null when empty)."""


_PLAIN = (r'^r="(?P<col>[A-Z]{1,3})(?P<row>[0-9]+)"(?: s="(?P<s1>[0-9]+)")?(?: t="(?P<t>[A-Za-z]+)")?'
          r'(?: s="(?P<s2>[0-9]+)")?\s*(?P<end>/>|>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?'
          r'(?:<v>(?P<v>[^<]*)</v>|<is><t(?:\s[^>]*)?>(?P<is>[^<]*)</t></is>|<is>(?:<t\s*/>)?</is>)?</c>)')
"""A cell as Excel, openpyxl and most writers lay it out, in one regular expression."""


def cells(sheet: bytes, shared: pa.Array, date_styles: np.ndarray, date1904: bool) -> Cells | None:
    """Every cell of the sheet's ``<sheetData>``, or None when the layout is not the plain one.

    ``sheet`` must already be known to be well-formed XML (and so valid UTF-8).
    """
    start = sheet.find(b"<sheetData")
    end = sheet.rfind(b"</sheetData>")
    if start < 0:
        return None
    if end < 0:  # <sheetData/>: no cells
        return Cells(np.empty(0, np.int64), np.empty(0, np.int64), pa.array([], pa.string()))
    pieces = pc.list_flatten(pc.split_pattern(string_array(sheet, np.array([start, end])), "<c "))
    # The pattern only where "<c" is left at all (a literal search costs a fraction of the pattern's).
    if pc.any(pc.match_substring(pieces, "<c")).as_py() and \
            pc.any(pc.match_substring_regex(pieces, r"<c\s*/?>")).as_py():
        return None  # a cell without attributes, so without a reference: only its position says where
    pieces = pieces.slice(1)  # before the first cell: <sheetData><row ...>
    if not len(pieces):
        return Cells(np.empty(0, np.int64), np.empty(0, np.int64), pa.array([], pa.string()))
    parsed = _plain(pieces) or _general(pieces)
    if parsed is None:
        return None
    col, row, kind, style, value, empty = parsed
    try:
        text = cell_texts(value, kind, style, empty, shared, date_styles, date1904)
    except (pa.ArrowInvalid, IndexError):
        return None  # a number that is not one, a shared string that is not there: openpyxl says what
    return Cells(np.asarray(row.cast(pa.int64())), column_numbers(col), text)


def _plain(pieces: pa.Array) -> tuple | None:
    found = pc.extract_regex(pieces, _PLAIN)
    if found.null_count:
        return None
    group = {name: pc.struct_field(found, name) for name in ("col", "row", "s1", "s2", "t", "end", "v", "is")}
    kind = pc.if_else(pc.equal(group["t"], lit("")), _NULL, group["t"])
    style = pc.binary_join_element_wise(group["s1"], group["s2"], lit(""))
    style = pc.if_else(pc.equal(style, lit("")), _NULL, style)
    value = pc.if_else(pc.equal(group["t"], lit("inlineStr")), group["is"], group["v"])
    return group["col"], group["row"], kind, style, value, pc.equal(group["end"], lit("/>"))


def _general(pieces: pa.Array) -> tuple | None:
    """Attributes in any order, other attributes, formulas: one kernel per part of the cell."""
    parts = pc.split_pattern(pieces, ">", max_splits=1)
    attrs = pc.list_element(parts, 0)
    rest = pc.list_element(parts, 1)
    ref = pc.extract_regex(attrs, r'(?:^|\s)r="(?P<col>[A-Z]{1,3})(?P<row>[0-9]+)"')
    if ref.null_count:
        return None  # a cell without a reference: only its position says where it is
    kind = pc.struct_field(pc.extract_regex(attrs, r'(?:^|\s)t="(?P<t>[A-Za-z]+)"'), "t")
    style = pc.struct_field(pc.extract_regex(attrs, r'(?:^|\s)s="(?P<s>[0-9]+)"'), "s")
    empty = pc.ends_with(attrs, "/")
    value = pc.struct_field(pc.extract_regex(rest, _VALUE), "v")
    inline = pc.equal(kind, lit("inlineStr"))
    if pc.any(inline).as_py():
        found = pc.struct_field(pc.extract_regex(rest, r"^<is><t(?:\s[^>]*)?>(?P<t>[^<]*)</t></is>"), "t")
        blank = pc.is_valid(pc.extract_regex(rest, r"^(?P<t><is>(?:<t\s*/>|<t(?:\s[^>]*)?></t>)?</is>)"))
        inline_ok = pc.or_kleene(pc.is_valid(found), blank)
        if not pc.all(pc.or_kleene(pc.invert(inline), pc.or_kleene(inline_ok, empty))).as_py():
            return None  # rich inline text: openpyxl knows how to join its runs
        value = pc.if_else(pc.and_kleene(inline, pc.is_valid(found)), found, value)
    return pc.struct_field(ref, "col"), pc.struct_field(ref, "row"), kind, style, value, empty


def column_numbers(letters: pa.Array) -> np.ndarray:
    encoded = pc.dictionary_encode(letters)
    numbers = []
    for name in encoded.dictionary.to_pylist():
        n = 0
        for ch in name:
            n = n * 26 + ord(ch) - 64
        numbers.append(n - 1)
    return np.asarray(numbers, dtype=np.int64)[np.asarray(encoded.indices)]


def unescape(text: pa.Array) -> pa.Array:
    if pc.any(pc.match_substring(text, "&")).as_py():
        for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
            text = pc.replace_substring(text, entity, char)
    return text


@dataclass
class Sheets:
    """Several sheets' cells read as one: each cell's sheet, and where each sheet's shared strings and cell
    styles start in the joint ``shared`` and ``date_styles`` and how many it has (a cell may only refer to
    those of its own sheet)."""

    sheet: np.ndarray
    shared_first: np.ndarray
    shared_count: np.ndarray
    styles_first: np.ndarray
    styles_count: np.ndarray


def cell_texts(value: pa.Array, kind: pa.Array, style: pa.Array, empty: pa.Array, shared: pa.Array,
                date_styles: np.ndarray, date1904: bool, sheets: Sheets | None = None) -> pa.Array:
    value = value.cast(pa.string())
    value = pc.if_else(pc.equal(value, lit("")), _NULL, value)
    kind = pc.fill_null(kind.cast(pa.string()), lit("n"))
    out = pc.if_else(pc.is_in(kind, value_set=_TEXT_KINDS), unescape(value), _NULL)
    shared_cell = pc.equal(kind, lit("s"))
    if pc.any(shared_cell).as_py():
        index = pc.cast(pc.if_else(shared_cell, value, _NULL), pa.int64())
        if sheets is not None:  # the sheet's own strings: an index past them is an error, as it is alone
            number, missing = np.asarray(pc.fill_null(index, lit(0))), np.asarray(pc.is_null(index))
            if (~missing & ((number < 0) | (number >= sheets.shared_count[sheets.sheet]))).any():
                raise IndexError("a shared string that is not there")
            index = pa.array(number + sheets.shared_first[sheets.sheet], mask=missing)
        out = pc.if_else(shared_cell, shared.take(index), out)
    boolean = pc.equal(kind, lit("b"))
    if pc.any(boolean).as_py():
        out = pc.if_else(boolean, pc.if_else(pc.equal(value, lit("1")), lit("TRUE"), lit("FALSE")), out)
    number = pc.and_(pc.equal(kind, lit("n")), pc.is_valid(value))
    if pc.any(number).as_py():
        numeric = pc.cast(pc.if_else(number, value, _NULL), pa.float64())
        text = numbers_text(numeric)
        style_no = np.asarray(pc.fill_null(style.cast(pa.int64()), lit(0)))
        is_date = np.zeros(len(style_no), dtype=bool)
        if sheets is None:
            known = style_no < len(date_styles)
            is_date[known] = date_styles[style_no[known]]
        else:
            known = style_no < sheets.styles_count[sheets.sheet]
            is_date[known] = date_styles[style_no[known] + sheets.styles_first[sheets.sheet[known]]]
        is_date &= np.asarray(pc.fill_null(number, lit(False)))
        if is_date.any():
            mask = pa.array(is_date)
            text = pc.replace_with_mask(text, mask, _dates(numeric.filter(mask), date1904))
        out = pc.if_else(number, text, out)
    return pc.if_else(empty, _NULL, out)


def _dates(serial: pa.Array, date1904: bool) -> pa.Array:
    """Excel serial numbers as ISO text: a date, or a date and time when there is a time."""
    x = np.asarray(serial, dtype=np.float64)
    seconds = np.rint(x * 86400).astype(np.int64)
    if not date1904:
        seconds += np.where(x < 60, 86400, 0)  # Excel's 1900 counts a 29 February that never was
    epoch = _EXCEL_1904 if date1904 else _EXCEL_1900
    stamp = pa.array(epoch + seconds.astype("timedelta64[s]"), pa.timestamp("s"))
    timed = seconds % 86400 != 0
    text = stamp.cast(pa.date32()).cast(pa.string())
    if timed.any():
        mask = pa.array(timed)
        text = pc.replace_with_mask(text, mask, pc.strftime(stamp.filter(mask), format="%Y-%m-%dT%H:%M:%S"))
    return text
