"""The quality page: a municipality's findings month by month, in plain language, with forms to answer them,
and the monthly quality report as a page.

Who sees and answers findings is who sees deliveries (:func:`flis.access.can_see_deliveries`): the
municipality's data stewards and the operator's administrators. Answering is a form post carrying the
session's CSRF token (checked by :func:`flis.api.auth.signed_in`); the findings workflow audits it with the
signed-in user, and the browser is sent back to the list (post/redirect/get).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Query
from fastapi.responses import RedirectResponse, Response

from flis.api.errors import Forbidden
from flis.api.params import period_or_none
from flis.quality.models import STATUSES
from flis.quality.report import build_report, correction_text
from flis.quality.workflow import FindingRecord, acknowledge, dismiss, get_finding, list_findings
from flis.web.deliveries import MONTHS, months_shown
from flis.web.login import safe_next
from flis.web.pages import Page, PageRoute, page, render

router = APIRouter(route_class=PageRoute)

ANSWERABLE = ("open", "acknowledged")


def _require(p: Page, code: int | None) -> None:
    """A finding without a municipality is only in the operator's administrators' scope (``all``)."""
    if not p.may_see_deliveries(code):  # type: ignore[arg-type]
        name = p.name(code) if code is not None else "–"
        raise Forbidden(p.t("quality.refused", name=name), hint=p.t("quality.refused_hint"))


@router.get("/quality")
def quality(municipality: str | None = Query(None),
            until: str | None = Query(None, pattern=r"^\d{4}(-\d{2})?$"),
            months: int = Query(MONTHS, ge=1, le=36), status: str | None = Query(None),
            p: Page = Depends(page)) -> Response:
    m = p.municipality(municipality)
    _require(p, m.code)
    shown = months_shown(p, until, months)
    wanted = {str(x) for x in shown}
    status = status if status in STATUSES else None
    found, _ = list_findings(p.services.store, municipality=m.code, status=status, limit=None)
    by_month: dict[str, list[FindingRecord]] = {str(x): [] for x in reversed(shown)}
    for f in found:
        if f.period in wanted:
            by_month[f.period].append(f)
    return render(p.request, "quality.html", t=p.t, municipality=m, municipalities=p.choices(),
                  by_month=by_month, total=sum(len(v) for v in by_month.values()), statuses=STATUSES,
                  chosen=status, answerable=ANSWERABLE, back=_here(p),
                  choose_municipality=p.principal.municipality is None)


def _here(p: Page) -> str:
    url = p.request.url
    return f"{url.path}?{url.query}" if url.query else url.path


def _answer(p: Page, finding_id: int) -> FindingRecord:
    record = get_finding(p.services.store, finding_id)
    _require(p, record.municipality)
    return record


def _back(back: str, finding_id: int) -> RedirectResponse:
    target = safe_next(back).split("#", 1)[0]
    return RedirectResponse(f"{target}#finding-{finding_id}", status_code=303)


@router.post("/quality/findings/{finding_id}/acknowledge")
def acknowledge_form(finding_id: int, back: str = Form("/quality"), p: Page = Depends(page)) -> Response:
    _answer(p, finding_id)
    acknowledge(p.services.store, finding_id, p.principal)
    return _back(back, finding_id)


@router.post("/quality/findings/{finding_id}/dismiss")
def dismiss_form(finding_id: int, reason: str = Form(""), back: str = Form("/quality"),
                 p: Page = Depends(page)) -> Response:
    _answer(p, finding_id)
    dismiss(p.services.store, finding_id, reason, p.principal)  # a blank reason: quality.reason_required
    return _back(back, finding_id)


@router.get("/quality/report")
def report(municipality: str | None = Query(None), period: str = Query(..., pattern=r"^\d{4}-\d{2}$"),
           p: Page = Depends(page)) -> Response:
    m = p.municipality(municipality)
    _require(p, m.code)
    month = period_or_none(period)
    with p.services.warehouse() as wh:
        result = build_report(wh.con, p.services.store, m.code, month)
    return render(p.request, "quality_report.html", t=p.t, report=result, municipality=m,
                  correction=lambda c: correction_text(c, p.lang))
