"""Real municipality boundaries: import an operator's DAGI file once, draw it from a small stored copy.

Boundaries are operator-supplied data (see ARCHITECTURE.md, "Reference data and geography"):
``flis geo import PATH`` reads a GeoJSON or TopoJSON file of the municipalities, as published by
DAGI (Dataforsyningen) or as found in common repositories, and stores a simplified GeoJSON copy as
``FLIS_HOME/geo/municipalities.geojson``. Without that file the maps fall back to the tile grid
(:mod:`flis.web.maps`), so nothing here is needed for a map to work.

What the import does, in order:

1. read the JSON and recognise GeoJSON (``FeatureCollection``/``Feature``) or TopoJSON (``Topology``);
   TopoJSON arcs are decoded here (quantised, delta-encoded positions and the ``transform``), so no
   GIS library is needed;
2. bring the coordinates to longitude/latitude: CRS84/EPSG:4326/EPSG:4258 are used as they are,
   ETRS89 / UTM zone 32N (EPSG:25832, DAGI's own system) is converted;
3. simplify every line with Douglas-Peucker (a tolerance in metres). TopoJSON is simplified arc by
   arc, so neighbours keep one shared border; GeoJSON ring by ring (gaps stay far below a pixel);
4. match each feature to a municipality code through a property such as ``KOMKODE``, ``kode`` or
   ``kommunekode`` (4-digit DAGI code ``0101`` or 3-digit ``101``), and insist on all 98.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from flis import reference
from flis.errors import FlisError
from flis.settings import get_settings

STORE = ("geo", "municipalities.geojson")
DEFAULT_TOLERANCE_M = 150.0
"""Douglas-Peucker tolerance: a national map is ~600 px wide for ~450 km, so 150 m is a quarter pixel."""
CODE_KEYS = ("kommunekode", "komkode", "kode", "dagi_code", "municipality_code", "municipality", "code")
"""Feature properties that can hold the municipality code, in order of preference (any letter case)."""
NAME_KEYS = ("komnavn", "kommunenavn", "navn", "name")
OUTSIDE_MUNICIPALITIES = {411: "Christiansø"}
"""Areas in DAGI files that belong to no municipality: skipped on import, named in the report."""
DENMARK = (7.5, 54.4, 15.6, 58.0)
"""A generous lon/lat box around Denmark, used to recognise swapped or foreign coordinates."""
MID_LATITUDE = 56.0
METRES_PER_DEGREE = 111_320.0
DECIMALS = 4
"""Stored coordinates are rounded to 1e-4 degrees (about 10 m), far below the simplification."""

Ring = np.ndarray
"""An (n, 2) array of lon/lat points, closed (first point == last point)."""
Polygon = list[Ring]
"""The outer ring first, then its holes."""


class GeoFileUnreadable(FlisError):
    """The boundary file cannot be read as GeoJSON or TopoJSON."""

    code = "geo.unreadable"
    exit_code = 2


class GeoNoCodes(FlisError):
    """No feature of the boundary file carries a municipality code."""

    code = "geo.no_codes"
    exit_code = 2


class GeoUnknownCodes(FlisError):
    """Features for codes that are not municipalities."""

    code = "geo.unknown_codes"
    exit_code = 2


class GeoIncomplete(FlisError):
    """The boundary file lacks some of the 98 municipalities."""

    code = "geo.incomplete"
    exit_code = 2


class GeoUnsupportedCrs(FlisError):
    """Coordinates in a reference system flis cannot convert, or not in Denmark."""

    code = "geo.unsupported_crs"
    exit_code = 2


class GeoStoreDamaged(FlisError):
    """The stored boundaries under FLIS_HOME/geo cannot be read (maps fall back to the tile grid)."""

    code = "geo.store_damaged"


@dataclass(frozen=True)
class ImportReport:
    stored: Path
    source: str
    format: str
    crs: str
    features: int
    municipalities: int
    points_in: int
    points_out: int
    size_bytes: int
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity, so drawings can be cached per file
class Boundaries:
    """Stored boundaries ready to draw: per municipality code its polygons in lon/lat."""

    polygons: dict[int, list[Polygon]]
    meta: dict


# -- coordinates ------------------------------------------------------------------------------------

def utm32_to_lonlat(points: np.ndarray) -> np.ndarray:
    """ETRS89 / UTM zone 32N (EPSG:25832) easting/northing to lon/lat (Krüger series, mm accuracy)."""
    a, f, k0, lon0 = 6378137.0, 1 / 298.257222101, 0.9996, math.radians(9.0)
    n = f / (2 - f)
    big_a = a / (1 + n) * (1 + n ** 2 / 4 + n ** 4 / 64)
    beta = (n / 2 - 2 / 3 * n ** 2 + 37 / 96 * n ** 3, n ** 2 / 48 + n ** 3 / 15, 17 / 480 * n ** 3)
    delta = (2 * n - 2 / 3 * n ** 2 - 2 * n ** 3, 7 / 3 * n ** 2 - 8 / 5 * n ** 3, 56 / 15 * n ** 3)
    xi = points[:, 1] / (k0 * big_a)
    eta = (points[:, 0] - 500_000.0) / (k0 * big_a)
    xi_p, eta_p = xi.copy(), eta.copy()
    for j, b in enumerate(beta, start=1):
        xi_p -= b * np.sin(2 * j * xi) * np.cosh(2 * j * eta)
        eta_p -= b * np.cos(2 * j * xi) * np.sinh(2 * j * eta)
    chi = np.arcsin(np.sin(xi_p) / np.cosh(eta_p))
    lat = chi + sum(d * np.sin(2 * j * chi) for j, d in enumerate(delta, start=1))
    lon = lon0 + np.arctan2(np.sinh(eta_p), np.cos(xi_p))
    return np.column_stack([np.degrees(lon), np.degrees(lat)])


def _crs_name(doc: dict) -> str | None:
    crs = doc.get("crs")
    if isinstance(crs, dict):
        name = (crs.get("properties") or {}).get("name")
        return str(name) if name else None
    return None


def _to_lonlat(crs: str | None, sample: np.ndarray, path: Path
               ) -> tuple[str, Callable[[np.ndarray], np.ndarray]]:
    """Pick the conversion to lon/lat from the declared CRS, or from where the coordinates lie."""
    declared = (crs or "").upper().replace("::", ":")
    if "25832" in declared:
        return "EPSG:25832", utm32_to_lonlat
    if crs and not any(tag in declared for tag in ("CRS84", "4326", "4258")):
        raise GeoUnsupportedCrs(f"{path}: coordinates are in {crs}; expected lon/lat (CRS84, EPSG:4326) "
                                "or ETRS89 / UTM 32N (EPSG:25832)", hint="export the file in EPSG:4326")
    x, y = float(np.median(sample[:, 0])), float(np.median(sample[:, 1]))
    west, south, east, north = DENMARK
    if west <= x <= east and south <= y <= north:
        return crs or "lon/lat", lambda p: p
    if south <= x <= north and west <= y <= east:
        return (crs or "lon/lat") + " (lat/lon order)", lambda p: p[:, ::-1]
    if crs is None and 100_000 <= x <= 1_000_000 and 5_000_000 <= y <= 7_000_000:
        return "EPSG:25832 (recognised from the coordinates)", utm32_to_lonlat
    raise GeoUnsupportedCrs(f"{path}: the coordinates (around {x:.6g}, {y:.6g}) do not lie in Denmark in "
                            "lon/lat or in UTM zone 32N",
                            hint="export the municipalities in EPSG:4326 or EPSG:25832")


# -- simplification ---------------------------------------------------------------------------------

def simplify(points: np.ndarray, tolerance_m: float) -> np.ndarray:
    """Douglas-Peucker on lon/lat points; distances measured in metres around Denmark's latitude."""
    n = len(points)
    if n <= 2 or tolerance_m <= 0:
        return points
    plane = points * np.array([math.cos(math.radians(MID_LATITUDE)), 1.0]) * METRES_PER_DEGREE
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        a, rest = plane[i], plane[i + 1:j] - plane[i]
        d = plane[j] - a
        length = math.hypot(d[0], d[1])
        if length == 0.0:  # a closed line: measure from the point itself
            dist = np.hypot(rest[:, 0], rest[:, 1])
        else:
            dist = np.abs(d[0] * rest[:, 1] - d[1] * rest[:, 0]) / length
        k = int(np.argmax(dist))
        if dist[k] > tolerance_m:
            keep[i + 1 + k] = True
            stack += [(i, i + 1 + k), (i + 1 + k, j)]
    return points[keep]


