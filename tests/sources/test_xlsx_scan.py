"""The XLSX sheet scan (numpy over byte positions) against expat and the regular-expression path.

The scan must never accept a sheet expat rejects, and whatever it accepts it must read exactly as the
careful path does: hand-made sheets with values worked out by hand, the layouts it leaves to the careful
path, and property tests over generated and mutated sheets.
"""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flis.sources.formats import LINE, FileFormat, ReadResult, read, read_many
from flis.sources.formats import xlsx as xlsx_reader
from flis.sources.formats._xlsxscan import cells as scanned
from flis.sources.formats._xlsxsheet import cells as careful
from flis.synth.formats.layout import Sheet, xlsx_bytes

SHARED = pa.array(["delt", "Søren & Co"], pa.string())
DATE_STYLES = np.array([False, True, False])  # style 1 shows numbers as dates
HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def sheet(data: str, head: bytes = HEAD, tail: bytes = b"</worksheet>") -> bytes:
    return head + b"<sheetData>" + data.encode("utf-8") + b"</sheetData>" + tail


def as_lists(found) -> list[tuple[int, int, str | None]]:
    return list(zip(found.rows.tolist(), found.cols.tolist(), found.text.to_pylist()))


def well_formed(data: bytes) -> bool:
    try:
        xlsx_reader._check_xml(data)
    except xlsx_reader._Unreadable:
        return False
    return True


def test_the_plain_layout_read_by_hand():
    data = sheet(
        '<row r="1" spans="1:4"><c r="A1" t="inlineStr"><is><t>Id</t></is></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><t>Dato</t></is></c><c r="AA1" t="b"><v>1</v></c></row>\n'
        '  <row r="2">\n    <c s="1" r="A2"><v>45292</v></c>\n    <c r="B2" t="inlineStr"><is><t>a &lt; b &amp; c</t>'
        '</is></c>\n    <c r="C2" s="2"><v>2.50</v></c><c r="D2"/><c r="E2" t="e"><v>#N/A</v></c></row>\n'
        '<row r="3"/><row r="4"><c r="A4" t="inlineStr"><is><t/></is></c><c r="B4"><v></v></c>'
        '<c r="C4" t="str"><v>Æble\tpære\nblomme</v></c><c r="D4" s="1"><v>45292.5</v></c></row>')
    found = scanned(data, SHARED, DATE_STYLES, False)
    assert found is not None
    assert as_lists(found) == [
        (1, 0, "Id"), (1, 1, "Søren & Co"), (1, 2, "Dato"), (1, 26, "TRUE"),
        (2, 0, "2024-01-01"), (2, 1, "a < b & c"), (2, 2, "2.5"), (2, 3, None), (2, 4, "#N/A"),
        (4, 0, None), (4, 1, None), (4, 2, "Æble\tpære\nblomme"), (4, 3, "2024-01-01T12:00:00"),
    ]
    assert as_lists(found) == as_lists(careful(data, SHARED, DATE_STYLES, False))


def test_an_empty_sheet_data_has_no_cells():
    assert as_lists(scanned(sheet(""), SHARED, DATE_STYLES, False)) == []
    assert as_lists(scanned(sheet("\n  "), SHARED, DATE_STYLES, False)) == []


@pytest.mark.parametrize("data", [
    '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>',  # a formula
    '<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r></is></c></row>',  # rich text
    '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> a</t></is></c></row>',
    '<row r="1"><c r="A1" t="str"><v>a\r\nb</v></c></row>',  # a carriage return in text
    '<row r="1"><c r="A1" t="str"><v>&#65;</v></c></row>',  # a character reference
    '<row r="1"><c r="A1" t="str"><v>a > b</v></c></row>',  # '>' in text (allowed, not scanned)
    '<row r="1"><c r="A1" cm="1"><v>1</v></c></row>',  # another attribute
    '<row r="1"><c r="A1"  s="1"><v>1</v></c></row>',  # two spaces
    "<row r=\"1\"><c r='A1'><v>1</v></c></row>",  # single quotes
    '<row r="1"><c t="n"><v>1</v></c></row>',  # no reference
    '<row r="1"><c r="A1" /></row>',  # a space before '/>'
    '<row r="1"><c r="A1"><v/></c></row>',
    '<row r="1"><c r="1A"><v>1</v></c></row>',
    '<row r="1"><c r="ABCD1"><v>1</v></c></row>',
    '<row r="1"><c r="A-1"><v>1</v></c></row>',
    '<row r="1" x:y="&amp;"><c r="A1"><v>1</v></c></row>',
    '<row r="1"><!-- note --><c r="A1"><v>1</v></c></row>',
    '<row r="1"><c r="A1"><v>1</v></c></row>x',  # text between rows
    '<row r="1"><c r="A1"><v>1</v>x</c></row>',
    '<row r="1"><row r="2"></row></row>',  # well-formed, but not a sheet
    '<c r="A1"><v>1</v></c>',  # a cell outside a row
])
def test_layouts_left_to_the_careful_path(data):
    assert scanned(sheet(data), SHARED, DATE_STYLES, False) is None


