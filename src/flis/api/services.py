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
