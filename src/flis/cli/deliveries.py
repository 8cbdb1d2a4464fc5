"""``flis deliveries``: what arrived, what was rejected and why."""

from __future__ import annotations

import typer

from flis.cli.output import console, print_json, print_table
from flis.warehouse.deliveries import find_delivery, list_deliveries as query_deliveries
from flis.warehouse.store import Warehouse

app = typer.Typer(help="What arrived, what was rejected and why.", invoke_without_command=True)


@app.callback()
def list_deliveries(
    ctx: typer.Context,
    municipality: int = typer.Option(None, help="Only this municipality (code)."),
    status: str = typer.Option(None, help="Only deliveries with this status: loaded or rejected."),
    domain: str = typer.Option(None, help="Only this domain, e.g. schools."),
    period: str = typer.Option(None, help="Only this month, YYYY-MM."),
    limit: int = typer.Option(100, help="At most this many (newest first)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """List deliveries with their status and number of findings."""
    if ctx.invoked_subcommand:
        return
    with Warehouse(read_only=True) as w:
        data, _ = query_deliveries(w.con, municipality=municipality, status=status, domain=domain, period=period,
                                   limit=limit)
    if as_json:
        print_json(data)
        return
    print_table(f"{len(data)} deliveries", ["id", "file", "table", "period", "received", "status", "rows",
                                            "err", "warn"],
                [(d["delivery_id"][:12], d["file_name"], d["table_name"] or "", str(d["period"] or "")[:7],
                  str(d["received_at"])[:16], d["status"], d["rows_loaded"], (d["fatal"] or 0) + (d["errors"] or 0),
                  d["warnings"]) for d in data])


@app.command("show")
def show(delivery: str = typer.Argument(..., help="Delivery id (or its first characters)."),
         as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """One delivery: what it is, every arrival, and every finding in plain language."""
    with Warehouse(read_only=True) as w:
        info = find_delivery(w.con, delivery)
    arrivals = [(a["file"], a["received_at"]) for a in info.pop("arrivals")]
    findings = [tuple(f.values()) for f in info.pop("findings")]
    keys = ["severity", "code", "file", "line", "field", "value", "expected", "message", "count", "stage"]
    if as_json:
        print_json({**info, "arrivals": [{"file": a, "received_at": b} for a, b in arrivals],
                    "findings": [dict(zip(keys, f)) for f in findings]})
        return
    console.print(f"[bold]{info['file_name']}[/] — delivery {info['delivery_id']}")
    console.print(f"{info['table_name']} for municipality {info['municipality']}, {str(info['period'])[:7]}; "
                  f"status [bold]{info['status']}[/]; {info['records']} records, {info['rows_loaded']} loaded")
    for name, at in arrivals:
        console.print(f"  arrived {at} as {name}")
    if findings:
        print_table(f"{len(findings)} findings", ["severity", "code", "where", "what"],
                    [(f[0], f[1], ", ".join(x for x in (f"line {f[3]}" if f[3] else "", f"field {f[4]}" if f[4]
                                                        else "") if x), f[7]) for f in findings])
    else:
        console.print("No findings.")
