"""Excel workbooks (XLSX): one sheet, a header row with the field names, one record per row.

An XLSX file is a zip archive of XML parts. The workbook part says which part holds
the wanted sheet (``fmt.sheet``, default the first), the styles say which cell styles
are dates, and text usually sits in a shared-strings part. The sheet's cells are read
with pyarrow string kernels (:mod:`._xlsxsheet`) after expat has checked the sheet is
well-formed; unusual sheets are read with openpyxl instead (slow, but correct).

Each record's ``_line`` is its sheet row. Rows without any value are skipped; the first
row with a value is the header. Dates become ISO text ('YYYY-MM-DD', with 'THH:MM:SS'
when there is a time), numbers their shortest text (3.0 -> '3'), booleans TRUE/FALSE.
A file that is not a readable zip is ``read.truncated`` (interrupted transfers are by
far the usual cause); one that is not a zip at all, or has no such sheet or no header
row, is ``read.malformed``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import posixpath
import warnings
import xml.etree.ElementTree as ET
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from xml.parsers import expat

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flis.findings import Finding, Severity
from flis.sources.formats import _xlsxscan, _xlsxsheet
from flis.sources.formats._common import empty_table, finding, lit, number_text, table
from flis.sources.formats.base import FileFormat, ReadResult

_DATE_IDS = frozenset(range(14, 23)) | {45, 46, 47}
SCAN_FROM = 16 << 10
"""Sheet XML size (bytes) from which the scan is used: below it, its fixed cost of some hundred numpy calls
is more than expat and the regular expressions take (0.82 against 0.56 ms under 4 KB; 2.5 against 3.9 ms
at 64-256 KB)."""
THREAD_FROM = 1 << 20
"""Sheet XML size (bytes) from which the cells are cut out while expat checks the sheet."""


class _Unreadable(Exception):
    """The workbook is not what it should be; the message is for the data steward."""


def read(data: bytes, fmt: FileFormat, file: str) -> ReadResult:
    if not data.startswith(b"PK"):
        return _fail("read.malformed", "the file is not an Excel workbook (an .xlsx file is a zip archive, "
                     "this one is not); expected an XLSX workbook", file)
    try:
        found = _checked_cells(*_opened(data, fmt))
    except _Unreadable as exc:
        return _fail("read.malformed", str(exc), file)
    except _BROKEN as exc:
        return _fail("read.truncated", f"the workbook cannot be opened ({exc}); the file was probably cut "
                     "off in transfer. Ask the vendor to deliver the complete file.", file)
    if found is None:
        return _with_openpyxl(data, fmt, file)
    return _result(found.rows, found.cols, found.text, file)


_BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, KeyError, ET.ParseError,
           UnicodeDecodeError, OSError)
"""What opening a workbook cut off in transfer raises."""


def _opened(data: bytes, fmt: FileFormat) -> tuple[bytes, pa.Array, np.ndarray, bool]:
    """The wanted sheet's XML, the shared strings, which cell styles are dates, and whether dates count from
    1904."""
    book = zipfile.ZipFile(io.BytesIO(data))
    part = _workbook_part(book)
    rels = _rels(book, part)  # the workbook's parts, read once
    sheet_part, date1904 = _sheet_part(book, fmt.sheet, part, rels)
    return book.read(sheet_part), _shared_strings(book, rels), _date_styles(book, rels), date1904


def read_joint(datas: list[bytes], fmt: FileFormat, files: list[str]) -> list[ReadResult | None]:
    """Several workbooks: each opened alone, the data of their sheets scanned as one
    (:func:`._xlsxscan.joint_cells`), then each sheet's cells made into its table.

    Left to ``read`` (None): a workbook that cannot be opened, a sheet of ``THREAD_FROM`` or more, a
    workbook whose dates count from another day than the first one's, and all of them when one sheet is
    not in the plain layout (``read`` then finds which)."""
    out: list[ReadResult | None] = [None] * len(datas)
    opened: dict[int, tuple[bytes, pa.Array, np.ndarray, bool]] = {}
    for k, data in enumerate(datas):
        if data.startswith(b"PK"):
            try:
                found = _opened(data, fmt)
            except (_Unreadable, *_BROKEN):
                continue
            if len(found[0]) < THREAD_FROM:
                opened[k] = found
    date1904 = next((o[3] for o in opened.values()), False)
    mine = [k for k, o in opened.items() if o[3] == date1904]
    if len(mine) < 2:
        return out
    cells = _xlsxscan.joint_cells(*([opened[k][j] for k in mine] for j in range(3)), date1904)
    if cells is not None:
        for k, result in zip(mine, _results(cells, [files[k] for k in mine])):
            out[k] = result
    return out


def _checked_cells(sheet: bytes, shared: pa.Array, date_styles: np.ndarray,
                   date1904: bool) -> _xlsxsheet.Cells | None:
    """The sheet's cells, once expat has found the sheet well-formed.

    A sheet in the layout writers use, unless it is small, is checked and read from the positions of a few
    bytes (:mod:`._xlsxscan`, faster); others go through expat and regular expressions. For a
    large sheet the cells are then cut out in a second thread meanwhile: that work is pyarrow kernels,
    which release the GIL, so it runs beside expat on another core.
    """
    scanned = _xlsxscan.cells(sheet, shared, date_styles, date1904) if len(sheet) >= SCAN_FROM else None
    if scanned is not None:
        return scanned
    if len(sheet) < THREAD_FROM or pa.cpu_count() < 2:
        _check_xml(sheet)
        return _xlsxsheet.cells(sheet, shared, date_styles, date1904)
    with ThreadPoolExecutor(1) as pool:
        cells = pool.submit(_xlsxsheet.cells, sheet, shared, date_styles, date1904)
        try:
            _check_xml(sheet)
        except _Unreadable:
            cells.exception()  # wait for it, whatever it found: the file is malformed
            raise
        return cells.result()


def _fail(code: str, message: str, file: str) -> ReadResult:
    return ReadResult(empty_table(), [], [finding(code, Severity.FATAL, message, file)])


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: ET.Element, name: str) -> str | None:
    return next((v for k, v in element.attrib.items() if _local(k) == name), None)


PARSED = 64
"""Workbook parts parsed once per process, kept by their bytes: the workbooks of one vendor share their
relationships, workbook and styles parts byte for byte. Opening one of the country's workbooks at scale 0.1
took 0.34-0.43 ms parsing them each time, 0.23 ms with them kept."""


def _rels(book: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part) for a part (shared: not to be changed)."""
    folder, name = posixpath.split(part)
    path = posixpath.join(folder, "_rels", name + ".rels")
    if path not in book.namelist():
        return {}
    return _parsed_rels(book.read(path), folder)


