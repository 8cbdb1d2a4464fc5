"""``flis settings``: every setting, its environment variable, default and current value."""

from __future__ import annotations

import typer

from flis.cli.output import print_json, print_table
from flis.settings import get_settings, settings_table


def show(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Show the settings (change them with FLIS_* environment variables)."""
    current = get_settings()
    rows = [dict(r, value=str(getattr(current, r["setting"]))) for r in settings_table()]
    if as_json:
        print_json(rows)
        return
    print_table("Settings", ["environment variable", "value", "default", "meaning"],
                [(r["env"], r["value"], r["default"], r["description"]) for r in rows])
