"""Benchmark: computing the whole catalogue, full and incremental.

Target (issue 4): all series for 98 municipalities x 12 months at scale 1.0 in under 3 minutes on 2 cores,
peak memory under 8 GB; an incremental month in under a fifth of that. Also reported: the ratio to a lower
bound, one DuckDB scan of every column the catalogue reads.

Generates 13 months (not timed), ingests the first 12 (not timed), computes everything (timed), then ingests
the 13th month and computes the new release incrementally (timed). Results are appended to
benchmarks/results/compute.json and summarised in docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_compute.py --scale 0.1
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
from flis.periods import Period  # noqa: E402
from flis.synth.config import SynthConfig  # noqa: E402
from flis.synth.runner import generate  # noqa: E402
from flis.warehouse.store import Warehouse  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "compute.json"
START = Period(2024, 1)


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


def run(scale: float, work: Path, workers: int) -> dict[str, object]:
    source, home = work / "source", work / "home"
    if not (source / "deliveries").exists():
        shutil.rmtree(work, ignore_errors=True)
        generate(SynthConfig(scale=scale, months=13, start=START, seed=1, fault_rate=0.0), source, workers=workers)
    shutil.rmtree(home, ignore_errors=True)
    files = sorted(p for p in (source / "deliveries").rglob("*") if p.is_file())
    last = int(f"{(START + 12).year}{(START + 12).month:02d}")
    first12 = [p for p in files if month_of(p) and month_of(p) < last]
    month13 = [p for p in files if month_of(p) == last]
    catalogue = load_catalogue()
    with Warehouse(home / "warehouse.duckdb") as wh:
        ingest(first12, warehouse=wh, archive=Archive(home / "archive"), workers=workers)
        bound = lower_bound(wh.con, catalogue)
        with PeakMemory() as memory:
            full = compute(wh.con, catalogue, incremental=False)
        ingest(month13, warehouse=wh, archive=Archive(home / "archive"), workers=workers)
        with PeakMemory() as memory_inc:
            inc = compute(wh.con, catalogue)
    return {
        "benchmark": "compute", "date": dt.date.today().isoformat(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "scale": scale, "months": 12, "series": full.series, "cells": full.cells,
        "full_seconds": round(full.seconds, 1), "full_peak_memory_mb": round(memory.peak / 1e6),
        "lower_bound_seconds": round(bound, 2), "ratio_to_lower_bound": round(full.seconds / bound, 1),
        "incremental_month_seconds": round(inc.seconds, 1), "incremental_groups_scanned": inc.groups_scanned,
        "incremental_groups_copied": inc.groups_copied, "incremental_share_of_full": round(inc.seconds / full.seconds, 3),
        "incremental_peak_memory_mb": round(memory_inc.peak / 1e6),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, action="append", help="scale(s) to run (default 0.1)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "out" / "compute")
    args = parser.parse_args()
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    for scale in args.scale or [0.1]:
        row = run(scale, args.work / f"scale-{scale}", args.workers)
        print(json.dumps(row))
        results.append(row)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