@functools.lru_cache(maxsize=PARSED)
def _parsed_rels(raw: bytes, folder: str) -> dict[str, tuple[str, str]]:
    out = {}
    for rel in ET.fromstring(raw):
        target = rel.get("Target", "")
        if target.startswith("/"):
            target = target.lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), target)
    return out


def _workbook_part(book: zipfile.ZipFile) -> str:
    for kind, target in _rels(book, "").values():
        if kind.endswith("/officeDocument"):
            return target
    return "xl/workbook.xml"


def _sheet_part(book: zipfile.ZipFile, wanted: str | None, part: str,
                rels: dict[str, tuple[str, str]]) -> tuple[str, bool]:
    """The zip part of the wanted sheet, and whether dates count from 1904."""
    sheets, date1904 = _parsed_workbook(book.read(part))
    if not sheets:
        raise _Unreadable("the workbook has no sheets; expected one sheet with a header row")
    names = [name for name, _ in sheets]
    if wanted is not None and wanted not in names:
        raise _Unreadable(f"the workbook has no sheet named '{wanted}' (it has: {', '.join(names)}); "
                          f"expected the sheet '{wanted}'")
    rid = dict(sheets)[wanted] if wanted is not None else sheets[0][1]
    if rid not in rels:
        raise _Unreadable("the workbook does not say where its sheet is (a broken workbook)")
    return rels[rid][1], date1904


@functools.lru_cache(maxsize=PARSED)
def _parsed_workbook(raw: bytes) -> tuple[tuple[tuple[str, str | None], ...], bool]:
    """The sheets (name, relationship id) of a workbook part, and whether its dates count from 1904."""
    workbook = ET.fromstring(raw)
    sheets = tuple((s.get("name", ""), _attr(s, "id")) for s in workbook.iter() if _local(s.tag) == "sheet")
    props = next((e for e in workbook.iter() if _local(e.tag) == "workbookPr"), None)
    return sheets, props is not None and (props.get("date1904") or "").lower() in ("1", "true")