@pytest.mark.parametrize("data", [
    '<row r="1"><c r="A1"><v>1</v></row>',  # a cell not closed
    '<row r="1"><c r="A1"><v>1</t></c></row>',  # closed by another name
    '<row r="1"><c r="A1" r="B1"><v>1</v></c></row>',  # an attribute twice
    '<row r="1" r="2"><c r="A1"><v>1</v></c></row>',
    '<row r="1"><c r="A1" s="1" s="1"><v>1</v></c></row>',
    '<row r="1"><c r="A1"><v>1 & 2</v></c></row>',  # a bare '&'
    '<row r="1"><c r="A1"><v>1 &amp 2</v></c></row>',
    '<row r="1"><c r="A1"><v>\x01</v></c></row>',  # a control character
    '<row r="1"><c r="A1"><v>1</v></c></row></row>',
    '<row r="1"><c r="A1"><v>1</v></c>',  # a row not closed
    '<row r="1><c r="A1"><v>1</v></c></row>',
    '<row r="1"><c r="A1"><v>\uffff</v></c></row>',  # not a character XML allows
])
def test_sheets_that_are_not_well_formed_are_never_scanned(data):
    data = sheet(data)
    assert not well_formed(data)
    assert scanned(data, SHARED, DATE_STYLES, False) is None


def test_what_surrounds_the_data_is_checked_and_must_be_utf8():
    assert scanned(sheet('<row r="1"/>', tail=b"</worksheat>"), SHARED, DATE_STYLES, False) is None
    assert scanned(sheet('<row r="1"/>', head=HEAD + b"<x>"), SHARED, DATE_STYLES, False) is None
    latin = sheet("").replace(b"<sheetData>", b'<sheetData><row r="1"><c r="A1" t="str"><v>\xe6</v></c></row>')
    assert not well_formed(latin)
    assert scanned(latin, SHARED, DATE_STYLES, False) is None


def test_a_workbook_read_through_the_scan_is_read_as_before(monkeypatch):

    book = xlsx_bytes(Sheet(["Id", "Dato", "Antal"], [pa.array(["x", "y"]), pa.array(["45292", ""]),
                                                       pa.array(["3", "2.25"])],
                            [False, False, True], [0, 0, 0], [False, True, False]), "ark")
    calls = []
    monkeypatch.setattr(xlsx_reader, "SCAN_FROM", 0)
    real = xlsx_reader._xlsxscan.cells
    monkeypatch.setattr(xlsx_reader._xlsxscan, "cells", lambda *a: calls.append(1) or real(*a))
    fast = read(book, FileFormat("xlsx", sheet="ark"), "f.xlsx")
    monkeypatch.setattr(xlsx_reader._xlsxscan, "cells", lambda *a: None)
    slow = read(book, FileFormat("xlsx", sheet="ark"), "f.xlsx")
    assert calls and fast.table.equals(slow.table) and fast.findings == slow.findings


# -- property tests ------------------------------------------------------------------------------------

