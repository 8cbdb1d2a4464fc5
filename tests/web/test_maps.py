"""Maps: the tile grid, importing real boundaries (GeoJSON, TopoJSON, UTM 32N) and the choropleth figure."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from typer.testing import CliRunner

from flis import reference
from flis.cli import app
from flis.web import geo, maps

CODES = [m.code for m in reference.municipalities()]


# -- helpers ----------------------------------------------------------------------------------------

def lonlat_to_utm32(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """The forward UTM projection (Krüger's alpha series), written independently of flis's inverse."""
    a, f, k0 = 6378137.0, 1 / 298.257222101, 0.9996
    n = f / (2 - f)
    big_a = a / (1 + n) * (1 + n ** 2 / 4 + n ** 4 / 64)
    alpha = (n / 2 - 2 / 3 * n ** 2 + 5 / 16 * n ** 3, 13 / 48 * n ** 2 - 3 / 5 * n ** 3, 61 / 240 * n ** 3)
    phi, dlam = np.radians(lat), np.radians(lon - 9.0)
    c = 2 * math.sqrt(n) / (1 + n)
    t = np.sinh(np.arctanh(np.sin(phi)) - c * np.arctanh(c * np.sin(phi)))
    xi = np.arctan(t / np.cos(dlam))
    eta = np.arctanh(np.sin(dlam) / np.sqrt(1 + t ** 2))
    east = eta + sum(al * np.cos(2 * j * xi) * np.sinh(2 * j * eta) for j, al in enumerate(alpha, start=1))
    north = xi + sum(al * np.sin(2 * j * xi) * np.cosh(2 * j * eta) for j, al in enumerate(alpha, start=1))
    return np.column_stack([500_000 + k0 * big_a * east, k0 * big_a * north])


def square(lon: float, lat: float, half: float = 0.01) -> list[list[float]]:
    corners = [(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)]
    return [[lon + dx * half, lat + dy * half] for dx, dy in corners]


def country(code_key: str = "KOMKODE", codes: list[int] | None = None, crs: str | None = None,
            project=None) -> dict:
    """A GeoJSON country of small squares around each municipality's centre point."""
    features = []
    for m in reference.municipalities():
        if codes is not None and m.code not in codes:
            continue
        ring = np.array(square(m.centre_lon, m.centre_lat))
        if project is not None:
            ring = project(ring[:, 0], ring[:, 1])
        features.append({"type": "Feature", "properties": {code_key: f"{m.code:04d}", "navn": m.name},
                         "geometry": {"type": "Polygon", "coordinates": [ring.tolist()]}})
    doc = {"type": "FeatureCollection", "features": features}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return doc


def write(tmp_path, doc, name="kommuner.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def inside(point: tuple[float, float], ring: np.ndarray) -> bool:
    """Even-odd ray casting."""
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring[:-1], ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def in_polygons(point, polygons) -> bool:
    return any(inside(point, p[0]) and not any(inside(point, hole) for hole in p[1:]) for p in polygons)


def fills(fig) -> dict[str, dict]:
    """The filled municipality traces by name."""
    return {t.name: t for t in fig.data if t.fill == "toself"}


# -- the tile grid ----------------------------------------------------------------------------------

def test_tile_grid_gives_98_distinct_tiles_that_keep_neighbours_close():
    grid = maps.tile_grid()
    assert sorted(grid) == CODES
    assert len(set(grid.values())) == 98
    assert min(c for c, _ in grid.values()) == 0 and min(r for _, r in grid.values()) == 0
    squeeze = math.cos(math.radians(56))
    xy = np.array([[m.centre_lon * squeeze, m.centre_lat] for m in reference.municipalities()])
    dist = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(dist, np.inf)
    nearest = dist.argmin(axis=1)
    tiles = np.array([grid[c] for c in CODES], dtype=float)
    tile_gap = np.hypot(*(tiles - tiles[nearest]).T)
    assert tile_gap.mean() < 2.0
    assert np.median(tile_gap) <= 1.5  # most touch their nearest neighbour, side or corner


def test_tile_grid_keeps_the_compass():
    grid = maps.tile_grid()
    assert grid[813][1] > grid[461][1] > grid[540][1]  # Frederikshavn north of Odense north of Sønderborg
    assert grid[101][0] > grid[461][0] > grid[561][0]  # København east of Odense east of Esbjerg
    assert grid[400][0] == max(c for c, _ in grid.values())  # Bornholm is the easternmost tile


def test_tile_grid_is_deterministic():
    assert maps.tile_grid.__wrapped__() == maps.tile_grid.__wrapped__() == maps.tile_grid()


def test_short_names_are_unique_three_letter_labels():
    for lang in ("da", "en"):
        names = maps.short_names(lang)
        assert len(set(names.values())) == 98 and all(len(n) == 3 for n in names.values())
    da = maps.short_names("da")
    assert (da[101], da[147], da[607], da[813]) == ("Køb", "Fbe", "Fci", "Fha")
    assert maps.short_names("en")[101] == "Cop"


# -- the figure -------------------------------------------------------------------------------------

def test_tile_map_colours_hover_text_and_highlight(flis_home):
    values = {101: 1234.6, 147: 10.0, 751: 20.0}
    fig = maps.choropleth(values, title="Test", unit="kr.", highlight=751, lang="da")
    assert fig.layout.meta["map"] == "tile-grid"
    tiles = fills(fig)
    assert len(tiles) == 98
    low, high = maps.sample_colorscale(maps.COLORSCALE, [0.0, 1.0])
    assert tiles["Frederiksberg"].fillcolor == low and tiles["København"].fillcolor == high
    assert tiles["Læsø"].fillcolor == maps.MISSING_COLOUR
    assert tiles["København"].text == "København: 1.235 kr."
    assert tiles["Aarhus"].text == "Aarhus: 20,0 kr."
    assert tiles["Læsø"].text == "Læsø: ingen værdi"
    outline = [t for t in fig.data if t.mode == "lines" and t.fill is None and t.showlegend]
    assert len(outline) == 1 and outline[0].name == "Aarhus"
    c, r = maps.tile_grid()[751]
    assert min(outline[0].x) == pytest.approx(c - maps.TILE_SIZE / 2)
    assert max(outline[0].y) == pytest.approx(r + maps.TILE_SIZE / 2)
    labels = next(t for t in fig.data if t.mode == "text")
    assert "Aar" in labels.text and len(labels.text) == 98
    bar = next(t for t in fig.data if t.marker and t.marker.showscale)
    assert (bar.marker.cmin, bar.marker.cmax, bar.marker.colorbar.title.text) == (10.0, 1234.6, "kr.")
    assert fig.layout.yaxis.scaleanchor == "x" and fig.layout.xaxis.visible is False
    assert "ingen værdi" in [t.name for t in fig.data if t.showlegend]


def test_english_labels_and_number_format(flis_home):
    fig = maps.choropleth({101: 1234.5, 147: 12.25}, title="Test", unit="%", lang="en")
    assert fills(fig)["Copenhagen"].text == "Copenhagen: 1,234 %"
    assert fills(fig)["Frederiksberg"].text == "Frederiksberg: 12.2 %"
    assert fills(fig)["Aarhus"].text == "Aarhus: no value"
    assert maps.format_value(0.5, "da") == "0,50" and maps.format_value(-12.25, "en") == "\u221212.2"


def test_no_values_at_all_draws_grey_tiles_without_a_colour_bar(flis_home):
    fig = maps.choropleth({101: float("nan"), 147: None}, title="Tom", unit="%")
    assert {t.fillcolor for t in fills(fig).values()} == {maps.MISSING_COLOUR}
    assert fills(fig)["København"].text == "København: ingen værdi"
    assert not any(t.marker and t.marker.showscale for t in fig.data)


# -- geometry ---------------------------------------------------------------------------------------

def test_douglas_peucker_drops_points_within_the_tolerance_and_keeps_a_spike():
    # 0.001° of latitude is 111 m: the 1.1 km spike stays, then the foot of the spike (10.02, 56.0) lies
    # ~600 m off the line from the start to the spike and stays too; the 50 m wobble before it goes.
    line = np.array([[10.0, 56.0], [10.01, 56.00045], [10.02, 56.0], [10.03, 56.01], [10.04, 56.0]])
    assert geo.simplify(line, 100).tolist() == [[10.0, 56.0], [10.02, 56.0], [10.03, 56.01], [10.04, 56.0]]
    assert geo.simplify(line, 10).tolist() == line.tolist()
    closed = np.array(square(10, 56, 0.1))
    assert geo.simplify(closed, 100).tolist() == closed.tolist()  # a closed ring keeps its corners


def test_topojson_arcs_are_delta_decoded_and_transformed():
    topology = {"type": "Topology", "transform": {"scale": [0.5, 0.25], "translate": [10.0, 55.0]},
                "arcs": [[[2, 4, -999], [2, 0], [0, 4]], [[0, 0], [1, 1]]]}
    first, second = geo.decode_arcs(topology)
    assert first.tolist() == [[11.0, 56.0], [12.0, 56.0], [12.0, 57.0]]
    assert second.tolist() == [[10.0, 55.0], [10.5, 55.25]]
    plain = {"arcs": [[[10.0, 55.0], [11.0, 56.0]]]}  # not quantised: absolute positions
    assert geo.decode_arcs(plain)[0].tolist() == [[10.0, 55.0], [11.0, 56.0]]


def test_topojson_rings_follow_reversed_arcs(tmp_path, flis_home):
    """Every municipality a square made of two arcs, the second used reversed (~index)."""
    arcs, geometries = [], []
    for m in reference.municipalities():
        (x0, y0), (x1, _), (_, y1) = square(m.centre_lon, m.centre_lat)[0:3]
        arcs += [[[x0, y0], [x1, y0], [x1, y1]], [[x0, y0], [x0, y1], [x1, y1]]]
        k = len(arcs) - 2
        geometries.append({"type": "Polygon", "properties": {"kode": f"{m.code:04d}"},
                           "arcs": [[k, ~(k + 1)]]})
    topology = {"type": "Topology", "arcs": arcs,
                "objects": {"kommuner": {"type": "GeometryCollection", "geometries": geometries}}}
    report = geo.import_boundaries(write(tmp_path, topology, "k.topojson"), tolerance_m=0)
    assert (report.format, report.municipalities) == ("TopoJSON", 98)
    ring = geo.load_boundaries().polygons[101][0][0]
    m = reference.municipality(101)
    assert ring.shape == (5, 2)
    assert geo.signed_area(ring) > 0  # stored counter-clockwise
    corner = [round(m.centre_lon - 0.01, 4), round(m.centre_lat - 0.01, 4)]
    assert ring.min(axis=0).tolist() == pytest.approx(corner)


def test_utm32_inverse_matches_the_forward_projection():
    lon = np.array([9.0, 8.1, 10.2, 12.6, 15.1])
    lat = np.array([0.0, 55.0, 56.2, 55.7, 55.1])
    back = geo.utm32_to_lonlat(lonlat_to_utm32(lon, lat))
    assert np.abs(back - np.column_stack([lon, lat])).max() < 1e-8  # under a millimetre
    assert geo.utm32_to_lonlat(np.array([[500_000.0, 0.0]])).tolist() == [[9.0, 0.0]]


# -- importing --------------------------------------------------------------------------------------

def test_import_utm_geojson_with_dawa_property_names(tmp_path, flis_home):
    doc = country("kode", crs="urn:ogc:def:crs:EPSG::25832", project=lonlat_to_utm32)
    report = geo.import_boundaries(write(tmp_path, doc), tolerance_m=0)
    assert report.crs == "EPSG:25832" and report.municipalities == 98
    stored = geo.load_boundaries()
    for m in reference.municipalities():
        assert in_polygons((m.centre_lon, m.centre_lat), stored.polygons[m.code])
    corner = stored.polygons[400][0][0].min(axis=0)
    assert corner.tolist() == pytest.approx([14.87368, 55.11789], abs=1.1e-4)
    assert geo.status()["map"] == "boundaries"


def test_lat_lon_order_is_recognised_and_turned_round(tmp_path, flis_home):
    swapped = country(project=lambda lon, lat: np.column_stack([lat, lon]))
    report = geo.import_boundaries(write(tmp_path, swapped), tolerance_m=0)
    assert report.crs == "lon/lat (lat/lon order)"
    m = reference.municipality(751)
    assert in_polygons((m.centre_lon, m.centre_lat), geo.load_boundaries().polygons[751])


def test_unreadable_files_name_the_file_and_what_was_expected(tmp_path, flis_home):
    with pytest.raises(geo.GeoFileUnreadable, match="no such file"):
        geo.import_boundaries(tmp_path / "missing.geojson")
    text = tmp_path / "notes.geojson"
    text.write_text("kommune;grænse", encoding="utf-8")
    with pytest.raises(geo.GeoFileUnreadable, match="notes.geojson: not a JSON file"):
        geo.import_boundaries(text)
    with pytest.raises(geo.GeoFileUnreadable, match="expected a GeoJSON FeatureCollection or a TopoJSON"):
        geo.import_boundaries(write(tmp_path, {"type": "Point", "coordinates": [10, 56]}))
    with pytest.raises(geo.GeoFileUnreadable, match="no Polygon or MultiPolygon"):
        geo.import_boundaries(write(tmp_path, {"type": "FeatureCollection", "features": []}))


def test_files_without_or_with_wrong_codes_are_refused(tmp_path, flis_home):
    with pytest.raises(geo.GeoNoCodes, match="the properties are navn, nummer"):
        geo.import_boundaries(write(tmp_path, country("nummer")))
    regions = country("kode", codes=[101])
    regions["features"][0]["properties"]["kode"] = "1084"
    with pytest.raises(geo.GeoUnknownCodes, match="1084") as exc:
        geo.import_boundaries(write(tmp_path, regions))
    assert "regions" in exc.value.hint
    partial = country(codes=[c for c in CODES if c not in (147, 825)])
    with pytest.raises(geo.GeoIncomplete, match="2 of the 98 municipalities have no boundary: 147 Frederiksberg"):
        geo.import_boundaries(write(tmp_path, partial))
    with pytest.raises(geo.GeoUnsupportedCrs, match="EPSG::3857"):
        geo.import_boundaries(write(tmp_path, country(crs="urn:ogc:def:crs:EPSG::3857")))
    assert not geo.store_path().exists()  # nothing half-imported


def test_a_damaged_store_falls_back_to_the_tile_grid(tmp_path, flis_home):
    geo.import_boundaries(write(tmp_path, country()))
    assert maps.choropleth({101: 1.0}, title="t", unit="%").layout.meta["map"] == "boundaries"
    geo.store_path().write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    assert maps.choropleth({101: 1.0}, title="t", unit="%").layout.meta["map"] == "tile-grid"
    assert "cannot be read" in geo.status()["problem"]
    assert geo.remove_boundaries() and geo.status()["map"] == "tile-grid"


@pytest.mark.parametrize("name", ["kommuner.topojson", "kommuner.geojson"])
def test_import_the_real_dagi_files(shared_reference, flis_home, name):
    report = geo.import_boundaries(shared_reference / "boundaries" / name)
    assert report.municipalities == 98 and report.features == 311
    assert report.skipped == ["0411 Christiansø: 3 features (outside the municipal division)"]
    assert 100_000 < report.size_bytes < 400_000
    stored = geo.load_boundaries()
    outside = [m.name for m in reference.municipalities()
               if not in_polygons((m.centre_lon, m.centre_lat), stored.polygons[m.code])]
    assert outside == []  # every centre point lies in its own municipality, København's not in Frederiksberg
    copenhagen = stored.polygons[101]
    assert sum(len(p) - 1 for p in copenhagen) == 1  # the hole where Frederiksberg lies
    fig = maps.choropleth({101: 5.0, 147: 7.0}, title="t", unit="%", highlight=101)
    assert fig.layout.meta["map"] == "boundaries"
    assert len(fills(fig)) == 98
    names = [t.name for t in fig.data if t.fill == "toself"]
    assert names.index("København") < names.index("Frederiksberg")  # the enclave is drawn on top


def test_geo_cli_import_and_status(shared_reference, flis_home):
    runner = CliRunner()
    before = runner.invoke(app, ["geo", "status", "--json"])
    assert json.loads(before.stdout)["map"] == "tile-grid"
    result = runner.invoke(app, ["geo", "import", str(shared_reference / "boundaries" / "kommuner.topojson")])
    assert result.exit_code == 0, result.output
    after = json.loads(runner.invoke(app, ["geo", "status", "--json"]).stdout)
    assert (after["map"], after["municipalities"], after["format"]) == ("boundaries", 98, "TopoJSON")
    bad = runner.invoke(app, ["geo", "import", str(shared_reference / "boundaries" / "regioner.topojson")])
    assert bad.exit_code != 0 and isinstance(bad.exception, geo.GeoNoCodes)
