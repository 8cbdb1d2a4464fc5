"""The XLSX reader on workbooks made here: by openpyxl (shared strings, styles) and by hand."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import numpy as np
import openpyxl
import pyarrow as pa
import pytest

from flis.findings import Severity
from flis.sources.formats import LINE, FileFormat, read
from flis.sources.formats import xlsx as xlsx_reader
from flis.synth.formats.layout import Sheet, xlsx_bytes

XLSX = FileFormat("xlsx")


def rows(result) -> list[dict]:
    return result.table.to_pylist()


def codes(result) -> list[tuple[str, Severity, int | None]]:
    return [(f.code, f.severity, f.line) for f in result.findings]


def workbook(*sheets: tuple[str, list[list[object]]], date1904: bool = False) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    if date1904:
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    for name, values in sheets:
        sheet = book.create_sheet(name)
        for r, row in enumerate(values, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    cell = sheet.cell(r, c, value)
                    if isinstance(value, dt.datetime):
                        cell.number_format = "yyyy-mm-dd hh:mm:ss"
                    elif isinstance(value, dt.date):
                        cell.number_format = "dd-mm-yyyy"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


DATA = [
    ["Id", "Navn", "Foedt", "Moede", "Timer", "Aktiv"],
    ["A1", "Søren & Co", dt.date(2019, 3, 31), dt.datetime(2024, 1, 2, 13, 45, 10), 7.5, True],
    ["A2", None, dt.date(1900, 1, 1), dt.datetime(2024, 1, 3), 37, False],
    [None, None, None, None, None, None],
    ["A4", "<tag>", None, None, 0.1 + 0.2, None],
]


@pytest.mark.parametrize("how", ["fast", "threaded", "openpyxl"])
def test_a_workbook_with_shared_strings_dates_numbers_and_booleans(how, monkeypatch):
    if how == "openpyxl":
        monkeypatch.setattr(xlsx_reader._xlsxsheet, "cells", lambda *a: None)
    if how == "threaded":
        monkeypatch.setattr(xlsx_reader, "THREAD_FROM", 0)
    result = read(workbook(("Ark1", DATA)), XLSX, "f.xlsx")
    assert result.findings == []
    assert result.columns == ["Id", "Navn", "Foedt", "Moede", "Timer", "Aktiv"]
    assert rows(result) == [
        {"Id": "A1", "Navn": "Søren & Co", "Foedt": "2019-03-31", "Moede": "2024-01-02T13:45:10",
         "Timer": "7.5", "Aktiv": "TRUE", LINE: 2},
        {"Id": "A2", "Navn": None, "Foedt": "1900-01-01", "Moede": "2024-01-03", "Timer": "37",
         "Aktiv": "FALSE", LINE: 3},
        {"Id": "A4", "Navn": "<tag>", "Foedt": None, "Moede": None, "Timer": "0.3", "Aktiv": None,
         LINE: 5},
    ]


def test_dates_in_the_1904_system():
    result = read(workbook(("Ark1", [["D"], [dt.date(2024, 2, 29)]]), date1904=True), XLSX, "f.xlsx")
    assert rows(result) == [{"D": "2024-02-29", LINE: 2}]


def test_the_generators_layout_inline_strings_and_excel_dates():
    sheet = Sheet(["Id", "Dato", "Antal", "Kode"],
                  [pa.array(["x", "y"]), pa.array(["45292", ""]), pa.array(["3", "2.25"]),
                   pa.array(["0101", "A&B"])],
                  [False, False, True, False], [0, 0, 0, 0], [False, True, False, False])
    result = read(xlsx_bytes(sheet, "ark"), FileFormat("xlsx", sheet="ark"), "f.xlsx")
    assert rows(result) == [{"Id": "x", "Dato": "2024-01-01", "Antal": "3", "Kode": "0101", LINE: 2},
                            {"Id": "y", "Dato": None, "Antal": "2.25", "Kode": "A&B", LINE: 3}]


def test_the_named_sheet_is_read():
    data = workbook(("Forside", [["Om"], ["tekst"]]), ("Data", [["Id"], ["7"]]))
    assert rows(read(data, FileFormat("xlsx", sheet="Data"), "f.xlsx")) == [{"Id": "7", LINE: 2}]
    assert rows(read(data, XLSX, "f.xlsx")) == [{"Om": "tekst", LINE: 2}]
    missing = read(data, FileFormat("xlsx", sheet="Elever"), "f.xlsx")
    assert codes(missing) == [("read.malformed", Severity.FATAL, None)]
    assert "Forside, Data" in missing.findings[0].message


def test_a_cut_off_workbook_is_truncated_and_other_bytes_malformed():
    data = workbook(("Ark1", DATA))
    for cut in (len(data) // 3, len(data) - 10):
        assert codes(read(data[:cut], XLSX, "f.xlsx")) == [("read.truncated", Severity.FATAL, None)]
    assert codes(read(b"Id;Navn\n1;x\n", XLSX, "f.xlsx")) == [("read.malformed", Severity.FATAL, None)]


def test_an_empty_sheet_has_no_header_row():
    assert codes(read(workbook(("Ark1", [])), XLSX, "f.xlsx")) == [("read.malformed", Severity.FATAL, None)]


def test_only_a_header_is_empty():
    result = read(workbook(("Ark1", [["Id", "Navn"]])), XLSX, "f.xlsx")
    assert result.columns == ["Id", "Navn"]
    assert codes(result) == [("read.empty", Severity.INFO, None)]


def test_values_in_a_column_without_a_header_are_reported():
    result = read(workbook(("Ark1", [["Id", None], ["1", None], ["2", "løs"], ["3", "løs"]])), XLSX, "f.xlsx")
    assert codes(result) == [("read.field_count", Severity.ERROR, 3)]
    assert result.findings[0].count == 2
    assert [r["Id"] for r in rows(result)] == ["1", "2", "3"]


def _with_sheet(cells: str) -> bytes:
    """A workbook whose sheet XML is written by hand."""
    base = workbook(("Ark1", [["x"]]))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                        b"<sheetData>" + cells.encode() + b"</sheetData></worksheet>")
            dst.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize("cells", [
    # attributes in another order, a formula with its cached value, an error value
    '<row r="1"><c t="inlineStr" r="A1"><is><t>a</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>b</t></is></c></row>'
    '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="e"><v>#N/A</v></c></row>',
    # rich inline text in runs: read by openpyxl
    '<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r></is></c>'
    '<c r="B1" t="inlineStr"><is><t>b</t></is></c></row>'
    '<row r="2"><c r="A2"><v>2</v></c><c r="B2" t="str"><v>#N/A</v></c></row>',
])
def test_less_common_cell_layouts(cells):
    assert rows(read(_with_sheet(cells), XLSX, "f.xlsx")) == [{"a": "2", "b": "#N/A", LINE: 2}]


@pytest.mark.parametrize("threaded", [False, True])
def test_a_sheet_that_is_not_well_formed_is_malformed(threaded, monkeypatch):
    monkeypatch.setattr(xlsx_reader, "THREAD_FROM", 0 if threaded else 1 << 20)
    result = read(_with_sheet('<row r="1"><c r="A1"><v>1</v></row>'), XLSX, "f.xlsx")
    assert codes(result) == [("read.malformed", Severity.FATAL, None)]


def test_cells_without_references_are_placed_by_openpyxl():
    cells = ('<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c>'
             '<c t="inlineStr"><is><t>b</t></is></c></row>'
             '<row r="2"><c r="A2"><v>1</v></c><c><v>2</v></c></row>')
    assert rows(read(_with_sheet(cells), XLSX, "f.xlsx")) == [{"a": "1", "b": "2", LINE: 2}]


def test_a_shared_string_that_is_not_there_is_malformed():
    cells = '<row r="1"><c r="A1" t="s"><v>99</v></c></row>'
    assert codes(read(_with_sheet(cells), XLSX, "f.xlsx"))[0][:2] == ("read.malformed", Severity.FATAL)


def test_cells_to_fields_by_hand():
    """Header row 1 (A, B, and A again: a malformed sheet), records in rows 2 and 4, a stray value in C."""
    rows = np.array([1, 1, 1, 2, 2, 4, 4])
    cols = np.array([0, 1, 0, 0, 1, 1, 2])
    got = xlsx_reader._result(rows, cols, pa.array(["a", "b", "a2", "x", "y", "z", "stray"]), "f.xlsx")
    assert got.columns == ["a", "a2", "b"]
    assert got.table.to_pydict() == {"a": ["x", None], "a2": ["x", None], "b": ["y", "z"], "_line": [2, 4]}
    assert [(f.code, f.line) for f in got.findings] == [("read.field_count", 4)]
