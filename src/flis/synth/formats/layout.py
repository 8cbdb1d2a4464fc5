"""Lay rendered cells out as a file: CSV, fixed-width, XML, JSON lines or XLSX.

Input is a :class:`Sheet` (field names in file order, one string array per field,
which fields are numeric, fixed-width widths); output is the file's bytes. Each row
becomes exactly one physical line in the text formats, so a record's line number is
``first_record_line + index`` (see :data:`FIRST_RECORD_LINE`), which is what the
fault manifest records.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flis.synth.formats.cells import lit

FIRST_RECORD_LINE = {"csv": 2, "fixed": 1, "xml": 3, "jsonl": 1, "xlsx": 2}
"""Line (XLSX: sheet row) of the first record when the file has a header."""

_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


@dataclass
class Sheet:
    names: list[str]
    columns: list[pa.Array]
    numeric: list[bool]
    widths: list[int]
    dates: list[bool]

    @property
    def rows(self) -> int:
        return len(self.columns[0]) if self.columns else 0


def concat_lines(lines: pa.Array, newline: str) -> bytes:
    """All strings of ``lines``, each followed by ``newline``, as UTF-8 bytes (zero-copy join)."""
    if len(lines) == 0:
        return b""
    arr = pc.binary_join_element_wise(lines, lit(newline), lit("")).cast(pa.large_string())
    bufs = arr.buffers()
    offsets = np.frombuffer(bufs[1], dtype=np.int64)[arr.offset: arr.offset + len(arr) + 1]
    return bufs[2].to_pybytes()[offsets[0]:offsets[-1]]


def _join(parts: list, sep: str = "") -> pa.Array:
    return pc.binary_join_element_wise(*(lit(p) if isinstance(p, str) else p for p in parts), lit(sep))


def csv_text(sheet: Sheet, delimiter: str, newline: str, header: bool) -> bytes:
    cols = [_csv_quote(c, delimiter) for c in sheet.columns]
    body = concat_lines(_join(cols, delimiter), newline) if sheet.rows else b""
    head = (delimiter.join(sheet.names) + newline).encode() if header else b""
    return head + body


def _csv_quote(col: pa.Array, delimiter: str) -> pa.Array:
    special = pc.or_(pc.match_substring(col, delimiter), pc.match_substring(col, '"'))
    if not pc.any(special).as_py():
        return col
    quoted = _join(['"', pc.replace_substring(col, '"', '""'), '"'])
    return pc.if_else(special, quoted, col)


def fixed_text(sheet: Sheet, newline: str) -> bytes:
    cols = []
    for col, width, numeric in zip(sheet.columns, sheet.widths, sheet.numeric):
        col = pc.utf8_slice_codeunits(col, 0, width)
        pad = pc.utf8_lpad if numeric else pc.utf8_rpad
        cols.append(pad(col, width=width, padding=" "))
    return concat_lines(_join(cols), newline) if sheet.rows else b""


def _xml_escape(col: pa.Array) -> pa.Array:
    for old, new in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        col = pc.replace_substring(col, old, new)
    return col


def xml_text(sheet: Sheet, root: str, record: str, attributes: dict[str, str], newline: str) -> bytes:
    attrs = "".join(f' {k}="{v}"' for k, v in attributes.items())
    head = f'<?xml version="1.0" encoding="UTF-8"?>{newline}<{root}{attrs}>{newline}'
    parts: list = [f"  <{record}>"]
    for name, col in zip(sheet.names, sheet.columns):
        element = _join([f"<{name}>", _xml_escape(col), f"</{name}>"])
        parts.append(pc.if_else(pc.equal(col, lit("")), lit(""), element))
    parts.append(f"</{record}>")
    body = concat_lines(_join(parts), newline) if sheet.rows else b""
    return head.encode() + body + f"</{root}>{newline}".encode()


def _json_escape(col: pa.Array) -> pa.Array:
    return pc.replace_substring(pc.replace_substring(col, "\\", "\\\\"), '"', '\\"')


def jsonl_text(sheet: Sheet) -> bytes:
    parts: list = []
    for i, (name, col, numeric) in enumerate(zip(sheet.names, sheet.columns, sheet.numeric)):
        key = ("{" if i == 0 else ",") + f'"{name}":'
        value = col if numeric else _join(['"', _json_escape(col), '"'])
        parts.append(key)
        parts.append(pc.if_else(pc.equal(col, lit("")), lit("null"), value))
    parts.append("}")
    return concat_lines(_join(parts), "\n") if sheet.rows else b""


def _column_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx_bytes(sheet: Sheet, sheet_name: str) -> bytes:
    """A minimal, valid SpreadsheetML workbook with one sheet, deterministic to the byte."""
    rows = sheet.rows
    rownum = pa.array(np.arange(2, rows + 2)).cast(pa.string())
    parts: list = ['<row r="', rownum, '">']
    for i, (col, numeric, is_date) in enumerate(zip(sheet.columns, sheet.numeric, sheet.dates)):
        ref = _column_letter(i)
        empty = _join([f'<c r="{ref}', rownum, '"/>'])
        text = _join([f'<c r="{ref}', rownum, '" t="inlineStr"><is><t>', _xml_escape(col), "</t></is></c>"])
        if is_date or numeric:
            style = '" s="1"><v>' if is_date else '"><v>'
            number = _join([f'<c r="{ref}', rownum, style, col, "</v></c>"])
            # A value that is not a number (a faulty date, say) is kept as the text it is.
            cell = pc.if_else(pc.match_substring_regex(col, r"^-?[0-9]+(\.[0-9]+)?$"), number, text)
        else:
            cell = text
        parts.append(pc.if_else(pc.equal(col, lit("")), empty, cell))
    parts.append("</row>")
    header = '<row r="1">' + "".join(
        f'<c r="{_column_letter(i)}1" t="inlineStr"><is><t>{n}</t></is></c>' for i, n in enumerate(sheet.names)
    ) + "</row>"
    body = concat_lines(_join(parts), "") if rows else b""
    xml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           + header.encode() + body + b"</sheetData></worksheet>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in _xlsx_parts(sheet_name).items():
            zf.writestr(zipfile.ZipInfo(name, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)
        zf.writestr(zipfile.ZipInfo("xl/worksheets/sheet1.xml", _ZIP_TIME), xml, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _xlsx_parts(sheet_name: str) -> dict[str, str]:
    ns = "http://schemas.openxmlformats.org"
    return {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Types xmlns="{ns}/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.styles+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{ns}/officeDocument/2006/relationships/styles" '
            'Target="styles.xml"/></Relationships>'),
        "xl/styles.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<styleSheet xmlns="{ns}/spreadsheetml/2006/main">'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>'),
    }
