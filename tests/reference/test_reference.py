"""The reference tables hold the real 98 municipalities, 5 regions and KOMGRP groups."""

from __future__ import annotations

import csv
import json

import pytest

from flis import reference
from flis.errors import UnknownMunicipality
from flis.periods import Period


def test_exactly_98_municipalities_in_5_regions():
    munis = reference.municipalities()
    assert len(munis) == 98
    assert len({m.code for m in munis}) == 98
    assert {r.code for r in reference.regions()} == {1081, 1082, 1083, 1084, 1085}
    per_region = {r.code: sum(m.region_code == r.code for m in munis) for r in reference.regions()}
    # Christiansø (0411) lies outside the municipal division, so Hovedstaden has 29, not 30.
    assert per_region == {1081: 11, 1082: 19, 1083: 22, 1084: 29, 1085: 17}


def test_codes_names_and_regions_are_the_real_ones(shared_reference):
    dawa = json.loads((shared_reference / "municipalities/kommuner.json").read_text(encoding="utf-8"))
    real = {int(k["kode"]): (k["navn"], int(k["regionskode"])) for k in dawa if not k["udenforkommuneinddeling"]}
    ours = {m.code: (m.name, m.region_code) for m in reference.municipalities()}
    assert ours == real


def test_groups_are_statistics_denmarks_komgrp(shared_reference):
    with (shared_reference / "municipalities/komgrp.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    expected, group = {}, None
    for row in rows:
        if row["NIVEAU"] == "1":
            group = int(row["KODE"])
        else:
            expected[int(row["KODE"])] = group
    assert {m.code: m.group_code for m in reference.municipalities()} == expected
    assert [g.name for g in reference.groups()] == ["Hovedstadskommuner", "Storbykommuner", "Provinsbykommuner",
                                                    "Oplandskommuner", "Landkommuner"]


def test_population_of_the_reference_month_is_folk1am(shared_reference):
    with (shared_reference / "population/folk1am_population_by_municipality.csv").open(encoding="utf-8-sig") as fh:
        real = {r["OMRÅDE"]: int(r["INDHOLD"]) for r in csv.DictReader(fh, delimiter=";") if r["TID"] == "2026M01"}
    for m in reference.municipalities():
        assert m.population == real[m.name_en], m.name
    assert sum(m.population for m in reference.municipalities()) == real["All Denmark"] - real["Christiansø"]


def test_lookup_by_code_name_and_english_name():
    assert reference.municipality(101).name == "København"
    assert reference.municipality("0101").code == 101
    assert reference.municipality("copenhagen").code == 101
    assert reference.municipality("Læsø").code == 825
    assert reference.municipality(101).region.name == "Region Hovedstaden"
    assert reference.municipality(825).group.name == "Landkommuner"
    with pytest.raises(UnknownMunicipality) as err:
        reference.municipality(999)
    assert err.value.code == "reference.unknown_municipality"


def test_population_series_and_extrapolation():
    series = reference.population_series(147)
    assert series[Period(2024, 1)] == reference.population(147, "2024-01")
    first = min(series)
    earlier = reference.population(147, first - 24)
    assert 0.9 * series[first] < earlier < series[first] * 1.1


def test_centre_points_lie_in_denmark():
    for m in reference.municipalities():
        assert 8.0 < m.centre_lon < 15.3 and 54.5 < m.centre_lat < 57.8, m.name
        assert m.area_km2 > 5
