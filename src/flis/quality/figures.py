"""Plausibility of key-figure inputs: numerators and denominators of the current release.

A key figure can be implausible when every table behind it looks fine on its own (a filter that suddenly
selects twice as many rows). Each distinct numerator and denominator measure of the catalogue that counts
rows or persons (sums have no row-level noise in the release to measure a change against), of the monthly
figures without breakdown and attributed to the delivering municipality, becomes a panel
read from the release snapshot (:class:`~flis.compare.release.ReleaseView`) and goes through the same
history and peer rules as the table volumes. A key-figure finding whose municipality and month already
have a table-level finding on one of the tables the measure reads is left out: the table finding is the
cause to answer, and the figure follows it; that month is also not used as a reference for the figure.
"""

from __future__ import annotations

import numpy as np

from flis.catalogue.model import Catalogue, Figure, Measure
from flis.compare.release import ReleaseView
from flis.periods import Period
from flis.quality.finding import QualityFinding
from flis.quality.plausibility import DEFAULT, Thresholds, check_panel
from flis.quality.volumes import Panel

ATTRIBUTIONS = ("_municipality", "municipality")
"""Measures attributed to the delivering municipality; home- or paying-municipality measures also read
other municipalities' deliveries, so a finding there could not be placed."""
SIDES = {"numerator": ("numerator", "tæller"), "denominator": ("denominator", "nævner")}


def _measures(catalogue: Catalogue, series_ids: set[str]) -> list[tuple[Figure, str, Measure]]:
    seen: set[str] = set()
    out = []
    for figure in catalogue.figures.values():
        if figure.kind not in ("ratio", "measure") or figure.level != "monthly":
            continue
        if figure.id not in series_ids:
            continue
        for side in ("numerator", "denominator"):
            m: Measure | None = getattr(figure, side)
            if m is None or m.key in seen or m.measure not in ("count", "count_distinct"):
                continue
            if m.attribution not in ATTRIBUTIONS:
                continue
            seen.add(m.key)
            out.append((figure, side, m))
    return out


def figure_panel(view: ReleaseView, figure: Figure, side: str, measure: Measure, municipalities: np.ndarray,
                 incomplete: set[tuple[str, int, str]] = frozenset()) -> Panel | None:
    periods = np.array([p.index for p in view.periods(figure.id)], dtype=np.int64)
    if not len(periods):
        return None
    row_of = {int(m): i for i, m in enumerate(municipalities)}
    values = np.full((len(municipalities), len(periods)), np.nan)
    for j, month in enumerate(periods):
        cells = view.cells(figure.id, int(month))
        numbers = cells.numerator if side == "numerator" else cells.denominator
        period = str(Period.from_index(int(month)))
        for m, x in zip(cells.municipality, numbers):
            if int(m) in row_of and (figure.id, int(m), period) not in incomplete:
                values[row_of[int(m)], j] = x
    en, da = SIDES[side]
    return Panel(f"{figure.id}#{side}", (f"{figure.id} {en} ({measure.describe()})", f"{figure.id} {da}"),
                 tuple(t.qualified for t in measure.source.tables),
                 "count", measure.level,
                 municipalities, periods, values, np.full(values.shape, "", dtype=object),
                 school_year=figure.domain == "schools", level_check=False,
                 movement_floor=True)


def figure_panels(view: ReleaseView, catalogue: Catalogue, municipalities: list[int],
                  incomplete: set[tuple[str, int, str]] = frozenset()) -> list[Panel]:
    """One panel per distinct monthly count measure; cells flagged incomplete are left out (they are flagged
    already, and would otherwise look like a drop)."""
    codes = np.array(sorted(municipalities), dtype=np.int64)
    out = []
    for figure, side, measure in _measures(catalogue, set(view.series_ids())):
        panel = figure_panel(view, figure, side, measure, codes, incomplete)
        if panel is not None:
            out.append(panel)
    return out


def check_figures(panels: list[Panel], sizes: dict[int, float], explained: list[QualityFinding],
                  th: Thresholds = DEFAULT) -> list[QualityFinding]:
    """History and peer outliers of key-figure inputs that no table-level finding explains.

    A municipality's month with a table-level finding on a table the measure reads is left out of the
    panel altogether: it is neither reported again nor used as anyone's reference."""
    causes = {(f.municipality, f.period, t) for f in explained for t in f.tables}
    out = []
    for panel in panels:
        for i, m in enumerate(panel.municipalities):
            for j in range(len(panel.periods)):
                if any((int(m), str(panel.period(j)), t) in causes for t in panel.tables):
                    panel.values[i, j] = np.nan
        for f in check_panel(panel, sizes, th):
            if f.code not in ("quality.history_outlier", "quality.peer_outlier"):
                continue
            f.values = {"rule": f.code.removeprefix("quality."), **f.values}
            f.code = "quality.figure_outlier"
            out.append(f)
    return out
