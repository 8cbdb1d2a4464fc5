"""Where the compute time goes: each scan unit's reduced tables and breakdowns, timed on a FLIS_HOME.

Reads the warehouse read-only, runs every scan unit of the catalogue as ``flis compute`` does (full, all
months) and prints the slowest units with the seconds of each reduced table and of their breakdowns, and
the size of each table. Nothing is stored. Use it on the home of a benchmark country:

    .venv/bin/python benchmarks/profile_compute.py /tmp/bench/i10/home --top 12
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from flis.catalogue.loader import load_catalogue
from flis.compile.reduce import scan_plan
from flis.compile.sql import Source, to_sql
from flis.compute.run import plan
from flis.compute.scans import scan_units
from flis.reference import municipalities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--only", help="only units whose relation id contains this text")
    args = parser.parse_args()
    con = duckdb.connect(str(args.home / "warehouse.duckdb"), read_only=True)
    codes = [m.code for m in municipalities()]
    units = scan_units([(g, None) for g in plan(load_catalogue())])
    rows, started = [], time.perf_counter()
    for unit in units:
        name = f"{unit[0][0].relation.id} ({', '.join(g.level for g, _ in unit)})"
        if args.only and args.only not in name:
            continue
        scan = scan_plan(unit, Source(), codes)
        parts = []  # (table, seconds, rows)
        for table, select in scan.tables:
            t = time.perf_counter()
            con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS " + to_sql(select))
            seconds = time.perf_counter() - t
            parts.append((table, seconds, con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]))
        t = time.perf_counter()
        queries = 0
        for member in scan.aggregations:
            for _, _, select in member:
                con.sql(to_sql(select)).to_arrow_table()
                queries += 1
        breakdowns = time.perf_counter() - t
        for table, _ in scan.tables:
            con.execute(f"DROP TABLE {table}")
        total = sum(seconds for _, seconds, _ in parts) + breakdowns
        rows.append((total, name, parts, breakdowns, queries))
    out = Table(title=f"Scan units, slowest first ({time.perf_counter() - started:.0f} s in all)")
    for column in ("seconds", "unit", "reduced tables", "breakdowns"):
        out.add_column(column)
    for total, name, parts, breakdowns, queries in sorted(rows, reverse=True)[:args.top]:
        tables = "\n".join(f"{table} {seconds:.1f} s ({size:,} rows)" for table, seconds, size in parts)
        out.add_row(f"{total:.1f}", name, tables, f"{queries} in {breakdowns:.1f} s")
    Console().print(out)


if __name__ == "__main__":
    main()
