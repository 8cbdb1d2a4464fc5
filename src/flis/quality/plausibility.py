"""Plausibility of volumes: against the municipality's own history, against the other municipalities,
and for unit errors — formally valid data that is nevertheless implausible.

The checks walk a :class:`~flis.quality.volumes.Panel` month by month; docs/quality.md states every rule
with its parameters. In short, for each month and municipality:

1. **Reference** (own history): the same calendar month in earlier years when there is one (seasonality),
   else the previous 12 months; school-year tables (``schools.*``) stay inside the school year, so August
   is compared with earlier Augusts or the later months of its own school year, never with June and July.
2. **Common movement**: what all municipalities did that month (the payment-free July, a trend) scales the
   reference median into the expected value.
3. **History outlier**: robust z = (x - expected) / sigma ≥ 5 and at least 30 % off; sigma is at least
   1.4826 × MAD of the reference, 5 % of expected, the compound-Poisson noise κ√(Σx² + Σx²_ref / n) and
   one typical row — so small counts and sums over a few large amounts are measured against their noise.
4. **Accumulation**: x ≥ 1.5 × the previous month (or ≤ 1/1.5), beyond the common ratio and the noise.
5. **Peer outlier**: Hidiroglou–Berthelot (U = 0.5, A = 0.05, C = 4) on x / previous month across the
   municipalities, sizes as effective numbers of rows; in a municipality's first month, its count against
   municipalities of its size.
6. **Unit error** (money): the amount per row 500-2,000 times off (either way) its own history or, without
   one, the other municipalities; reported instead of the other findings for the value.

A value found implausible is left out of every later reference, so the month after a doubled count is not
reported as a drop — unless the next two months confirm it (both within 30 % of it): then it is a new level
(a new school, a merged unit), reported once, and the municipality's history restarts from it. A value
that repeats last year's implausible value of the same month, or a step the municipality also made a year
earlier, is its own season and not reported again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from flis.quality import messages, stats
from flis.quality.finding import QualityFinding, clean_values
from flis.quality.references import pad, reference_columns
from flis.quality.volumes import Candidate, Panel


@dataclass(frozen=True)
class Thresholds:
    history_z: float = 5.0
    relative_floor: float = 0.05
    min_change: float = 0.3
    history_months: int = 12
    seasonal_years: int = 10
    accumulation: float = 1.5
    peer_min_change: float = 0.3
    min_peers: int = 10
    hb_u: float = stats.HB_U
    hb_a: float = stats.HB_A
    hb_c: float = stats.HB_C


DEFAULT = Thresholds()
LEVEL_SHIFT_MONTHS = 2
NONE = -(10 ** 6)
"""``last_col`` of a municipality without an accepted month yet (never "the previous column")."""


@dataclass
class MonthStats:
    """Everything the rules need for one month, per municipality (rows of the panel)."""

    j: int
    x: np.ndarray
    median: np.ndarray
    n: np.ndarray
    seasonal: np.ndarray
    expected: np.ndarray
    mad: np.ndarray
    """1.4826 × MAD is the spread of the reference; scaled by the common movement."""
    reference_variance: np.ndarray
    """The noise variance of the expected value: Σx² of the reference (median) / number of months."""
    typical_row: np.ndarray
    """Σx² / Σx of the reference (median): the size of one typical row of a sum."""
    common: np.ndarray
    """Per municipality, the common movement that applies to its reference (seasonal or window)."""
    common_ratio: float
    """Median of x / last accepted value over the municipalities (zeros included; 1 without enough)."""
    last: np.ndarray
    last_squares: np.ndarray
    last_col: np.ndarray
    hb: stats.HBResult | None
    per_row: np.ndarray
    """Median over the reference months of the value per row (amounts: kroner per row)."""
    peer_per_row: float
    """Median over the municipalities of this month's value per row."""
    peer_level: tuple[float, float, float, float] | None
    """log(value) = a + b log(residents) across the municipalities (Theil–Sen), and the median and MAD of
    the residuals."""
    movement_spread: np.ndarray
    """1.4826 × MAD over the municipalities of their relative change against their references."""
    later: bool
    school_year_break: bool
    """August in a school-year table: no month-to-month rule compares it with July."""


