"""The statistics behind the plausibility checks, as small pure functions over numpy arrays.

Each function is the textbook rule with its parameters named, so that a test can check it on a toy
series by hand and docs/quality.md can quote it exactly:

- :func:`robust_z`: the distance of a value from the median of a reference set in robust standard
  deviations, z = (x - median) / (1.4826 * MAD), with floors for short or perfectly smooth references;
- :func:`hidiroglou_berthelot`: the Hidiroglou–Berthelot (1986) scores and bounds for period-to-period
  ratios across units;
- :func:`unit_factor`: whether a ratio is "about a factor 1,000" (kroner delivered as thousands).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAD_SCALE = 1.4826
"""1 / Φ⁻¹(3/4): makes the median absolute deviation estimate the standard deviation of normal data."""

HB_U = 0.5
"""Hidiroglou–Berthelot size exponent: how much a large unit's change weighs more than a small unit's."""
HB_A = 0.05
"""Hidiroglou–Berthelot: the bounds are at least A × |median score| wide, so tightly clustered scores do not
flag everyone."""
HB_C = 4.0
"""Hidiroglou–Berthelot: how many quartile distances from the median score a unit must be to be an outlier."""

UNIT_LOW, UNIT_HIGH = 500.0, 2000.0
"""A ratio between 500 and 2,000 (or between 1/2,000 and 1/500) is a factor-1,000 unit error."""


def median_mad(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row-wise median, median absolute deviation and number of values of a 2-D array (NaN = absent).

    Rows without any value get NaN median and MAD and count 0."""
    values = np.asarray(values, dtype=float)
    if values.ndim == 1:
        values = values[None, :]
    count = np.sum(~np.isnan(values), axis=1)
    med = np.full(values.shape[0], np.nan)
    mad = np.full(values.shape[0], np.nan)
    rows = count > 0
    if rows.any():
        med[rows] = np.nanmedian(values[rows], axis=1)
        mad[rows] = np.nanmedian(np.abs(values[rows] - med[rows, None]), axis=1)
    return med, mad, count


def robust_sigma(median: np.ndarray, mad: np.ndarray, *, relative_floor: float, counts: bool,
                 noise: np.ndarray | None = None) -> np.ndarray:
    """The spread a value is measured in: 1.4826 × MAD, but at least ``relative_floor`` × |median|, at least
    ``noise`` and, for counts, at least √median (Poisson noise) and 1.

    Why floors: a reference of one or two months, or a perfectly smooth register, has a MAD of (almost)
    zero, and every ordinary fluctuation would then be "infinitely" far away. ``noise`` is √Σx² for a sum
    over a varying number of rows (the compound-Poisson standard deviation; √count for a count)."""
    sigma = MAD_SCALE * np.asarray(mad, dtype=float)
    sigma = np.fmax(sigma, relative_floor * np.abs(median))
    if noise is not None:
        sigma = np.fmax(sigma, np.asarray(noise, dtype=float))
    if counts:
        sigma = np.fmax(sigma, np.sqrt(np.abs(median)))
        sigma = np.fmax(sigma, 1.0)
    return sigma


def robust_z(x: np.ndarray | float, reference: np.ndarray, *, relative_floor: float = 0.0,
             counts: bool = False) -> np.ndarray:
    """z = (x - median(reference)) / sigma for each row of ``reference`` (NaN = absent, NaN z without
    reference); sigma is :func:`robust_sigma` (plain 1.4826 × MAD with the default arguments)."""
    med, mad, _ = median_mad(reference)
    sigma = robust_sigma(med, mad, relative_floor=relative_floor, counts=counts)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (np.asarray(x, dtype=float) - med) / sigma


@dataclass(frozen=True)
class HBResult:
    """Per unit: ratio r = x(t) / x(t-1), centred change s, score E; and the acceptance interval of E."""

    ratio: np.ndarray
    median_ratio: float
    s: np.ndarray
    e: np.ndarray
    e_median: float
    lower: float
    upper: float

    @property
    def outlier(self) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return (self.e < self.lower) | (self.e > self.upper)

    def score(self) -> np.ndarray:
        """How far outside (or inside) the interval E is, in units of its half-width on that side:
        0 at the median score, ±1 at the bounds."""
        below = (self.e_median - self.lower) or np.inf
        above = (self.upper - self.e_median) or np.inf
        with np.errstate(invalid="ignore"):
            return np.where(self.e < self.e_median, (self.e - self.e_median) / below,
                            (self.e - self.e_median) / above)


