"""Benchmark: the whole catalogue on Spark local[2] against DuckDB, on the same warehouse.

Issue 5: the same compute at scale 0.1 and 1.0 on Spark local[2] vs DuckDB, recorded as a ratio (Spark on
two cores is expected to be slower; the point is parity and a measured path to a cluster). Takes a warehouse
that already holds an ingested country (for example the one `bench_compute.py` leaves under its --work
folder), exports it to Parquet (timed separately), computes a full release with each engine and checks that
the two releases agree. Results are appended to benchmarks/results/spark.json.

    .venv/bin/python benchmarks/bench_spark.py --warehouse benchmarks/out/compute/home/warehouse.duckdb
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import time
from types import SimpleNamespace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import PeakMemory  # noqa: E402

from flis.catalogue.loader import load_catalogue  # noqa: E402
from flis.compute.run import compute  # noqa: E402
from flis.compute.spark import SparkScans, session  # noqa: E402
from flis.export.parquet import export_parquet  # noqa: E402
from flis.warehouse.store import Warehouse  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "spark.json"


def differing(con, a: str, b: str) -> int:
    return con.execute("""
        SELECT count(*) FROM (SELECT * FROM releases.cells WHERE release_id = ?) x
        FULL JOIN (SELECT * FROM releases.cells WHERE release_id = ?) y USING (series_id, municipality, period)
        WHERE (x.value IS NULL) <> (y.value IS NULL)
           OR abs(x.value - y.value) > 1e-9 * greatest(1, abs(x.value), abs(y.value))""", [a, b]).fetchall()[0][0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--scale", type=float, required=True, help="the scale the warehouse was generated at")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "out" / "spark")
    parser.add_argument("--conf", action="append", default=[], help="Spark setting key=value (repeatable), e.g. "
                                                                     "spark.driver.memory=8g")
    parser.add_argument("--duckdb-release", help="compare with this full DuckDB release already in the "
                                                 "warehouse (its recorded time) instead of computing one")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    copy = args.work / "warehouse.duckdb"
    shutil.copy(args.warehouse, copy)
    catalogue = load_catalogue()
    with Warehouse(copy) as wh:
        started = time.perf_counter()
        export_parquet(wh, args.work / "parquet")
        export_seconds = time.perf_counter() - started
        if args.duckdb_release:
            duck_memory = None
            series, cells, seconds = wh.con.execute(
                "SELECT series, cells, seconds FROM releases.releases WHERE release_id = ?",
                [args.duckdb_release]).fetchall()[0]
            duck = SimpleNamespace(release_id=args.duckdb_release, series=series, cells=cells, seconds=seconds)
        else:
            with PeakMemory() as duck_memory:
                duck = compute(wh.con, catalogue, incremental=False)
        spark = session(args.master, dict(item.split("=", 1) for item in args.conf))
        with PeakMemory() as spark_memory:
            on_spark = compute(wh.con, catalogue, incremental=False, scans=SparkScans(spark, args.work / "parquet"))
        wrong = differing(wh.con, duck.release_id, on_spark.release_id)
    row = {
        "benchmark": "spark", "date": dt.date.today().isoformat(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "scale": args.scale, "master": args.master, "conf": args.conf,
        "series": duck.series,
        "cells": duck.cells, "export_seconds": round(export_seconds, 1), "duckdb_seconds": round(duck.seconds, 1),
        "spark_seconds": round(on_spark.seconds, 1), "spark_to_duckdb": round(on_spark.seconds / duck.seconds, 1),
        "duckdb_peak_memory_mb": round(duck_memory.peak / 1e6) if duck_memory else None,
        "spark_peak_memory_mb": round(spark_memory.peak / 1e6), "differing_cells": wrong,
    }
    print(json.dumps(row))
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    results.append(row)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