def _check_xml(sheet: bytes) -> None:
    """expat over the sheet, fed in pieces so that another thread gets the GIL in between."""
    parser = expat.ParserCreate()
    view = memoryview(sheet)
    try:
        for at in range(0, len(sheet), 1 << 18):
            parser.Parse(view[at: at + (1 << 18)], False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        reason = expat.errors.messages[exc.code]
        raise _Unreadable(f"the sheet is not well-formed XML ({reason}, at line {exc.lineno} of the sheet's "
                          f"XML); expected a workbook as Excel writes it") from None


def _part(book: zipfile.ZipFile, rels: dict[str, tuple[str, str]], suffix: str) -> str | None:
    for kind, target in rels.values():
        if kind.endswith(suffix):
            return target if target in book.namelist() else None
    return None


def _date_styles(book: zipfile.ZipFile, rels: dict[str, tuple[str, str]]) -> np.ndarray:
    """For each cell style (xf) index, whether it shows numbers as dates (shared: read-only)."""
    part = _part(book, rels, "/styles")
    if part is None:
        return np.zeros(0, dtype=bool)
    return _parsed_styles(book.read(part))


@functools.lru_cache(maxsize=PARSED)
def _parsed_styles(raw: bytes) -> np.ndarray:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    styles = ET.fromstring(raw)
    custom = {int(f.get("numFmtId", -1)): f.get("formatCode", "") for f in styles.iter()
              if _local(f.tag) == "numFmt"}
    xfs = next((e for e in styles if _local(e.tag) == "cellXfs"), None)
    out = []
    for xf in (xfs if xfs is not None else []):
        number = int(xf.get("numFmtId", 0))
        code = custom.get(number, BUILTIN_FORMATS.get(number, "General"))
        out.append(number in _DATE_IDS or (number in custom and is_date_format(code)))
    dates = np.array(out, dtype=bool)
    dates.flags.writeable = False
    return dates


def _shared_strings(book: zipfile.ZipFile, rels: dict[str, tuple[str, str]]) -> pa.Array:
    part = _part(book, rels, "/sharedStrings")
    if part is None:
        return pa.array([], pa.string())
    raw = book.read(part)
    body = pa.array([raw.decode("utf-8")], pa.large_string())
    pieces = pc.list_flatten(pc.split_pattern(body, "<si>")).slice(1)
    simple = pc.struct_field(pc.extract_regex(pieces, r"^<t(?:\s[^>]*)?>(?P<t>[^<]*)</t></si>"), "t")
    if not simple.null_count:
        return _xlsxsheet.unescape(simple.cast(pa.string()))
    texts = []  # rich text, phonetic runs, empty items: let ElementTree join the runs
    for _, element in ET.iterparse(io.BytesIO(raw)):
        if _local(element.tag) == "si":
            runs = [element] + [r for r in element if _local(r.tag) == "r"]
            texts.append("".join(t.text or "" for run in runs for t in run if _local(t.tag) == "t"))
            element.clear()
    return pa.array(texts, pa.string())


def _result(rows: np.ndarray, cols: np.ndarray, text: pa.Array, file: str) -> ReadResult:
    """Cells to the table: the first row with a value is the header, later rows with a value records."""
    return _results([_xlsxsheet.Cells(rows, cols, text)], [file])[0]


def _strays(rows: np.ndarray, header: int, names: list[str], file: str) -> list[Finding]:
    """The finding for values in columns the header row does not name (``rows``: the rows of such values)."""
    if not len(rows):
        return []
    stray_rows = np.unique(rows)
    first = int(stray_rows[0])
    more = f"; {len(stray_rows)} rows like this, the first is row {first}" if len(stray_rows) > 1 else ""
    return [finding(
        "read.field_count", Severity.ERROR,
        f"row {first}: a value stands in a column without a name in the header row (row {header}){more}. "
        f"Those values were not read.", file, first, expected=f"{len(names)} named columns",
        count=len(stray_rows))]


def _results(cells: list[_xlsxsheet.Cells], files: list[str]) -> list[ReadResult]:
    """:func:`_result` for several sheets (those of a joint scan): the sheets whose header rows name the same
    fields in the same columns are made into one table, which each sheet gets its slice of (a table per sheet
    took 0.3 ms, most of an XLSX file's cost at scale 0.1)."""
    out: list[ReadResult | None] = [None] * len(cells)
    counts = np.array([len(c.rows) for c in cells], dtype=np.int64)
    sheet = np.repeat(np.arange(len(cells)), counts)
    rows, cols = np.concatenate([c.rows for c in cells]), np.concatenate([c.cols for c in cells])
    text = pa.concat_arrays([c.text for c in cells])
    has = np.asarray(pc.fill_null(pc.greater(pc.binary_length(text), lit(0)), lit(False)))
    none = np.iinfo(np.int64).max
    header = np.full(len(cells), none, dtype=np.int64)  # each sheet's first row with a value
    np.minimum.at(header, sheet[has], rows[has])
    header[header == none] = -1
    in_header = has & (rows == header[sheet])
    at = np.flatnonzero(in_header)
    at = at[np.lexsort((cols[at], sheet[at]))]  # each sheet's header cells by column, in order
    words = text.take(pa.array(at)).to_pylist()
    bounds = np.searchsorted(sheet[at], np.arange(len(cells) + 1))
    groups: dict[tuple, list[int]] = {}
    for k in range(len(cells)):
        if header[k] < 0:
            out[k] = _fail("read.malformed", "the sheet is empty: it has no header row; expected a first row "
                           "with the field names", files[k])
        else:
            a, b = bounds[k], bounds[k + 1]
            groups.setdefault((tuple(cols[at[a:b]]), tuple(str(w) for w in words[a:b])), []).append(k)
    for (header_cols, names), members in groups.items():
        mine = np.isin(sheet, members)
        g_sheet, g_rows, g_cols, g_has = sheet[mine], rows[mine], cols[mine], has[mine]
        g_text = text.filter(pa.array(mine))
        data = g_has & (g_rows > header[g_sheet])
        span = int(g_rows.max()) + 1
        records = np.unique(g_sheet[data] * span + g_rows[data])  # (sheet, row), the sheets in order
        header_cols = np.array(header_cols, dtype=np.int64)
        slot = np.full(int(g_cols.max()) + 1, -1, dtype=np.int64)  # column number -> its first place
        slot[header_cols[::-1]] = np.arange(len(header_cols))[::-1]
        field = slot[g_cols]
        took = np.flatnonzero(data & (field >= 0))
        grid = np.full((len(header_cols), len(records)), -1, dtype=np.int64)  # the cell of each field and record
        grid[field[took], np.searchsorted(records, g_sheet[took] * span + g_rows[took])] = took
        grid = grid[slot[header_cols]]
        picked = g_text.take(pa.array(grid.ravel(), mask=grid.ravel() < 0))
        columns = [picked.slice(j * len(records), len(records)) for j in range(len(header_cols))]
        joint = table(list(names), columns, records % span)
        ends = np.searchsorted(records // span, np.array(members) + 1)
        stray = np.flatnonzero(data & (field < 0))
        for k, end, size in zip(members, ends, np.diff(np.append(0, ends))):
            out[k] = ReadResult(joint.slice(end - size, size), list(names), [])
        for k in np.unique(g_sheet[stray]):
            out[k].findings += _strays(g_rows[stray[g_sheet[stray] == k]], int(header[k]), list(names), files[k])
    return out


def _cell_text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(timespec="seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def _with_openpyxl(data: bytes, fmt: FileFormat, file: str) -> ReadResult:
    """The careful path: openpyxl, one Python object per cell."""
    import openpyxl

    rows, cols, texts = [], [], []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = book[fmt.sheet] if fmt.sheet else book.worksheets[0]
            for number, row in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
                for col, value in enumerate(row):
                    if value is not None:
                        rows.append(number)
                        cols.append(col)
                        texts.append(_cell_text(value))
    except Exception as exc:  # openpyxl raises many kinds; all mean the workbook cannot be read
        return _fail("read.malformed", f"the workbook cannot be read ({type(exc).__name__}: {exc})", file)
    return _result(np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64),
                   pa.array(texts, pa.string()), file)
