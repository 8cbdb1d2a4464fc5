"""Aggregate figures: values, the distribution over all municipalities, one municipality compared, time
series and comparable municipalities. Everybody who may use flis sees every municipality's aggregates."""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from flis import reference
from flis.access import Principal
from flis.api.auth import services, user
from flis.api.errors import BadRequest
from flis.api.formats import Format, table_response
from flis.api.params import TRACK, Paging, paging, Track, jsonable, municipality_code, period_or_none
from flis.compare import neighbours, stats
from flis.compare.release import ReleaseView

router = APIRouter(tags=["figures"])

VALUE_COLUMNS = ["series_id", "period", "municipality", "name", "value", "numerator", "denominator", "track",
                 "flags"]
TREND_COLUMNS = ["period", "value", "numerator", "denominator", "national", "national_mean", "comparables",
                 "comparables_mean", "track", "flags"]


def _envelope(view: ReleaseView, series_id: str) -> dict:
    meta = view.series(series_id)
    return {"release": view.release_id, "series_id": series_id, "name_en": meta["name_en"],
            "name_da": meta["name_da"], "unit_en": meta["unit_en"], "unit_da": meta["unit_da"],
            "decimals": meta["decimals"], "track": view.track}


def _rows(request: Request, view: ReleaseView, series_id: str, cells) -> list[dict]:
    svc = services(request)
    out = []
    for m, p, n, d, v in zip(cells.municipality, cells.period, cells.numerator, cells.denominator, cells.value):
        code = int(m)
        out.append(jsonable({"series_id": series_id, "period": str(_period(p)), "municipality": code,
                             "name": reference.municipality(code).name, "value": float(v), "numerator": float(n),
                             "denominator": float(d), "track": view.track,
                             "flags": svc.flags(view, series_id, code, int(p))}))
    return out


def _period(month: int):
    from flis.periods import Period
    return Period.from_index(int(month))


@router.get("/figures/{series_id}", summary="A series' values: one period for all municipalities, or all "
                                             "periods of chosen municipalities")
async def values(series_id: str, request: Request,
           period: str | None = Query(None, description="YYYY-MM (YYYY for annual figures); default the latest. "
                                                        "Ignored when municipality is given without a period."),
           municipality: list[str] = Query([], description="Municipality code or name (repeatable)."),
           format: Format = Format.json, paging: Paging = Depends(paging), track: Track = TRACK,
           principal: Principal = Depends(user)):
    view = services(request).view_on(track)
    codes = [municipality_code(m) for m in municipality]
    if codes and period is None:
        rows = [r for code in codes for r in _rows(request, view, series_id, view.timeseries(series_id, code))]
    else:
        p = stats.resolve_period(view, series_id, period_or_none(period))
        rows = _rows(request, view, series_id, view.cells(series_id, p))
        if codes:
            rows = [r for r in rows if r["municipality"] in codes]
    page = rows if format is not Format.json else paging.cut(rows)
    return table_response(format, series_id, VALUE_COLUMNS, page,
                          {**_envelope(view, series_id), **paging.envelope(request, len(rows))})


@router.get("/figures/{series_id}/distribution", summary="All municipalities ranked in one period, with "
                                                          "quartiles and the national value")
async def distribution(series_id: str, request: Request, period: str | None = Query(None),
                 format: Format = Format.json, track: Track = TRACK,
                 principal: Principal = Depends(user)):
    view = services(request).view_on(track)
    d = stats.distribution(view, series_id, period_or_none(period))
    if format is not Format.json:
        rows = [{"series_id": series_id, "period": d.period, **jsonable(e), "track": view.track} for e in d.entries]
        return table_response(format, f"{series_id}_{d.period}", ["series_id", "period", "rank", "municipality",
                                                                  "name", "value", "numerator", "denominator",
                                                                  "percentile", "track"], rows)
    return JSONResponse({"release": view.release_id, "track": view.track, **jsonable(d)})


@lru_cache(maxsize=4096)
def _default_nearest(municipality: int, domain: str | None, k: int) -> tuple:
    """Nearest neighbours with the domain's default weights never change while the server runs."""
    return tuple(neighbours.nearest(municipality, domain, k))


