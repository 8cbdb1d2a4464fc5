"""The served release snapshot: a published release as Parquet files and an atomically switched pointer.

DuckDB lets one process write a database file, and ingest and compute must be able to write the warehouse
at any time; so the web server never opens the warehouse. Instead, after a release is published, compute
writes it out::

    FLIS_HOME/releases/
        CURRENT                 the id of the served release (one line), replaced atomically
        R00007/release.json     id, created_at, published_at, parent, catalogue version, counts
        R00007/series.parquet   series metadata (names, unit, scale, direction, kind, ...)
        R00007/cells.parquet    series x municipality x period: numerator, denominator, value
        R00007/groups.parquet   series x area (country, region, komgrp) x period: ratio of sums, mean
        R00007/corrected_cells.parquet, corrected_groups.parquet
                                the corrected track: the cells and area values corrections change
        R00007/corrections.parquet  the corrections applied (what, reason, author, when)
        R00007/incomplete.parquet   series x municipality x period whose inputs were not all delivered

A snapshot directory is written under a temporary name and renamed into place when complete; then
``CURRENT`` is written to a temporary file and ``os.replace``-d over the old one. A reader that reads
``CURRENT`` therefore finds either the old or the new release, each complete. The last ``keep``
snapshots (default 3) are kept so that a reader that has just read the old pointer can still load it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from flis.compute.releases import current_release
from flis.errors import FlisError

FORMAT = 2
"""Snapshot layout version, written into release.json; bump it when the files change shape."""

KEEP = 3
POINTER = "CURRENT"
_RELEASE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_STALE_TEMP_SECONDS = 3600


class NoSnapshot(FlisError):
    """No release snapshot has been written under FLIS_HOME/releases (or the current one is unreadable)."""

    code = "compare.no_snapshot"
    exit_code = 2


@dataclass(frozen=True)
class Snapshot:
    """One written snapshot: where it is and what its release.json says."""

    release_id: str
    path: Path
    meta: dict

    def file(self, name: str) -> Path:
        return self.path / f"{name}.parquet"


def releases_dir(home: Path | str) -> Path:
    return Path(home) / "releases"


def series_kind(definition: str) -> str:
    """The figure kind (ratio, measure, rolling, change) read back from a series' generated definition.

    ``releases.series`` does not store the kind, but comparisons need it (a ratio of sums means nothing
    for a change series). ``Series.definition()`` writes it unambiguously; a test checks this function
    against every series of the catalogue."""
    if definition.startswith(("The difference from the value 12 months earlier",
                              "The percentage change from the value 12 months earlier")):
        return "change"
    if re.search(r" Rolling \d+-month value:", definition):
        return "rolling"
    return "ratio" if " Denominator: " in definition else "measure"


def write_snapshot(con: duckdb.DuckDBPyConnection, home: Path | str, release_id: str, *,
                   keep: int = KEEP) -> Snapshot:
    """Write release ``release_id`` from the warehouse as a snapshot and make it the current one.

    Rewriting an existing snapshot replaces it. Old snapshots beyond the last ``keep`` are removed
    (never the current one)."""
    if not _RELEASE_ID.match(release_id):
        raise ValueError(f"not a release id: {release_id!r}")
    info = _release_info(con, release_id)
    root = releases_dir(home)
    root.mkdir(parents=True, exist_ok=True)
    temp = root / f".tmp-{release_id}-{uuid.uuid4().hex[:8]}"
    temp.mkdir()
    try:
        counts = _export(con, release_id, temp)
        meta = {"format": FORMAT, **info, "counts": counts,
                "written_at": dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat()}
        (temp / "release.json").write_text(json.dumps(meta, indent=2, default=str) + "\n", encoding="utf-8")
        final = root / release_id
        if final.exists():
            old = root / f".old-{release_id}-{uuid.uuid4().hex[:8]}"
            os.replace(final, old)
            os.replace(temp, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temp, final)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    switch(home, release_id)
    prune(home, keep)
    return Snapshot(release_id, final, json.loads((final / "release.json").read_text(encoding="utf-8")))


def switch(home: Path | str, release_id: str) -> None:
    """Point CURRENT at ``release_id`` atomically (write a temporary file, fsync, ``os.replace``)."""
    root = releases_dir(home)
    if not (root / release_id / "release.json").is_file():
        raise NoSnapshot(f"there is no snapshot of release {release_id} under {root}")
    temp = root / f".{POINTER}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
    with open(temp, "w", encoding="utf-8") as fh:
        fh.write(release_id + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, root / POINTER)


def current_snapshot(home: Path | str) -> Snapshot | None:
    """The snapshot CURRENT points at, or None if no snapshot was ever written."""
    root = releases_dir(home)
    try:
        release_id = (root / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not _RELEASE_ID.match(release_id):
        raise NoSnapshot(f"{root / POINTER} does not hold a release id", hint="rewrite it: see docs/compare.md")
    path = root / release_id
    try:
        meta = json.loads((path / "release.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError) as exc:
        raise NoSnapshot(f"the current snapshot {path} is missing or damaged",
                         hint="rewrite it with flis.compare.snapshot.refresh_snapshot") from exc
    return Snapshot(release_id, path, meta)


def require_snapshot(home: Path | str) -> Snapshot:
    snapshot = current_snapshot(home)
    if snapshot is None:
        raise NoSnapshot(f"no release snapshot under {releases_dir(home)}", hint="run `flis compute` first")
    return snapshot


def refresh_snapshot(con: duckdb.DuckDBPyConnection, home: Path | str, *, keep: int = KEEP,
                     force: bool = False) -> Snapshot | None:
    """Make the snapshot of the warehouse's current release (for warehouses computed before snapshots
    existed, or after a snapshot was lost). Does nothing if it is already current, unless ``force``.
    Works on a read-only connection. Returns None when the warehouse has no release."""
    release_id = current_release(con)
    if release_id is None:
        return None
    existing = current_snapshot_or_none(home)
    if existing is not None and existing.release_id == release_id and not force and all(
            existing.file(name).is_file() for name in ("series", "cells", "groups")):
        return existing
    return write_snapshot(con, home, release_id, keep=keep)


def current_snapshot_or_none(home: Path | str) -> Snapshot | None:
    """Like :func:`current_snapshot`, but a damaged pointer counts as no snapshot."""
    try:
        return current_snapshot(home)
    except NoSnapshot:
        return None


def snapshot_after_compute(con: duckdb.DuckDBPyConnection, release_id: str) -> Snapshot | None:
    """Called by compute after publishing: snapshot next to the warehouse file (FLIS_HOME in normal use,
    the test's own directory in tests). An in-memory database has no home; nothing is written."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    if not row or not row[0]:
        return None
    return write_snapshot(con, Path(row[0]).resolve().parent, release_id)


def prune(home: Path | str, keep: int = KEEP) -> list[str]:
    """Remove snapshots beyond the last ``keep`` by publication (never the current one) and leftovers of
    interrupted writes older than an hour. Returns the removed release ids."""
    keep = max(1, keep)
    root = releases_dir(home)
    current = current_snapshot_or_none(home)
    snapshots = []
    for path in root.iterdir():
        if path.is_dir() and not path.name.startswith("."):
            try:
                meta = json.loads((path / "release.json").read_text(encoding="utf-8"))
            except (FileNotFoundError, json.JSONDecodeError):
                continue
            snapshots.append((str(meta.get("published_at") or ""), path.name, path))
        elif (path.name.startswith((".tmp-", ".old-", f".{POINTER}."))
              and time.time() - path.stat().st_mtime > _STALE_TEMP_SECONDS):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    snapshots.sort()
    removed = []
    for _, name, path in snapshots[:-keep]:
        if current is not None and name == current.release_id:
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(name)
    return removed


def _release_info(con: duckdb.DuckDBPyConnection, release_id: str) -> dict:
    rows = con.execute("""
        SELECT r.release_id, r.created_at, p.published_at, r.parent, r.catalogue_version, r.warehouse_state
        FROM releases.releases r LEFT JOIN releases.publications p USING (release_id)
        WHERE r.release_id = ? ORDER BY p.published_at DESC LIMIT 1""", [release_id]).fetchall()
    if not rows:
        raise NoSnapshot(f"release {release_id} is not in the warehouse", hint="see `flis compute`")
    names = ("release_id", "created_at", "published_at", "parent", "catalogue_version", "warehouse_state")
    return {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in zip(names, rows[0])}


_EXTRA = {
    "corrected_cells": """
        SELECT series_id, municipality, period, numerator, denominator, value
        FROM releases.corrected_cells WHERE release_id = ? ORDER BY series_id, period, municipality""",
    "corrected_groups": """
        SELECT series_id, area_type, area, period, numerator, denominator, value, municipal_mean, municipalities
        FROM releases.corrected_groups WHERE release_id = ? ORDER BY series_id, area_type, area, period""",
    "corrections": """
        SELECT * EXCLUDE (release_id) FROM releases.corrections WHERE release_id = ? ORDER BY correction_id""",
    "incomplete": """
        SELECT series_id, municipality, period FROM releases.incomplete WHERE release_id = ?
        ORDER BY series_id, period, municipality""",
}
"""Files of the corrected track and the quality flags (absent in snapshots of format 1: read as empty)."""

_CELLS = """
    SELECT series_id, municipality, period, numerator, denominator, value
    FROM releases.cells WHERE release_id = ? ORDER BY series_id, period, municipality"""
_GROUPS = """
    SELECT series_id, area_type, area, period, numerator, denominator, value, municipal_mean, municipalities
    FROM releases.groups WHERE release_id = ? ORDER BY series_id, area_type, area, period"""


def _export(con: duckdb.DuckDBPyConnection, release_id: str, into: Path) -> dict[str, int]:
    """Write the Parquet files; cells and groups are streamed by DuckDB, sorted for the reader."""
    series = con.sql("SELECT * EXCLUDE (release_id) FROM releases.series WHERE release_id = ? ORDER BY series_id",
                     params=[release_id]).to_arrow_table()
    kinds = pa.array([series_kind(d) for d in series.column("definition").to_pylist()], pa.string())
    pq.write_table(series.append_column("kind", kinds), into / "series.parquet")
    extra = [(name, query) for name, query in _EXTRA.items() if _has_table(con, name)]
    for name, query in (("cells", _CELLS), ("groups", _GROUPS), *extra):
        # The path is ours (FLIS_HOME and a validated release id); only quotes need escaping.
        target = str(into / f"{name}.parquet").replace("'", "''")
        con.execute(f"COPY ({query}) TO '{target}' (FORMAT parquet, COMPRESSION zstd)", [release_id])
    counts = {"series": series.num_rows}
    for name in ("cells", "groups", *(n for n, _ in extra)):
        counts[name] = pq.ParquetFile(into / f"{name}.parquet").metadata.num_rows
    return counts


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the warehouse has ``releases.<name>`` (a read-only warehouse of an older version may not)."""
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'releases' "
                            "AND table_name = ?", [name]).fetchall()[0][0])