def hidiroglou_berthelot(current: np.ndarray, previous: np.ndarray, *, u: float = HB_U, a: float = HB_A,
                         c: float = HB_C, size: np.ndarray | None = None) -> HBResult:
    """Hidiroglou–Berthelot scores for units with both values positive (others get NaN).

    r_i = x_i(t) / x_i(t-1); r_M the median ratio;
    s_i = 1 - r_M / r_i when r_i < r_M, else r_i / r_M - 1 (symmetric for halving and doubling);
    E_i = s_i × max(x_i(t), x_i(t-1))^U (or size_i^U when ``size`` is given);
    with E_Q1, E_M, E_Q3 the quartiles of E: d_Q1 = max(E_M - E_Q1, |A E_M|), d_Q3 = max(E_Q3 - E_M, |A E_M|);
    unit i is an outlier when E_i < E_M - C d_Q1 or E_i > E_M + C d_Q3."""
    x1 = np.asarray(current, dtype=float)
    x0 = np.asarray(previous, dtype=float)
    ok = (x1 > 0) & (x0 > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(ok, x1 / x0, np.nan)
    nan = np.full_like(ratio, np.nan)
    if not ok.any():
        return HBResult(ratio, np.nan, nan, nan, np.nan, np.nan, np.nan)
    r_m = float(np.nanmedian(ratio))
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.where(ratio < r_m, 1.0 - r_m / ratio, ratio / r_m - 1.0)
        e = s * np.power(np.fmax(x1, x0) if size is None else np.asarray(size, dtype=float), u)
    e = np.where(ok, e, np.nan)
    q1, e_m, q3 = (float(v) for v in np.nanpercentile(e, [25, 50, 75]))
    d_q1 = max(e_m - q1, abs(a * e_m))
    d_q3 = max(q3 - e_m, abs(a * e_m))
    return HBResult(ratio, r_m, np.where(ok, s, np.nan), e, e_m, e_m - c * d_q1, e_m + c * d_q3)


KAPPA_MIN = 0.25
KAPPA_QUANTILE, KAPPA_NORMAL = 99, 2.576
"""kappa is the 99th percentile of |standardised monthly change| over 2.576, its value for normal noise."""
KAPPA_MIN_CHANGES, KAPPA_FEW_CHANGES = 500, 50
"""With fewer changes than 500 a 99th percentile means little: kappa is then the 90th percentile over 1.645,
at least 1 (fewer than 50 changes, a small test panel: 1)."""


def overdispersion(values: np.ndarray, squares: np.ndarray, min_peers: int = 10) -> float:
    """kappa: how much noisier than compound Poisson a volume moves from month to month.

    ``values`` and ``squares`` are [unit, period] (Σx and Σx²; for counts both the count). Each change of
    a unit with both months, d = (x_t - r x_{t-1}) / √(Σx²_t + r² Σx²_{t-1}) with r the period's median
    ratio, would have standard deviation 1 for compound-Poisson noise. Events that come in clusters (a
    family moving together) have kappa > 1; stocks, whose persons stay from month to month, far less than
    1 (at least KAPPA_MIN). The 99th percentile of |d - median d|, unlike the MAD, is not 0 when most months
    do not change at all, follows heavy tails (one large client leaving), and faults (well under 1 % of
    the months) hardly move it."""
    parts = []
    for j in range(1, values.shape[1]):
        a, b = values[:, j - 1], values[:, j]
        ok = (a > 0) & (b > 0)
        if ok.sum() < min_peers:
            continue
        r = float(np.median(b[ok] / a[ok]))
        with np.errstate(invalid="ignore", divide="ignore"):
            d = (b[ok] - r * a[ok]) / np.sqrt(squares[ok, j] + r * r * squares[ok, j - 1])
        parts.append(d[np.isfinite(d)])
    d = np.concatenate(parts) if parts else np.empty(0)
    if len(d) < KAPPA_FEW_CHANGES:
        return 1.0
    spread = np.abs(d - np.median(d))
    if len(d) < KAPPA_MIN_CHANGES:
        return max(1.0, float(np.percentile(spread, 90) / 1.645))
    return max(KAPPA_MIN, float(np.percentile(spread, KAPPA_QUANTILE) / KAPPA_NORMAL))


def theil_sen(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Robust straight line y = a + b x: b the median of all pairwise slopes, a the median of y - b x."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    dx = x[None, :] - x[:, None]
    dy = y[None, :] - y[:, None]
    upper = np.triu(np.ones_like(dx, dtype=bool), 1) & (dx != 0)
    b = float(np.median(dy[upper] / dx[upper])) if upper.any() else 0.0
    return float(np.median(y - b * x)), b


def unit_factor(ratio: np.ndarray | float) -> np.ndarray:
    """+1 where the ratio is about 1,000 (500-2,000), -1 where it is about 1/1,000, 0 elsewhere."""
    r = np.asarray(ratio, dtype=float)
    with np.errstate(invalid="ignore"):
        up = (r >= UNIT_LOW) & (r <= UNIT_HIGH)
        down = (r >= 1 / UNIT_HIGH) & (r <= 1 / UNIT_LOW)
    return up.astype(int) - down.astype(int)
