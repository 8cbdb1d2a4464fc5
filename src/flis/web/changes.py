"""What changed since the previous release, for a few series of one municipality.

A release names its parent. The server keeps the last few release snapshots (see
:mod:`flis.compare.snapshot`), so while the parent's snapshot is still there, the dashboard can say which
of its figures gained a new period and which earlier values were revised (a corrected re-delivery). Only
the rows needed are read from the parent's ``cells.parquet`` (a filtered read, cached), never the whole
release; when the parent's snapshot is no longer kept the page says so.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyarrow.parquet as pq

from flis.compare.release import ReleaseView, month_number
from flis.compare.snapshot import releases_dir
from flis.periods import Period

MAX_ITEMS = 12


@dataclass
class Change:
    series_id: str
    period: str
    kind: str
    """``new`` (a period the previous release did not have) or ``revised`` (a different value)."""
    before: float | None
    after: float | None


@dataclass
class Changes:
    parent: str | None
    """The previous release's id (None: this is the first release)."""
    kept: bool
    """Whether the previous release's snapshot is still kept (else nothing can be compared)."""
    parent_published: str | None = None
    new_periods: int = 0
    revised: int = 0
    items: list[Change] = field(default_factory=list)


def since_parent(home: Path, view: ReleaseView, series_ids: list[str], municipality: int) -> Changes:
    parent = view.meta.get("parent")
    if not parent:
        return Changes(None, False)
    path = releases_dir(home) / str(parent)
    if not (path / "cells.parquet").is_file() or not (path / "release.json").is_file():
        return Changes(str(parent), False)
    meta = json.loads((path / "release.json").read_text(encoding="utf-8"))
    before = _parent_values(str(path), tuple(sorted(series_ids)), int(municipality))
    out = Changes(str(parent), True, meta.get("published_at") or meta.get("created_at"))
    for sid in series_ids:
        old = before.get(sid, {})
        ts = view.timeseries(sid, municipality)
        for month, value in zip(ts.period.tolist(), ts.value.tolist()):
            now = None if math.isnan(value) else value
            if month not in old:
                out.new_periods += 1
                out.items.append(Change(sid, str(Period.from_index(month)), "new", None, now))
            elif not _same(old[month], now):
                out.revised += 1
                out.items.append(Change(sid, str(Period.from_index(month)), "revised", old[month], now))
    out.items.sort(key=lambda c: c.period, reverse=True)      # newest first,
    out.items.sort(key=lambda c: c.kind != "revised")          # revisions (the surprises) before new periods
    out.items = out.items[:MAX_ITEMS]
    return out


@lru_cache(maxsize=128)
def _parent_values(path: str, series_ids: tuple[str, ...], municipality: int) -> dict[str, dict[int, float | None]]:
    """{series: {month number: value}} of one municipality in a kept snapshot (snapshots never change)."""
    table = pq.read_table(Path(path) / "cells.parquet", columns=["series_id", "period", "value"],
                          filters=[("series_id", "in", list(series_ids)), ("municipality", "=", municipality)])
    out: dict[str, dict[int, float | None]] = {}
    for sid, period, value in zip(*(table.column(c).to_pylist() for c in ("series_id", "period", "value"))):
        out.setdefault(sid, {})[month_number(period)] = None if value is None or math.isnan(value) else value
    return out


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
