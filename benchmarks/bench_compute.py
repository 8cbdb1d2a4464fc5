"""Benchmark: computing the whole catalogue, full and incremental.

Target (issue 4): all series for 98 municipalities x 12 months at scale 1.0 in under 3 minutes on 2 cores,
peak memory under 8 GB; an incremental month in under a fifth of that. Also reported: the ratio to a lower
bound, one DuckDB scan of every column the catalogue reads.

Reads a generated country (12 months): ingests months 1-11 and computes the parent release, ingests month 12
and computes incrementally (timed), then computes all 12 months from scratch (timed). Each timed compute
opens the warehouse afresh, with its file in the page cache, as a ``flis compute`` run after another would.
The ingest of the 12
months is timed as the ingest benchmark (issue 3: at least 500,000 canonical rows per second). Results are
appended to benchmarks/results/compute.json and ingest.json and summarised in docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_synth.py --scale 0.1 --out /tmp/bench/s01 --keep
    .venv/bin/python benchmarks/bench_compute.py --source /tmp/bench/s01
    .venv/bin/python benchmarks/bench_compute.py --home /tmp/bench/h10 --scale 1.0   # full compute only
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import PeakMemory  # noqa: E402

from flis.catalogue.loader import load_catalogue  # noqa: E402
from flis.compute.run import compute  # noqa: E402
from flis.ingest.archive import Archive  # noqa: E402
from flis.ingest.pipeline import ingest  # noqa: E402
from flis.warehouse.store import Warehouse  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "compute.json"
INGEST_RESULTS = Path(__file__).resolve().parent / "results" / "ingest.json"


def columns_read(catalogue) -> dict[str, set[str]]:
    """Every column of every canonical table the catalogue reads."""
    out: dict[str, set[str]] = {}
    for m in catalogue.measures().values():
        rel = m.source
        names = {c.name for tree in (m.of, m.where) if tree is not None for c in tree.find_all(_column())}
        for tree in rel.derive.values():
            names |= {c.name for c in tree.find_all(_column())}
        for fig in catalogue.figures.values():
            for dim in fig.variants:
                names |= dim.columns
        names |= {m.attribution, "_municipality", "_period"}
        for table in rel.tables:
            out.setdefault(table.sql_name, set()).update(n for n in names if n in table.column_names
                                                           or n.startswith("_"))
        for join in rel.joins:
            out[rel.base.sql_name].update(join.on)
            out[join.table.sql_name].update(join.on + join.columns)
    return out


def _column():
    from sqlglot import exp
    return exp.Column


def lower_bound(con, catalogue) -> float:
    started = time.perf_counter()
    for table, cols in sorted(columns_read(catalogue).items()):
        aggs = ", ".join(f'count("{c}")' for c in sorted(cols))
        con.execute(f"SELECT {aggs} FROM current.{table}").fetchall()
    return time.perf_counter() - started


def month_of(path: Path) -> int | None:
    found = re.search(r"_(\d{6})(?:_\d+)?\.[a-z]+$", path.name)
    return int(found.group(1)) if found else None


def _opened(database: Path) -> Warehouse:
    """The warehouse opened afresh, as ``flis compute`` opens it, with its file read once beforehand: each
    timed compute starts in the same state (the ingest before the incremental one had pushed the warehouse
    out of the page cache with the 15 GB of files it read and archived, while the full one after it found
    what the incremental one had read)."""
    with open(database, "rb") as fh:
        while fh.read(1 << 24):
            pass
    return Warehouse(database)


def run(source: Path, work: Path, workers: int) -> tuple[dict[str, object], dict[str, object]]:
    """Ingest months 1-11 and compute (the parent release); ingest month 12 and compute incrementally;
    then compute all 12 months from scratch. Ingest of all 12 months is timed too."""
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    scale, months = manifest["config"]["scale"], manifest["config"]["months"]
    home = work / "home"
    shutil.rmtree(home, ignore_errors=True)
    files = sorted(p for p in (source / "deliveries").rglob("*") if p.is_file())
    last = max(month_of(p) or 0 for p in files)
    earlier = [p for p in files if month_of(p) and month_of(p) < last]
    newest = [p for p in files if month_of(p) == last]
    catalogue = load_catalogue()
    database = home / "warehouse.duckdb"
    with Warehouse(database) as wh:
        with PeakMemory() as ingest_memory:
            started = time.perf_counter()
            first = ingest(earlier, warehouse=wh, archive=Archive(home / "archive"), workers=workers)
            ingest_a = time.perf_counter() - started
        compute(wh.con, catalogue, incremental=False)
        with PeakMemory() as ingest_memory_b:
            started = time.perf_counter()
            second = ingest(newest, warehouse=wh, archive=Archive(home / "archive"), workers=workers)
            ingest_b = time.perf_counter() - started
    with _opened(database) as wh, PeakMemory() as memory_inc:
        inc = compute(wh.con, catalogue)
    with _opened(database) as wh:
        with PeakMemory() as memory:
            full = compute(wh.con, catalogue, incremental=False)
        bound = lower_bound(wh.con, catalogue)
    rows = first.rows_loaded + second.rows_loaded
    seconds = ingest_a + ingest_b
    files_in = len(first.outcomes) + len(second.outcomes)
    today, machine = dt.date.today().isoformat(), platform.machine()
    ingest_row = {
        "benchmark": "ingest", "date": today, "machine": machine, "cpus": os.cpu_count(), "scale": scale,
        "months": months, "workers": workers, "files": files_in, "rows_loaded": rows,
        "seconds": round(seconds, 1), "rows_per_second": round(rows / seconds),
        "peak_memory_mb": round(max(ingest_memory.peak, ingest_memory_b.peak) / 1e6),
        "warehouse_mb": round((home / "warehouse.duckdb").stat().st_size / 1e6),
    }
    compute_row = {
        "benchmark": "compute", "date": today, "machine": machine, "cpus": os.cpu_count(), "scale": scale,
        "months": months, "series": full.series, "cells": full.cells,
        "full_seconds": round(full.seconds, 1), "full_peak_memory_mb": round(memory.peak / 1e6),
        "lower_bound_seconds": round(bound, 2), "ratio_to_lower_bound": round(full.seconds / bound, 1),
        "incremental_month_seconds": round(inc.seconds, 1), "incremental_groups_scanned": inc.groups_scanned,
        "incremental_groups_copied": inc.groups_copied,
        "incremental_share_of_full": round(inc.seconds / full.seconds, 3),
        "incremental_peak_memory_mb": round(memory_inc.peak / 1e6),
    }
    return ingest_row, compute_row


def run_full_only(home: Path, scale: float) -> dict[str, object]:
    """A full compute of an already ingested FLIS_HOME (its warehouse is left with one more release): for a
    scale whose ingest takes too long to repeat. No incremental measurement."""
    catalogue = load_catalogue()
    with Warehouse(home / "warehouse.duckdb") as wh:
        with PeakMemory() as memory:
            full = compute(wh.con, catalogue, incremental=False)
        bound = lower_bound(wh.con, catalogue)
        months = wh.con.execute("SELECT count(DISTINCT period) FROM registry.effective").fetchall()[0][0]
    return {
        "benchmark": "compute", "date": dt.date.today().isoformat(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "scale": scale, "months": months, "series": full.series, "cells": full.cells,
        "full_seconds": round(full.seconds, 1), "full_peak_memory_mb": round(memory.peak / 1e6),
        "lower_bound_seconds": round(bound, 2), "ratio_to_lower_bound": round(full.seconds / bound, 1),
        "incremental_month_seconds": None, "note": "full compute of an ingested home (--home); incremental "
                                                  "not measured",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path,
                        help="a generated country (flis synth --out DIR, or bench_synth.py --keep)")
    parser.add_argument("--home", type=Path, help="instead: an ingested FLIS_HOME; only the full compute is timed")
    parser.add_argument("--scale", type=float, help="with --home: the scale it was generated at")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "out" / "compute")
    args = parser.parse_args()
    if args.home:
        if args.scale is None:
            parser.error("--home needs --scale")
        if not (args.home / "warehouse.duckdb").exists():
            parser.error(f"{args.home} holds no warehouse.duckdb (ingest a country there first)")
        rows = [(run_full_only(args.home, args.scale), RESULTS)]
    elif args.source:
        rows = list(zip(run(args.source, args.work, args.workers), (INGEST_RESULTS, RESULTS)))
    else:
        parser.error("give --source or --home")
    for row, path in rows:
        print(json.dumps(row))
        results = json.loads(path.read_text()) if path.exists() else []
        results.append(row)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
