"""The key-figure explorer (search and domain filter over every series) and the figure page.

The search is the API's (:func:`flis.api.routes.catalogue.matches`: every word must occur in the id, the
Danish or English name or the description), and the definition shown is the API's
(:func:`flis.api.routes.catalogue.definition`), so the portal and the API never disagree.
"""

from __future__ import annotations

import math

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from flis.api.errors import NotFound
from flis.api.params import Track, period_or_none
from flis.api.routes.catalogue import definition, matches, summary
from flis.compare import neighbours, stats
from flis.web import charts, maps
from flis.web.dashboard import DOMAINS
from flis.web.pages import Page, PageRoute, page, relative, render
from flis.web.standing import area_value, comparables, comparables_value, difference, set_value, verdict

router = APIRouter(route_class=PageRoute)

PAGE_SIZE = 50


@router.get("/figures")
def explorer(q: str = Query("", max_length=200), domain: str = Query(""), figures_only: bool = Query(False),
             page_number: int = Query(1, alias="page", ge=1), p: Page = Depends(page)) -> Response:
    catalogue = p.services.catalogue
    words = q.lower().split()
    rows = [summary(s) for s in catalogue.series
            if (not domain or s.figure.domain == domain) and (not figures_only or s.dimension is None)
            and matches(s, words)]
    pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
    number = min(page_number, pages)
    shown = rows[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
    return render(p.request, "explorer.html", t=p.t, q=q, domain=domain, domains=DOMAINS,
                  figures_only=figures_only, rows=shown, total=len(rows), page_number=number, pages=pages,
                  previous=relative(p.request, page=number - 1) if number > 1 else None,
                  next=relative(p.request, page=number + 1) if number < pages else None)


@router.get("/figures/{series_id}")
def figure(series_id: str, municipality: str | None = Query(None), period: str | None = Query(None),
           track: Track = Query(Track.corrected), p: Page = Depends(page)) -> Response:
    series = p.services.series_by_id.get(series_id)
    if series is None:
        raise NotFound(p.t("figure.unknown", id=series_id), hint=p.t("figure.unknown_hint"))
    view = p.services.view_on(track)
    m = p.municipality(municipality)
    dist = stats.distribution(view, series_id, period_or_none(period))
    info = dist.series
    en = p.lang == "en"
    name, unit = (info.name_en, info.unit_en) if en else (info.name_da, info.unit_da)
    comps = comparables(m.code, "nearest", info.domain, p.t)
    national = area_value(dist.national)
    comp_value = comparables_value(view, series_id, dist.period, comps.members)
    own = next((e for e in dist.entries if e.municipality == m.code), None)
    value = own.value if own else None
    trend = stats.trend(view, series_id, m.code, 36, end=dist.period)
    comp_series = ([set_value(m) for m in neighbours.comparison_means(view, series_id,
                                                                       [pt.period for pt in trend.points],
                                                                       comps.members)]
                   if comps.members else [None] * len(trend.points))
    names = {code: p.name(code) for code in (e.municipality for e in dist.entries)}
    bars = charts.ranked_bars(dist, own=m.code, comparables=comps.members, national=national, t=p.t, unit=unit,
                              names=names)
    series_chart = charts.time_series(trend, comp_series, t=p.t, unit=unit, name=names.get(m.code, m.name),
                                      decimals=info.decimals)
    the_map = maps.choropleth({e.municipality: e.value for e in dist.entries}, title=name, unit=unit,
                              highlight=m.code, lang=p.lang, home=p.services.home)
    the_map.update_layout(font=charts.FONT, title=dict(x=0, xanchor="left"))
    vs_nat, vs_comp = difference(value, national), difference(value, comp_value)
    api = f"/api/v1/figures/{series_id}?period={dist.period}&track={view.track}"
    flags = {e.municipality: p.services.flags(view, series_id, e.municipality, dist.period) for e in dist.entries}
    applied = [c for c in view.corrections if c["period"] == dist.period]
    return render(
        p.request, "figure.html", t=p.t, series=series, info=info, name=name, unit=unit,
        definition=definition(series), municipality=m, municipalities=p.choices(), period=dist.period,
        periods=[str(x) for x in reversed(view.periods(series_id))], dist=dist, own=own, value=value,
        national=national, comparables=comps, comparables_value=comp_value,
        vs_national=vs_nat, vs_national_verdict=verdict(vs_nat, info.direction, info.decimals),
        vs_comparables=vs_comp, vs_comparables_verdict=verdict(vs_comp, info.direction, info.decimals),
        members=set(comps.members), names=names, charts={"bars": charts.embed(bars),
                                                         "series": charts.embed(series_chart),
                                                         "map": charts.embed(the_map)},
        csv_url=f"{api}&format=csv", xlsx_url=f"{api}&format=xlsx", track=view.track, flags=flags,
        applied=applied, corrections_count=len(view.corrections),
        drill_url=(f"/drill/{series_id}?municipality={m.code}&period={dist.period}"
                   if p.may_drill(m.code) else None))
