"""Plausibility of key-figure inputs: numerators and denominators of the current release.

A key figure can be implausible when every table behind it looks fine on its own (a filter that suddenly
selects twice as many rows). Each distinct numerator and denominator measure of the catalogue — counts
and sums of the figures without breakdown, attributed to the delivering municipality — becomes a panel
read from the release snapshot (:class:`~flis.compare.release.ReleaseView`) and goes through the same
history and peer rules as the table volumes. A key-figure finding whose municipality and month already
have a table-level finding on one of the tables the measure reads is left out: the table finding is the
cause to answer, and the figure follows it.
"""

from __future__ import annotations

import numpy as np

from flis.catalogue.model import Catalogue, Figure, Measure
from flis.compare.release import ReleaseView
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
        if figure.kind not in ("ratio", "measure") or figure.id not in series_ids:
            continue
        for side in ("numerator", "denominator"):
            m: Measure | None = getattr(figure, side)
            if m is None or m.key in seen or m.measure not in ("count", "count_distinct", "sum"):
                continue
            if m.attribution not in ATTRIBUTIONS:
                continue
            seen.add(m.key)
            out.append((figure, side, m))
    return out


def figure_panel(view: ReleaseView, figure: Figure, side: str, measure: Measure,
                 municipalities: np.ndarray) -> Panel | None:
    periods = np.array([p.index for p in view.periods(figure.id)], dtype=np.int64)
    if not len(periods):
        return None
    row_of = {int(m): i for i, m in enumerate(municipalities)}
    values = np.full((len(municipalities), len(periods)), np.nan)
    for j, month in enumerate(periods):
        cells = view.cells(figure.id, int(month))
        numbers = cells.numerator if side == "numerator" else cells.denominator
        for m, x in zip(cells.municipality, numbers):
            if int(m) in row_of:
                values[row_of[int(m)], j] = x
    en, da = SIDES[side]
    return Panel(f"{figure.id}#{side}", (f"{figure.id} {en} ({measure.describe()})", f"{figure.id} {da}"),
                 tuple(t.qualified for t in measure.source.tables),
                 "count" if measure.measure in ("count", "count_distinct") else "quantity", measure.level,
                 municipalities, periods, values, np.full(values.shape, "", dtype=object),
                 school_year=figure.domain == "schools")


def figure_panels(view: ReleaseView, catalogue: Catalogue, municipalities: list[int]) -> list[Panel]:
    codes = np.array(sorted(municipalities), dtype=np.int64)
    out = []
    for figure, side, measure in _measures(catalogue, set(view.series_ids())):
        panel = figure_panel(view, figure, side, measure, codes)
        if panel is not None:
            out.append(panel)
    return out


def check_figures(panels: list[Panel], sizes: dict[int, float], explained: list[QualityFinding],
                  th: Thresholds = DEFAULT) -> list[QualityFinding]:
    """History and peer outliers of key-figure inputs that no table-level finding explains."""
    causes = {(f.municipality, f.period, t) for f in explained for t in f.tables}
    out = []
    for panel in panels:
        for f in check_panel(panel, sizes, th):
            if f.code not in ("quality.history_outlier", "quality.peer_outlier"):
                continue
            if any((f.municipality, f.period, t) in causes for t in panel.tables):
                continue
            f.values = {"rule": f.code.removeprefix("quality."), **f.values}
            f.code = "quality.figure_outlier"
            out.append(f)
    return out
