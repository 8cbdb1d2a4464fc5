"""The compare page: one municipality against its comparables over many figures at once.

Comparables are the 5 nearest municipalities by the domain's structural conditions (with why each is
near), the other members of the municipality's Statistics Denmark group, or of its region. Each figure's
row says whether the municipality does better or worse than the comparables' mean, taking the figure's
direction into account — in colour and in words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from flis.api.errors import BadRequest
from flis.compare import stats
from flis.compare.release import ReleaseView
from flis.web.dashboard import DOMAINS
from flis.web.pages import Page, PageRoute, page, render
from flis.web.standing import COMPARABLES, area_value, comparables, comparables_value, difference, verdict

router = APIRouter(route_class=PageRoute)


@dataclass
class Row:
    series_id: str
    name: str
    unit: str
    decimals: int
    period: str
    value: float | None
    comparables: float | None
    national: float | None
    rank: int | None
    of: int
    difference: float | None
    verdict: str


@router.get("/compare")
def compare_page(municipality: str | None = Query(None), comparables_kind: str = Query("nearest", alias="comparables"),
                 domain: str = Query(DOMAINS[0]), p: Page = Depends(page)) -> Response:
    if comparables_kind not in COMPARABLES:
        raise BadRequest(p.t("compare.bad_kind", kind=comparables_kind), hint=", ".join(COMPARABLES))
    if domain and domain not in DOMAINS:
        raise BadRequest(p.t("compare.bad_domain", domain=domain), hint=", ".join(DOMAINS))
    view = p.services.view()
    m = p.municipality(municipality)
    comps = comparables(m.code, comparables_kind, domain or None, p.t)
    known = set(view.series_ids())
    rows = []
    for figure in p.services.catalogue.figures.values():
        if (domain and figure.domain != domain) or figure.id not in known or not view.periods(figure.id):
            continue
        rows.append(_row(p, view, figure.id, m.code, comps.members))
    counts = {v: sum(r.verdict == v for r in rows) for v in ("better", "worse", "same", "neutral")}
    return render(p.request, "compare.html", t=p.t, municipality=m, municipalities=p.choices(), domain=domain,
                  domains=DOMAINS, kind=comparables_kind, kinds=COMPARABLES, comparables=comps, rows=rows,
                  counts=counts)


def _row(p: Page, view: ReleaseView, series_id: str, municipality: int, members: list[int]) -> Row:
    """One figure's row in its latest period. The rank is ``stats.competition_ranks`` over the
    municipalities with a value, as in ``stats.compare``; the page does not call ``stats.compare`` itself
    because that also builds a 36-period trend, which this table does not show and which would be most of
    the time of a page of 250 figures."""
    info = stats.series_info(view, series_id)
    period = stats.resolve_period(view, series_id, None)
    cells = view.cells(series_id, period)
    have = ~np.isnan(cells.value)
    values, codes = cells.value[have], cells.municipality[have]
    at = np.flatnonzero(codes == municipality)
    value = float(values[at[0]]) if len(at) else None
    rank = int(stats.competition_ranks(values, info.direction)[at[0]]) if len(at) else None
    national = view.group(series_id, "country", "DK", period)
    comp = comparables_value(view, series_id, period, members)
    diff = difference(value, comp)
    en = p.lang == "en"
    return Row(series_id, info.name_en if en else info.name_da, info.unit_en if en else info.unit_da,
               info.decimals, str(period), value, comp, area_value(national), rank, int(have.sum()), diff,
               verdict(diff, info.direction, info.decimals))
