"""From a canonical table to the bytes of one vendor file."""

from __future__ import annotations

import pyarrow as pa

from flis.synth.formats import cells, layout
from flis.synth.formats.layout import Sheet
from flis.synth.vendor import FileSpec, Vendor

EXCEL_EPOCH_OFFSET = 25569
"""Days from Excel's day 0 (1899-12-30) to 1970-01-01."""


def render(vendor: Vendor, spec: FileSpec, table: pa.Table) -> Sheet:
    """Format every field the way ``vendor`` writes it, in the spec's field order."""
    columns, dates = [], []
    for f in spec.fields:
        col = table.column(f.source)
        if f.kind == "text":
            arr = cells.text(col)
        elif f.kind == "int":
            arr = cells.integer(col, width=f.pad)
        elif f.kind == "decimal":
            mark = "." if vendor.format in ("jsonl", "xlsx") else vendor.decimal_mark
            arr = cells.decimal(col, f.decimals, mark, thousands=f.thousands if vendor.format != "xlsx" else "")
        elif f.kind == "date" and vendor.format == "xlsx":
            days = col.to_numpy(zero_copy_only=False)
            arr = pa.array(pa.array(days + EXCEL_EPOCH_OFFSET, mask=days == cells.MISSING_DAY).cast(pa.string())
                           ).fill_null("")
        elif f.kind == "date":
            arr = cells.date(col.to_numpy(zero_copy_only=False), f.date_format or vendor.date_format)
        elif f.kind == "code":
            arr = cells.code(col, f.codes or {})
        else:
            codes = f.codes or {True: "1", False: "0"}
            arr = cells.flag(col.to_numpy(zero_copy_only=False), codes[True], codes[False])
        columns.append(arr)
        dates.append(f.kind == "date" and vendor.format == "xlsx")
    return Sheet(names=[f.name for f in spec.fields], columns=columns,
                 numeric=[f.numeric for f in spec.fields], widths=[f.width for f in spec.fields], dates=dates)


def to_bytes(vendor: Vendor, spec: FileSpec, sheet: Sheet, municipality: int, period: str,
             encoding: str | None = None) -> bytes:
    """Lay out and encode; ``encoding`` overrides the vendor's (the wrong-encoding fault)."""
    if vendor.format == "xlsx":
        return layout.xlsx_bytes(sheet, spec.name)
    if vendor.format == "csv":
        raw = layout.csv_text(sheet, vendor.delimiter, vendor.newline, vendor.header)
    elif vendor.format == "fixed":
        raw = layout.fixed_text(sheet, vendor.newline)
    elif vendor.format == "xml":
        attrs = {"kommunekode": str(municipality), "periode": period, "leverandoer": vendor.key}
        raw = layout.xml_text(sheet, spec.root, spec.record, attrs, vendor.newline)
    else:
        raw = layout.jsonl_text(sheet)
    target = encoding or vendor.encoding
    return raw if target.lower().replace("-", "") == "utf8" else raw.decode("utf-8").encode(target)
