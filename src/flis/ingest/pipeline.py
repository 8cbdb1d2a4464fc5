"""Ingest a set of delivered files: archive, prepare in parallel, load one by one, re-check references.

The time a delivery was received comes, in this order, from ``received_at`` given by the
caller, from a transport log (``deliveries.csv``) beside the files, or from the file's
modification time. It is what "as of" queries use, so loading the same files in another
order, or twice, leaves the same warehouse.
"""

from __future__ import annotations

import csv
import ctypes
import datetime as dt
import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate, chain
from pathlib import Path

import pyarrow as pa

from flis.errors import FlisError
from flis.ingest import spool
from flis.ingest.archive import Archive
from flis.ingest.declaration import NAME, declare
from flis.ingest.load import add_receipts, append, known_deliveries, write_many
from flis.ingest.prepare import Prepared, delivery_id, prepare, prepare_many
from flis.ingest.references import refresh_duplicate_arrivals, refresh_references
from flis.periods import Period
from flis.settings import get_settings
from flis.sources.adapter import load_adapters
from flis.warehouse.store import Warehouse

SKIP = {"manifest.json", "deliveries.csv"}
WINDOW_FILES = 1024
WINDOW_BYTES = 128 << 20
WINDOWS_AHEAD = 2
"""Files are handed to the workers a window at a time (these many files or bytes, whichever comes first), and
the writer takes the results of a window once this many later windows are handed over: the workers have
work while the writer catches up after a large batch, and at most three windows are in flight (bounds the
memory of results waiting to be written)."""
TOGETHER_BELOW = 2 << 20
"""Files smaller than this are prepared with the others of their kind in the same window ..."""
TASK_FILES, TASK_BYTES = 64, 8 << 20
"""... up to these many files and bytes in one worker task."""
CHECKPOINT_EVERY = "1GB"
"""DuckDB's WAL threshold for a checkpoint during ingest (restored afterwards)."""
WRITE_ROW_GROUPS = 1
"""Full row groups DuckDB keeps of an insert before it writes them to the file, during ingest (see
:func:`_loading`)."""
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


class _Resolver:
    """Real paths, as text, with each folder resolved once (resolving checks every part of a path: a tenth of
    a millisecond a file, seconds for a country's deliveries; ``pathlib`` costs as much again)."""

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def __call__(self, path: str, link: bool | None = None) -> str:
        if os.path.islink(path) if link is None else link:
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        real = self.folders.get(folder)
        if real is None:
            real = self.folders[folder] = os.path.realpath(folder)
        return os.path.join(real, name)


