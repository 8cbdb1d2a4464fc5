"""The ``flis`` command line: one small module per command group.

Commands only parse options, call the library and print; the work happens in the
packages that follow the data flow. Every :class:`~flis.errors.FlisError` is shown
with its stable code and the process exits with the error's exit code.
"""

from __future__ import annotations

import sys

import typer
from rich.markup import escape

from flis.cli import (access, catalogue, corrections, deliveries, demo, figures, geo, ingest, quality, reference,
                      serve, settings, synth)
from flis.cli.output import console_err
from flis.errors import FlisError

app = typer.Typer(
    name="flis",
    help="flis: municipal management information — raw deliveries in, documented key figures out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(reference.app, name="reference")
app.command("synth")(synth.synth)
app.command("ingest")(ingest.ingest_command)
app.add_typer(deliveries.app, name="deliveries")
app.add_typer(access.users, name="users")
app.add_typer(access.tokens, name="tokens")
app.add_typer(catalogue.app, name="catalogue")
app.command("compute")(figures.compute_command)
app.command("figures")(figures.figures)
app.command("drill")(figures.drill_command)
export = typer.Typer(help="Export the warehouse for other engines.", no_args_is_help=True)
export.command("parquet")(figures.export_parquet_command)
app.add_typer(export, name="export")
app.add_typer(geo.app, name="geo")
app.add_typer(quality.app, name="quality")
app.add_typer(corrections.app, name="corrections")
app.command("serve")(serve.serve)
app.command("demo")(demo.demo)
app.command("settings")(settings.show)


def main() -> None:
    """Entry point of the ``flis`` script."""
    try:
        app()
    except FlisError as exc:
        console_err.print(f"[bold red]error[/] {escape(f'[{exc.code}] {exc}')}", highlight=False)
        sys.exit(exc.exit_code)
