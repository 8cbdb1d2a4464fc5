"""The current release in memory, indexed so that every question is a slice and a binary search.

The server answers many small questions (one figure, one month, 98 municipalities) about one release;
:class:`ReleaseView` loads the current snapshot (see :mod:`flis.compare.snapshot`) once into flat numpy
columns sorted by series, period and municipality, and keeps, per series, where its rows start and which
periods it has. At scale 1.0 (about 1,700 series, 98 municipalities, 24-36 months: some 5 million cells)
that is ~150 MB (float64 values, int16 municipality codes, int32 month numbers) and each call takes
microseconds. ``is_stale()`` tells the server when a new release has been published.

Periods are month numbers internally (``Period.index``: year * 12 + month - 1), so "12 months earlier" is
a subtraction; methods accept a :class:`~flis.periods.Period`, ``"YYYY-MM"`` or a date.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from flis.compare.snapshot import POINTER, NoSnapshot, Snapshot, releases_dir, require_snapshot
from flis.errors import FlisError
from flis.periods import Period

_EPOCH_MONTH = 1970 * 12


DELIVERED, CORRECTED = "delivered", "corrected"
TRACKS = (DELIVERED, CORRECTED)
REVISION_DAYS = 90
"""A value is preliminary until this many days after its period's due date."""


class UnknownTrack(FlisError):
    """A track other than ``delivered`` and ``corrected``."""

    code = "compare.unknown_track"
    exit_code = 2


class UnknownSeries(FlisError):
    """A series id that is not in the current release."""

    code = "compare.unknown_series"
    exit_code = 2


def month_number(period: Period | str | dt.date | int) -> int:
    """``Period.index`` of a period given as Period, ``"YYYY-MM"``, date or month number."""
    if isinstance(period, (int, np.integer)):
        return int(period)
    if isinstance(period, dt.date):
        return period.year * 12 + period.month - 1
    return Period.parse(period).index


@dataclass(frozen=True)
class Cells:
    """The rows of one series and period (or one series and municipality), as numpy arrays.

    A missing value (no denominator, fewer than 12 months for a rolling figure) is NaN."""

    municipality: np.ndarray
    period: np.ndarray
    numerator: np.ndarray
    denominator: np.ndarray
    value: np.ndarray

    def __len__(self) -> int:
        return len(self.municipality)

    def points(self) -> list[tuple[Period, float | None, float | None, float | None]]:
        """(period, numerator, denominator, value) tuples with None for missing numbers."""
        return [(Period.from_index(int(p)), _num(n), _num(d), _num(v)) for p, n, d, v in
                zip(self.period, self.numerator, self.denominator, self.value)]


@dataclass(frozen=True)
class GroupValue:
    """A region's, municipality group's or the country's value in one period.

    ``value`` is the ratio of sums (the area as if it were one municipality; for a figure without a
    denominator, the total of counts and sums, absent for medians); ``municipal_mean`` the unweighted
    mean of the municipal values; ``municipalities`` how many municipalities had a value."""

    area_type: str
    area: str
    period: Period
    numerator: float | None
    denominator: float | None
    value: float | None
    municipal_mean: float | None
    municipalities: int


def _num(x) -> float | None:
    x = float(x)
    return None if np.isnan(x) else x