_TEXT = st.text(st.one_of(st.sampled_from("\t\n&<>\"'"), st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff")), max_size=8)
"""Text XML allows, but for carriage returns (which the scan leaves to expat)."""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def _cell(draw, ref: str) -> str:
    attrs = [f'r="{ref}"']
    kind = draw(st.sampled_from(["inline", "number", "shared", "bool", "str", "empty", "blank"]))
    if kind == "empty":
        value = ""
    elif kind == "inline":
        attrs.append('t="inlineStr"')
        value = draw(st.sampled_from(["<is><t>{}</t></is>", "<is><t/></is>", "<is></is>"])).format(
            _escape(draw(_TEXT)))
    elif kind == "number":
        value = f"<v>{draw(st.sampled_from(['0', '1.5', '45292', '-3', '1E3', '0.1']))}</v>"
    elif kind == "shared":
        attrs.append('t="s"')
        value = f"<v>{draw(st.sampled_from(['0', '1']))}</v>"
    elif kind == "bool":
        attrs.append('t="b"')
        value = f"<v>{draw(st.sampled_from(['0', '1']))}</v>"
    elif kind == "str":
        attrs.append('t="str"')
        value = f"<v>{_escape(draw(_TEXT))}</v>"
    else:
        value = "<v></v>"
    if draw(st.booleans()):
        attrs.append(f's="{draw(st.sampled_from([0, 1, 2]))}"')
    attrs = draw(st.permutations(attrs))
    return f'<c {" ".join(attrs)}/>' if kind == "empty" else f'<c {" ".join(attrs)}>{value}</c>'


@st.composite
def _sheet(draw) -> bytes:
    space = draw(st.sampled_from(["", "\n", "\n  "]))
    rows = []
    for r in range(1, draw(st.integers(0, 5)) + 1):
        columns = sorted(draw(st.sets(st.sampled_from(["A", "B", "C", "Z", "AA", "XFD"]), max_size=4)),
                         key=lambda c: (len(c), c))
        if not columns and draw(st.booleans()):
            rows.append(f'<row r="{r}"/>')
            continue
        spans = ' spans="1:3"' if draw(st.booleans()) else ""
        rows.append(f'<row r="{r}"{spans}>' + space.join(draw(_cell(f"{c}{r}")) for c in columns) + "</row>")
    return sheet(space + space.join(rows) + space)


_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.'
    'xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
    'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
    'org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1">'
    '<border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/>'
    '<xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="0"/></cellXfs></styleSheet>',
    "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>delt</t></si><si><t>Søren &amp; Co</t></si></sst>',
}
"""A workbook around a hand-written sheet: shared strings as SHARED, style 1 a date as in DATE_STYLES."""


def _book(data: bytes, shared: list[str] | None = None, date_style: int = 1, date1904: bool = False) -> bytes:
    """The workbook; ``shared`` its shared strings instead of SHARED, ``date_style`` the one style of three
    that shows numbers as dates."""
    parts = dict(_PARTS)
    if shared is not None:
        parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].split("<si>")[0] + "".join(
            f"<si><t>{_escape(text)}</t></si>" for text in shared) + "</sst>"
    if date_style != 1:
        formats = ['<xf numFmtId="0"/>'] * 3
        formats[date_style] = '<xf numFmtId="14" applyNumberFormat="1"/>'
        parts["xl/styles.xml"] = parts["xl/styles.xml"].replace(
            '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="0"/>', "".join(formats))
    if date1904:
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace("<sheets>", '<workbookPr date1904="1"/><sheets>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, part in parts.items():
            book.writestr(name, part.encode("utf-8"))
        book.writestr("xl/worksheets/sheet1.xml", data)
    return out.getvalue()


def _read(data: bytes, scan: bool):
    real, size = xlsx_reader._xlsxscan.cells, xlsx_reader.SCAN_FROM
    xlsx_reader.SCAN_FROM = 0
    if not scan:
        xlsx_reader._xlsxscan.cells = lambda *a: None
    try:
        return read(_book(data), FileFormat("xlsx"), "f.xlsx")
    finally:
        xlsx_reader._xlsxscan.cells, xlsx_reader.SCAN_FROM = real, size


def _same_as_careful(data: bytes) -> None:
    """If the scan reads the sheet, it is well-formed and the scan's cells are those of the careful path
    (or, where that path leaves the sheet to openpyxl, the whole workbook reads the same)."""
    found = scanned(data, SHARED, DATE_STYLES, False)
    if found is None:
        return
    assert well_formed(data)
    slow = careful(data, SHARED, DATE_STYLES, False)
    if slow is not None:
        assert as_lists(found) == as_lists(slow)
    else:
        fast, slow = _read(data, True), _read(data, False)
        assert fast.table.equals(slow.table) and fast.findings == slow.findings


@settings(max_examples=300, deadline=None)
@given(_sheet())
def test_generated_sheets_are_scanned_and_read_as_the_careful_path_reads_them(data):
    found = scanned(data, SHARED, DATE_STYLES, False)
    assert found is not None
    assert as_lists(found) == as_lists(careful(data, SHARED, DATE_STYLES, False))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_sheet(), st.data())
def test_a_mutated_sheet_is_either_left_alone_or_well_formed_and_read_the_same(data, draw):
    start, stop = data.find(b"<sheetData>") + len(b"<sheetData>"), data.rfind(b"</sheetData>")
    at = draw.draw(st.integers(start, max(start, stop - 1)))
    change = draw.draw(st.sampled_from(["delete", "insert", "replace"]))
    byte = draw.draw(st.sampled_from(list(b'<>/"=& \r\x01ctvsirw0aA') + [0xEF, 0xBF]))
    if change == "delete":
        mutated = data[:at] + data[at + 1:]
    elif change == "insert":
        mutated = data[:at] + bytes([byte]) + data[at:]
    else:
        mutated = data[:at] + bytes([byte]) + data[at + 1:]
    _same_as_careful(mutated)