def signed_area(ring: np.ndarray) -> float:
    """Shoelace area in square degrees; positive when the ring runs counter-clockwise."""
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def _close(ring: np.ndarray) -> np.ndarray:
    ring = np.round(ring, DECIMALS)
    if len(ring) and not np.array_equal(ring[0], ring[-1]):
        ring = np.vstack([ring, ring[:1]])
    same = np.r_[False, np.all(ring[1:] == ring[:-1], axis=1)]
    return ring[~same]


def _clean_polygon(rings: list[np.ndarray]) -> Polygon | None:
    """Closed, de-duplicated rings; outer counter-clockwise, holes clockwise; None if the outer collapsed."""
    out: Polygon = []
    for index, ring in enumerate(rings):
        ring = _close(ring)
        if len(ring) < 4 or signed_area(ring) == 0.0:
            if index == 0:
                return None
            continue
        if (signed_area(ring) > 0) != (index == 0):
            ring = ring[::-1]
        out.append(ring)
    return out


# -- reading the two formats ------------------------------------------------------------------------

@dataclass
class _Feature:
    properties: dict
    polygons: list[list[np.ndarray]]
    """Source polygons, each a list of rings (already converted and simplified)."""
    original: list[list[np.ndarray]]
    """The same before simplification, kept for municipalities simplification would erase."""