def _comparables(municipality: int, kind: str, domain: str | None, k: int) -> tuple[str, list[int], list]:
    if kind in ("region", "komgrp"):
        group = neighbours.static_group(municipality, kind)
        return f"{kind} {group.name}", [m for m in group.members if m != municipality], []
    if kind == "nearest":
        near = list(_default_nearest(municipality, domain, k))
        return f"{k} nearest ({domain or 'general'})", [n.municipality for n in near], near
    raise BadRequest(f"comparables: unknown kind {kind!r}", hint="use komgrp, region or nearest")


@router.get("/compare/{series_id}", summary="One municipality against all, its region, its group, the country "
                                             "and its comparable municipalities")
async def compare(series_id: str, request: Request,
            municipality: str = Query(..., description="Municipality code or name."),
            period: str | None = Query(None), comparables: str = Query("nearest", description="komgrp, region "
                                                                                             "or nearest."),
            k: int = Query(5, ge=1, le=20, description="How many nearest neighbours."),
            track: Track = TRACK, principal: Principal = Depends(user)) -> JSONResponse:
    svc = services(request)
    view = svc.view_on(track)
    code = municipality_code(municipality)
    result = stats.compare(view, series_id, period_or_none(period), code)
    label, members, near = _comparables(code, comparables, result.series.domain, k)
    mean = neighbours.comparison_mean(view, series_id, result.period, members)
    return JSONResponse({"release": view.release_id, "track": view.track,
                         "flags": svc.flags(view, series_id, code, str(result.period)), **jsonable(result),
                         "comparables": {"kind": comparables, "label": label, "members": members,
                                         "weighted": mean.weighted, "unweighted": mean.unweighted,
                                         "missing": mean.missing,
                                         "neighbours": [{"municipality": n.municipality, "name": n.name,
                                                         "distance": n.distance, "why": n.why} for n in near]}})


@router.get("/timeseries/{series_id}", summary="A municipality's series over time beside the national and "
                                                "comparables' values")
async def timeseries(series_id: str, request: Request, municipality: str = Query(...),
               periods: int = Query(36, ge=1, le=240), comparables: str = Query("komgrp"),
               format: Format = Format.json, track: Track = TRACK,
               principal: Principal = Depends(user)):
    svc = services(request)
    view = svc.view_on(track)
    code = municipality_code(municipality)
    t = stats.trend(view, series_id, code, periods)
    info = view.series(series_id)
    _, members, _ = _comparables(code, comparables, info["domain"], 5)
    rows = []
    periods = [point.period for point in t.points]
    means = neighbours.comparison_means(view, series_id, periods, members)
    flags = svc.flags_for(view, series_id, code, periods)
    for point, mean, flagged in zip(t.points, means, flags):
        rows.append({"period": point.period, "value": point.value, "numerator": point.numerator,
                     "denominator": point.denominator, "national": point.national,
                     "national_mean": point.national_mean, "comparables": mean.weighted,
                     "comparables_mean": mean.unweighted, "track": view.track, "flags": flagged})
    if format is not Format.json:
        return table_response(format, f"{series_id}_{code}", TREND_COLUMNS, rows)
    return JSONResponse({**_envelope(view, series_id), "municipality": code, "latest": t.period,
                         "value": t.value, "changes": jsonable(t.changes),
                         "comparables": {"kind": comparables, "members": members}, "columns": TREND_COLUMNS,
                         "rows": rows})


@router.get("/neighbours/{municipality}", summary="The municipalities most comparable to one, and why")
async def nearest(municipality: str, request: Request, domain: str | None = Query(None),
            k: int = Query(5, ge=1, le=20),
            weight: list[str] = Query([], description="Override a condition's weight: name=number "
                                                      "(repeatable), e.g. weight=share_80_plus=3."),
            principal: Principal = Depends(user)) -> dict:
    overrides = {}
    for item in weight:
        name, sep, value = item.partition("=")
        if not sep:
            raise BadRequest(f"weight: {item!r} is not name=number")
        overrides[name.strip()] = value.strip()
    code = municipality_code(municipality)
    found = neighbours.nearest(code, domain, k, overrides)
    return {"municipality": code, "domain": domain or "general",
            "weights": neighbours.weights_for(domain, overrides), "neighbours": jsonable(found)}


@router.get("/municipalities", summary="The 98 municipalities with region and municipality group")
async def municipalities(request: Request, principal: Principal = Depends(user)) -> dict:
    return {"municipalities": [
        {"code": m.code, "name": m.name, "region": m.region_code, "region_name": m.region.name,
         "komgrp": m.group_code, "komgrp_name": m.group.name, "population": m.population}
        for m in reference.municipalities()]}
