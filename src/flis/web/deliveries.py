"""Deliveries and quality: which source systems delivered, were rejected, are missing or late, month by
month (:func:`flis.web.matrix.delivery_matrix`), and one delivery's findings in plain language.

For data stewards (their own municipality) and the operator's administrators (any municipality), as the
policy says (:func:`flis.access.can_see_deliveries`).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from flis.api.errors import BadRequest, Forbidden
from flis.periods import Period, period_range
from flis.warehouse.deliveries import find_delivery
from flis.web.matrix import STATUSES, delivery_matrix
from flis.web.pages import Page, PageRoute, page, render

router = APIRouter(route_class=PageRoute)

MONTHS = 12
LETTERS = {"delivered": "status.delivered_letter", "late": "status.late_letter",
           "rejected": "status.rejected_letter", "missing": "status.missing_letter"}


def _require(p: Page, code: int) -> None:
    if not p.may_see_deliveries(code):
        raise Forbidden(p.t("deliveries.refused", name=p.name(code)), hint=p.t("deliveries.refused_hint"))


def months_shown(p: Page, until: str | None, months: int) -> list[Period]:
    """``months`` months up to ``until``, by default up to the latest period of the current release."""
    if until:
        end = Period.parse(until) if len(until) > 4 else Period(int(until), 12)
    else:
        view = p.services.view()
        latest = (view.latest_period(s) for s in view.series_ids())
        end = max((x for x in latest if x is not None), default=None) or Period.of(p.services.store.now().date())
    return period_range(end + (1 - months), months)


@router.get("/deliveries")
def deliveries(municipality: str | None = Query(None), until: str | None = Query(None, pattern=r"^\d{4}(-\d{2})?$"),
               months: int = Query(MONTHS, ge=1, le=36), p: Page = Depends(page)) -> Response:
    m = p.municipality(municipality)
    _require(p, m.code)
    shown = months_shown(p, until, months)
    with p.services.warehouse() as wh:
        matrix = delivery_matrix(wh.con, m.code, shown)
    return render(p.request, "deliveries.html", t=p.t, municipality=m, municipalities=p.choices(), matrix=matrix,
                  statuses=STATUSES, letters=LETTERS, counts={s: matrix.count(s) for s in STATUSES},
                  choose_municipality=p.principal.municipality is None)


@router.get("/deliveries/{delivery_id}")
def delivery(delivery_id: str, p: Page = Depends(page)) -> Response:
    if len(delivery_id) < 8:
        raise BadRequest(p.t("delivery.short_id"))
    with p.services.warehouse() as wh:
        info = find_delivery(wh.con, delivery_id)
    if info["municipality"] is None:
        raise Forbidden(p.t("delivery.no_municipality"))
    code = int(info["municipality"])
    _require(p, code)
    return render(p.request, "delivery.html", t=p.t, info=info, municipality_name=p.name(code), code=code)
