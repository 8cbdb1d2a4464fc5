"""Reference data as flis's own tables: municipalities, regions, groups, population.

The facts were transcribed from real public sources (Statistics Denmark, DAWA/DAGI) by
``scripts/transcribe_reference.py``; see the header of each CSV under ``data/``.

>>> from flis import reference
>>> reference.municipality(101).name
'København'
>>> len(reference.municipalities())
98
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from flis.errors import PeriodError, UnknownMunicipality
from flis.periods import Period


@dataclass(frozen=True)
class Region:
    code: int
    name: str
    nuts2: str
    centre_lon: float
    centre_lat: float

    @property
    def short_name(self) -> str:
        return self.name.removeprefix("Region ")


@dataclass(frozen=True)
class MunicipalityGroup:
    """Statistics Denmark's municipality group (KOMGRP), e.g. 'Landkommuner'."""

    code: int
    name: str


@dataclass(frozen=True)
class Structure:
    """Structural facts used to calibrate the generator and to find comparable municipalities."""

    population_2022: int
    aged_65_plus_2022: int
    aged_80_plus_2022: int
    unemployment_pct_2024: float
    disposable_income_2024: int
    social_assistance_2025: float
    fulltime_employees_2025q3: int
    reported_offences_2025: int
    passenger_cars_2025: int


@dataclass(frozen=True)
class Municipality:
    code: int
    dagi_code: str
    name: str
    name_en: str
    region_code: int
    group_code: int
    centre_lon: float
    centre_lat: float
    area_km2: float
    population: int
    """Residents on the first day of the reference month (``REFERENCE_PERIOD``)."""

    @property
    def region(self) -> Region:
        return region(self.region_code)

    @property
    def group(self) -> MunicipalityGroup:
        return group(self.group_code)

    @property
    def structure(self) -> Structure:
        return _structure()[self.code]

    @property
    def density(self) -> float:
        """Residents per km² in the reference month."""
        return self.population / self.area_km2


REFERENCE_PERIOD = Period.parse("2026-01")


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("flis.reference").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def _municipalities() -> dict[int, Municipality]:
    out = {}
    for r in _rows("municipalities.csv"):
        m = Municipality(int(r["code"]), r["dagi_code"], r["name"], r["name_en"], int(r["region_code"]),
                         int(r["group_code"]), float(r["centre_lon"]), float(r["centre_lat"]),
                         float(r["area_km2"]), int(r["population"]))
        out[m.code] = m
    return out


@lru_cache(maxsize=1)
def _regions() -> dict[int, Region]:
    return {int(r["code"]): Region(int(r["code"]), r["name"], r["nuts2"], float(r["centre_lon"]),
                                   float(r["centre_lat"])) for r in _rows("regions.csv")}


@lru_cache(maxsize=1)
def _groups() -> dict[int, MunicipalityGroup]:
    return {int(r["code"]): MunicipalityGroup(int(r["code"]), r["name"])
            for r in _rows("municipality_groups.csv")}


@lru_cache(maxsize=1)
def _structure() -> dict[int, Structure]:
    out = {}
    for r in _rows("structure.csv"):
        code = int(r.pop("municipality"))
        out[code] = Structure(**{k: (float(v) if "." in v else int(v)) for k, v in r.items()})
    return out


@lru_cache(maxsize=1)
def _population() -> dict[int, dict[Period, int]]:
    out: dict[int, dict[Period, int]] = {}
    for r in _rows("population_monthly.csv"):
        out.setdefault(int(r["municipality"]), {})[Period.parse(r["period"])] = int(r["population"])
    return out


def municipalities() -> list[Municipality]:
    """The 98 municipalities, ordered by code."""
    return list(_municipalities().values())


def municipality(key: int | str) -> Municipality:
    """Look a municipality up by code (101, '101', '0101') or by Danish or English name."""
    table = _municipalities()
    text = str(key).strip()
    if text.isdigit() and int(text) in table:
        return table[int(text)]
    for m in table.values():
        if text.casefold() in (m.name.casefold(), m.name_en.casefold()):
            return m
    raise UnknownMunicipality(f"'{key}' is not one of the 98 municipality codes or names",
                              hint="see `flis reference municipalities`")


def is_municipality_code(code: int) -> bool:
    return code in _municipalities()


def regions() -> list[Region]:
    return list(_regions().values())


def region(code: int) -> Region:
    try:
        return _regions()[int(code)]
    except (KeyError, ValueError):
        raise UnknownMunicipality(f"'{code}' is not one of the 5 region codes (1081-1085)") from None


def groups() -> list[MunicipalityGroup]:
    return list(_groups().values())


def group(code: int) -> MunicipalityGroup:
    return _groups()[int(code)]


def population(code: int, period: Period | str) -> int:
    """Real residents on the first day of ``period``.

    Outside the months the reference table covers, the municipality's average monthly
    growth over the covered months is extrapolated, so generated data can start in any year.
    """
    p = Period.parse(period) if isinstance(period, str) else period
    series = _population()[municipality(code).code]
    if p in series:
        return series[p]
    first, last = min(series), max(series)
    months = last - first
    growth = (series[last] / series[first]) ** (1 / months)
    anchor = first if p < first else last
    return round(series[anchor] * growth ** (p - anchor))


def population_series(code: int) -> dict[Period, int]:
    """The real monthly population series of one municipality."""
    return dict(_population()[municipality(code).code])


def elderly_by_age(code: int) -> dict[int, int]:
    """Residents 65+ by single year of age (100 = 100+) in 2022Q1."""
    return _elderly()[municipality(code).code]


@lru_cache(maxsize=1)
def _elderly() -> dict[int, dict[int, int]]:
    out: dict[int, dict[int, int]] = {}
    for r in _rows("elderly_by_age.csv"):
        out.setdefault(int(r["municipality"]), {})[int(r["age"])] = int(r["population"])
    return out


@lru_cache(maxsize=1)
def national_age_profile() -> dict[int, tuple[int, int]]:
    """National residents by single year of age as (men, women), 2020K1; 99 = 99+."""
    return {int(r["age"]): (int(r["men"]), int(r["women"])) for r in _rows("age_profile_national.csv")}


__all__ = [
    "Municipality", "MunicipalityGroup", "Region", "Structure", "REFERENCE_PERIOD", "PeriodError",
    "municipalities", "municipality", "is_municipality_code", "regions", "region", "groups", "group",
    "population", "population_series", "elderly_by_age", "national_age_profile",
]
