"""Maps of the 98 municipalities: a choropleth on real boundaries, or on a tile grid that always works.

The tile grid needs no files: each municipality is one square placed from its centre point
(``flis.reference``), so neighbours stay roughly neighbours. When the operator has imported real
boundaries (``flis geo import``, :mod:`flis.web.geo`), the same function draws them instead.

Both are drawn as filled Plotly scatter traces on hidden cartesian axes: the browser renders plain
SVG paths, so the map needs no map tiles, no projection data and no internet.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale, unlabel_rgb

from flis import reference
from flis.web import geo, i18n

log = logging.getLogger(__name__)

TILE_KM = 20.0
"""Side of a tile in kilometres of the real map: small enough for a 16 x 16 grid, coarse enough that the
dense capital area spreads over only a few extra tiles."""
BORNHOLM = 400
BORNHOLM_SHIFT_KM = 100.0
"""Bornholm is drawn this much closer to Zealand, as on most maps of Denmark (an inset in all but name)."""
COLORSCALE = "YlGnBu"
"""Sequential (light = low, dark = high) and readable by colour-blind users (ColorBrewer)."""
MISSING_COLOUR = "#bdbdbd"
HIGHLIGHT_COLOUR = "#d6005c"
BORDER_COLOUR = "#ffffff"
TILE_SIZE = 0.92
TEXT = {
    "da": {"missing": "ingen værdi", "source": "Kommunegrænser: DAGI",
           "grid": "Kortet viser én firkant per kommune"},
    "en": {"missing": "no value", "source": "Municipal boundaries: DAGI",
           "grid": "One square per municipality"},
}


# -- the tile grid ----------------------------------------------------------------------------------

def _plane_km() -> tuple[list[int], np.ndarray]:
    """Centre points in kilometres east/north (a flat projection around Denmark's latitude)."""
    ms = reference.municipalities()
    km = 111.32
    squeeze = math.cos(math.radians(geo.MID_LATITUDE))
    xy = np.array([[m.centre_lon * squeeze * km, m.centre_lat * km] for m in ms])
    codes = [m.code for m in ms]
    xy[codes.index(BORNHOLM), 0] -= BORNHOLM_SHIFT_KM
    return codes, xy


@lru_cache(maxsize=1)
def tile_grid() -> dict[int, tuple[int, int]]:
    """One (column, row) per municipality, west to east and south to north, counted from 0.

    Each centre point is scaled to the grid; the most crowded municipalities choose first and take the
    nearest free cell, then pairs of tiles swap while that brings both closer to their real places.
    Deterministic (fixed orders, ties broken by code), computed once per process.
    """
    codes, xy = _plane_km()
    target = (xy - xy.min(axis=0)) / TILE_KM
    gap = np.hypot(*(target[:, None, :] - target[None, :, :]).transpose(2, 0, 1))
    crowd = (gap < 1.5).sum(axis=1)
    order = sorted(range(len(codes)), key=lambda i: (-crowd[i], codes[i]))
    taken: set[tuple[int, int]] = set()
    cell: dict[int, tuple[int, int]] = {}
    for i in order:
        cell[i] = _nearest_free(target[i], taken)
        taken.add(cell[i])
    _improve_by_swaps(cell, target)
    cols = min(c for c, _ in cell.values())
    rows = min(r for _, r in cell.values())
    return {codes[i]: (c - cols, r - rows) for i, (c, r) in sorted(cell.items(), key=lambda kv: codes[kv[0]])}


def _nearest_free(point: np.ndarray, taken: set[tuple[int, int]]) -> tuple[int, int]:
    c0, r0 = int(round(point[0])), int(round(point[1]))
    for radius in range(0, 50):
        ring = [(c, r) for c in range(c0 - radius - 1, c0 + radius + 2)
                for r in range(r0 - radius - 1, r0 + radius + 2) if (c, r) not in taken]
        if ring:
            return min(ring, key=lambda cr: ((cr[0] - point[0]) ** 2 + (cr[1] - point[1]) ** 2, cr))
    raise AssertionError("no free cell near a municipality")  # 98 tiles never fill a 100 x 100 square


def _improve_by_swaps(cell: dict[int, tuple[int, int]], target: np.ndarray) -> None:
    def cost(i: int, cr: tuple[int, int]) -> float:
        return float((cr[0] - target[i][0]) ** 2 + (cr[1] - target[i][1]) ** 2)

    improved = True
    while improved:
        improved = False
        for i in sorted(cell):
            for j in sorted(cell):
                if j <= i:
                    continue
                a, b = cell[i], cell[j]
                if cost(i, b) + cost(j, a) < cost(i, a) + cost(j, b) - 1e-9:
                    cell[i], cell[j] = b, a
                    improved = True


def municipality_name(code: int, lang: str) -> str:
    m = reference.municipality(code)
    return m.name_en if lang == "en" else m.name


@lru_cache(maxsize=2)
def short_names(lang: str = "da") -> dict[int, str]:
    """A unique three-letter label per municipality: the first three letters, or where two names share
    them, the initial and the two letters after the part they share (Frederiksberg 'Fbe',
    Fredericia 'Fci')."""
    names = {m.code: municipality_name(m.code, lang) for m in reference.municipalities()}
    first3: dict[str, list[int]] = {}
    for code, name in names.items():
        first3.setdefault(name[:3].casefold(), []).append(code)
    out = {}
    for code, name in names.items():
        rivals = [names[c] for c in first3[name[:3].casefold()] if c != code]
        if not rivals:
            out[code] = name[:3]
            continue
        shared = max(len(_common_prefix(name.casefold(), r.casefold())) for r in rivals)
        rest = name[shared:].replace("-", "").replace(" ", "")
        out[code] = name[0] + rest[:2].lower()
    assert len(set(out.values())) == len(out), "short names must be unique"
    return out


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


# -- shapes to draw ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    """One municipality as a drawable path: x/y with None between separately filled parts."""

    code: int
    x: list[float | None]
    y: list[float | None]
    label_at: tuple[float, float]
    area: float
    outline_x: list[float | None]
    """The rings themselves (the fill path may join a hole to its outer ring)."""
    outline_y: list[float | None]


@lru_cache(maxsize=1)
def tile_shapes() -> list[Shape]:
    half = TILE_SIZE / 2
    out = []
    for code, (c, r) in tile_grid().items():
        xs = [c - half, c + half, c + half, c - half, c - half]
        ys = [r - half, r - half, r + half, r + half, r - half]
        out.append(Shape(code, xs, ys, (float(c), float(r)), 1.0, xs, ys))
    return out


@lru_cache(maxsize=2)
def boundary_shapes(boundaries: geo.Boundaries) -> list[Shape]:
    """Largest first, so that an enclave (Frederiksberg inside København) is drawn on top. Cached per
    loaded file (``geo.load_boundaries`` returns the same object until the file changes)."""
    out = []
    for code, polygons in boundaries.polygons.items():
        xs, ys = _join([_keyhole(p) for p in polygons])
        ox, oy = _join([ring for p in polygons for ring in p])
        largest = max(polygons, key=lambda p: abs(geo.signed_area(p[0])))
        area = sum(abs(geo.signed_area(p[0])) for p in polygons)
        out.append(Shape(code, xs, ys, _centroid(largest[0]), area, ox, oy))
    return sorted(out, key=lambda s: (-s.area, s.code))


def _join(paths: list[np.ndarray]) -> tuple[list[float | None], list[float | None]]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for path in paths:
        xs += path[:, 0].tolist() + [None]
        ys += path[:, 1].tolist() + [None]
    return xs[:-1], ys[:-1]


def _keyhole(polygon: geo.Polygon) -> np.ndarray:
    """One closed path for an outer ring with holes: each hole is entered from the nearest outer vertex
    and left the same way, so a filled path leaves it empty (holes run the other way round)."""
    path = polygon[0]
    for hole in polygon[1:]:
        k = int(np.argmin(np.hypot(*(path - hole[0]).T)))
        path = np.vstack([path[:k + 1], hole, path[k:]])
    return path


def _centroid(ring: np.ndarray) -> tuple[float, float]:
    x, y = ring[:, 0], ring[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    area = cross.sum() / 2
    if area == 0:
        return float(x.mean()), float(y.mean())
    return (float(((x[:-1] + x[1:]) * cross).sum() / (6 * area)),
            float(((y[:-1] + y[1:]) * cross).sum() / (6 * area)))


# -- the figure -------------------------------------------------------------------------------------

def format_value(value: float | None, lang: str = "da") -> str:
    """A number as the portal writes it (:func:`flis.web.i18n.number`), with fewer decimals when large."""
    if not _present(value):
        return TEXT[lang]["missing"]
    return i18n.number(value, 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2, lang)


def _present(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _hover(code: int, value: float | None, unit: str, lang: str) -> str:
    number = format_value(value, lang)
    return f"{municipality_name(code, lang)}: {number}{' ' + unit if unit and _present(value) else ''}"


def _text_colour(fill: str) -> str:
    if fill.startswith("#"):
        r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    else:
        r, g, b = unlabel_rgb(fill)
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#ffffff"


def _colours(values: dict[int, float | None], codes: list[int]
             ) -> tuple[dict[int, str], tuple[float, float] | None]:
    wanted = set(codes)
    present = {c: float(v) for c, v in values.items() if _present(v) and c in wanted}
    if not present:
        return {c: MISSING_COLOUR for c in codes}, None
    low, high = min(present.values()), max(present.values())
    span = (high - low) or 1.0
    sampled = sample_colorscale(COLORSCALE, [(present[c] - low) / span for c in sorted(present)])
    colour = dict(zip(sorted(present), sampled))
    return {c: colour.get(c, MISSING_COLOUR) for c in codes}, (low, high if high > low else low + 1.0)


def choropleth(values: dict[int, float | None], *, title: str, unit: str, highlight: int | None = None,
               lang: str = "da", home: Path | None = None) -> go.Figure:
    """The 98 municipalities coloured by value; real boundaries when imported, else the tile grid.

    Missing municipalities (absent from ``values`` or None) are grey; ``highlight`` is outlined.
    ``layout.meta["map"]`` says which map was drawn ("boundaries" or "tile-grid").
    """
    lang = "en" if lang == "en" else "da"
    boundaries = _boundaries(home)
    shapes = boundary_shapes(boundaries) if boundaries else tile_shapes()
    fills, scale = _colours(values, [s.code for s in shapes])
    data: list[dict] = []
    for s in shapes:
        data.append(dict(type="scatter", x=s.x, y=s.y, mode="lines", fill="toself", fillcolor=fills[s.code],
                         line=dict(color=BORDER_COLOUR, width=_border_width(s, boundaries)), hoveron="fills",
                         hoverinfo="text", text=_hover(s.code, values.get(s.code), unit, lang),
                         name=municipality_name(s.code, lang), showlegend=False))
    if boundaries is None:
        data.append(_tile_labels(shapes, fills, values, unit, lang))
    elif any(s.x != s.outline_x for s in shapes):
        data.append(_borders([s for s in shapes if s.x != s.outline_x]))
    if highlight is not None and any(s.code == highlight for s in shapes):
        data += _highlight(next(s for s in shapes if s.code == highlight), boundaries is not None, lang)
    if scale:
        data.append(dict(type="scatter", x=[None], y=[None], mode="markers", hoverinfo="skip",
                         showlegend=False,
                         marker=dict(colorscale=COLORSCALE, cmin=scale[0], cmax=scale[1], color=[scale[0]],
                                     showscale=True, colorbar=dict(title=dict(text=unit), thickness=14))))
    if any(f == MISSING_COLOUR for f in fills.values()):
        data.append(dict(type="scatter", x=[None], y=[None], mode="markers", name=TEXT[lang]["missing"],
                         showlegend=True,
                         marker=dict(symbol="square", size=12, color=MISSING_COLOUR), hoverinfo="skip"))
    return go.Figure(data=data, layout=_layout(title, lang, boundaries))


def _boundaries(home: Path | None) -> geo.Boundaries | None:
    try:
        return geo.load_boundaries(home)
    except geo.GeoStoreDamaged as exc:
        log.warning("drawing the tile grid: %s", exc)
        return None


def _tile_labels(shapes: list[Shape], fills: dict[int, str], values: dict, unit: str, lang: str) -> dict:
    labels = short_names(lang)
    return dict(type="scatter", mode="text", x=[s.label_at[0] for s in shapes],
                y=[s.label_at[1] for s in shapes],
                text=[labels[s.code] for s in shapes],
                textfont=dict(size=9, color=[_text_colour(fills[s.code]) for s in shapes]),
                hoverinfo="text", hovertext=[_hover(s.code, values.get(s.code), unit, lang) for s in shapes],
                showlegend=False)


def _border_width(shape: Shape, boundaries: geo.Boundaries | None) -> float:
    """Tiles have gaps instead of borders; a shape with holes gets its border from ``_borders`` (its fill path
    has seams where it joins the holes)."""
    return 0.6 if boundaries is not None and shape.x == shape.outline_x else 0.0


def _borders(shapes: list[Shape]) -> dict:
    """The borders of shapes with holes as one thin white line, drawn apart from their fills."""
    xs, ys = [], []
    for s in shapes:
        xs += s.outline_x + [None]
        ys += s.outline_y + [None]
    return dict(type="scatter", x=xs, y=ys, mode="lines", line=dict(color=BORDER_COLOUR, width=0.6),
                hoverinfo="skip", showlegend=False)


def _highlight(shape: Shape, real: bool, lang: str) -> list[dict]:
    name = municipality_name(shape.code, lang)
    out = [dict(type="scatter", x=shape.outline_x, y=shape.outline_y, mode="lines",
                line=dict(color=HIGHLIGHT_COLOUR, width=3),
                hoverinfo="skip", name=name, showlegend=True)]
    if real:
        out.append(dict(type="scatter", mode="text", x=[shape.label_at[0]], y=[shape.label_at[1]],
                        text=[name],
                        textposition="top center", textfont=dict(size=12, color="#000000"), hoverinfo="skip",
                        showlegend=False))
    return out


def _layout(title: str, lang: str, boundaries: geo.Boundaries | None) -> dict:
    hidden = dict(visible=False, showgrid=False, zeroline=False, constrain="domain")
    # Real boundaries are drawn in lon/lat: stretching latitude by 1/cos(56°) keeps Denmark's true shape.
    ratio = 1 / math.cos(math.radians(geo.MID_LATITUDE)) if boundaries else 1.0
    note = TEXT[lang]["source"] if boundaries else TEXT[lang]["grid"]
    return dict(title=dict(text=title), xaxis=hidden, yaxis=dict(hidden, scaleanchor="x", scaleratio=ratio),
                plot_bgcolor="#ffffff", paper_bgcolor="#ffffff", margin=dict(l=10, r=10, t=50, b=30),
                height=560,
                legend=dict(orientation="h", x=0, y=0, yanchor="top"), hovermode="closest",
                separators=",." if lang == "da" else ".,",
                annotations=[dict(text=note, showarrow=False, xref="paper", yref="paper", x=1, y=0,
                                  xanchor="right", yanchor="top", font=dict(size=10, color="#555555"))],
                meta={"map": "boundaries" if boundaries else "tile-grid"})
