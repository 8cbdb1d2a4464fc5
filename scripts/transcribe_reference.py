"""Transcribe public reference facts into flis's own reference tables.

Reads the real public data in ``../shared/data/reference`` (DAWA/DAGI and Statistics
Denmark exports; see its SOURCES.md) and writes the facts flis needs — codes, names,
region and group membership, population counts, centre points, areas and a few
structural measures — as small CSV tables under ``src/flis/reference/data``.
The source files themselves are not copied. Run from the project root:

    python scripts/transcribe_reference.py ../shared/data/reference
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "flis" / "reference" / "data"
REFERENCE_MONTH = "2026M01"
ATTRIBUTION = "# Kilde: Danmarks Statistik (StatBank) og Dataforsyningen/DAGI (Klimadatastyrelsen)."
# Statistics Denmark's English exports name a few municipalities differently.
ENGLISH_NAMES = {"København": "Copenhagen"}


def read_dst(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def ring_area_km2(ring: list[list[float]]) -> float:
    """Area of a lon/lat ring by an equal-area projection around its own latitude."""
    lat0 = math.radians(sum(p[1] for p in ring) / len(ring))
    r = 6371.0088
    pts = [(math.radians(p[0]) * r * math.cos(lat0), math.radians(p[1]) * r) for p in ring]
    s = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def municipality_areas(geojson: Path) -> dict[str, float]:
    data = json.loads(geojson.read_text(encoding="utf-8"))
    areas: dict[str, float] = defaultdict(float)
    for feat in data["features"]:
        geom = feat["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        for poly in polys:
            outer, *holes = poly
            areas[feat["properties"]["KOMKODE"]] += ring_area_km2(outer) - sum(ring_area_km2(h) for h in holes)
    return areas


def write(name: str, header: list[str], rows: list[list[object]], note: str) -> None:
    path = OUT / name
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# {note}\n{ATTRIBUTION}\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {path.relative_to(OUT.parents[3])} ({len(rows)} rows)")


def main(src: Path) -> None:
    kommuner = [k for k in json.loads((src / "municipalities/kommuner.json").read_text("utf-8"))
                if not k["udenforkommuneinddeling"]]
    regioner = json.loads((src / "municipalities/regioner.json").read_text("utf-8"))
    komgrp = read_dst(src / "municipalities/komgrp.csv")
    areas = municipality_areas(src / "boundaries/kommuner.geojson")

    group_of: dict[int, str] = {}
    groups = []
    current = None
    for row in komgrp:
        if row["NIVEAU"] == "1":
            current = row["KODE"]
            groups.append([int(current), row["TITEL"]])
        else:
            group_of[int(row["KODE"])] = current

    def en(name: str) -> str:
        return ENGLISH_NAMES.get(name, name)

    monthly = defaultdict(dict)
    for row in read_dst(src / "population/folk1am_population_by_municipality.csv"):
        monthly[row["OMRÅDE"]][row["TID"]] = int(row["INDHOLD"])

    def latest(path: str, area_col: str, pick=lambda r: True) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = defaultdict(dict)
        for row in read_dst(src / path):
            if pick(row):
                out[row[area_col]][row["TID"]] = float(row["INDHOLD"])
        return out

    income = latest("keyfigures/indkp101_income_by_municipality.csv", "OMRÅDE")
    social = latest("keyfigures/auk01_social_assistance.csv", "OMRÅDE")
    employees = latest("keyfigures/lbesk69_employees_by_municipality.csv", "BOPKOM")
    offences = latest("keyfigures/straf11_crime_by_municipality.csv", "OMRÅDE")
    cars = latest("keyfigures/bil707_cars_by_municipality.csv", "OMRÅDE")
    annual = latest("population/folk1a_population_annual.csv", "OMRÅDE")
    unemployment: dict[str, dict[str, float]] = defaultdict(dict)
    with (src / "keyfigures/unemployment_pct.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            unemployment[row["municipality"]][row["year"]] = float(row["value"])
    old = defaultdict(lambda: defaultdict(float))
    for row in read_dst(src / "population/folk1a_65plus.csv"):
        if row["TID"] == "2022Q1":
            age = min(int(row["ALDER"].split()[0]), 100)
            old[row["OMRÅDE"]][age] += float(row["INDHOLD"])

    munis, structure, elderly, pop_rows = [], [], [], []
    for k in sorted(kommuner, key=lambda k: k["kode"]):
        code = int(k["kode"])
        name = k["navn"]
        e = en(name)
        lon, lat = k["visueltcenter"]
        munis.append([code, k["kode"], name, e, int(k["regionskode"]), int(group_of[code]),
                      round(lon, 5), round(lat, 5), round(areas[k["kode"]], 1),
                      monthly[e][REFERENCE_MONTH]])
        sa_2025 = sum(social[e][f"2025Q{q}"] for q in range(1, 5)) / 4
        structure.append([code, int(annual[e]["2022Q1"]), int(sum(v for a, v in old[e].items())),
                          int(sum(v for a, v in old[e].items() if a >= 80)), unemployment[e]["2024"],
                          int(income[e]["2024"]), round(sa_2025, 1), int(employees[e]["2025Q3"]),
                          int(sum(offences[e][f"2025Q{q}"] for q in range(1, 5))), int(cars[e]["2025"])])
        for age in range(65, 101):
            elderly.append([code, age, int(old[e][age])])
        for period, value in sorted(monthly[e].items()):
            pop_rows.append([code, f"{period[:4]}-{period[5:]}", value])
    assert len(munis) == 98, len(munis)

    write("regions.csv", ["code", "name", "nuts2", "centre_lon", "centre_lat"],
          [[int(r["kode"]), r["navn"], r["nuts2"], round(r["visueltcenter"][0], 5),
            round(r["visueltcenter"][1], 5)] for r in sorted(regioner, key=lambda r: r["kode"])],
          "The 5 Danish regions (DAWA /regioner).")
    write("municipality_groups.csv", ["code", "name"], groups,
          "Statistics Denmark's municipality groups (classification KOMGRP, level 1).")
    write("municipalities.csv",
          ["code", "dagi_code", "name", "name_en", "region_code", "group_code", "centre_lon",
           "centre_lat", "area_km2", "population"],
          munis, f"The 98 municipalities (DAWA /kommuner, KOMGRP); area from DAGI boundaries; "
          f"population from FOLK1AM {REFERENCE_MONTH}.")
    write("population_monthly.csv", ["municipality", "period", "population"], pop_rows,
          "Population on the first day of each month per municipality (FOLK1AM).")
    write("structure.csv",
          ["municipality", "population_2022", "aged_65_plus_2022", "aged_80_plus_2022",
           "unemployment_pct_2024", "disposable_income_2024", "social_assistance_2025",
           "fulltime_employees_2025q3", "reported_offences_2025", "passenger_cars_2025"],
          structure, "Structural facts per municipality: FOLK1A 2022Q1, AUP02 (gross unemployment %), "
          "INDKP101 (average disposable income, DKK), AUK01 (net unemployed social-assistance recipients, "
          "2025 quarterly mean), LBESK69, STRAF11, BIL707.")
    write("elderly_by_age.csv", ["municipality", "age", "population"], elderly,
          "Residents aged 65 and over by single year of age, 2022Q1 (FOLK1A); age 100 means 100+.")

    national = defaultdict(dict)
    for row in read_dst(src / "population/FOLK1A.csv"):
        if row["OMRÅDE"] == "000" and row["TID"] == "2020K1":
            national[int(row["ALDER"])][int(row["KØN"])] = int(row["INDHOLD"])
    # The extract lacks age 38 (every quarter); fill a gap with the mean of its neighbours.
    for a in range(100):
        if a not in national:
            national[a] = {k: round((national[a - 1][k] + national[a + 1][k]) / 2) for k in (1, 2)}
    top = max(national)
    national[99] = {k: sum(national[a][k] for a in range(99, top + 1)) for k in (1, 2)}
    write("age_profile_national.csv", ["age", "men", "women"],
          [[a, national[a][1], national[a][2]] for a in range(100)],
          "National population by single year of age and sex, 2020K1 (FOLK1A); age 99 means 99+; "
          "age 38, missing from the extract, is the mean of ages 37 and 39.")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/reference"))
