"""Ingest a set of delivered files: archive, prepare in parallel, load one by one, re-check references.

The time a delivery was received comes, in this order, from ``received_at`` given by the
caller, from a transport log (``deliveries.csv``) beside the files, or from the file's
modification time. It is what "as of" queries use, so loading the same files in another
order, or twice, leaves the same warehouse.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from flis.errors import FlisError
from flis.ingest.archive import Archive
from flis.ingest.declaration import declare
from flis.ingest.load import add_receipt, known, load
from flis.ingest.prepare import Prepared, delivery_id, prepare
from flis.ingest.references import refresh_duplicate_arrivals, refresh_references
from flis.settings import get_settings
from flis.sources.adapter import load_adapters
from flis.warehouse.store import Warehouse

SKIP = {"manifest.json", "deliveries.csv"}
INDEX = "deliveries.csv"


class NothingToIngest(FlisError):
    """The given paths hold no files."""

    code = "ingest.no_files"
    exit_code = 2


@dataclass
class Outcome:
    file: str
    delivery_id: str
    status: str
    """loaded, rejected, duplicate (a new arrival of a known delivery) or known (this arrival was seen before)."""
    municipality: int | None
    table: str | None
    period: str | None
    records: int | None
    rows: int
    fatal: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    first_problem: str = ""


@dataclass
class IngestReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "rejected"]

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def rows_loaded(self) -> int:
        return sum(o.rows for o in self.outcomes if o.status == "loaded")


def _index_times(folder: Path) -> dict[Path, dt.datetime]:
    """Arrival times from a transport log (``deliveries.csv``: path, ..., delivered_at)."""
    out: dict[Path, dt.datetime] = {}
    for candidate in (folder / INDEX, folder.parent / INDEX):
        if candidate.exists():
            with candidate.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    path = (candidate.parent / row["path"]).resolve()
                    out[path] = dt.datetime.fromisoformat(row["delivered_at"].rstrip("Z"))
    return out


def collect(paths: Iterable[Path]) -> list[tuple[Path, dt.datetime]]:
    """Files to ingest with their time of receipt, oldest first."""
    files: dict[Path, dt.datetime] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            times = _index_times(path)
            for f in sorted(p for p in path.rglob("*") if p.is_file() and p.name not in SKIP
                            and not p.name.startswith(".")):
                files[f.resolve()] = times.get(f.resolve()) or _mtime(f)
        elif path.is_file():
            times = _index_times(path.parent)
            files[path.resolve()] = times.get(path.resolve()) or _mtime(path)
        else:
            raise NothingToIngest(f"{path} does not exist")
    if not files:
        raise NothingToIngest("no files to ingest in " + ", ".join(str(p) for p in paths))
    return sorted(files.items(), key=lambda kv: (kv[1], kv[0].name))


def _mtime(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def _prepare_path(path: str, received_at: dt.datetime, sha: str) -> Prepared:
    return prepare(Path(path).read_bytes(), Path(path).name, received_at, sha)


def _outcome(p: Prepared, status: str) -> Outcome:
    counts = p.counts()
    worst = next((f for f in sorted(p.findings, key=lambda f: -f.severity) if f.severity.rejects), None)
    d = p.declaration
    return Outcome(p.file_name, p.delivery_id, status, d.municipality,
                   d.file_adapter.table.qualified if d.file_adapter else None, str(d.period) if d.period else None,
                   p.records, p.rows.num_rows if p.rows is not None and status == "loaded" else 0,
                   counts["fatal"], counts["error"], counts["warning"], counts["info"],
                   f"[{worst.code}] {worst.where()}: {worst.message}" if worst else "")


def ingest(paths: Iterable[Path], warehouse: Warehouse | None = None, archive: Archive | None = None,
           received_at: dt.datetime | None = None, workers: int | None = None,
           on_progress: Callable[[int, int], None] | None = None) -> IngestReport:
    """Ingest files and directories; returns what happened to each file."""
    files = collect(paths)
    own = warehouse is None
    warehouse = warehouse or Warehouse()
    archive = archive or Archive()
    adapters = load_adapters()
    workers = workers or get_settings().workers
    report, touched, months = IngestReport(), [], set()
    total, done = sum(p.stat().st_size for p, _ in files), 0
    con = warehouse.con
    pending: list[tuple[Future, Path]] = []

    def finish(future: Future) -> None:
        nonlocal done
        p: Prepared = future.result()
        status = load(con, p)
        touched.append(p.delivery_id)
        if p.declaration.period and p.declaration.municipality is not None:
            months.add((p.declaration.municipality, p.declaration.period.first_day))
        report.outcomes.append(_outcome(p, status))
        done += p.size
        if on_progress:
            on_progress(done, total)

    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    try:
        for path, at in files:
            at = received_at or at
            data = path.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            archive.store(data, sha)
            decl, _ = declare(path.name, adapters)
            ident = delivery_id(decl, sha)
            if known(con, ident):
                # A known delivery: note this arrival (if new) and move on without re-reading it.
                con.execute("BEGIN TRANSACTION")
                new = add_receipt(con, ident, path.name, at)
                con.execute("COMMIT")
                touched.append(ident)
                report.outcomes.append(Outcome(path.name, ident, "duplicate" if new else "known",
                                               decl.municipality, None, str(decl.period) if decl.period else None,
                                               None, 0))
                done += len(data)
                if on_progress:
                    on_progress(done, total)
                continue
            if pool is None:
                future: Future = Future()
                future.set_result(prepare(data, path.name, at, sha))
                finish(future)
                continue
            pending.append((pool.submit(_prepare_path, str(path), at, sha), path))
            while len(pending) >= 2 * workers:
                finish(pending.pop(0)[0])
        while pending:
            finish(pending.pop(0)[0])
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    con.execute("BEGIN TRANSACTION")
    refresh_duplicate_arrivals(con, sorted(set(touched)))
    refresh_references(con, warehouse.model, sorted(months))
    con.execute("COMMIT")
    if own:
        warehouse.close()
    return report