def _geojson_polygons(geometry: dict | None) -> list[list[list]]:
    if not geometry:
        return []
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    if kind == "GeometryCollection":
        return [p for g in geometry.get("geometries", []) for p in _geojson_polygons(g)]
    return []


def _read_geojson(doc: dict, path: Path, tolerance_m: float) -> tuple[str, list[_Feature], int]:
    features = doc.get("features") if doc.get("type") == "FeatureCollection" else [doc]
    raw = [(f.get("properties") or {}, [[np.asarray(ring, dtype=float)[:, :2] for ring in poly]
                                         for poly in _geojson_polygons(f.get("geometry"))])
           for f in features if isinstance(f, dict)]
    sample = [ring for _, polys in raw for poly in polys for ring in poly[:1]]
    if not sample:
        raise GeoFileUnreadable(f"{path}: the GeoJSON holds no Polygon or MultiPolygon features",
                                hint="expected one (multi)polygon feature per municipality")
    crs, convert = _to_lonlat(_crs_name(doc), np.vstack(sample), path)
    out, points = [], 0
    for props, polys in raw:
        original = [[convert(ring) for ring in poly] for poly in polys]
        points += sum(len(r) for poly in original for r in poly)
        out.append(_Feature(props, [[simplify(r, tolerance_m) for r in poly] for poly in original], original))
    return crs, out, points


