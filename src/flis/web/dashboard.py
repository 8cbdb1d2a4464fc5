"""The dashboard: where a municipality stands, at a glance.

Headline figures per domain (the first figures of each domain, in catalogue order, that have a value for
the municipality), each with its deviation from the national value and from the comparable
municipalities (the 5 nearest by the domain's structural conditions), a sparkline of its trend, the data's
freshness and what changed since the previous release.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from markupsafe import Markup

from flis.catalogue.model import Catalogue
from flis.compare import stats
from flis.compare.neighbours import DEFAULT_WEIGHTS
from flis.compare.release import ReleaseView
from flis.web import changes
from flis.web.charts import sparkline
from flis.web.pages import Page, PageRoute, page, render
from flis.web.standing import area_value, comparables, comparables_value, difference, verdict

router = APIRouter(route_class=PageRoute)

DOMAINS = tuple(d for d in DEFAULT_WEIGHTS if d != "general")
"""The domains in the order the pages show them."""
PER_DOMAIN = 2


@dataclass
class Headline:
    series_id: str
    name: str
    unit: str
    decimals: int
    direction: str
    period: str
    value: float | None
    national: float | None
    vs_national: float | None
    vs_national_verdict: str
    comparables: float | None
    vs_comparables: float | None
    vs_comparables_verdict: str
    rank: int | None
    of: int
    spark: Markup


def headline_series(view: ReleaseView, catalogue: Catalogue, municipality: int,
                    per_domain: int = PER_DOMAIN) -> dict[str, list[str]]:
    """Per domain, the first ``per_domain`` base figures (catalogue order) with a value for the
    municipality in their latest period."""
    chosen: dict[str, list[str]] = {d: [] for d in DOMAINS}
    known = set(view.series_ids())
    for figure in catalogue.figures.values():
        picked = chosen.setdefault(figure.domain, [])
        if len(picked) >= per_domain or figure.id not in known:
            continue
        latest = view.latest_period(figure.id)
        if latest is None:
            continue
        cells = view.cells(figure.id, latest)
        row = np.flatnonzero(cells.municipality == municipality)
        if len(row) and not np.isnan(cells.value[row[0]]):
            picked.append(figure.id)
    return {d: ids for d, ids in chosen.items() if ids}


def headline(p: Page, view: ReleaseView, series_id: str, municipality: int, members: list[int]) -> Headline:
    c = stats.compare(view, series_id, None, municipality)
    info = c.series
    national = area_value(c.national)
    comp = comparables_value(view, series_id, c.period, members)
    vs_nat, vs_comp = difference(c.value, national), difference(c.value, comp)
    spark = sparkline([pt.value for pt in c.trend.points],
                      [pt.national if pt.national is not None else pt.national_mean for pt in c.trend.points])
    return Headline(series_id, info.name_en if p.lang == "en" else info.name_da,
                    info.unit_en if p.lang == "en" else info.unit_da, info.decimals, info.direction, c.period,
                    c.value, national, vs_nat, verdict(vs_nat, info.direction, info.decimals), comp, vs_comp,
                    verdict(vs_comp, info.direction, info.decimals), c.rank, c.of, spark)


@router.get("/")
def dashboard(municipality: str | None = Query(None), p: Page = Depends(page)) -> Response:
    view = p.services.view()
    m = p.municipality(municipality)
    chosen = headline_series(view, p.services.catalogue, m.code)
    domains = []
    for domain, ids in chosen.items():
        comps = comparables(m.code, "nearest", domain, p.t)
        domains.append((domain, comps, [headline(p, view, sid, m.code, comps.members) for sid in ids]))
    all_ids = [sid for ids in chosen.values() for sid in ids]
    latest = max((h.period for _, _, hs in domains for h in hs), default=None)
    diff = changes.since_parent(p.services.home, view, all_ids, m.code)
    names = {sid: _name(view, sid, p.lang) for sid in all_ids}
    return render(p.request, "dashboard.html", t=p.t, municipality=m, municipalities=p.choices(),
                  domains=domains, latest=latest, release=view.release_id,
                  published=str(view.meta.get("published_at") or view.meta.get("created_at") or "")[:10],
                  changes=diff, series_names=names)


def _name(view: ReleaseView, series_id: str, lang: str) -> str:
    meta = view.series(series_id)
    return meta["name_en"] if lang == "en" else meta["name_da"]
