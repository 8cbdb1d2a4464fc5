"""Which earlier months a month is compared with: seasonality and the school year."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Reference:
    """The columns the history of one month is taken from."""

    seasonal: list[int]
    window: list[int]
    later: bool
    """The window is the later months of the school year (August in the first year)."""


def reference_columns(periods: np.ndarray, j: int, school_year: bool, months: int = 12, years: int = 10
                      ) -> Reference:
    """The reference columns of column ``j``: same month in up to ``years`` earlier years, and the window
    (previous ``months`` months; for school-year tables the earlier months of the school year, or, in
    August without them, the later months of the school year)."""
    p = int(periods[j])
    seasonal = [k for k in range(j)
                if (p - int(periods[k])) % 12 == 0 and p - int(periods[k]) <= 12 * years]
    if not school_year:
        return Reference(seasonal, [k for k in range(j) if p - months <= int(periods[k]) < p], False)
    start = p - (p % 12 - 7) % 12  # August of this school year (month numbers: August is 7 modulo 12)
    window = [k for k in range(j) if start <= int(periods[k]) < p]
    if window:
        return Reference(seasonal, window, False)
    later = [k for k in range(j + 1, len(periods)) if p < int(periods[k]) <= start + 11]
    return Reference(seasonal, later, True)


def pad(block: np.ndarray, width: int) -> np.ndarray:
    out = np.full((block.shape[0], width), np.nan)
    out[:, :block.shape[1]] = block
    return out
