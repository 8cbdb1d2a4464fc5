"""``flis quality``: run the plausibility and completeness checks, list findings, acknowledge, dismiss, and
write the monthly quality report of a municipality."""

from __future__ import annotations

from pathlib import Path

import typer

from flis.access import open_state
from flis.cli.output import console, print_json, print_table, progress_bar
from flis.errors import ConfigError
from flis.quality.codes import CODES
from flis.quality.report import build_report, to_json, to_markdown
from flis.quality.runner import run_checks
from flis.quality.workflow import acknowledge, dismiss, list_findings, store_findings
from flis.settings import get_settings
from flis.warehouse.store import Warehouse

app = typer.Typer(help="Data quality: plausibility against history and peers, completeness, findings.",
                  no_args_is_help=True)


def check_and_store():
    """Run every check on the warehouse and the current release, store the findings; (report, result)."""
    home = get_settings().home
    with Warehouse(read_only=True) as w, progress_bar("Checking data quality", 1.0, percent=True) as update:
        report = run_checks(w.con, home, on_progress=lambda step, share: update(share))
    store = open_state()
    try:
        result = store_findings(store, report.findings, report.run_id)
    finally:
        store.close()
    return report, result


@app.command("check")
def check(as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON.")) -> None:
    """Run every check on the warehouse and the current release and store the findings."""
    report, result = check_and_store()
    summary = {"run_id": report.run_id, "findings": len(report.findings), "by_code": report.counts(),
               "new": result.new, "new_already_corrected": result.new_corrected, "updated": result.updated,
               "corrected": result.corrected,
               "incomplete_cells": len(report.incomplete), "seconds": report.seconds, "notes": report.notes}
    if as_json:
        print_json(summary)
        return
    console.print(f"Run {report.run_id}: {len(report.findings):,} findings, {result.new:,} of them new "
                  f"({result.new_corrected:,} about deliveries already replaced by a corrected one, stored "
                  f"as corrected); {result.corrected:,} earlier findings set to corrected by a re-delivery; "
                  f"{len(report.incomplete):,} key-figure values with incomplete inputs.")
    print_table("Findings by code", ["code", "severity", "findings"],
                [(code, CODES[code].severity.name, n) for code, n in report.counts().items()],
                justify=["left", "left", "right"])
    for note in report.notes:
        console.print(f"[yellow]note[/] {note}")


@app.command("findings")
def findings(
    municipality: int = typer.Option(None, help="Only this municipality (code)."),
    status: str = typer.Option(None, help="Only this status: open, acknowledged, dismissed or corrected."),
    code: str = typer.Option(None, help="Only this finding code, e.g. quality.peer_outlier."),
    period: str = typer.Option(None, help="Only this month, YYYY-MM."),
    limit: int = typer.Option(100, help="At most this many (newest month first)."),
    danish: bool = typer.Option(False, "--da", help="Messages in Danish."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """List stored findings."""
    store = open_state()
    try:
        rows, total = list_findings(store, municipality=municipality, status=status, code=code, period=period,
                                    limit=limit)
    finally:
        store.close()
    if as_json:
        print_json({"total": total, "findings": [r.to_dict() for r in rows]})
        return
    print_table(f"{len(rows):,} of {total:,} findings", ["id", "period", "mun.", "code", "status", "message"],
                [(r.id, r.period, r.municipality or "", r.code.removeprefix("quality."), r.status,
                  r.message_da if danish else r.message_en) for r in rows])


@app.command("ack")
def ack(finding: int = typer.Argument(..., help="Finding id.")) -> None:
    """Acknowledge a finding: it is seen and being looked into."""
    store = open_state()
    try:
        record = acknowledge(store, finding)
    finally:
        store.close()
    console.print(f"Finding {record.id} acknowledged.")


@app.command("dismiss")
def dismiss_command(
    finding: int = typer.Argument(..., help="Finding id."),
    reason: str = typer.Option(..., help="Why the data is right after all (kept and audited)."),
) -> None:
    """Dismiss a finding with a reason (audited)."""
    store = open_state()
    try:
        record = dismiss(store, finding, reason)
    finally:
        store.close()
    console.print(f"Finding {record.id} dismissed: {record.reason}")


@app.command("report")
def report(
    municipality: int = typer.Option(..., help="The municipality (code)."),
    period: str = typer.Option(..., help="The month, YYYY-MM."),
    fmt: str = typer.Option("md", "--format", help="md (Markdown) or json."),
    danish: bool = typer.Option(False, "--da", help="The Markdown in Danish."),
    out: Path = typer.Option(None, "--out", help="Write to this file instead of printing."),
) -> None:
    """The monthly quality report: arrivals, rejections and why, missing systems, findings, corrections."""
    if fmt not in ("md", "json"):
        raise ConfigError(f"--format {fmt!r}: expected md or json")
    store = open_state()
    try:
        with Warehouse(read_only=True) as w:
            result = build_report(w.con, store, municipality, period)
    finally:
        store.close()
    text = to_json(result) + "\n" if fmt == "json" else to_markdown(result, "da" if danish else "en")
    if out is None:
        print(text, end="")
        return
    out.write_text(text, encoding="utf-8")
    console.print(f"Quality report of {result.municipality} for {result.period} written to {out}.")
