"""Benchmark: ingest throughput on the generator's output.

Target (issue 3): at least 500,000 canonical rows per second overall on 2 cores, at scale 0.1 and 1.0.
Generates the country first (not timed), reads it once (not timed: the page cache is the same for every
run), then ingests it into a fresh warehouse. Results are appended to
benchmarks/results/ingest.json and summarised in docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_ingest.py --scale 0.1 --months 12 --workers 2
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import PeakMemory  # noqa: E402

from flis.ingest.archive import Archive  # noqa: E402
from flis.ingest.pipeline import ingest  # noqa: E402
from flis.periods import Period  # noqa: E402
from flis.synth.config import SynthConfig  # noqa: E402
from flis.synth.runner import generate  # noqa: E402
from flis.warehouse.store import Warehouse  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "ingest.json"
DELETED = Path(tempfile.gettempdir()) / "flis-bench-ingest-deleted"
"""When this benchmark last deleted an earlier run's files (see :func:`_settle`)."""
RECENTLY_DELETED = 365
"""Seconds to wait after deleting an earlier run before the next one starts.

ext4 without a journal (this VM's disk) skips, when it picks the inode of a new file, every free inode
deleted in the last 60 seconds, or in the last 6 minutes when its inode-table block is dirty; the new files
of the next run dirty those very blocks. Right after the 29,626 files of an earlier run's archive were
deleted, creating a file cost 0.6-0.8 ms of kernel time instead of 0.1 ms (``perf``: ``recently_deleted``
under ``__ext4_new_inode``); 70 seconds after, ``recently_deleted`` and the inode-table lookups under it
still took 2.4 CPU seconds of a run at scale 0.1. The archive creates one file per delivery, and an
operator, who does not delete tens of thousands of files before each ingest, never pays this. Each run
therefore ingests into a new home, and ``--keep`` runs, which delete nothing, never wait."""


def run(scale: float, months: int, workers: int, work: Path, faults: float,
        source: Path | None = None) -> dict[str, object]:
    target = work / f"home-{dt.datetime.now():%Y%m%d-%H%M%S}"  # new: no inode of it was just deleted
    if source is None:
        source = work / "source"
        _delete(source)
        config = SynthConfig(scale=scale, months=months, start=Period(2024, 1), seed=1, fault_rate=faults)
        size = sum(f.bytes for f in generate(config, source, workers=workers).files)
    else:  # generated before with the same settings (flis synth --seed 1 --start 2024-01)
        size = sum(f.stat().st_size for f in (source / "deliveries").rglob("*") if f.is_file())
    warmed = _warm(source / "deliveries")
    _settle()
    cpu = _cpu()
    started = time.perf_counter()
    with PeakMemory() as memory:
        with Warehouse(target / "warehouse.duckdb") as warehouse:
            report = ingest([source / "deliveries"], warehouse=warehouse, archive=Archive(target / "archive"),
                            workers=workers)
    seconds = time.perf_counter() - started
    writer, workers_cpu = (round(after - before, 1) for after, before in zip(_cpu(), cpu))
    return {
        "benchmark": "ingest", "date": dt.date.today().isoformat(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "scale": scale, "months": months, "workers": workers, "fault_rate": faults,
        "files": len(report.outcomes), "loaded": report.count("loaded"), "rejected": report.count("rejected"),
        "rows_loaded": report.rows_loaded, "megabytes_read": round(size / 1e6), "seconds": round(seconds, 1),
        "rows_per_second": round(report.rows_loaded / seconds), "peak_memory_mb": round(memory.peak / 1e6),
        "warehouse_mb": round((target / "warehouse.duckdb").stat().st_size / 1e6), "warm_up_seconds": warmed,
        "cpu_seconds_writer": writer, "cpu_seconds_workers": workers_cpu,
    }


def _delete(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path, ignore_errors=True)
        os.sync()  # the inode tables written back: the window is 1 minute, not 6
        DELETED.write_text(str(time.time()))


def _settle() -> None:
    """Wait until files deleted by an earlier run no longer slow the creation of new ones (``RECENTLY_DELETED``)."""
    try:
        left = float(DELETED.read_text()) + RECENTLY_DELETED - time.time()
    except (OSError, ValueError):
        return
    if left > 0:
        print(f"waiting {left:.0f} s: files of an earlier run were deleted just now", file=sys.stderr)
        time.sleep(left)


def _cpu() -> tuple[float, float]:
    """CPU seconds (user and system) of this process and of its finished children (the ingest's workers):
    the same work measured 436 and 548 CPU seconds at scale 1.0 on this VM an hour apart, so the wall time
    alone does not say whether a change helped."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _warm(folder: Path) -> float:
    """Read the input once before the clock starts, so that every run starts from the same page cache: the
    generator's output was just written, but this VM reclaims cold pages (DAMON), and part of the input was
    found on disk between runs. (It did not explain why the same code measured 219 to 274 s at scale 1.0 on
    2026-12-06: with the input read first it measured 274.6 s.)"""
    started = time.perf_counter()
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as fh:
                while fh.read(1 << 24):
                    pass
    return round(time.perf_counter() - started, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, action="append", help="scale(s) to run (default 0.1)")
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--faults", type=float, default=0.02)
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "out" / "ingest")
    parser.add_argument("--keep", action="store_true", help="keep the generated files and the ingested home")
    parser.add_argument("--source", type=Path, help="ingest this earlier `flis synth --out` folder (generated "
                        "with --seed 1 --start 2024-01 and the given --scale, --months and --faults) instead "
                        "of generating; it is never deleted")
    args = parser.parse_args()
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    for scale in args.scale or [0.1]:
        row = run(scale, args.months, args.workers, args.work, args.faults, args.source)
        print(json.dumps(row))
        results.append(row)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")
        if not args.keep:
            _delete(args.work)


if __name__ == "__main__":
    main()
