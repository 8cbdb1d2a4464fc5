"""Plausibility of volumes: against the municipality's own history, against the other municipalities,
and for unit errors — formally valid data that is nevertheless implausible.

The checks walk a :class:`~flis.quality.volumes.Panel` month by month. For each month and municipality:

1. **Reference** (own history). The same calendar month in up to 10 earlier years when the municipality
   has any of them (seasonality); otherwise the previous 12 months. Tables that follow the school year
   (``schools.*``) only look inside the current school year (August-July): August is compared with
   earlier Augusts, or — in the first year — with the later months of its own school year, never with
   June or July, because pupils and classes change in August.
2. **Common movement.** The median over all municipalities of (value - reference median) / reference
   median is what every municipality did that month (the payment-free July, a national trend); the
   expected value is the reference median × (1 + common movement).
3. **History outlier**: robust z = (x - expected) / sigma with sigma = 1.4826 × MAD of the reference
   (scaled by the common movement), at least 5 % of the expected value and, for counts, at least
   √expected and 1; a finding when |z| ≥ 5 and x differs from the expected value by at least 30 %.
4. **Accumulation**: x ≥ 1.5 × the last accepted value, or ≤ last / 1.5, after dividing out the median
   ratio of all municipalities and beyond the same noise (|z| ≥ 5); reported only when the history check
   did not already report the value, and for school-year tables not across the August break.
5. **Peer outlier**: Hidiroglou–Berthelot on x / last accepted value across the municipalities (U = 0.5,
   A = 0.05, C = 4; at least 10 municipalities), and the ratio at least 30 % from the median ratio.
6. **Unit error** (money amounts only): x / expected between 500 and 2,000 or between 1/2,000 and 1/500;
   without own history, the amount per resident against the median per resident of the others. A unit
   error is reported instead of the other three findings for the same value.

A value found implausible is left out of every later reference (its month is skipped as "last
period" and as history), so the month after a doubled count is not reported as a drop.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from flis.quality import stats
from flis.quality.finding import QualityFinding, both, clean_values
from flis.quality.volumes import Candidate, Panel

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
             "november", "december")


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


@dataclass
class Reference:
    """The columns the history of one month is taken from."""

    seasonal: list[int]
    window: list[int]
    later: bool
    """The window is the later months of the school year (August in the first year)."""


def reference_columns(periods: np.ndarray, j: int, school_year: bool, th: Thresholds = DEFAULT) -> Reference:
    p = int(periods[j])
    seasonal = [k for k in range(j) if (p - int(periods[k])) % 12 == 0 and p - int(periods[k]) <= 12 * th.seasonal_years]
    if not school_year:
        return Reference(seasonal, [k for k in range(j) if p - th.history_months <= int(periods[k]) < p], False)
    start = (p // 12) * 12 + 7 if p % 12 >= 7 else (p // 12 - 1) * 12 + 7  # August of this school year
    window = [k for k in range(j) if start <= int(periods[k]) < p]
    if window:
        return Reference(seasonal, window, False)
    return Reference(seasonal, [k for k in range(j + 1, len(periods)) if p < int(periods[k]) <= start + 11], True)


def _pad(block: np.ndarray, width: int) -> np.ndarray:
    out = np.full((block.shape[0], width), np.nan)
    out[:, :block.shape[1]] = block
    return out


@dataclass
class MonthStats:
    """Everything the rules need for one month, per municipality (rows of the panel)."""

    j: int
    x: np.ndarray
    median: np.ndarray
    n: np.ndarray
    seasonal: np.ndarray
    expected: np.ndarray
    sigma: np.ndarray
    common: float
    last: np.ndarray
    last_col: np.ndarray
    hb: stats.HBResult | None
    common_ratio: float
    level_median: float
    later: bool
    skip_accumulation: bool


class PanelCheck:
    """Runs the rules over one panel; ``sizes`` are residents per municipality (for amounts per resident)."""

    def __init__(self, panel: Panel, sizes: dict[int, float], th: Thresholds = DEFAULT):
        self.panel, self.th = panel, th
        self.sizes = np.array([float(sizes.get(int(m), np.nan)) for m in panel.municipalities])
        self.accepted = panel.values.copy()
        self.findings: list[QualityFinding] = []

    def run(self) -> list[QualityFinding]:
        p = self.panel
        rows = len(p.municipalities)
        last = np.full(rows, np.nan)
        last_col = np.full(rows, -1)
        by_column: dict[int, list[Candidate]] = {}
        for c in p.superseded:
            by_column.setdefault(c.column, []).append(c)
        for j in range(len(p.periods)):
            s = self._month(j, last, last_col)
            for i in np.flatnonzero(~np.isnan(s.x)):
                if self._evaluate(s, int(i), float(s.x[i]), p.deliveries[i, j] or None, True):
                    self.accepted[i, j] = np.nan
            for c in by_column.get(j, []):
                self._evaluate(s, c.row, c.value, c.delivery_id, False)
            seen = ~np.isnan(self.accepted[:, j])
            last = np.where(seen, self.accepted[:, j], last)
            last_col = np.where(seen, j, last_col)
        return self.findings

    # -- statistics of one month ---------------------------------------------------------------------

    def _month(self, j: int, last: np.ndarray, last_col: np.ndarray) -> MonthStats:
        p, th = self.panel, self.th
        ref = reference_columns(p.periods, j, p.school_year, th)
        seasonal = self.accepted[:, ref.seasonal]
        window = (p.values if ref.later else self.accepted)[:, ref.window]
        has_seasonal = ~np.all(np.isnan(seasonal), axis=1) if ref.seasonal else np.zeros(len(last), bool)
        width = max(len(ref.seasonal), len(ref.window), 1)
        block = np.where(has_seasonal[:, None], _pad(seasonal, width), _pad(window, width))
        median, mad, n = stats.median_mad(block)
        x = p.values[:, j]
        with np.errstate(divide="ignore", invalid="ignore"):
            move = (x - median) / median
        ok = (n > 0) & (median > 0) & ~np.isnan(x)
        common = float(np.median(move[ok])) if ok.sum() >= th.min_peers else 0.0
        factor = max(1.0 + common, 0.0)
        expected = median * factor
        sigma = stats.robust_sigma(expected, mad * factor, relative_floor=th.relative_floor,
                                   counts=p.kind == "count")
        pairs = (x > 0) & (last > 0)
        hb = None
        common_ratio = 1.0
        if pairs.sum() >= th.min_peers:
            hb = stats.hidiroglou_berthelot(np.where(pairs, x, np.nan), np.where(pairs, last, np.nan),
                                            u=th.hb_u, a=th.hb_a, c=th.hb_c)
            common_ratio = hb.median_ratio
        with np.errstate(divide="ignore", invalid="ignore"):
            level = x / self.sizes
        level_ok = (x > 0) & ~np.isnan(level)
        level_median = float(np.median(level[level_ok])) if level_ok.sum() >= th.min_peers else np.nan
        august = p.school_year and p.period(j).month == 8
        return MonthStats(j, x, median, n, has_seasonal, expected, sigma, common, last, last_col, hb,
                          common_ratio, level_median, ref.later, august)

    # -- the rules for one value ------------------------------------------------------------------------

    def _evaluate(self, s: MonthStats, i: int, v: float, delivery: str | None, in_force: bool) -> bool:
        p, th = self.panel, self.th
        found = []
        unit = self._unit(s, i, v)
        if unit is not None:
            found.append(unit)
        else:
            history = self._history(s, i, v)
            if history is not None:
                found.append(history)
            peer = self._peer(s, i, v)
            if peer is not None:
                found.append(peer)
            if history is None and not s.skip_accumulation:
                acc = self._accumulation(s, i, v)
                if acc is not None:
                    found.append(acc)
        for code, values, en, da in found:
            self.findings.append(QualityFinding(
                code, int(p.municipalities[i]), p.subject, str(p.period(s.j)), clean_values(values), en, da,
                delivery, in_force, p.tables))
        return bool(found)

    def _what(self, s: MonthStats, v: float) -> tuple[str, str, str, str]:
        ven, vda = both(v)
        period = str(self.panel.period(s.j))
        return (f"{self.panel.labels[0]}: {ven} in {period}", f"{self.panel.labels[1]}: {vda} i {period}",
                period, "")

    def _reference_text(self, s: MonthStats, i: int) -> tuple[str, str]:
        n = int(s.n[i])
        month = self.panel.period(s.j).month - 1
        if s.seasonal[i]:
            if n == 1:
                return f"{MONTHS_EN[month]} a year earlier", f"{MONTHS_DA[month]} året før"
            return f"the median of {n} earlier {MONTHS_EN[month]}s", f"medianen af {n} tidligere {MONTHS_DA[month]}"
        if s.later:
            return (f"the median of the {n} later months of the school year",
                    f"medianen af skoleårets {n} senere måneder")
        if n == 1:
            return "the month before", "måneden før"
        return f"the median of the previous {n} months", f"medianen af de foregående {n} måneder"

    def _history(self, s: MonthStats, i: int, v: float):
        th = self.th
        if s.n[i] == 0 or np.isnan(s.expected[i]):
            return None
        expected, sigma = float(s.expected[i]), float(s.sigma[i])
        z = (v - expected) / sigma
        change = v / expected - 1 if expected > 0 else (np.inf if v > 0 else 0.0)
        if abs(z) < th.history_z or abs(change) < th.min_change:
            return None
        what_en, what_da, period, _ = self._what(s, v)
        ref_en, ref_da = self._reference_text(s, i)
        med_en, med_da = both(float(s.median[i]))
        exp_en, exp_da = both(expected)
        z_en, z_da = both(z, 1)
        adjust_en = adjust_da = ""
        if abs(s.common) >= 0.005:
            c_en, c_da = both(100 * s.common, 1)
            adjust_en = f", {c_en} % for the month's common movement: expected {exp_en}"
            adjust_da = f", {c_da} % for månedens fælles bevægelse: forventet {exp_da}"
        values = {"value": v, "reference": float(s.median[i]), "expected": expected, "score": z,
                  "sigma": sigma, "reference_months": int(s.n[i]), "seasonal": bool(s.seasonal[i]),
                  "common_movement": s.common}
        return ("quality.history_outlier", values,
                f"{what_en}; {ref_en} is {med_en}{adjust_en} (robust z {z_en}).",
                f"{what_da}; {ref_da} er {med_da}{adjust_da} (robust z {z_da}).")

    def _peer(self, s: MonthStats, i: int, v: float):
        hb, th = s.hb, self.th
        last = float(s.last[i])
        if hb is None or not (v > 0 and last > 0):
            return None
        r, rm = v / last, hb.median_ratio
        e = (1 - rm / r if r < rm else r / rm - 1) * max(v, last) ** th.hb_u
        if hb.lower <= e <= hb.upper or max(r / rm, rm / r) < 1 + th.peer_min_change:
            return None
        what_en, what_da, period, _ = self._what(s, v)
        before = str(self.panel.period(int(s.last_col[i])))
        l_en, l_da = both(last)
        r_en, r_da = both(r, 2)
        rm_en, rm_da = both(rm, 3)
        e_en, e_da = both(e, 1)
        lo_en, lo_da = both(hb.lower, 1)
        hi_en, hi_da = both(hb.upper, 1)
        n = int(np.sum(~np.isnan(hb.e)))
        values = {"value": v, "reference": last, "reference_period": before, "ratio": r, "median_ratio": rm,
                  "score": e, "lower": hb.lower, "upper": hb.upper, "municipalities": n}
        return ("quality.peer_outlier", values,
                f"{what_en} against {l_en} in {before}, a ratio of {r_en}; the median ratio of {n} municipalities "
                f"is {rm_en} (Hidiroglou–Berthelot score {e_en}, accepted {lo_en} to {hi_en}).",
                f"{what_da} mod {l_da} i {before}, et forhold på {r_da}; medianforholdet for {n} kommuner er "
                f"{rm_da} (Hidiroglou–Berthelot-score {e_da}, accepteret {lo_da} til {hi_da}).")

    def _accumulation(self, s: MonthStats, i: int, v: float):
        th = self.th
        last = float(s.last[i])
        if not last > 0:
            return None
        expected = last * s.common_ratio
        relative = v / expected if expected > 0 else np.inf
        if 1 / th.accumulation < relative < th.accumulation:
            return None
        sigma = float(stats.robust_sigma(np.array([expected]), np.array([0.0]), relative_floor=th.relative_floor,
                                         counts=self.panel.kind == "count")[0])
        z = (v - expected) / sigma
        if abs(z) < th.history_z:
            return None
        what_en, what_da, period, _ = self._what(s, v)
        before = str(self.panel.period(int(s.last_col[i])))
        q_en, q_da = both(v / last, 2)
        c_en, c_da = both(s.common_ratio, 2)
        l_en, l_da = both(last)
        values = {"value": v, "reference": last, "reference_period": before, "ratio": v / last,
                  "common_ratio": s.common_ratio, "score": z}
        return ("quality.accumulation", values,
                f"{what_en}, {q_en} times the {l_en} of {before} (all municipalities: {c_en} times).",
                f"{what_da}, {q_da} gange de {l_da} i {before} (alle kommuner: {c_da} gange).")

    def _unit(self, s: MonthStats, i: int, v: float):
        if self.panel.kind != "amount" or not v > 0:
            return None
        if s.n[i] > 0 and s.expected[i] > 0:
            reference, basis = float(s.expected[i]), "history"
        elif not np.isnan(s.level_median) and not np.isnan(self.sizes[i]):
            reference, basis = float(s.level_median * self.sizes[i]), "peers"
        else:
            return None
        direction = int(stats.unit_factor(v / reference))
        if direction == 0:
            return None
        what_en, what_da, period, _ = self._what(s, v)
        ref_en, ref_da = both(reference)
        ratio = v / reference
        basis_en = ("from the municipality's own history" if basis == "history"
                    else "from the other municipalities' amount per resident")
        basis_da = "ud fra kommunens egen historik" if basis == "history" else "ud fra de andre kommuners beløb pr. indbygger"
        if direction < 0:
            hint_en, hint_da = "amounts in thousands of kroner instead of kroner?", "beløb i tusinde kroner i stedet for kroner?"
            size_en, size_da = "about 1/1,000 of", "omkring 1/1.000 af"
        else:
            hint_en, hint_da = "amounts in kroner where thousands were declared?", "beløb i kroner hvor der var angivet tusinder?"
            size_en, size_da = "about 1,000 times", "omkring 1.000 gange"
        values = {"value": v, "reference": reference, "ratio": ratio, "basis": basis, "score": ratio}
        return ("quality.unit_error", values,
                f"{what_en}, {size_en} the expected {ref_en} ({basis_en}): {hint_en}",
                f"{what_da}, {size_da} de forventede {ref_da} ({basis_da}): {hint_da}")


def check_panel(panel: Panel, sizes: dict[int, float], th: Thresholds = DEFAULT) -> list[QualityFinding]:
    """All history, accumulation, peer and unit findings of one panel."""
    return PanelCheck(panel, sizes, th).run()