class PanelCheck:
    """Runs the rules over one panel; ``sizes`` are residents per municipality (for amounts per resident)."""

    def __init__(self, panel: Panel, sizes: dict[int, float], th: Thresholds = DEFAULT,
                 known: set[tuple[int, str]] = frozenset()):
        self.panel, self.th = panel, th
        self.known = np.array([[(int(m), str(panel.period(j))) in known for j in range(len(panel.periods))]
                               for m in panel.municipalities], dtype=bool).reshape(panel.values.shape)
        self.sizes = np.array([float(sizes.get(int(m), np.nan)) for m in panel.municipalities])
        self.accepted = panel.values.copy()
        self.squares = panel.noise_squares()
        self.rows = panel.row_counts()
        self.counts = panel.kind == "count"
        self.regime = np.zeros(len(panel.municipalities), dtype=int)
        self.flagged = np.zeros(panel.values.shape, dtype=bool)
        self.findings: list[QualityFinding] = []
        self.kappa = stats.overdispersion(panel.values, self.squares, th.min_peers)

    def run(self) -> list[QualityFinding]:
        p = self.panel
        rows = len(p.municipalities)
        last, last_squares, last_col = np.full(rows, np.nan), np.full(rows, np.nan), np.full(rows, NONE)
        by_column: dict[int, list[Candidate]] = {}
        for c in p.superseded:
            by_column.setdefault(c.column, []).append(c)
        for j in range(len(p.periods)):
            s = self._month(j, last, last_squares, last_col)
            for i in np.flatnonzero(~np.isnan(s.x)):
                if self._recurring(int(i), j):
                    continue
                before = len(self.findings)
                if self._evaluate(s, int(i), float(s.x[i]), float(self.squares[i, j]), float(self.rows[i, j]),
                                  p.deliveries[i, j] or None, True):
                    if self._level_shift(int(i), j):
                        self.regime[i] = j
                        for f in self.findings[before:]:
                            f.values["level_shift"] = True
                    else:
                        self.accepted[i, j] = np.nan
                    self.flagged[i, j] = True
            for c in by_column.get(j, []):
                squares, rows = (c.value, c.value) if self.counts else (c.squares, c.rows)
                self._evaluate(s, c.row, c.value, squares, rows, c.delivery_id, False)
            self.accepted[self.known[:, j], j] = np.nan
            seen = ~np.isnan(self.accepted[:, j])
            last = np.where(seen, self.accepted[:, j], last)
            last_squares = np.where(seen, self.squares[:, j], last_squares)
            last_col = np.where(seen, j, last_col)
        return self.findings

    def _recurring(self, i: int, j: int) -> bool:
        """Whether the value repeats (within ``min_change``) the same month a year earlier, which was itself
        found implausible: a pattern of the municipality's own (students moving in every August), reported
        the first time only, and from now on accepted as its season."""
        p = self.panel
        year_before = np.flatnonzero(p.periods == p.periods[j] - 12)
        if not len(year_before) or not self.flagged[i, year_before[0]]:
            return False
        earlier, x = p.values[i, year_before[0]], p.values[i, j]
        return bool(earlier > 0 and abs(x / earlier - 1) < self.th.min_change)

    def _same_step_a_year_earlier(self, s: MonthStats, i: int, v: float) -> bool:
        """Whether the municipality made the same month-to-month step (ratio within ``min_change``) a year
        earlier: its own season (a student town's August), not a matter for the month-to-month rules."""
        p, j = self.panel, s.j
        now, before = p.periods[j], p.periods[int(s.last_col[i])]
        cols = [np.flatnonzero(p.periods == month - 12) for month in (now, before)]
        if not all(len(c) for c in cols) or not s.last[i] > 0:
            return False
        then_now, then_before = p.values[i, cols[0][0]], p.values[i, cols[1][0]]
        if not (then_now > 0 and then_before > 0):
            return False
        return abs((v / s.last[i]) / (then_now / then_before) - 1) < self.th.min_change

    def _level_shift(self, i: int, j: int) -> bool:
        """Whether the next two months confirm the value (both within ``min_change`` of it): then it is a
        new level — a new school, a merged unit — reported once, and the history restarts from it."""
        later = self.panel.values[i, j + 1:]
        later = later[~np.isnan(later)][:LEVEL_SHIFT_MONTHS]
        x = self.panel.values[i, j]
        if len(later) < LEVEL_SHIFT_MONTHS or not x > 0:
            return False
        return bool(np.all(np.abs(later / x - 1) < self.th.min_change))

    def _sigma(self, expected: float, mad: float, variance: float, kappa: float, row: float) -> float:
        """The spread of x - expected: at least the reference's MAD, 5 % of expected, kappa × the
        compound-Poisson noise √variance, and one typical row (Σx² / Σx: 1 for counts), since one person
        more or less is always plausible."""
        noise = kappa * np.sqrt(max(variance, 0.0)) if not np.isnan(variance) else np.nan
        noise = np.fmax(noise, row)
        sigma = stats.robust_sigma(np.array([expected]), np.array([mad]),
                                   relative_floor=self.th.relative_floor, counts=self.counts,
                                   noise=np.array([noise]))
        return float(sigma[0])

    def _typical_row(self, x: float, squares: float) -> float:
        if self.counts or not x > 0 or not squares > 0:
            return np.nan
        return squares / x

    # -- statistics of one month ---------------------------------------------------------------------

    def _reference_block(self, cols: list[int], values: np.ndarray) -> tuple[np.ndarray, ...]:
        """Reference values, their Σx² and their rows at ``cols``; only months of the current level."""
        keep = np.array(cols, dtype=int)[None, :] >= self.regime[:, None]
        block = np.where(keep, values[:, cols], np.nan)
        missing = np.isnan(block)
        return (block, np.where(missing, np.nan, self.squares[:, cols]),
                np.where(missing, np.nan, self.rows[:, cols]))

    def _month(self, j: int, last: np.ndarray, last_squares: np.ndarray, last_col: np.ndarray) -> MonthStats:
        p, th = self.panel, self.th
        ref = reference_columns(p.periods, j, p.school_year, th.history_months, th.seasonal_years)
        seasonal = self._reference_block(ref.seasonal, self.accepted)
        window = self._reference_block(ref.window, p.values if ref.later else self.accepted)
        has_seasonal = ~np.all(np.isnan(seasonal[0]), axis=1) if ref.seasonal else np.zeros(len(last), bool)
        width = max(len(ref.seasonal), len(ref.window), 1)
        block, block_sq, block_rows = (np.where(has_seasonal[:, None], pad(a, width), pad(b, width))
                                       for a, b in zip(seasonal, window))
        median, mad, n = stats.median_mad(block)
        median_sq, _, _ = stats.median_mad(block_sq)
        with np.errstate(invalid="ignore", divide="ignore"):
            per_row, _, _ = stats.median_mad(np.where(block_rows > 0, block / block_rows, np.nan))
            typical_row, _, _ = stats.median_mad(np.where(block > 0, block_sq / block, np.nan))
        x = p.values[:, j]
        common, movement_spread = self._common(x, median, n, has_seasonal, stats.median_mad(window[0]))
        factor = np.fmax(1.0 + common, 0.0)
        expected = median * factor
        with np.errstate(invalid="ignore", divide="ignore"):
            reference_variance = factor * factor * median_sq / n
        consecutive = last_col == j - 1
        with np.errstate(invalid="ignore", divide="ignore"):
            ratios = x / last
        ratio_ok = consecutive & (last > 0) & ~np.isnan(x)
        common_ratio = float(np.median(ratios[ratio_ok])) if ratio_ok.sum() >= th.min_peers else 1.0
        hb = self._hb(x, self.squares[:, j], np.where(consecutive, last, np.nan), last_squares)
        with np.errstate(divide="ignore", invalid="ignore"):
            row_now = x / self.rows[:, j]
        peer_level = self._peer_level(x) if p.level_check and (last_col != j - 1).any() else None
        row_ok = (x > 0) & np.isfinite(row_now)
        peer_per_row = float(np.median(row_now[row_ok])) if row_ok.sum() >= th.min_peers else np.nan
        august = p.school_year and p.period(j).month == 8
        return MonthStats(j, x, median, n, has_seasonal, expected, mad * factor, reference_variance,
                          typical_row, common, common_ratio, last, last_squares, last_col, hb, per_row,
                          peer_per_row, peer_level, movement_spread, ref.later, august)

    def _common(self, x: np.ndarray, median: np.ndarray, n: np.ndarray, seasonal: np.ndarray,
                window: tuple[np.ndarray, np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """What all municipalities did this month, per municipality for the kind of reference it uses, and
        how differently they did it (1.4826 × MAD of their relative changes).

        For a seasonal reference, the median relative change of the municipalities with a seasonal
        reference (0 when fewer than ``min_peers``: the season is in the reference already). For a
        window reference, the median relative change of every municipality against its own window
        median, so that a municipality without last year's July still gets July's common movement."""
        min_peers = self.th.min_peers
        with np.errstate(divide="ignore", invalid="ignore"):
            move = (x - median) / median
            w_median, _, w_n = window
            w_move = (x - w_median) / w_median

        def centre_and_spread(values: np.ndarray, ok: np.ndarray) -> tuple[float, float]:
            if ok.sum() < min_peers:
                return 0.0, np.nan
            med, mad, _ = stats.median_mad(values[ok][None, :])
            return float(med[0]), float(stats.MAD_SCALE * mad[0])

        common_s, spread_s = centre_and_spread(move, seasonal & (n > 0) & (median > 0) & ~np.isnan(x))
        common_w, spread_w = centre_and_spread(w_move, (w_n > 0) & (w_median > 0) & ~np.isnan(x))
        return np.where(seasonal, common_s, common_w), np.where(seasonal, spread_s, spread_w)

    def _effective_rows(self, x: np.ndarray | float, squares: np.ndarray | float) -> np.ndarray:
        """(Σx)² / Σx²: the count for counts; for a sum, how many equal rows would be as noisy."""
        if self.counts:
            return np.asarray(x, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(np.asarray(squares) > 0, np.square(x) / np.asarray(squares), np.nan)

    def _hb(self, x: np.ndarray, squares: np.ndarray, last: np.ndarray, last_squares: np.ndarray
            ) -> stats.HBResult | None:
        pairs = (x > 0) & (last > 0)
        if pairs.sum() < self.th.min_peers:
            return None
        size = np.fmax(self._effective_rows(x, squares), self._effective_rows(last, last_squares))
        pairs &= ~np.isnan(size)
        if pairs.sum() < self.th.min_peers:
            return None
        th = self.th
        return stats.hidiroglou_berthelot(np.where(pairs, x, np.nan), np.where(pairs, last, np.nan),
                                          u=th.hb_u, a=th.hb_a, c=th.hb_c, size=np.where(pairs, size, np.nan))

    # -- the rules for one value ------------------------------------------------------------------------

    def _evaluate(self, s: MonthStats, i: int, v: float, squares: float, rows: float, delivery: str | None,
                  in_force: bool) -> bool:
        p = self.panel
        found = []
        unit = self._unit(s, i, v, rows)
        if unit is not None:
            found.append(unit)
        else:
            history = self._history(s, i, v, squares)
            if history is not None:
                found.append(history)
            consecutive = s.last_col[i] == s.j - 1 and not self._same_step_a_year_earlier(s, i, v)
            peer = (self._peer(s, i, v, squares) if consecutive and not s.school_year_break
                    else self._level(s, i, v) if s.n[i] == 0 and np.isnan(s.last[i]) else None)
            if peer is not None:
                found.append(peer)
            if history is None and consecutive and not s.school_year_break:
                acc = self._accumulation(s, i, v, squares)
                if acc is not None:
                    found.append(acc)
        for code, values, (en, da) in found:
            self.findings.append(QualityFinding(
                code, int(p.municipalities[i]), p.subject, str(p.period(s.j)), clean_values(values), en, da,
                delivery, in_force, p.tables))
        return bool(found)

    def _history(self, s: MonthStats, i: int, v: float, squares: float):
        th = self.th
        if s.n[i] == 0 or np.isnan(s.expected[i]):
            return None
        expected = float(s.expected[i])
        row = np.fmax(float(s.typical_row[i]), self._typical_row(v, squares))
        # Over months and years persons come and go: never less noisy than compound Poisson (kappa >= 1).
        sigma = self._sigma(expected, float(s.mad[i]), float(s.reference_variance[i]) + squares,
                            max(self.kappa, 1.0), row)
        if self.panel.movement_floor and s.movement_spread[i] > 0:
            # derived figures: far only when far beyond how differently the municipalities moved
            sigma = max(sigma, abs(expected) * float(s.movement_spread[i]))
        if not sigma > 0:
            return None  # a reference of zeros for an amount: no scale to measure a change in
        z = (v - expected) / sigma
        change = v / expected - 1 if expected > 0 else (np.inf if v > 0 else 0.0)
        if abs(z) < th.history_z or abs(change) < th.min_change:
            return None
        period = self.panel.period(s.j)
        reference = messages.reference_text(int(s.n[i]), period.month, bool(s.seasonal[i]), s.later)
        common = float(s.common[i])
        values = {"value": v, "reference": float(s.median[i]), "expected": expected, "score": z,
                  "sigma": sigma, "reference_months": int(s.n[i]), "seasonal": bool(s.seasonal[i]),
                  "common_movement": common}
        return ("quality.history_outlier", values,
                messages.history(self.panel.labels, str(period), v, float(s.median[i]), expected, common, z,
                                 reference))

    def _change_z(self, s: MonthStats, i: int, v: float, squares: float, ratio: float) -> float:
        """How far v is from the last accepted value times ``ratio``, in noise units (the noise of both)."""
        last, last_squares = float(s.last[i]), float(s.last_squares[i])
        expected = last * ratio
        row = np.fmax(self._typical_row(last, last_squares), self._typical_row(v, squares))
        sigma = self._sigma(expected, 0.0, squares + ratio * ratio * last_squares, self.kappa, row)
        return (v - expected) / sigma if sigma > 0 else 0.0

    def _peer(self, s: MonthStats, i: int, v: float, squares: float):
        hb, th = s.hb, self.th
        last = float(s.last[i])
        if hb is None or not (v > 0 and last > 0):
            return None
        r, rm = v / last, hb.median_ratio
        size = max(float(self._effective_rows(v, squares)),
                   float(self._effective_rows(last, s.last_squares[i])))
        if np.isnan(size):
            return None
        e = (1 - rm / r if r < rm else r / rm - 1) * size ** th.hb_u
        if hb.lower <= e <= hb.upper or max(r / rm, rm / r) < 1 + th.peer_min_change:
            return None
        if abs(self._change_z(s, i, v, squares, rm)) < th.history_z:
            return None
        before = str(self.panel.period(int(s.last_col[i])))
        n = int(np.sum(~np.isnan(hb.e)))
        values = {"value": v, "reference": last, "reference_period": before, "ratio": r, "median_ratio": rm,
                  "score": e, "lower": hb.lower, "upper": hb.upper, "municipalities": n}
        return ("quality.peer_outlier", values,
                messages.peer(self.panel.labels, str(self.panel.period(s.j)), v, last, before, r, rm, e,
                              hb.lower, hb.upper, n))

    def _accumulation(self, s: MonthStats, i: int, v: float, squares: float):
        th = self.th
        last = float(s.last[i])
        if not last > 0:
            return None
        expected = last * s.common_ratio
        relative = v / expected if expected > 0 else (np.inf if v > 0 else 1.0)
        if 1 / th.accumulation < relative < th.accumulation:
            return None
        z = self._change_z(s, i, v, squares, s.common_ratio)
        if abs(z) < th.history_z:
            return None
        before = str(self.panel.period(int(s.last_col[i])))
        values = {"value": v, "reference": last, "reference_period": before, "ratio": v / last,
                  "common_ratio": s.common_ratio, "score": z}
        return ("quality.accumulation", values,
                messages.accumulation(self.panel.labels, str(self.panel.period(s.j)), v, last, before,
                                      s.common_ratio))

    def _peer_level(self, x: np.ndarray) -> tuple[float, float, float, float] | None:
        ok = (x > 0) & (self.sizes > 0)
        if not self.counts or ok.sum() < self.th.min_peers:
            return None
        log_size, log_x = np.log(self.sizes[ok]), np.log(x[ok])
        a, b = stats.theil_sen(log_size, log_x)
        med, mad, _ = stats.median_mad((log_x - a - b * log_size)[None, :])
        return a, b, float(med[0]), float(mad[0])

    def _level(self, s: MonthStats, i: int, v: float):
        """Without any history to compare with (a municipality's first month): a count far from
        what the other municipalities of its size have. log(count) against log(residents) is a robust line
        across the municipalities (Theil–Sen: slope 1 for persons, near 0 for accounts of a chart); a
        finding when the residual's robust z is at least 5, the count at least 30 % off the line, and
        beyond counting noise."""
        th = self.th
        if s.peer_level is None or not v > 0 or np.isnan(self.sizes[i]):
            return None
        a, b, centre, mad = s.peer_level
        fitted = a + b * np.log(self.sizes[i]) + centre
        spread = stats.MAD_SCALE * mad
        z = (np.log(v) - fitted) / spread if spread > 0 else 0.0
        expected = float(np.exp(fitted))
        if abs(z) < th.history_z or max(v / expected, expected / v) < 1 + th.peer_min_change:
            return None
        noise = self._sigma(expected, 0.0, v + expected, max(self.kappa, 1.0), 1.0)
        if abs(v - expected) / noise < th.history_z:
            return None
        values = {"value": v, "reference": expected, "rule": "level", "score": float(z)}
        return ("quality.peer_outlier", values,
                messages.level(self.panel.labels, str(self.panel.period(s.j)), v, expected, float(z)))

    def _unit(self, s: MonthStats, i: int, v: float, rows: float):
        """Amounts per row against the municipality's own per-row history, or the other municipalities'
        per-row amount when it has none: a per-row average does not move with the number of rows, so a
        factor 1,000 stands out even in a month with few rows."""
        if self.panel.kind != "amount" or not (v > 0 and rows > 0):
            return None
        average = v / rows
        if s.n[i] > 0 and s.per_row[i] > 0:
            reference, basis = float(s.per_row[i]), "history"
        elif s.peer_per_row > 0:
            reference, basis = s.peer_per_row, "peers"
        else:
            return None
        direction = int(stats.unit_factor(average / reference))
        if direction == 0:
            return None
        values = {"value": v, "rows": rows, "per_row": average, "reference": reference,
                  "ratio": average / reference, "basis": basis, "score": average / reference}
        return ("quality.unit_error", values,
                messages.unit(self.panel.labels, str(self.panel.period(s.j)), v, average, reference, basis,
                              direction))


def check_panel(panel: Panel, sizes: dict[int, float], th: Thresholds = DEFAULT,
                known: set[tuple[int, str]] = frozenset()) -> list[QualityFinding]:
    """All history, accumulation, peer and unit findings of one panel. ``known``: (municipality, YYYY-MM)
    already found implausible by another check (repeated records), kept out of every reference."""
    return PanelCheck(panel, sizes, th, known).run()
