"""Print the latest benchmark results as Markdown tables (pasted into docs/benchmarks.md).

    .venv/bin/python benchmarks/summary.py
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def latest(name: str) -> list[dict]:
    path = RESULTS / f"{name}.json"
    rows = json.loads(path.read_text()) if path.exists() else []
    by_scale: dict[float, dict] = {}
    for row in rows:
        by_scale[row["scale"]] = row  # the last run per scale
    return [by_scale[s] for s in sorted(by_scale)]


def table(title: str, rows: list[dict], columns: list[tuple[str, str]]) -> str:
    out = [f"### {title}", "", "| " + " | ".join(h for h, _ in columns) + " |",
           "|" + "|".join("---:" for _ in columns) + "|"]
    for row in rows:
        out.append("| " + " | ".join(_fmt(row.get(key)) for _, key in columns) + " |")
    return "\n".join(out) + "\n"


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.3g}" if value < 10 else f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def main() -> None:
    print(table("Generation (`bench_synth.py`)", latest("synth"), [
        ("scale", "scale"), ("months", "months"), ("date", "date"), ("files", "files"), ("records", "records"),
        ("seconds", "seconds"), ("records/s", "records_per_second"), ("peak MB", "peak_memory_mb")]))
    print(table("Ingest (`bench_ingest.py` or `bench_compute.py`, 12 months)", latest("ingest"), [
        ("scale", "scale"), ("date", "date"), ("worker processes", "workers"), ("files", "files"),
        ("rows loaded", "rows_loaded"),
        ("seconds", "seconds"), ("rows/s", "rows_per_second"), ("peak MB", "peak_memory_mb"),
        ("warehouse MB", "warehouse_mb")]))
    print(table("Key-figure compute (`bench_compute.py`, 12 months, all series)", latest("compute"), [
        ("scale", "scale"), ("date", "date"), ("series", "series"), ("values", "cells"),
        ("full s", "full_seconds"), ("peak MB", "full_peak_memory_mb"), ("lower bound s", "lower_bound_seconds"),
        ("× lower bound", "ratio_to_lower_bound"), ("incremental month s", "incremental_month_seconds"),
        ("share of full", "incremental_share_of_full")]))
    print(table("Spark local[2] vs DuckDB (`bench_spark.py`, full release)", latest("spark"), [
        ("scale", "scale"), ("date", "date"), ("series", "series"), ("values", "cells"),
        ("export s", "export_seconds"), ("DuckDB s", "duckdb_seconds"), ("Spark s", "spark_seconds"),
        ("Spark / DuckDB", "spark_to_duckdb"), ("Spark peak MB", "spark_peak_memory_mb"),
        ("differing values", "differing_cells")]))
    api = [r for r in json.loads((RESULTS / "api.json").read_text())] if (RESULTS / "api.json").exists() else []
    newest = max((r["date"] for r in api), default="")
    api = sorted((r for r in api if r["date"] == newest), key=lambda r: (r["periods"], r["server_workers"]))
    print(table("API latency (`bench_api.py`, closed-loop clients, random series and municipality; every run "
                "of the newest day)", api, [
        ("date", "date"), ("release scale", "scale"), ("series", "series"), ("periods", "periods"),
        ("clients", "clients"), ("server processes", "server_workers"), ("requests/s", "requests_per_second"),
        ("compare p50 ms", "compare_p50_ms"), ("compare p95 ms", "compare_p95_ms"),
        ("time series p50 ms", "timeseries_p50_ms"), ("time series p95 ms", "timeseries_p95_ms")]))
    for row in latest("pages")[-1:]:
        pages = [{"page": name, **values} for name, values in row["pages"].items()]
        print(table(f"Page render, server side (`bench_pages.py`, release scale {row['scale']}, {row['date']})",
                    pages, [("page", "page"), ("first ms", "first_ms"), ("p50 ms", "p50_ms"),
                            ("p95 ms", "p95_ms"), ("max ms", "max_ms"), ("KB", "kb")]))


if __name__ == "__main__":
    main()
