"""``flis ingest``: register, archive, validate and load delivered files."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import typer

from flis.cli.output import console, print_json, print_table, progress_bar
from flis.errors import ConfigError
from flis.ingest.pipeline import IngestReport, ingest


def _parse_time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.rstrip("Z"))
    except ValueError:
        raise ConfigError(f"--received-at {text!r}: expected an ISO time such as 2024-03-07T10:00") from None


def run_ingest(paths: list[Path], received_at: dt.datetime | None = None, workers: int | None = None
               ) -> tuple[IngestReport, float]:
    started = time.perf_counter()
    with progress_bar("Ingesting", 1.0, percent=True) as update:
        report = ingest(paths, received_at=received_at, workers=workers,
                        on_progress=lambda done, total: update(done / max(total, 1), 1.0))
    return report, time.perf_counter() - started


def summarise(report: IngestReport, seconds: float) -> dict[str, object]:
    return {
        "files": len(report.outcomes),
        "loaded": report.count("loaded"), "rejected": report.count("rejected"),
        "duplicate": report.count("duplicate"), "known": report.count("known"),
        "rows_loaded": report.rows_loaded, "seconds": round(seconds, 1),
        "rows_per_second": round(report.rows_loaded / seconds) if seconds else None,
    }


def print_report(report: IngestReport, seconds: float) -> None:
    s = summarise(report, seconds)
    console.print(f"{s['files']:,} files in {s['seconds']} s: [green]{s['loaded']:,} loaded[/] "
                  f"({s['rows_loaded']:,} rows), [red]{s['rejected']:,} rejected[/], "
                  f"{s['duplicate']:,} duplicate arrivals, {s['known']:,} already ingested.")
    if report.rejected:
        print_table("Rejected deliveries (details: flis deliveries show ID)",
                    ["delivery", "file", "first problem"],
                    [(o.delivery_id[:12], o.file, o.first_problem[:140]) for o in report.rejected[:50]])
        if len(report.rejected) > 50:
            console.print(f"… and {len(report.rejected) - 50:,} more (flis deliveries --status rejected)")


def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Files or directories of delivered files."),
    received_at: str = typer.Option(None, help="Time of receipt for all files (default: the transport log "
                                                "deliveries.csv beside them, else the file's modification time)."),
    workers: int = typer.Option(None, help="Worker processes for reading and checking (default: FLIS_WORKERS)."),
    as_json: bool = typer.Option(False, "--json", help="Print every file's outcome as JSON."),
) -> None:
    """Register, archive, validate and load delivered files. Exits with status 1 when a delivery was rejected."""
    report, seconds = run_ingest(paths, _parse_time(received_at), workers)
    if as_json:
        print_json({"summary": summarise(report, seconds), "outcomes": [o.__dict__ for o in report.outcomes]})
    else:
        print_report(report, seconds)
    if report.rejected:
        sys.exit(1)
