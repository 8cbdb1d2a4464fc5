"""Quality findings and the monthly quality report.

Who may see a municipality's findings is who may see its deliveries (:func:`flis.access.can_see_deliveries`):
its data stewards and the operator's administrators. The same people may answer them — acknowledge, or
dismiss with a reason — and every answer is written to the audit log by the findings workflow
(:mod:`flis.quality.workflow`) with the signed-in user. The statistics office sees aggregates only: no
findings (they are statements about one municipality's deliveries).
"""

from __future__ import annotations

import json
from enum import Enum

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from flis.access import POLICY, Principal, Scope
from flis.api.auth import require_deliveries, services, user
from flis.api.errors import BadRequest, Forbidden
from flis.api.formats import Format, XLSX_TYPE, csv_bytes, table_response, xlsx_bytes
from flis.api.params import Paging, paging, municipality_code, period_or_none
from flis.quality.report import LINE_COLUMNS, build_report, to_lines, to_markdown
from flis.quality.workflow import FindingRecord, acknowledge, dismiss, get_finding, list_findings

router = APIRouter(tags=["quality"])

COLUMNS = ["id", "municipality", "period", "code", "severity", "subject", "status", "message_en",
           "message_da", "values", "delivery_id", "reason", "created_at", "updated_by", "updated_at",
           "run_id"]
LANG = Query("en", pattern="^(da|en)$", description="Language of the messages: da or en.")


class ReportFormat(str, Enum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    md = "md"


class Dismissal(BaseModel):
    reason: str = ""
    """Why the data is right after all; kept with the finding and in the audit log."""


def sees_every_municipality(principal: Principal) -> bool:
    """The policy's deliveries scope is ``all`` (the operator's administrators)."""
    return POLICY[principal.role].deliveries is Scope.ALL


def _asked_municipality(principal: Principal, municipality: str | None) -> int | None:
    """The municipality whose findings are listed; None (every municipality) only for the operator."""
    if municipality is not None and municipality.strip():
        code = municipality_code(municipality)
        require_deliveries(principal, code)
        return code
    if sees_every_municipality(principal):
        return None
    if principal.municipality is not None:
        require_deliveries(principal, principal.municipality)
        raise BadRequest("municipality: give your municipality's code",
                         hint=f"e.g. /api/v1/findings?municipality={principal.municipality}")
    raise Forbidden("quality findings are not available to you",
                    hint="data stewards see their own municipality's findings")


def _row(record: FindingRecord, table: bool) -> dict:
    row = record.to_dict()
    if table:  # CSV and XLSX cells hold text: the numbers behind the finding as JSON
        row["values"] = json.dumps(row["values"], ensure_ascii=False, sort_keys=True)
    return row


@router.get("/findings", summary="Quality findings of a municipality (stewards: own municipality; operator "
                                 "admins: any, or all without municipality)")
def findings(request: Request,
             municipality: str | None = Query(None, description="Municipality code or name."),
             status: str | None = Query(None, description="open, acknowledged, dismissed or corrected"),
             code: str | None = Query(None, description="A finding code, e.g. quality.peer_outlier"),
             period: str | None = Query(None, description="YYYY-MM"),
             format: Format = Format.json, paging: Paging = Depends(paging), principal: Principal = Depends(user)):
    m = _asked_municipality(principal, municipality)
    month = period_or_none(period)
    limit, offset = (paging.size, (paging.page - 1) * paging.size) if format is Format.json else (None, 0)
    rows, total = list_findings(services(request).store, municipality=m, status=status, code=code,
                                period=month, limit=limit, offset=offset)
    table = format is not Format.json
    return table_response(format, f"findings_{m or 'all'}", COLUMNS, [_row(r, table) for r in rows],
                          {"municipality": m, **paging.envelope(request, total)})


def _finding(request: Request, principal: Principal, finding_id: int) -> FindingRecord:
    """The finding, if the principal may see (and answer) it: 404 for an unknown id, 403 for another
    municipality's."""
    record = get_finding(services(request).store, finding_id)
    if record.municipality is None:
        if not sees_every_municipality(principal):
            raise Forbidden(f"finding {finding_id} is not available to you")
    else:
        require_deliveries(principal, record.municipality)
    return record


@router.get("/findings/{finding_id}", summary="One quality finding")
def finding(finding_id: int, request: Request, principal: Principal = Depends(user)) -> dict:
    return _row(_finding(request, principal, finding_id), table=False)


@router.post("/findings/{finding_id}/acknowledge", summary="Acknowledge a finding: seen, being looked into "
                                                           "(audited)")
def acknowledge_finding(finding_id: int, request: Request, principal: Principal = Depends(user)) -> dict:
    _finding(request, principal, finding_id)
    return _row(acknowledge(services(request).store, finding_id, principal), table=False)


@router.post("/findings/{finding_id}/dismiss", summary="Dismiss a finding with a reason: the data is right "
                                                       "(audited)")
def dismiss_finding(finding_id: int, request: Request, body: Dismissal | None = Body(None),
                    principal: Principal = Depends(user)) -> dict:
    _finding(request, principal, finding_id)
    reason = body.reason if body is not None else ""
    return _row(dismiss(services(request).store, finding_id, reason, principal), table=False)


@router.get("/quality/report/{municipality}", summary="The monthly quality report of a municipality")
def report(municipality: str, request: Request, period: str = Query(..., description="YYYY-MM"),
           format: ReportFormat = ReportFormat.json, lang: str = LANG, principal: Principal = Depends(user)):
    code = municipality_code(municipality)
    require_deliveries(principal, code)
    month = period_or_none(period)
    if month is None:
        raise BadRequest("period: give the month, YYYY-MM")
    svc = services(request)
    with svc.warehouse() as wh:
        result = build_report(wh.con, svc.store, code, month)
    name = f"quality_{code}_{result.period}"
    if format is ReportFormat.md:
        return Response(to_markdown(result, lang), media_type="text/markdown; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}_{lang}.md"'})
    if format is ReportFormat.csv:
        return Response(csv_bytes(LINE_COLUMNS, to_lines(result, lang)), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    if format is ReportFormat.xlsx:
        return Response(xlsx_bytes(LINE_COLUMNS, to_lines(result, lang), name), media_type=XLSX_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})
    return JSONResponse(result.to_dict())
