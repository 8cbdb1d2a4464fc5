"""``flis geo``: real municipality boundaries for the portal's maps (without them, a tile grid)."""

from __future__ import annotations

from pathlib import Path

import typer

from flis.cli.output import console, print_json
from flis.web import geo

app = typer.Typer(help="Municipality boundaries for the maps: import a DAGI file; see which map is used.",
                  no_args_is_help=True)


@app.command("import")
def import_command(
    path: Path = typer.Argument(..., help="A GeoJSON or TopoJSON file of the municipalities (e.g. DAGI)."),
    tolerance: float = typer.Option(geo.DEFAULT_TOLERANCE_M, min=0.0,
                                    help="Simplification tolerance in metres (0 keeps every point)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Convert, simplify and store the boundaries under FLIS_HOME/geo; the maps use them from then on."""
    report = geo.import_boundaries(path, tolerance_m=tolerance)
    if as_json:
        print_json({**report.__dict__, "stored": str(report.stored)})
        return
    console.print(f"[bold]{report.municipalities}[/] municipalities from {report.features} {report.format} "
                  f"features ({report.crs}); {report.points_in:,} points simplified to "
                  f"{report.points_out:,}, "
                  f"{report.size_bytes / 1024:,.0f} KB in {report.stored}")
    for note in report.skipped:
        console.print(f"  skipped {note}")


@app.command("status")
def status_command(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Say which map the portal draws: imported boundaries or the tile grid."""
    info = geo.status()
    if as_json:
        print_json(info)
        return
    if info["map"] == "boundaries":
        console.print(f"maps use [bold]real boundaries[/]: {info['municipalities']} municipalities from "
                      f"{info.get('source')} ({info.get('format')}), imported {info.get('imported_at')}, "
                      f"{info['size_bytes'] / 1024:,.0f} KB in {info['path']}")
    elif info.get("problem"):
        console.print(f"maps use the [bold]tile grid[/]: {info['problem']}")
    else:
        console.print("maps use the [bold]tile grid[/]: no boundaries imported "
                      "(`flis geo import PATH` adds them)")


@app.command("remove")
def remove_command() -> None:
    """Delete the imported boundaries; the maps return to the tile grid."""
    removed = geo.remove_boundaries()
    console.print("boundaries removed; maps use the tile grid" if removed else "no boundaries were imported")