def _index_times(folder: str, resolve: _Resolver, links: dict[str, bool] | None = None) -> dict[str, dt.datetime]:
    """Arrival times from a transport log (``deliveries.csv``: path, ..., delivered_at). ``links`` says of the
    files found in the folder whether each is a link, so that a path of the log naming one of them is not
    looked up again."""
    out: dict[str, dt.datetime] = {}
    links = links or {}
    for place in (folder, os.path.dirname(folder)):
        candidate = os.path.join(place, INDEX)
        if os.path.exists(candidate):
            with open(candidate, encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    path = os.path.join(place, row["path"])
                    out[resolve(path, links.get(path))] = dt.datetime.fromisoformat(row["delivered_at"].rstrip("Z"))
    return out


def _files(folder: str) -> Iterator[os.DirEntry]:
    """The files under a folder in the order of their paths (links to files included, links to folders not
    followed, hidden files and the transport's own files left out)."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except PermissionError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _files(entry.path)
        elif entry.is_file() and entry.name not in SKIP and not entry.name.startswith("."):
            yield entry


def collect(paths: Iterable[Path]) -> list[tuple[Path, dt.datetime]]:
    """Files to ingest with their time of receipt, oldest first."""
    return [(Path(p), t) for p, t in _collected(paths)]


def _collected(paths: Iterable[Path]) -> list[tuple[str, dt.datetime]]:
    """:func:`collect` with the paths as text (a ``Path`` costs some microseconds to make: a tenth of a
    second for a country's month, before any work can start)."""
    files: dict[str, dt.datetime] = {}
    resolve = _Resolver()
    for raw in paths:
        path = str(Path(raw))
        if os.path.isdir(path):
            entries = list(_files(path))
            times = _index_times(path, resolve, {entry.path: entry.is_symlink() for entry in entries})
            for entry in entries:
                real = resolve(entry.path, entry.is_symlink())
                files[real] = times.get(real) or _mtime(entry.stat().st_mtime)
        elif os.path.isfile(path):
            times = _index_times(os.path.dirname(path), resolve)
            real = resolve(path)
            files[real] = times.get(real) or _mtime(os.stat(path).st_mtime)
        else:
            raise NothingToIngest(f"{raw} does not exist")
    if not files:
        raise NothingToIngest("no files to ingest in " + ", ".join(str(p) for p in paths))
    return sorted(files.items(), key=lambda kv: (kv[1], os.path.basename(kv[0])))


def _mtime(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).replace(tzinfo=None, microsecond=0)


_KNOWN: set[str] = set()
"""In a worker process: the deliveries the warehouse held when the run started."""
_SPOOL: list[str] = []
"""In a worker process: the run's spool folder (:mod:`flis.ingest.spool`)."""


def _receive(paths: list[str], times: list[dt.datetime], archive_root: str) -> _Handover:
    """Files, in a worker: each read and kept in the archive, then prepared together unless it is a known
    delivery (:func:`prepare_many`: small files of one kind cost about what one file of their joint size does).

    The archived bytes reach the disk before the commit that registers their deliveries (the writing process
    starts one ``sync`` per batch as it writes the batch)."""
    archive, adapters = Archive(Path(archive_root)), load_adapters()
    items: list[Prepared | _Arrival | None] = []
    todo = []
    for path, received_at in zip(paths, times):
        with open(path, "rb", buffering=0) as fh:  # no pathlib, no buffer: a file is read in one call
            data = fh.readall()
        sha = hashlib.sha256(data).hexdigest()
        archive.store(data, sha, sync=False)
        name = os.path.basename(path)
        decl, _ = declare(name, adapters)
        ident = delivery_id(decl, sha)
        if ident in _KNOWN:  # a known delivery: note this arrival (if new) without reading it again
            items.append(_Arrival(ident, name, received_at, decl.municipality,
                                  str(decl.period) if decl.period else None, len(data)))
        else:
            items.append(None)
            todo.append((data, name, received_at, sha))
    prepared = iter(prepare_many(todo))
    return _Handover.pack([item or next(prepared) for item in items], _SPOOL[0] if _SPOOL else None)


def _whole(members: list[Prepared]) -> pa.Table:
    """The rows of deliveries that go to one canonical table, one after the other: without a copy when they
    are the whole of the rows they were prepared in, in order (files of one kind, prepared together)."""
    parent = members[0].within[0] if members[0].within else None
    firsts = list(accumulate((m.rows.num_rows for m in members), initial=0))
    if parent is not None and firsts[-1] == parent.num_rows and all(
            m.within is not None and m.within[0] is parent and m.within[1] == first
            for m, first in zip(members, firsts)):
        return parent
    if len(members) == 1:
        return members[0].rows
    return pa.concat_tables([m.rows for m in members], promote_options="default").combine_chunks()


@dataclass
class _Handover:
    """What a worker hands the writing process for the files of one task: what became of each, and the
    canonical rows of those loaded, one table per canonical table (in a spool file when it is large)."""

    items: list[Prepared | _Arrival]
    tables: dict[str, pa.Table | str]

    @classmethod
    def pack(cls, items: list[Prepared | _Arrival], folder: str | None) -> _Handover:
        """In a worker: the rows of the deliveries, put together by table. One file's rows may be a slice of
        a table it shares with others of its kind, and a slice pickles with all of that table's buffers, so
        the rows of several deliveries travel as one table of their own."""
        by_table: dict[str, list[Prepared]] = {}
        for item in items:
            if isinstance(item, Prepared) and item.rows is not None:
                by_table.setdefault(item.declaration.file_adapter.table.sql_name, []).append(item)
        tables: dict[str, pa.Table | str] = {}
        for name, members in by_table.items():
            rows = _whole(members)
            first = 0
            for m in members:
                m.part, m.rows, m.within = (name, first, m.rows.num_rows), None, None
                first += m.part[2]
            spooled = spool.put(folder, rows) if folder and rows.num_rows >= spool.SPOOL_FROM else None
            tables[name] = spooled or rows
        return cls(items, tables)

    def unpack(self) -> list[Prepared | _Arrival]:
        """In the writing process: each loaded delivery's rows, as its slice of the table handed over."""
        tables = {name: spool.take(t) if isinstance(t, str) else t for name, t in self.tables.items()}
        for item in self.items:
            if isinstance(item, Prepared) and item.part is not None:
                name, first, count = item.part
                item.rows, item.within, item.part = tables[name].slice(first, count), (tables[name], first), None
        return self.items


def _outcome(p: Prepared, status: str) -> Outcome:
    counts = p.counts()
    worst = next((f for f in sorted(p.findings, key=lambda f: -f.severity) if f.severity.rejects), None)
    d = p.declaration
    return Outcome(p.file_name, p.delivery_id, status, d.municipality,
                   d.file_adapter.table.qualified if d.file_adapter else None, str(d.period) if d.period else None,
                   p.records, p.rows.num_rows if p.rows is not None and status == "loaded" else 0,
                   counts["fatal"], counts["error"], counts["warning"], counts["info"],
                   f"[{worst.code}] {worst.where()}: {worst.message}" if worst else "")


@dataclass
class _Arrival:
    """Another arrival of a delivery that is known (or queued before it)."""

    delivery_id: str
    file_name: str
    received_at: dt.datetime
    municipality: int | None
    period: str | None
    size: int


class _Batch:
    """Deliveries written a batch at a time into a transaction that is committed every ``commit_rows``
    canonical rows and at the end of the run: the same all-or-nothing guarantee per delivery.

    A crash loses what was written since the last commit, and the rerun loads it again. If a delivery fails to
    write, the open transaction is rolled back and its deliveries are written again one per transaction (those
    of its earlier batches prepared again from their archived bytes: their rows are not kept once written), so
    the deliveries before the failing one still land and the failure is raised for that one alone.

    Few commits cost less: while a transaction inserts, DuckDB writes each table's full row groups straight to
    the file; at a commit the rest goes through its log, and the checkpoint writes it again. At scale 0.1 the
    writing process took 13.2-14.7 CPU seconds committing before the last windows and at the end, 15.1-15.5
    committing every 2 million rows (three runs each, alternating).
    """

    MAX_ITEMS = 4000
    MAX_ROWS = 2_000_000
    """A batch's rows wait in memory until it is written: at scale 1.0, 2 million rows raised the peak from
    4.7 to 4.8 GB (3 million added 450 MB at scale 0.1)."""

    def __init__(self, con, report: IngestReport, on_done: Callable[[int], None], archive: Archive | None = None,
                 commit_rows: int = 1):
        self.con, self.report, self.on_done, self.archive = con, report, on_done, archive
        self.commit_rows = commit_rows if archive is not None else 1  # without the bytes nothing is written again
        self.items: list[Prepared | _Arrival] = []
        self.rows = 0
        self.open = False
        self.written: list[Prepared | _Arrival] = []
        """In the open transaction, without their rows."""
        self.outcomes: list[Outcome] = []
        self.uncommitted = 0

    def add(self, item: Prepared | _Arrival) -> None:
        self.items.append(item)
        if isinstance(item, Prepared) and item.rows is not None:
            self.rows += item.rows.num_rows
        if len(self.items) >= self.MAX_ITEMS or self.rows >= self.MAX_ROWS:
            self.flush(commit=False)

    def flush(self, commit: bool = True) -> None:
        """Write the batch into the open transaction; commit it when ``commit`` says so, or once it holds
        ``commit_rows`` rows."""
        if self.items:
            items, self.items, self.rows = self.items, [], 0
            try:
                self._write(items)
            except Exception:
                self._one_by_one(items)
            self.on_done(sum(item.size for item in items))
        if commit or self.uncommitted >= self.commit_rows:
            self.commit()

    def _write(self, items: list[Prepared | _Arrival]) -> None:
        if self.archive is not None:  # the archived bytes reach the disk while the batch is written
            self.archive.flush(wait=False)
        if not self.open:
            self.con.execute("BEGIN TRANSACTION")
            self.open, self.written = True, []
        try:
            new = [item for item in items if isinstance(item, Prepared)]
            statuses = dict(zip((p.delivery_id for p in new), write_many(self.con, new)))
            arrivals = [item for item in items if isinstance(item, _Arrival)]  # after the deliveries they are of
            fresh = iter(add_receipts(self.con, [(a.delivery_id, a.file_name, a.received_at) for a in arrivals]))
            outcomes = []
            for item in items:
                if isinstance(item, _Arrival):
                    outcomes.append(Outcome(item.file_name, item.delivery_id, "duplicate" if next(fresh) else "known",
                                            item.municipality, None, item.period, None, 0))
                else:
                    outcomes.append(_outcome(item, statuses[item.delivery_id]))
            # The checks across deliveries run once at the end of the run; until they have, these
            # deliveries are pending, so that a run killed before then leaves them to the next run.
            done = [o for o in outcomes if o.delivery_id]
            append(self.con, "registry.pending_checks", pa.table({
                "delivery_id": pa.array([o.delivery_id for o in done], pa.string()),
                "municipality": pa.array([o.municipality for o in done], pa.int16()),
                "period": pa.array([Period.parse(o.period).first_day if o.period else None for o in done],
                                   pa.date32())}))
        except BaseException:
            self.rollback()
            raise
        self.outcomes += outcomes
        self.uncommitted += sum(o.rows for o in outcomes)
        if self.archive is not None:  # the rows can be prepared again: let them go (else one batch: commit_rows 1)
            for item in items:
                if isinstance(item, Prepared):
                    item.rows = item.within = None
        self.written += items

    def commit(self) -> None:
        if not self.open:
            return
        try:
            if self.archive is not None:
                self.archive.synced()  # the archived bytes are on disk before their deliveries are registered
            self.con.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise
        self.open = False
        self.report.outcomes += self.outcomes
        self.written, self.outcomes, self.uncommitted = [], [], 0

    def rollback(self) -> None:
        """Undo the open transaction: its deliveries are not registered (the next run loads them), unless
        :meth:`_one_by_one` writes them again."""
        if self.open:
            self.open, self.outcomes, self.uncommitted = False, [], 0
            self.con.execute("ROLLBACK")

    def _one_by_one(self, items: list[Prepared | _Arrival]) -> None:
        """After a failed write (rolled back): the open transaction's deliveries and ``items``, each in its own
        transaction; the first that fails again is raised."""
        earlier, self.written = self.written, []
        self.rollback()  # done already when the write failed
        for item in chain((self._again(item) for item in earlier), items):
            self._write([item])
            self.commit()

    def _again(self, item: Prepared | _Arrival) -> Prepared | _Arrival:
        """A delivery written before, prepared again from its archived bytes (preparing is pure)."""
        if isinstance(item, _Arrival) or item.status != "loaded" or item.rows is not None:
            return item  # nothing was left out of it
        data = self.archive.read(item.content_sha256)
        return prepare(data, item.file_name, item.received_at, item.content_sha256)


def _windows(names: list[str], sizes: list[int]) -> Iterator[list[list[int]]]:
    """The files (by number, in the order they arrived; ``names`` without their folders) as windows of worker
    tasks: a large file alone, small files of one kind (vendor and file, from the name) together."""
    start = 0
    while start < len(names):
        end, size = start, 0
        while end < len(names) and end - start < WINDOW_FILES and (size < WINDOW_BYTES or end == start):
            size += sizes[end]
            end += 1
        tasks: list[list[int]] = []
        filling: dict[tuple[str, str], tuple[list[int], int]] = {}  # kind -> its open task and its bytes
        for i in range(start, end):
            m = NAME.match(names[i])
            if m is None or sizes[i] >= TOGETHER_BELOW:
                tasks.append([i])
                continue
            task, filled = filling.get((m["key"], m["file"]), (None, 0))
            if task is None or len(task) >= TASK_FILES or filled + sizes[i] > TASK_BYTES:
                task, filled = [], 0
                tasks.append(task)
            task.append(i)
            filling[(m["key"], m["file"])] = (task, filled + sizes[i])
        yield tasks
        start = end


def _worker(known: set[str], spool_root: str) -> None:
    """In a worker process: files are read in parallel by the processes, so Arrow's thread pools (and the
    readers' own threads, which follow ``pa.cpu_count()``) would only compete for the same cores."""
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    _keep_freed_memory()
    _known(known)
    _SPOOL[:] = [spool_root]


M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
KEEP_FREED = 64 << 20


def _keep_freed_memory() -> None:
    """In a worker: the C library keeps up to ``KEEP_FREED`` bytes of freed memory for the next files instead
    of handing it back to the system. Arrays of some megabytes (numpy's, for every file) were otherwise
    mapped fresh and zeroed by the kernel page by page: at scale 0.1 the workers took 839,000 page faults
    and 8.7 CPU seconds in the kernel, 435,000 and 7.9 keeping 256 MB, 461,000 keeping 64 MB (one run each;
    ``clear_page_erms`` was the largest kernel function in ``perf``). 256 MB measured a peak of 5.2 GB at
    scale 1.0, 64 MB 4.9 GB, as without this. Blocks of ``KEEP_FREED`` or more are still mapped on
    their own, and free memory at the top of the heap goes back to the system past twice ``KEEP_FREED``."""
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(M_MMAP_THRESHOLD, KEEP_FREED)
        libc.mallopt(M_TRIM_THRESHOLD, 2 * KEEP_FREED)
    except (OSError, AttributeError):  # not glibc: its defaults stay
        pass


def _known(known: set[str]) -> None:
    _KNOWN.clear()
    _KNOWN.update(known)


@contextmanager
def _loading(con) -> Iterator[Callable[[], None]]:
    """DuckDB settings while loading, restored whatever happens:

    - it checkpoints only past ``CHECKPOINT_EVERY`` of WAL: with its default threshold every batch's
      commit writes a checkpoint (a third of the writing process's time at scale 1.0). One checkpoint at
      the end. A crash before it loses nothing committed: DuckDB replays the WAL when the warehouse is
      opened again;
    - it inserts with one thread: the workers have the cores, and a parallel insert took twice the CPU
      time (3.9 s against 2.0 s for 3 million residents, checkpoint included) and left row groups half
      full (a file of 92 MB against 52 MB). What runs once the workers are done (the caller says when with
      the function this yields: the checks across deliveries, the checkpoint) has all threads again;
    - it writes each full row group of an insert to the file at once (``write_buffer_row_group_count``),
      not five at a time: a commit then compresses only each table's last, partial row group. The rows of
      scale 0.1 replayed in one process: the commit took 0.38 CPU seconds instead of 1.03, all of it 5.5
      either way; in a run, the commit before the last windows (which the workers outlast) 0.6 s, not 1.5."""
    threshold, threads, buffered = con.execute(
        "SELECT current_setting('checkpoint_threshold'), current_setting('threads'), "
        "current_setting('write_buffer_row_group_count')").fetchall()[0]
    con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_EVERY}'")
    con.execute("SET threads = 1")
    con.execute(f"SET write_buffer_row_group_count = {WRITE_ROW_GROUPS}")
    try:
        yield lambda: con.execute("SET threads = $1", [threads])
        con.execute("SET threads = $1", [threads])
        con.execute("CHECKPOINT")
    finally:
        con.execute("SET checkpoint_threshold = $1", [threshold])
        con.execute("SET threads = $1", [threads])
        con.execute("SET write_buffer_row_group_count = $1", [buffered])


def ingest(paths: Iterable[Path], warehouse: Warehouse | None = None, archive: Archive | None = None,
           received_at: dt.datetime | None = None, workers: int | None = None,
           on_progress: Callable[[int, int], None] | None = None) -> IngestReport:
    """Ingest files and directories; returns what happened to each file."""
    files = _collected(paths)
    own = warehouse is None
    warehouse = warehouse or Warehouse()
    archive = archive or Archive()
    workers = workers or get_settings().workers
    report, months = IngestReport(), set()
    sizes = [os.stat(p).st_size for p, _ in files]
    total, done = sum(sizes), 0
    con = warehouse.con
    seen = known_deliveries(con)

    def progressed(size: int) -> None:
        nonlocal done
        done += size
        if on_progress:
            on_progress(done, total)

    batch = _Batch(con, report, progressed, archive, get_settings().ingest_commit_rows)

    def settle(item: Prepared | _Arrival) -> None:
        archive.mark_unsynced()  # the worker stored the file without syncing it
        if isinstance(item, Prepared) and item.delivery_id in seen:
            # The same delivery arrived earlier in this run: this is another arrival of it.
            d = item.declaration
            item = _Arrival(item.delivery_id, item.file_name, item.received_at, d.municipality,
                            str(d.period) if d.period else None, item.size)
        if isinstance(item, Prepared):
            seen.add(item.delivery_id)
            if item.declaration.period and item.declaration.municipality is not None:
                months.add((item.declaration.municipality, item.declaration.period.first_day))
        batch.add(item)

    load_adapters()  # read once here: the workers inherit them, and the writer needs them too
    folder = spool.Spool() if workers > 1 else None
    pool = (ProcessPoolExecutor(max_workers=workers, initializer=_worker, initargs=(seen, str(folder.root)))
            if folder else None)
    if pool is None:
        _known(seen)

    def hand_over(window: list[list[int]]) -> list[tuple[Future, list[int]]]:
        """A window's tasks, each with the files (by number) it prepares; without workers, done at once."""
        tasks = []
        for task in window:
            args = ([files[i][0] for i in task], [received_at or files[i][1] for i in task], str(archive.root))
            if pool is None:
                future: Future = Future()
                future.set_result(_receive(*args))
            else:
                future = pool.submit(_receive, *args)
            tasks.append((future, task))
        return tasks

    def take(tasks: list[tuple[Future, list[int]]]) -> None:
        """A window's files, settled in the order they arrived, whichever task prepared them."""
        where = {i: (k, j) for k, (_, task) in enumerate(tasks) for j, i in enumerate(task)}
        results: dict[int, list[Prepared | _Arrival]] = {}
        for i in sorted(where):
            k, j = where[i]
            if k not in results:
                results[k] = tasks[k][0].result().unpack()
            settle(results[k][j])

    with _loading(con) as prepared:
        try:
            ahead: deque[list[tuple[Future, list[int]]]] = deque()
            for window in _windows([os.path.basename(p) for p, _ in files], sizes):
                ahead.append(hand_over(window))
                if len(ahead) > WINDOWS_AHEAD:
                    take(ahead.popleft())
            batch.flush()  # the large commit, while the workers prepare the last windows
            while ahead:  # the last windows: each written while the workers still prepare the ones after it
                take(ahead.popleft())
                batch.flush(commit=False)
            batch.flush()
        except BaseException:
            batch.rollback()
            raise
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            if folder is not None:
                folder.close()
        prepared()  # the workers are done: DuckDB has the cores
        con.execute("BEGIN TRANSACTION")
        # This run's deliveries and those an interrupted earlier run loaded but did not check yet.
        unchecked = con.execute("SELECT DISTINCT delivery_id, municipality, period "
                                "FROM registry.pending_checks").fetchall()
        touched = sorted({o.delivery_id for o in report.outcomes} | {d for d, _, _ in unchecked})
        months |= {(m, p) for _, m, p in unchecked if m is not None and p is not None}
        refresh_duplicate_arrivals(con, touched)
        refresh_references(con, warehouse.model, sorted(months))
        con.execute("DELETE FROM registry.pending_checks")
        con.execute("COMMIT")
    if own:
        warehouse.close()
    return report
