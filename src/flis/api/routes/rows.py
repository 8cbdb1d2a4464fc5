"""Row-level data: drill-down behind a figure, and deliveries with their findings.

Only the own municipality (or, for the operator's administrators, any — for support), never another
municipality's rows. Every drill-down and every export of rows is written to the audit log with who,
when, what and the purpose the user gave, before a single row leaves the server.
"""

from __future__ import annotations


from fastapi import APIRouter, Depends, Query, Request

from flis.access import Principal, audit
from flis.api.auth import client_address, require_deliveries, require_drill, services, user
from flis.api.errors import BadRequest, NotFound
from flis.api.formats import Format, table_response
from flis.api.params import Paging, paging, jsonable, municipality_code, period_or_none
from flis.compute.drill import drill
from flis.warehouse.deliveries import COLUMNS as DELIVERY_COLUMNS
from flis.warehouse.deliveries import find_delivery, list_deliveries

router = APIRouter(tags=["row-level data"])

LINEAGE = ["_delivery", "_line"]
HIDDEN = {"_municipality", "_period"}


@router.get("/drill/{series_id}", summary="The rows behind a figure's numerator or denominator (own municipality "
                                           "only; audited)")
def drill_down(series_id: str, request: Request,
               municipality: str = Query(..., description="Municipality code or name (your own)."),
               period: str = Query(..., description="YYYY-MM (YYYY for annual figures)."),
               purpose: str = Query(..., description="Why you need the rows; kept in the audit log."),
               side: str = Query("numerator", pattern="^(numerator|denominator)$"),
               format: Format = Format.json, paging: Paging = Depends(paging), principal: Principal = Depends(user)):
    svc = services(request)
    code = municipality_code(municipality)
    require_drill(principal, code)
    series = svc.series_by_id.get(series_id)
    if series is None:
        raise NotFound(f"no series {series_id!r} in the catalogue")
    if not purpose.strip():
        raise BadRequest("purpose: say why you need the rows", hint="e.g. purpose=checking our March delivery")
    p = period_or_none(period)
    with svc.warehouse() as wh:
        parts = {d.side: d for d in drill(wh.con, series, code, p.first_day)}
    part = parts.get(side)
    if part is None:
        raise NotFound(f"{series_id} has no {side}")
    rows = part.rows
    page = rows if format is not Format.json else rows.slice((paging.page - 1) * paging.size, paging.size)
    action = "drill" if format is Format.json else "export"
    audit(svc.store, principal, action, object=f"{series_id} {side}", municipality=code, period=str(p),
          row_count=page.num_rows, purpose=purpose, client=client_address(request))
    columns = LINEAGE + ["measured"] + [c for c in rows.column_names if c not in HIDDEN and c not in LINEAGE
                                        and c != "measured"]
    data = [jsonable(r) for r in page.select(columns).to_pylist()]
    return table_response(format, f"{series_id}_{code}_{p}_{side}", columns, data, {
        "series_id": series_id, "municipality": code, "period": str(p), "side": side,
        "measure": part.measure.describe(), "value": part.value, **paging.envelope(request, rows.num_rows)})


@router.get("/deliveries", summary="Deliveries of a municipality with status and number of findings")
def deliveries(request: Request, municipality: str = Query(..., description="Municipality code or name."),
               status: str | None = Query(None, pattern="^(loaded|rejected)$"),
               domain: str | None = Query(None), period: str | None = Query(None, description="YYYY-MM"),
               format: Format = Format.json, paging: Paging = Depends(paging), principal: Principal = Depends(user)):
    code = municipality_code(municipality)
    require_deliveries(principal, code)
    month = period_or_none(period)
    with services(request).warehouse() as wh:
        limit, offset = (paging.size, (paging.page - 1) * paging.size) if format is Format.json else (10**9, 0)
        rows, total = list_deliveries(wh.con, municipality=code, status=status, domain=domain,
                                      period=str(month) if month else None, limit=limit, offset=offset)
    return table_response(format, f"deliveries_{code}", DELIVERY_COLUMNS, [jsonable(r) for r in rows],
                          {"municipality": code, **paging.envelope(request, total)})


@router.get("/deliveries/{delivery_id}", summary="One delivery: arrivals and findings in plain language")
def delivery(delivery_id: str, request: Request, principal: Principal = Depends(user)) -> dict:
    if len(delivery_id) < 8:
        raise BadRequest("delivery_id: give at least 8 characters of the id")
    with services(request).warehouse() as wh:
        info = find_delivery(wh.con, delivery_id)
    if info["municipality"] is None:
        raise NotFound(f"delivery {delivery_id} has no municipality")
    require_deliveries(principal, int(info["municipality"]))
    return jsonable(info)


