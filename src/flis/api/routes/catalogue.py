"""``/api/v1/catalogue``: every published series, searchable, with its full definition."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from flis.access import Principal
from flis.api.auth import services, user
from flis.api.errors import NotFound
from flis.api.formats import Format, table_response
from flis.api.params import Paging, paging
from flis.catalogue.model import Measure, Series

router = APIRouter(tags=["catalogue"])

COLUMNS = ["id", "figure", "domain", "name_da", "name_en", "unit_en", "unit_da", "level", "direction", "display",
           "dimension", "category"]


def summary(s: Series) -> dict:
    f = s.figure
    return {"id": s.id, "figure": f.id, "domain": f.domain, "name_da": s.names.da, "name_en": s.names.en,
            "unit_en": f.unit.en, "unit_da": f.unit.da, "level": f.level, "direction": f.direction,
            "display": f.display, "dimension": s.dimension.name if s.dimension else None, "category": s.category}


def _measure(m: Measure | None) -> dict | None:
    if m is None:
        return None
    return {"measure": m.measure, "of": m.of_text, "table": m.source.id, "where": m.where_text,
            "attribution": m.attribution, "level": m.level, "percentile": m.percentile, "text": m.describe()}


def definition(s: Series) -> dict:
    f = s.figure
    out = summary(s)
    out.update({
        "description": f.description, "definition": s.definition(), "kind": f.kind, "scale": f.scale,
        "decimals": f.decimals, "drill": f.drill, "numerator": _measure(f.numerator),
        "denominator": _measure(f.denominator), "rolling_months": f.rolling, "change_of": f.change_of,
        "source": f.source,
        "variants": [{"dimension": d.name, "name_en": d.names.en, "name_da": d.names.da,
                      "categories": list(d.bands or d.categories)} for d in f.variants],
    })
    return out


def matches(s: Series, words: list[str]) -> bool:
    text = f"{s.id} {s.names.da} {s.names.en} {s.figure.description}".lower()
    return all(w in text for w in words)


@router.get("/catalogue", summary="List or search the published series")
def list_catalogue(request: Request, q: str | None = Query(None, description="Words that must all occur in "
                                                                                "the id, names or description."),
                   domain: str | None = Query(None, description="Only this domain, e.g. schools."),
                   figures_only: bool = Query(False, description="Base figures only, not their breakdowns."),
                   format: Format = Format.json, paging: Paging = Depends(paging),
                   principal: Principal = Depends(user)):
    catalogue = services(request).catalogue
    words = (q or "").lower().split()
    rows = [summary(s) for s in catalogue.series
            if (domain is None or s.figure.domain == domain) and (not figures_only or s.dimension is None)
            and matches(s, words)]
    page = rows if format is not Format.json else paging.cut(rows)
    return table_response(format, "catalogue", COLUMNS, page,
                          {"catalogue_version": catalogue.version, **paging.envelope(request, len(rows))})


@router.get("/catalogue/{series_id}", summary="One series' full definition")
def show_series(series_id: str, request: Request, principal: Principal = Depends(user)) -> dict:
    s = services(request).series_by_id.get(series_id)
    if s is None:
        raise NotFound(f"no series {series_id!r} in the catalogue", hint="search with /api/v1/catalogue?q=")
    return definition(s)