class ReleaseView:
    """One release snapshot, read-only and in memory."""

    track = DELIVERED
    """Which numbers this view answers with: ``delivered`` or ``corrected`` (see :meth:`on_track`)."""

    def __init__(self, snapshot: Snapshot, series: dict[str, dict], cells: dict[str, np.ndarray],
                 groups: dict[str, np.ndarray], pointer: tuple | None, extra: dict | None = None):
        self.snapshot = snapshot
        self.release_id = snapshot.release_id
        self.meta = snapshot.meta
        self._series = series
        self._c = cells
        self._g = groups
        self._pointer = pointer
        self._index_cells()
        self._index_groups()
        extra = extra or {}
        self._cell_fix: dict[str, dict[tuple[int, int], tuple[float, float, float]]] = extra.get("cells", {})
        self._group_fix: dict[tuple[str, str, str], dict[int, tuple]] = extra.get("groups", {})
        self._incomplete: dict[str, set[tuple[int, int]]] = extra.get("incomplete", {})
        self.corrections: list[dict] = extra.get("corrections", [])
        """The corrections the corrected track applies (id, kind, municipality, period, target, description,
        reason, author, created_at)."""
        created = str(self.meta.get("created_at") or "")
        self._final = _last_final_month(dt.datetime.fromisoformat(created)) if created else None
        self._tracks = {DELIVERED: self}

    def on_track(self, track: str) -> ReleaseView:
        """This release on ``track``: ``delivered`` (as delivered) or ``corrected`` (with the corrections in
        force when it was computed). The two share the loaded arrays."""
        if track not in TRACKS:
            raise UnknownTrack(f"unknown track {track!r}", hint="use delivered or corrected")
        view = self._tracks.get(track)
        if view is None:
            view = copy.copy(self)
            view.track = track
            self._tracks[track] = view
        return view

    # -- loading -----------------------------------------------------------------------------------

    @classmethod
    def load(cls, home: Path | str) -> ReleaseView:
        """Read the snapshot CURRENT points at (raises NoSnapshot if there is none).

        Retries briefly: a snapshot being rewritten under the same id is missing for an instant."""
        for attempt in range(5):
            pointer = _pointer_stat(home)
            try:
                snapshot = require_snapshot(home)
                return cls._read(snapshot, pointer)
            except (NoSnapshot, FileNotFoundError, OSError):
                if attempt == 4 or not (releases_dir(home) / POINTER).exists():
                    raise
                time.sleep(0.05)
        raise AssertionError("unreachable")

    @classmethod
    def _read(cls, snapshot: Snapshot, pointer: tuple | None) -> ReleaseView:
        series_rows = pq.read_table(snapshot.file("series")).to_pylist()
        series = {row["series_id"]: row for row in series_rows}
        cells = _columns(snapshot.file("cells"), ("series_id", "period", "municipality"))
        groups = _columns(snapshot.file("groups"), ("series_id", "area_type", "area", "period"))
        extra = _read_extra(snapshot)
        pa.default_memory_pool().release_unused()  # hand Arrow's read buffers back to the system
        return cls(snapshot, series, cells, groups, pointer, extra)

    def is_stale(self) -> bool:
        """Whether CURRENT now points elsewhere (a new release was published). One ``stat`` call when
        nothing changed; the pointer file is read only if it was replaced."""
        pointer = _pointer_stat(self.snapshot.path.parent.parent)
        if pointer == self._pointer:
            return False
        try:
            release_id = (self.snapshot.path.parent / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return True
        if release_id == self.release_id:
            self._pointer = pointer
            return False
        return True

    # -- indexes -----------------------------------------------------------------------------------

    def _index_cells(self) -> None:
        """Per series: its row range and its periods with the row where each starts."""
        c = self._c
        self._cell_span: dict[str, tuple[int, int]] = {}
        self._cell_periods: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for sid, start, end in _runs(c["series_id"], c["series_id_names"]):
            periods = c["period"][start:end]
            edges = np.flatnonzero(np.diff(periods)) + 1
            starts = np.concatenate(([0], edges, [end - start])).astype(np.int64) + start
            self._cell_span[sid] = (start, end)
            self._cell_periods[sid] = (periods[starts[:-1] - start].copy(), starts)
        c.pop("series_id")  # the spans say it now; 4 bytes a cell saved

    def _index_groups(self) -> None:
        g = self._g
        key = np.stack([g["series_id"], g["area_type"], g["area"]], axis=1) if len(g["period"]) else None
        self._group_span: dict[tuple[str, str, str], tuple[int, int]] = {}
        if key is None:
            return
        change = np.flatnonzero(np.any(key[1:] != key[:-1], axis=1)) + 1
        starts = np.concatenate(([0], change))
        ends = np.concatenate((change, [len(key)]))
        names = (g["series_id_names"], g["area_type_names"], g["area_names"])
        for start, end in zip(starts.tolist(), ends.tolist()):
            s, t, a = key[start]
            self._group_span[(names[0][s], names[1][t], names[2][a])] = (start, end)

    # -- questions ---------------------------------------------------------------------------------

    def series_ids(self) -> list[str]:
        return list(self._series)

    def series(self, series_id: str) -> dict:
        """The series' metadata: names, domain, unit, scale, decimals, level, direction, kind, definition."""
        try:
            return self._series[series_id]
        except KeyError:
            raise UnknownSeries(f"{series_id!r} is not a series of release {self.release_id}",
                                hint="see `flis catalogue list`") from None

    def periods(self, series_id: str) -> list[Period]:
        """The periods the series has rows for, oldest first."""
        return [Period.from_index(int(p)) for p in self._periods(series_id)[0]]

    def period_numbers(self, series_id: str) -> np.ndarray:
        """The month numbers the series has rows for, oldest first (read-only)."""
        return self._periods(series_id)[0]

    def latest_period(self, series_id: str) -> Period | None:
        periods = self._periods(series_id)[0]
        return Period.from_index(int(periods[-1])) if len(periods) else None

    def cells(self, series_id: str, period: Period | str | dt.date | int) -> Cells:
        """All municipalities' rows of one series and period (empty if the period has none)."""
        periods, starts = self._periods(series_id)
        month = month_number(period)
        i = int(np.searchsorted(periods, month))
        if i == len(periods) or periods[i] != month:
            return self._slice(0, 0)
        return self._patch(series_id, self._slice(int(starts[i]), int(starts[i + 1])))

    def values(self, series_id: str, period: Period | str | dt.date | int
               ) -> dict[int, tuple[float | None, float | None, float | None]]:
        """{municipality: (numerator, denominator, value)} for one series and period."""
        c = self.cells(series_id, period)
        return {int(m): (_num(n), _num(d), _num(v)) for m, n, d, v in
                zip(c.municipality, c.numerator, c.denominator, c.value)}

    def timeseries(self, series_id: str, municipality: int) -> Cells:
        """One municipality's rows of one series, oldest first (periods without a row are absent)."""
        start, end = self._span(series_id)
        rows = np.flatnonzero(self._c["municipality"][start:end] == int(municipality)) + start
        c = self._c
        return self._patch(series_id, Cells(c["municipality"][rows], c["period"][rows], c["numerator"][rows],
                                            c["denominator"][rows], c["value"][rows]))

    def series_cells(self, series_id: str) -> Cells:
        """Every row of one series (all periods and municipalities), sorted by period and municipality."""
        start, end = self._span(series_id)
        return self._patch(series_id, self._slice(start, end))

    def group(self, series_id: str, area_type: str, area: str | int,
              period: Period | str | dt.date | int) -> GroupValue | None:
        """The country's (``country``, ``DK``), a region's (``region``, 1084) or a municipality group's
        (``komgrp``, 1) value in one period, or None if there is none."""
        self.series(series_id)
        span = self._group_span.get((series_id, area_type, str(area)))
        if span is None:
            return None
        g = self._g
        month = month_number(period)
        i = int(np.searchsorted(g["period"][span[0]:span[1]], month)) + span[0]
        if i >= span[1] or g["period"][i] != month:
            return None
        if self.track == CORRECTED:
            fixed = self._group_fix.get((series_id, area_type, str(area)), {}).get(month)
            if fixed is not None:
                return GroupValue(area_type, str(area), Period.from_index(month), *map(_num, fixed[:4]),
                                  int(fixed[4]))
        return GroupValue(area_type, str(area), Period.from_index(month), _num(g["numerator"][i]),
                          _num(g["denominator"][i]), _num(g["value"][i]), _num(g["municipal_mean"][i]),
                          int(g["municipalities"][i]))

    # -- quality flags -----------------------------------------------------------------------------

    def corrected(self, series_id: str, municipality: int, period: Period | str | dt.date | int) -> bool:
        """Whether the corrected track has another value than the as-delivered one here."""
        return (month_number(period), int(municipality)) in self._cell_fix.get(series_id, {})

    def flags(self, series_id: str, municipality: int, period: Period | str | dt.date | int) -> list[str]:
        """The value's quality flags known to the release: ``preliminary`` (computed before the period's
        revision window closed), ``incomplete`` (an input was not delivered), ``corrected`` (a correction
        changes it; on both tracks, so that an as-delivered value says a corrected one exists). The API adds
        ``finding_open`` from the state store."""
        month = month_number(period)
        out = []
        if self.preliminary(series_id, month):
            out.append("preliminary")
        if (month, int(municipality)) in self._incomplete.get(series_id, ()):
            out.append("incomplete")
        if (month, int(municipality)) in self._cell_fix.get(series_id, {}):
            out.append("corrected")
        return out

    def preliminary(self, series_id: str, period: Period | str | dt.date | int) -> bool:
        """Values stay preliminary until REVISION_DAYS after the due date of the period's last month (the
        15th of the following month; December for annual figures): late and corrected re-deliveries may
        still change them."""
        if self._final is None:
            return False
        month = month_number(period)
        if self._series.get(series_id, {}).get("level", "monthly") == "annual":
            month = month - month % 12 + 11  # the year's December
        return month > self._final

    def group_values(self, series_id: str, area_type: str, area: str | int,
                     months: np.ndarray) -> list[tuple[float | None, float | None] | None]:
        """(value, municipal mean) of one area in each of ``months`` (month numbers, ascending), None where
        the area has no row: :meth:`group` for a whole time series at once."""
        self.series(series_id)
        span = self._group_span.get((series_id, area_type, str(area)))
        if span is None:
            return [None] * len(months)
        g = self._g
        periods = g["period"][span[0]:span[1]]
        at = np.searchsorted(periods, months)
        fix = self._group_fix.get((series_id, area_type, str(area)), {}) if self.track == CORRECTED else {}
        out: list[tuple[float | None, float | None] | None] = []
        for month, i in zip(months.tolist(), at.tolist()):
            if i >= len(periods) or periods[i] != month:
                out.append(None)
            elif month in fix:
                out.append((_num(fix[month][2]), _num(fix[month][3])))
            else:
                out.append((_num(g["value"][span[0] + i]), _num(g["municipal_mean"][span[0] + i])))
        return out

    def group_series(self, series_id: str, area_type: str, area: str | int) -> dict[int, GroupValue]:
        """All periods of one area's values, by month number."""
        span = self._group_span.get((series_id, area_type, str(area)))
        if span is None:
            return {}
        return {int(p): self.group(series_id, area_type, area, int(p))
                for p in self._g["period"][span[0]:span[1]]}

    # -- helpers -----------------------------------------------------------------------------------

    def _span(self, series_id: str) -> tuple[int, int]:
        span = self._cell_span.get(series_id)
        if span is None:
            self.series(series_id)
            return (0, 0)
        return span

    def _periods(self, series_id: str) -> tuple[np.ndarray, np.ndarray]:
        found = self._cell_periods.get(series_id)
        if found is None:
            self.series(series_id)
            return np.empty(0, np.int32), np.zeros(1, np.int64)
        return found

    def _patch(self, series_id: str, cells: Cells) -> Cells:
        """On the corrected track, the cells with the corrected numbers put in (copies; the shared arrays
        stay as delivered)."""
        if self.track != CORRECTED:
            return cells
        fix = self._cell_fix.get(series_id)
        if not fix or not len(cells):
            return cells
        rows = [(i, fix[(int(p), int(m))]) for i, (p, m) in enumerate(zip(cells.period, cells.municipality))
                if (int(p), int(m)) in fix]
        if not rows:
            return cells
        n, d, v = cells.numerator.copy(), cells.denominator.copy(), cells.value.copy()
        for i, (fn, fd, fv) in rows:
            n[i], d[i], v[i] = fn, fd, fv
        return Cells(cells.municipality, cells.period, n, d, v)

    def _slice(self, start: int, end: int) -> Cells:
        c = self._c
        return Cells(c["municipality"][start:end], c["period"][start:end], c["numerator"][start:end],
                     c["denominator"][start:end], c["value"][start:end])


def _last_final_month(created: dt.datetime) -> int:
    """The last month (number) whose values were final when the release was computed: its due date (the 15th
    of the next month) plus REVISION_DAYS lay before ``created``."""
    month = created.year * 12 + created.month - 1
    while True:
        p = Period.from_index(month)
        due = dt.datetime.combine((p + 1).first_day + dt.timedelta(days=14), dt.time())
        if due + dt.timedelta(days=REVISION_DAYS) <= created:
            return month
        month -= 1


def _read_extra(snapshot: Snapshot) -> dict:
    """The corrected track, the corrections and the incomplete flags (empty for a format-1 snapshot)."""
    out: dict = {"cells": {}, "groups": {}, "incomplete": {}, "corrections": []}
    if snapshot.file("corrected_cells").is_file():
        for r in pq.read_table(snapshot.file("corrected_cells")).to_pylist():
            out["cells"].setdefault(r["series_id"], {})[(month_number(r["period"]), int(r["municipality"]))] = (
                _nan(r["numerator"]), _nan(r["denominator"]), _nan(r["value"]))
    if snapshot.file("corrected_groups").is_file():
        for r in pq.read_table(snapshot.file("corrected_groups")).to_pylist():
            out["groups"].setdefault((r["series_id"], r["area_type"], str(r["area"])), {})[
                month_number(r["period"])] = (_nan(r["numerator"]), _nan(r["denominator"]), _nan(r["value"]),
                                              _nan(r["municipal_mean"]), int(r["municipalities"] or 0))
    if snapshot.file("corrections").is_file():
        out["corrections"] = [{k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in r.items()}
                              for r in pq.read_table(snapshot.file("corrections")).to_pylist()]
    if snapshot.file("incomplete").is_file():
        table = pq.read_table(snapshot.file("incomplete"))
        months = _columns_of(table)
        for sid, month, m in zip(table.column("series_id").to_pylist(), months,
                                 table.column("municipality").to_numpy(zero_copy_only=False).tolist()):
            out["incomplete"].setdefault(sid, set()).add((month, m))
    return out


def _columns_of(table: pa.Table) -> list[int]:
    days = table.column("period").cast(pa.date32()).to_numpy(zero_copy_only=False).astype("datetime64[D]")
    return (days.astype("datetime64[M]").astype(np.int64) + _EPOCH_MONTH).tolist()


def _nan(x) -> float:
    return float("nan") if x is None else float(x)


def _pointer_stat(home: Path | str) -> tuple | None:
    try:
        st = os.stat(releases_dir(home) / POINTER)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _columns(path: Path, order: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Numpy columns of a snapshot file, sorted by ``order`` (already so when compute wrote it).

    Read one column at a time, so that memory holds the numpy arrays and a single Arrow column. Text
    keys become small integer codes (``<name>`` codes, ``<name>_names`` the strings); periods become
    month numbers; missing numbers NaN."""
    out: dict[str, np.ndarray] = {}
    schema = pq.read_schema(path)
    for name in schema.names:
        text = pa.types.is_string(schema.field(name).type)
        table = pq.read_table(path, columns=[name], read_dictionary=[name] if text else None)
        column = table.unify_dictionaries().column(name).combine_chunks()
        del table
        if pa.types.is_dictionary(column.type):
            # Re-encode against the sorted dictionary so that the order of codes is the order of strings.
            names = column.dictionary.to_pylist()
            sorted_names = sorted(names)
            position = {n: i for i, n in enumerate(sorted_names)}
            remap = np.array([position[n] for n in names], dtype=np.int32)
            out[name] = remap[column.indices.to_numpy(zero_copy_only=False)]
            out[name + "_names"] = sorted_names
        elif pa.types.is_date(column.type):
            days = column.cast(pa.date32()).to_numpy(zero_copy_only=False).astype("datetime64[D]")
            out[name] = (days.astype("datetime64[M]").astype(np.int64) + _EPOCH_MONTH).astype(np.int32)
        elif name == "municipality":
            out[name] = column.to_numpy(zero_copy_only=False).astype(np.int16)
        elif name == "municipalities":
            out[name] = column.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int32)
        else:
            out[name] = column.cast(pa.float64()).to_numpy(zero_copy_only=False)
    keys = [out[k] for k in order]
    if len(keys[0]) > 1 and not _sorted(keys):
        index = np.lexsort(keys[::-1])
        for name, values in out.items():
            if isinstance(values, np.ndarray):
                out[name] = values[index]
    return out


def _sorted(keys: list[np.ndarray]) -> bool:
    """Whether rows are in lexicographic order of ``keys`` (first key most significant)."""
    ok = np.ones(len(keys[0]) - 1, dtype=bool)  # rows where all earlier keys tie: later keys decide
    ties = np.ones(len(keys[0]) - 1, dtype=bool)
    for k in keys:
        step = np.diff(k.astype(np.int64))
        ok &= ~(ties & (step < 0))
        ties &= step == 0
    return bool(ok.all())


def _runs(codes: np.ndarray, names: list[str]):
    """(name, start, end) for each run of equal codes (rows are sorted, so one run per code)."""
    if not len(codes):
        return
    change = np.flatnonzero(np.diff(codes)) + 1
    starts = np.concatenate(([0], change)).tolist()
    ends = np.concatenate((change, [len(codes)])).tolist()
    for start, end in zip(starts, ends):
        yield names[codes[start]], start, end
