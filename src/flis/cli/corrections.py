"""``flis corrections``: correct an aggregate or rows beside the delivered data, list, withdraw.

A correction takes effect in the corrected track of the next ``flis compute``."""

from __future__ import annotations

import typer

from flis.access import open_state
from flis.catalogue.loader import load_catalogue
from flis.cli.output import console, print_json, print_table
from flis.corrections import (AggregateCorrection, RowsCorrection, add_correction, list_corrections,
                              withdraw_correction)
from flis.warehouse.store import Warehouse

app = typer.Typer(help="Corrections: a separate layer beside the delivered data; compute makes a corrected track.",
                  no_args_is_help=True)


def _lines(text: str) -> tuple[int, ...]:
    """``3,5,10-12`` -> (3, 5, 10, 11, 12)."""
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        first, sep, last = part.partition("-")
        try:
            out += list(range(int(first), int(last) + 1)) if sep else [int(first)]
        except ValueError:
            raise typer.BadParameter(f"{part!r} is not a line number or a range like 10-12") from None
    return tuple(out)


def _store_and_add(request) -> None:
    store = open_state()
    try:
        with Warehouse(read_only=True) as w:
            record = add_correction(store, w.con, load_catalogue(), request)
    finally:
        store.close()
    console.print(f"Correction {record.id}: {record.describe()}. It takes effect in the corrected track at the "
                  f"next `flis compute`.")


@app.command("aggregate")
def aggregate(series: str = typer.Argument(..., help="The figure's total series, e.g. SCH001."),
              municipality: int = typer.Option(..., help="Municipality code."),
              period: str = typer.Option(..., help="YYYY-MM (YYYY for annual figures)."),
              value: float = typer.Option(..., "--value", help="The corrected numerator or denominator."),
              reason: str = typer.Option(..., help="Why (kept with the value and in the audit log)."),
              side: str = typer.Option("numerator", help="numerator or denominator."),
              finding: int = typer.Option(None, help="The finding this answers (set to corrected).")) -> None:
    """Correct a key figure's numerator or denominator for one municipality and period."""
    _store_and_add(AggregateCorrection(series, side, municipality, period, value, reason, finding))


@app.command("rows")
def rows(table: str = typer.Argument(..., help="Canonical table, e.g. schools.pupils."),
         delivery: str = typer.Option(..., help="The delivery in force (at least 8 characters of its id)."),
         lines: str = typer.Option(..., help="Source lines, e.g. 3,5,10-12 (the drill-down's _line)."),
         reason: str = typer.Option(..., help="Why (kept with the value and in the audit log)."),
         exclude: bool = typer.Option(False, "--exclude", help="Leave the lines out (duplicates)."),
         column: str = typer.Option(None, help="Set this column of the lines ..."),
         value: str = typer.Option(None, help="... to this value."),
         finding: int = typer.Option(None, help="The finding this answers (set to corrected).")) -> None:
    """Correct lines of a delivery: leave them out (--exclude) or set a column (--column C --value V)."""
    if exclude == (column is not None):
        raise typer.BadParameter("give either --exclude or --column with --value")
    _store_and_add(RowsCorrection(table, delivery, _lines(lines), "exclude" if exclude else "set", reason, column,
                                  value, finding))


@app.command("list")
def list_command(municipality: int = typer.Option(None, help="Only this municipality."),
                 period: str = typer.Option(None, help="Only this month, YYYY-MM."),
                 withdrawn: bool = typer.Option(False, "--withdrawn", help="Include withdrawn corrections."),
                 as_json: bool = typer.Option(False, "--json")) -> None:
    """List corrections (in force, newest first)."""
    store = open_state()
    try:
        records = list_corrections(store, municipality=municipality, period=period, include_withdrawn=withdrawn)
    finally:
        store.close()
    if as_json:
        print_json([r.to_dict() for r in records])
        return
    print_table("Corrections", ["id", "status", "what", "reason", "by", "at"],
                [(r.id, r.status, r.describe(), r.reason, r.author, f"{r.created_at:%Y-%m-%d %H:%M}")
                 for r in records])


@app.command("withdraw")
def withdraw(correction_id: int = typer.Argument(...), reason: str = typer.Option(..., help="Why.")) -> None:
    """Withdraw a correction; the next compute leaves it out and its finding is open again."""
    store = open_state()
    try:
        record = withdraw_correction(store, correction_id, reason)
    finally:
        store.close()
    console.print(f"Correction {record.id} withdrawn.")
