"""How a value stands, as the pages show it: a thin layer over :mod:`flis.compare`.

All numbers come from ``flis.compare.stats`` and ``flis.compare.neighbours``; this module only chooses
which of them a page shows (the ratio of sums where it exists, else the plain mean) and says whether a
deviation is better or worse given the figure's direction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flis.compare import neighbours
from flis.compare.neighbours import Neighbour, SetMean
from flis.compare.release import ReleaseView
from flis.compare.release import GroupValue
from flis.compare.stats import AreaValue
from flis.periods import Period
from flis.web.i18n import Translator

COMPARABLES = ("nearest", "komgrp", "region")
NEAREST_K = 5


@dataclass
class Comparables:
    """The municipalities a municipality is compared with, and a label for them."""

    kind: str
    label: str
    members: list[int]
    neighbours: list[Neighbour] = field(default_factory=list)


def comparables(municipality: int, kind: str, domain: str | None, t: Translator) -> Comparables:
    """``nearest``: the 5 nearest by the domain's structural conditions; ``komgrp`` / ``region``: the other
    members of the municipality's Statistics Denmark group or region."""
    if kind == "nearest":
        near = neighbours.nearest(municipality, domain, NEAREST_K)
        label = t("comparables.nearest_label", k=NEAREST_K, domain=t(f"domain.{domain or 'general'}").lower())
        return Comparables(kind, label, [n.municipality for n in near], near)
    group = neighbours.static_group(municipality, kind)  # raises compare.invalid_comparables if unknown
    return Comparables(kind, t(f"comparables.{kind}_label", name=group.name),
                       [m for m in group.members if m != municipality])


def area_value(area: AreaValue | GroupValue | None) -> float | None:
    """The ratio of sums (the area as one municipality) or, for medians and changes, the plain mean."""
    if area is None:
        return None
    return area.value if area.value is not None else area.municipal_mean


def set_value(mean: SetMean) -> float | None:
    return mean.weighted if mean.weighted is not None else mean.unweighted


def comparables_value(view: ReleaseView, series_id: str, period: Period | str, members: list[int]) -> float | None:
    return set_value(neighbours.comparison_mean(view, series_id, period, members)) if members else None


def difference(value: float | None, other: float | None) -> float | None:
    return None if value is None or other is None else value - other


def verdict(diff: float | None, direction: str, decimals: int = 1) -> str:
    """``better``, ``worse``, ``same`` (equal when rounded as shown) or ``neutral`` (a figure without a
    better direction, or nothing to compare)."""
    if diff is None or direction not in ("higher_better", "lower_better"):
        return "neutral"
    if round(diff, decimals) == 0:
        return "same"
    return "better" if (diff > 0) == (direction == "higher_better") else "worse"