# -- workbooks read together (read_many) ----------------------------------------------------------------

XLSX = FileFormat("xlsx")


def _alone_and_together(datas: list[bytes]) -> list[ReadResult | None]:
    """What the joint reader takes, after checking that every workbook reads together as it reads alone."""
    files = [f"f{i}.xlsx" for i in range(len(datas))]
    for data, file, joint in zip(datas, files, read_many(datas, XLSX, files)):
        alone = read(data, XLSX, file)
        assert joint.columns == alone.columns and joint.findings == alone.findings
        assert joint.table.schema == alone.table.schema and joint.table.to_pydict() == alone.table.to_pydict()
    return xlsx_reader.read_joint(datas, XLSX, files)


def test_workbooks_read_together_by_hand_each_with_its_own_strings_and_styles():
    head = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Dato</t></is></c></row>'
    first = _book(sheet(head + '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>45292</v></c></row>'),
                  ["Id", "a1"], date_style=1)
    second = _book(sheet(head + '\n<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>45292</v></c></row>'
                         '<row r="4"><c r="A4" t="s"><v>1</v></c><c r="B4" s="2"><v>45292.25</v></c></row>'),
                   ["Id", "b1"], date_style=2)
    taken = _alone_and_together([first, second])
    assert all(taken)
    assert taken[0].table.to_pydict() == {"Id": ["a1"], "Dato": ["2024-01-01"], LINE: [2]}
    assert taken[1].table.to_pydict() == {"Id": ["b1", "b1"], "Dato": ["45292", "2024-01-01T06:00:00"], LINE: [3, 4]}


def test_workbooks_the_joint_reader_leaves_alone():
    plain = _book(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>'))
    cut, not_zip = plain[: len(plain) // 2], b"Id;Navn\n1;a\n"
    other_epoch = _book(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), date1904=True)
    taken = _alone_and_together([plain, cut, not_zip, other_epoch, plain])
    assert [t is not None for t in taken] == [True, False, False, False, True]
    # One sheet not in the plain layout, or a string only another workbook has: all are read alone.
    formula = _book(sheet('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>'))
    beyond = _book(sheet('<row r="1"><c r="A1" t="s"><v>2</v></c></row>'), ["Id"])
    assert _alone_and_together([plain, formula, plain]) == [None, None, None]
    assert _alone_and_together([plain, beyond]) == [None, None]


def _damaged(data: bytes, at: int, byte: int) -> bytes:
    start, stop = data.find(b"<sheetData>") + len(b"<sheetData>"), data.rfind(b"</sheetData>")
    at = start + at % max(stop - start, 1)
    return data[:at] + bytes([byte]) + data[at + 1:]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_sheet(), st.lists(_TEXT, min_size=2, max_size=2), st.sampled_from([0, 1, 2]),
                          st.booleans(), st.none() | st.tuples(st.integers(0, 10**6), st.sampled_from(b'<>/"& \x01'))),
                min_size=2, max_size=4))
def test_generated_workbooks_read_together_as_alone(books):
    datas = []
    for data, shared, date_style, date1904, damage in books:
        datas.append(_book(_damaged(data, *damage) if damage else data, shared, date_style, date1904))
    _alone_and_together(datas)


@st.composite
def _with_header(draw) -> bytes:
    """A sheet whose first row names the fields of columns A, B and C (the header its kind shares, or now and
    then another), then rows of cells in those columns, in Z (no name: a stray value) or none."""
    first = draw(st.integers(1, 3))
    names = draw(st.sampled_from([("Id", "Navn", "Dato"), ("Id", "Navn", "Dato"), ("Id", "Navn", "Id")]))
    head = f'<row r="{first}">' + "".join(f'<c r="{c}{first}" t="inlineStr"><is><t>{n}</t></is></c>'
                                          for c, n in zip("ABC", names)) + "</row>"
    rows = []
    for r in range(first + 1, first + 1 + draw(st.integers(0, 4))):
        columns = sorted(draw(st.sets(st.sampled_from(["A", "B", "C", "Z"]), max_size=4)))
        rows.append(f'<row r="{r}">' + "".join(draw(_cell(f"{c}{r}")) for c in columns) + "</row>")
    return sheet((head if draw(st.integers(0, 5)) else "") + "".join(rows))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_with_header(), min_size=2, max_size=5))
def test_workbooks_with_one_header_read_together_as_alone(sheets):
    """Sheets that name the same fields in the same columns are made into one table and sliced: each gets what
    it gets alone, its stray values and empty rows included."""
    _alone_and_together([_book(data) for data in sheets])
