"""The drill-down page: the rows behind a figure's numerator or denominator, with their lineage.

Row-level data is only shown for a stated purpose. The page first asks why (a form carrying the session's
CSRF token), then shows the rows a page at a time; every page shown is audited as ``drill`` and the CSV
export as ``export``, with the purpose, before a row leaves the server (:func:`flis.access.audit`). Who may
see which municipality's rows is the policy's decision (:func:`flis.access.can_drill`): analysts and
stewards their own municipality, the operator's administrators any (for support); everyone else is refused.
"""

from __future__ import annotations

import math

from fastapi import APIRouter, Depends, Form, Query
from fastapi.responses import Response

from flis.access import audit
from flis.api.auth import client_address
from flis.api.errors import Forbidden, NotFound
from flis.api.formats import csv_bytes
from flis.api.params import jsonable, period_or_none
from flis.api.routes.rows import HIDDEN, LINEAGE
from flis.compile.sql import Source, drill_query, to_sql
from flis.compute.drill import Drill, reproduce
from flis.periods import Period
from flis.web.pages import Page, PageRoute, page, render

router = APIRouter(route_class=PageRoute)

PAGE_SIZE = 50
SIDES = ("numerator", "denominator")


def _target(p: Page, series_id: str, municipality: str | None, period: str | None, side: str):
    series = p.services.series_by_id.get(series_id)
    if series is None:
        raise NotFound(p.t("figure.unknown", id=series_id), hint=p.t("figure.unknown_hint"))
    m = p.municipality(municipality)
    if not p.may_drill(m.code):
        raise Forbidden(p.t("drill.refused", name=p.name(m.code)), hint=p.t("drill.refused_hint"))
    if side not in SIDES or (side == "denominator" and series.figure.denominator is None):
        raise NotFound(p.t("drill.no_side", id=series_id, side=p.t(f"drill.{side}")))
    month = period_or_none(period) or p.services.view().latest_period(series_id)
    if month is None:
        raise NotFound(p.t("drill.no_period", id=series_id))
    return series, m, month


def _sides(series) -> list[str]:
    return [s for s in SIDES if s == "numerator" or series.figure.denominator is not None]


@router.get("/drill/{series_id}")
def drill_form(series_id: str, municipality: str | None = Query(None), period: str | None = Query(None),
               side: str = Query("numerator"), p: Page = Depends(page)) -> Response:
    series, m, month = _target(p, series_id, municipality, period, side)
    return render(p.request, "drill_form.html", t=p.t, series=series, name=_name(series, p.lang), municipality=m,
                  period=str(month), side=side, sides=_sides(series), purpose="", error=None)


def _load(p: Page, series, code: int, month: Period, side: str) -> Drill:
    """The rows of one side. ``flis.compute.drill.drill`` runs both sides; a page shows one, so this runs
    the same compiled drill-down query (``drill_query``) and check (``reproduce``) for that side only."""
    measure = series.figure.numerator if side == "numerator" else series.figure.denominator
    if measure is None:
        raise NotFound(p.t("drill.no_side", id=series.id, side=p.t(f"drill.{side}")))
    sql = to_sql(drill_query(measure, code, month.first_day, Source(), series.dimension, series.category))
    with p.services.warehouse() as wh:
        rows = wh.con.sql(sql).to_arrow_table()
    return Drill(side, measure, rows, reproduce(measure, rows))


def _columns(part: Drill) -> list[str]:
    names = part.rows.column_names
    return LINEAGE + ["measured"] + [c for c in names if c not in HIDDEN and c not in LINEAGE and c != "measured"]


@router.post("/drill/{series_id}")
def drill_rows(series_id: str, municipality: str = Form(...), period: str = Form(...), side: str = Form("numerator"),
               purpose: str = Form(""), page_number: int = Form(1, alias="page", ge=1),
               p: Page = Depends(page)) -> Response:
    series, m, month = _target(p, series_id, municipality, period, side)
    if not purpose.strip():
        return render(p.request, "drill_form.html", status=400, t=p.t, series=series, name=_name(series, p.lang),
                      municipality=m, period=str(month), side=side, sides=_sides(series), purpose="",
                      error=p.t("drill.purpose_required"))
    part = _load(p, series, m.code, month, side)
    total = part.rows.num_rows
    pages = max(1, math.ceil(total / PAGE_SIZE))
    number = min(page_number, pages)
    shown = part.rows.slice((number - 1) * PAGE_SIZE, PAGE_SIZE)
    audit(p.services.store, p.principal, "drill", object=f"{series_id} {side}", municipality=m.code,
          period=str(month), row_count=shown.num_rows, purpose=purpose, client=client_address(p.request))
    columns = _columns(part)
    rows = [jsonable(r) for r in shown.select(columns).to_pylist()]
    return render(p.request, "drill_rows.html", t=p.t, series=series, name=_name(series, p.lang), municipality=m,
                  period=str(month), side=side, purpose=purpose, columns=columns, rows=rows, total=total,
                  page_number=number, pages=pages, measure=part.measure.describe(), value=part.value,
                  links_deliveries=p.may_see_deliveries(m.code))


@router.post("/drill/{series_id}/export")
def drill_export(series_id: str, municipality: str = Form(...), period: str = Form(...),
                 side: str = Form("numerator"), purpose: str = Form(""), p: Page = Depends(page)) -> Response:
    series, m, month = _target(p, series_id, municipality, period, side)
    part = _load(p, series, m.code, month, side)
    # audit() refuses an empty purpose (access.purpose_required) before any row is sent.
    audit(p.services.store, p.principal, "export", object=f"{series_id} {side}", municipality=m.code,
          period=str(month), row_count=part.rows.num_rows, purpose=purpose, client=client_address(p.request))
    columns = _columns(part)
    data = csv_bytes(columns, [jsonable(r) for r in part.rows.select(columns).to_pylist()])
    name = f"{series_id}_{m.code}_{month}_{side}.csv"
    return Response(data, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _name(series, lang: str) -> str:
    return series.names.en if lang == "en" else series.names.da
