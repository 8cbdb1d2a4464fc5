"""What the API holds while it runs: the state store, the catalogue and the current release in memory.

The server never keeps the warehouse open: DuckDB admits one writing process, and ingest and compute must
be able to run while the portal serves. Aggregates come from the release snapshot (Parquet files switched
atomically by compute, see :mod:`flis.compare.snapshot`), reloaded when a new release is published; only
row-level requests (drill-down, deliveries) open the warehouse, read-only and briefly, and answer
``api.warehouse_busy`` (503, retry) while a batch holds it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from flis.access import StateStore
from flis.api.errors import WarehouseBusy
from flis.catalogue.loader import load_catalogue
from flis.catalogue.model import Catalogue, Series
from flis.compare.release import ReleaseView
from flis.warehouse.store import Warehouse

STALE_CHECK_SECONDS = 1.0
"""How often (at most) a request checks whether a new release was published."""
FINDINGS_SECONDS = 5.0
"""How long the index of open findings (for the ``finding_open`` flag) is reused."""


def _finding_targets(subject: str, values: dict | None) -> set[str]:
    """What a finding is about, as tables and ``#FIGURE``: ``schools.pupils#rows`` -> schools.pupils;
    ``SCH001#numerator`` -> #SCH001; ``a.b/c.d`` (cross-domain) -> both tables; plus ``values.tables``."""
    head = subject.split("#", 1)[0]
    out = {f"#{head}"} if "." not in head and "/" not in head else set(head.split("/"))
    tables = (values or {}).get("tables") if isinstance(values, dict) else None
    if isinstance(tables, list):
        out |= {str(t) for t in tables}
    return out


@dataclass
class Services:
    home: Path
    store: StateStore
    catalogue: Catalogue = field(default_factory=load_catalogue)
    _view: ReleaseView | None = None
    _checked: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        from flis.api.auth import TokenCache  # auth imports this module

        self.tokens = TokenCache()
        self.series_by_id: dict[str, Series] = {s.id: s for s in self.catalogue.series}
        self._tables: dict[str, frozenset[str]] = {}
        self._findings: dict[tuple[int, str], set[str]] | None = None
        self._findings_at = 0.0

    def view(self) -> ReleaseView:
        """The current release, reloaded when compute has published a newer one."""
        now = time.monotonic()
        view = self._view
        if view is not None and now - self._checked < STALE_CHECK_SECONDS:
            return view
        with self._lock:
            if self._view is None or self._view.is_stale():
                self._view = ReleaseView.load(self.home)
            self._checked = now
            return self._view

    def view_on(self, track: str) -> ReleaseView:
        """The current release on a track (``delivered`` or ``corrected``)."""
        return self.view().on_track(str(getattr(track, "value", track)))

    def series_tables(self, series_id: str) -> frozenset[str]:
        """The canonical tables a series reads (numerator and denominator), for the ``finding_open`` flag."""
        found = self._tables.get(series_id)
        if found is None:
            series = self.series_by_id.get(series_id)
            found = frozenset()
            if series is not None:
                figure = series.figure
                while figure.change_of:  # a change figure reads what its base figure reads
                    figure = self.catalogue.figures[figure.change_of]
                found = frozenset(t.qualified for m in (figure.numerator, figure.denominator) if m is not None
                                  for t in m.source.tables) | {f"#{figure.id}"}
            self._tables[series_id] = found
        return found

    def open_findings(self) -> dict[int, dict[str, set[str]]]:
        """{municipality: {"YYYY-MM": tables and ``#FIGURE`` ids with an open or acknowledged finding}},
        read from the state store at most every FINDINGS_SECONDS."""
        now = time.monotonic()
        if self._findings is not None and now - self._findings_at < FINDINGS_SECONDS:
            return self._findings
        from sqlalchemy import select

        from flis.quality.models import FindingStatus, QualityFindingRow

        index: dict[int, dict[str, set[str]]] = {}
        with self.store.transaction() as db:
            rows = db.execute(select(QualityFindingRow.municipality, QualityFindingRow.period,
                                     QualityFindingRow.subject, QualityFindingRow.values)
                              .where(QualityFindingRow.status.in_([FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED]))
                              .where(QualityFindingRow.municipality.is_not(None)))
            for municipality, period, subject, values in rows:
                index.setdefault(int(municipality), {}).setdefault(period, set()).update(
                    _finding_targets(subject, values))
        self._findings, self._findings_at = index, now
        return index

    def flags(self, view: ReleaseView, series_id: str, municipality: int, month: int | str) -> list[str]:
        """The value's quality flags: the release's (preliminary, incomplete, corrected) and ``finding_open``."""
        return self.flags_for(view, series_id, municipality, [month])[0]

    def flags_for(self, view: ReleaseView, series_id: str, municipality: int,
                  months: list[int | str]) -> list[list[str]]:
        """:meth:`flags` of one municipality's values in many periods (a time series)."""
        from flis.compare.release import month_number
        from flis.periods import Period

        numbers = [month_number(m) for m in months]
        out = [view.flags(series_id, municipality, m) for m in numbers]
        by_period = self.open_findings().get(int(municipality))
        if by_period:
            tables = self.series_tables(series_id)
            for flags, m in zip(out, numbers):
                targets = by_period.get(str(Period.from_index(m)))
                if targets and targets & tables:
                    flags.append("finding_open")
        return out

    @contextmanager
    def warehouse(self) -> Iterator[Warehouse]:
        """The warehouse, read-only, for one request."""
        path = self.home / "warehouse.duckdb"
        if not path.exists():
            raise WarehouseBusy("no warehouse yet: nothing has been ingested", hint="run `flis ingest` first")
        try:
            wh = Warehouse(path, read_only=True)
        except duckdb.IOException as exc:
            raise WarehouseBusy("the warehouse is being updated by ingest or compute; try again shortly",
                                hint="row-level data is available again when the batch finishes") from exc
        try:
            yield wh
        finally:
            wh.close()