def decode_arcs(topology: dict) -> list[np.ndarray]:
    """TopoJSON arcs as absolute coordinates: undo delta encoding and the quantisation transform."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology.get("arcs", []):
        points = np.array([position[:2] for position in arc], dtype=float).reshape(-1, 2)
        if transform:
            points = np.cumsum(points, axis=0) * np.asarray(transform["scale"], dtype=float) \
                + np.asarray(transform["translate"], dtype=float)
        arcs.append(points)
    return arcs


def _ring_from_arcs(indexes: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = []
    for k, index in enumerate(indexes):
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(arc if k == 0 else arc[1:])
    return np.vstack(parts) if parts else np.empty((0, 2))


def _topo_geometries(obj: dict) -> list[dict]:
    if obj.get("type") == "GeometryCollection":
        return [g for child in obj.get("geometries", []) for g in _topo_geometries(child)]
    return [obj]


def _topo_polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry.get("arcs", [])]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry.get("arcs", []))
    return []


def _read_topojson(doc: dict, path: Path, tolerance_m: float) -> tuple[str, list[_Feature], int]:
    objects = doc.get("objects") or {}
    if not objects:
        raise GeoFileUnreadable(f"{path}: the TopoJSON topology has no objects",
                                hint="expected the municipalities")
    # A topology may hold several layers (municipalities, regions): take the one with most municipality codes.
    layers = {name: _topo_geometries(obj) for name, obj in objects.items() if isinstance(obj, dict)}
    name = max(sorted(layers), key=lambda k: sum(_code_of(g.get("properties") or {}) is not None
                                                 for g in layers[k]))
    try:
        arcs = decode_arcs(doc)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise GeoFileUnreadable(f"{path}: the TopoJSON arcs cannot be decoded ({exc})",
                                hint="expected arcs of [x, y] positions and an optional transform") from exc
    if not arcs:
        raise GeoFileUnreadable(f"{path}: the TopoJSON topology has no arcs", hint="expected polygon arcs")
    crs, convert = _to_lonlat(_crs_name(objects[name]) or _crs_name(doc), np.vstack(arcs), path)
    lonlat = [convert(a) for a in arcs]
    simple = [simplify(a, tolerance_m) for a in lonlat]
    out = []
    try:
        for g in layers[name]:
            polys = _topo_polygons(g)
            props = dict(g.get("properties") or {})
            out.append(_Feature(props, [[_ring_from_arcs(r, simple) for r in p] for p in polys],
                                [[_ring_from_arcs(r, lonlat) for r in p] for p in polys]))
    except (IndexError, TypeError) as exc:
        raise GeoFileUnreadable(f"{path}: a geometry of object '{name}' refers to arcs that do not exist "
                                f"({exc})",
                                hint="the TopoJSON file is damaged") from exc
    return crs, out, sum(len(a) for a in arcs)


# -- matching features to municipalities ------------------------------------------------------------

def _code_of(properties: dict) -> int | None:
    lowered = {str(k).lower(): v for k, v in properties.items()}
    for key in CODE_KEYS:
        value = lowered.get(key)
        if value is not None and str(value).strip().isdigit():
            return int(str(value).strip())
    return None


def _name_of(properties: dict) -> str:
    lowered = {str(k).lower(): v for k, v in properties.items()}
    return next((str(lowered[k]) for k in NAME_KEYS if lowered.get(k)), "")


def _match(features: list[_Feature], path: Path) -> tuple[dict[int, list[_Feature]], list[str]]:
    by_code: dict[int, list[_Feature]] = {}
    unknown: dict[int, str] = {}
    outside: dict[int, int] = {}
    without = 0
    for f in features:
        code = _code_of(f.properties)
        if code is None:
            without += 1
        elif code in OUTSIDE_MUNICIPALITIES:
            outside[code] = outside.get(code, 0) + 1
        elif reference.is_municipality_code(code):
            by_code.setdefault(code, []).append(f)
        else:
            unknown[code] = _name_of(f.properties)
    if not by_code and not unknown:
        keys = sorted({str(k) for f in features for k in f.properties})
        raise GeoNoCodes(f"{path}: no feature carries a municipality code; the properties are "
                         f"{', '.join(keys) or 'empty'}",
                         hint=f"expected a property {' or '.join(CODE_KEYS[:3])} holding the code, "
                         "e.g. 0101 for København")
    if unknown:
        listed = ", ".join(f"{c:04d} {n}".strip() for c, n in sorted(unknown.items())[:10])
        regions = all(1081 <= c <= 1085 for c in unknown)
        raise GeoUnknownCodes(f"{path}: features for codes that are not municipalities: {listed}",
                              hint="this looks like a file of regions; import the municipalities" if regions
                              else "expected the 98 municipality codes (see `flis reference municipalities`)")
    missing = [m for m in reference.municipalities() if m.code not in by_code]
    if missing:
        names = ", ".join(f"{m.code} {m.name}" for m in missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise GeoIncomplete(f"{path}: {len(missing)} of the 98 municipalities have no boundary: {names}",
                            hint="import a file of the whole country")
    skipped = [f"{code:04d} {OUTSIDE_MUNICIPALITIES[code]}: {n} features (outside the municipal division)"
               for code, n in sorted(outside.items())]
    if without:
        skipped.append(f"{without} features without a municipality code")
    return by_code, skipped


def _polygons_of(features: list[_Feature]) -> list[Polygon]:
    """Simplified polygons; islands that simplification erases are dropped, unless none would remain."""
    kept = [p for f in features for p in map(_clean_polygon, f.polygons) if p]
    if kept:
        return kept
    original = [p for f in features for p in map(_clean_polygon, f.original) if p]
    return sorted(original, key=lambda p: -abs(signed_area(p[0])))[:1]


# -- the store --------------------------------------------------------------------------------------

def store_path(home: Path | None = None) -> Path:
    return (Path(home) if home is not None else get_settings().home).joinpath(*STORE)


def read_file(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_bytes())
    except FileNotFoundError:
        raise GeoFileUnreadable(f"{path}: no such file",
                                hint="give the path of a GeoJSON or TopoJSON file") from None
    except OSError as exc:
        raise GeoFileUnreadable(f"{path}: cannot be read ({exc.strerror})") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise GeoFileUnreadable(f"{path}: not a JSON file ({exc})",
                                hint="expected GeoJSON or TopoJSON text") from None


def import_boundaries(path: Path | str, *, home: Path | None = None,
                      tolerance_m: float = DEFAULT_TOLERANCE_M) -> ImportReport:
    """Read, convert, simplify and match a boundary file; store it for the maps (atomically)."""
    path = Path(path)
    doc = read_file(path)
    kind = doc.get("type") if isinstance(doc, dict) else None
    try:
        if kind == "Topology":
            fmt, (crs, features, points_in) = "TopoJSON", _read_topojson(doc, path, tolerance_m)
        elif kind in ("FeatureCollection", "Feature"):
            fmt, (crs, features, points_in) = "GeoJSON", _read_geojson(doc, path, tolerance_m)
        else:
            raise GeoFileUnreadable(f"{path}: a JSON file of type {kind!r}; expected a GeoJSON "
                                    "FeatureCollection or a TopoJSON Topology",
                                    hint="export the municipalities as GeoJSON or TopoJSON")
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise GeoFileUnreadable(f"{path}: the {kind} geometry is malformed ({type(exc).__name__}: {exc})",
                                hint="expected Polygon or MultiPolygon coordinates") from exc
    by_code, skipped = _match(features, path)
    out = []
    for m in reference.municipalities():
        polygons = _polygons_of(by_code[m.code])
        out.append({"type": "Feature", "properties": {"code": m.code, "name": m.name, "name_en": m.name_en},
                    "geometry": {"type": "MultiPolygon",
                                 "coordinates": [[ring.tolist() for ring in p] for p in polygons]}})
    meta = {"source": str(path.resolve()), "source_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "format": fmt, "crs": crs, "tolerance_m": tolerance_m, "features": len(features),
            "imported_at": dt.datetime.now().isoformat(timespec="seconds"), "skipped": skipped}
    collection = {"type": "FeatureCollection", "flis": meta, "features": out}
    target = store_path(home)
    _write_atomically(target, json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode())
    points_out = sum(len(r) for f in out for p in f["geometry"]["coordinates"] for r in p)
    return ImportReport(target, str(path), fmt, crs, len(features), len(out), points_in, points_out,
                        target.stat().st_size, skipped)


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".municipalities-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_boundaries(home: Path | None = None) -> bool:
    """Delete the stored boundaries (the maps return to the tile grid); False if there were none."""
    target = store_path(home)
    if not target.exists():
        return False
    target.unlink()
    return True


def load_boundaries(home: Path | None = None) -> Boundaries | None:
    """The stored boundaries, or None when none were imported; parsed once per version of the file."""
    target = store_path(home)
    try:
        stat = target.stat()
    except FileNotFoundError:
        return None
    return _load(str(target), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int, size: int) -> Boundaries:
    try:
        doc = json.loads(Path(path).read_bytes())
        polygons = {int(f["properties"]["code"]): [[np.asarray(r, dtype=float) for r in p]
                                                   for p in f["geometry"]["coordinates"]]
                    for f in doc["features"]}
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise GeoStoreDamaged(f"{path}: the stored boundaries cannot be read ({type(exc).__name__}: {exc})",
                              hint="import the boundary file again with `flis geo import PATH`") from None
    missing = [m.code for m in reference.municipalities() if not polygons.get(m.code)]
    if missing:
        raise GeoStoreDamaged(f"{path}: the stored boundaries lack municipalities {missing[:10]}",
                              hint="import the boundary file again with `flis geo import PATH`")
    return Boundaries(polygons, dict(doc.get("flis") or {}))


def status(home: Path | None = None) -> dict:
    """Which map the portal draws, and from what."""
    target = store_path(home)
    try:
        found = load_boundaries(home)
    except GeoStoreDamaged as exc:
        return {"map": "tile-grid", "path": str(target), "problem": str(exc)}
    if found is None:
        return {"map": "tile-grid", "path": str(target),
                "problem": None, "note": "no boundaries imported; `flis geo import PATH` adds them"}
    return {"map": "boundaries", "path": str(target), "size_bytes": target.stat().st_size,
            "municipalities": len(found.polygons), "problem": None, **found.meta}
