"""Tables out of the API as JSON, CSV or XLSX, chosen with ``?format=``.

CSV is meant for R, Excel and Power BI alike: UTF-8 with a byte-order mark (so Excel reads æøå), comma
separated, a header row, ISO dates, a dot as decimal separator and an empty field for a missing value
(``read.csv`` and ``readr::read_csv`` both read that as NA).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from enum import Enum

from fastapi.responses import JSONResponse, Response


class Format(str, Enum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _flat(value: object) -> object:
    """A cell for CSV and XLSX: lists (quality flags) as ``a;b``."""
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return _cell(value)


def csv_bytes(columns: Sequence[str], rows: Sequence[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else _flat(row.get(c)) for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(columns: Sequence[str], rows: Sequence[dict], title: str = "flis") -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or "flis")
    sheet.append(list(columns))
    for row in rows:
        sheet.append([_flat(row.get(c)) for c in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_response(fmt: Format, name: str, columns: Sequence[str], rows: Sequence[dict],
                   envelope: dict | None = None) -> Response:
    """``rows`` as the asked format; JSON wraps them in ``envelope`` (paging, release, ...)."""
    if fmt is Format.csv:
        return Response(csv_bytes(columns, rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    if fmt is Format.xlsx:
        return Response(xlsx_bytes(columns, rows, name), media_type=XLSX_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})
    body = dict(envelope or {})
    body["columns"] = list(columns)
    body["rows"] = [{c: _cell(r.get(c)) for c in columns} for r in rows]
    return JSONResponse(body)
