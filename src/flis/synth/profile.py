"""What makes one municipality's synthetic data differ from another's.

Real structural facts (unemployment, income, social assistance, density, age
structure) set a *social index* and an urban/rural character; domains scale their
rates with them, so key figures differ between municipalities the way real ones
do (Lolland is not Rudersdal). A small, seeded *policy effect* per municipality and
domain adds the variation that structure does not explain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from flis import reference


@dataclass(frozen=True)
class Profile:
    code: int
    social_index: float
    """Standardised deprivation (0 = middle municipality, +1 = one SD more deprived)."""
    urban: float
    """0 (most rural) .. 1 (most urban), from population density."""
    non_western_share: float
    western_share: float
    public_school_share: float
    """Share of 6-16-year-olds in the municipality's own schools (the rest attend private schools)."""
    young_adult_factor: float
    """Relative weight of 20-34-year-olds in the age structure (students cluster in cities)."""
    neighbour: int
    """The nearest other municipality; pupils and children cross this border."""

    def rate(self, beta: float) -> float:
        """A multiplier ``exp(beta * social_index)`` for a rate that rises with deprivation."""
        return math.exp(beta * self.social_index)


def _z(values: np.ndarray) -> np.ndarray:
    return (values - values.mean()) / values.std()


@lru_cache(maxsize=1)
def _profiles() -> dict[int, Profile]:
    munis = reference.municipalities()
    s = [m.structure for m in munis]
    unemployment = np.array([x.unemployment_pct_2024 for x in s])
    income = np.log([x.disposable_income_2024 for x in s])
    assistance = np.log([max(x.social_assistance_2025, 0.5) / x.population_2022 for x in s])
    social = (_z(unemployment) - _z(income) + _z(assistance)) / 3
    social = social / social.std()
    density = np.log10([m.density for m in munis])
    urban = (density - density.min()) / (density.max() - density.min())
    lon = np.array([m.centre_lon for m in munis])
    lat = np.array([m.centre_lat for m in munis])
    out = {}
    for i, m in enumerate(munis):
        dist = np.hypot((lon - lon[i]) * math.cos(math.radians(lat[i])), lat - lat[i])
        dist[i] = np.inf
        nw = 0.03 + 0.05 * max(density[i] - 2.0, 0) + 0.1 * max(social[i], 0) * urban[i]
        west = 0.035 + 0.02 * urban[i] + (0.02 if m.region_code == 1083 and m.centre_lat < 55.3 else 0)
        big_city = m.group_code == 2 or m.code == 101
        out[m.code] = Profile(
            code=m.code,
            social_index=float(social[i]),
            urban=float(urban[i]),
            non_western_share=float(np.clip(nw, 0.02, 0.35)),
            western_share=float(west),
            public_school_share=float(np.clip(0.80 + 0.04 * social[i] - 0.06 * urban[i], 0.6, 0.9)),
            young_adult_factor=1.6 if big_city else (1.15 if m.group_code == 1 else float(0.85 + 0.2 * urban[i])),
            neighbour=munis[int(np.argmin(dist))].code,
        )
    return out


def profile(code: int) -> Profile:
    return _profiles()[code]


@lru_cache(maxsize=1)
def gravity() -> tuple[np.ndarray, np.ndarray]:
    """Municipality codes and a row-normalised matrix of where movers come from and go to.

    Movers favour large, near municipalities: weight = population / (1 + distance / 25 km)^2.
    """
    munis = reference.municipalities()
    codes = np.array([m.code for m in munis])
    pop = np.array([m.population for m in munis], dtype=float)
    lon = np.radians([m.centre_lon for m in munis])
    lat = np.radians([m.centre_lat for m in munis])
    dx = (lon[:, None] - lon[None, :]) * np.cos((lat[:, None] + lat[None, :]) / 2)
    km = 6371 * np.hypot(dx, lat[:, None] - lat[None, :])
    w = pop[None, :] / (1 + km / 25) ** 2
    np.fill_diagonal(w, 0)
    return codes, w / w.sum(axis=1, keepdims=True)
