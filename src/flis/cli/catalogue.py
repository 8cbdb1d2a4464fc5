"""``flis catalogue``: the key-figure definitions, their SQL and their documentation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from flis.catalogue.docs import render
from flis.catalogue.loader import load_catalogue
from flis.cli.output import console, print_json, print_table
from flis.compile.reduce import group_plan
from flis.compile.sql import Source, drill_query, scan_attribution, to_sql
from flis.compute.run import plan
from flis.errors import FlisError
from flis.reference import municipalities

app = typer.Typer(help="The key-figure catalogue: list, show, document, check coverage.", no_args_is_help=True)


class UnknownFigure(FlisError):
    """No figure or series has this id."""

    code = "catalogue.unknown_figure"
    exit_code = 2


def find_series(series_id: str):
    catalogue = load_catalogue()
    for s in catalogue.series:
        if s.id == series_id:
            return catalogue, s
    near = [s.id for s in catalogue.series if s.id.startswith(series_id[:3])][:8]
    raise UnknownFigure(f"no figure or series {series_id!r}" + (f"; e.g. {', '.join(near)}" if near else ""))


@app.command("list")
def list_series(
    domain: str = typer.Option(None, help="Only this domain."),
    figures_only: bool = typer.Option(False, "--figures", help="Base figures only, not every series."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """List the published series (each figure and each of its breakdowns)."""
    catalogue = load_catalogue()
    rows = [s for s in catalogue.series if (domain is None or s.figure.domain == domain)
            and (not figures_only or s.dimension is None)]
    if as_json:
        print_json([{"id": s.id, "figure": s.figure.id, "domain": s.figure.domain, "name_da": s.names.da,
                     "name_en": s.names.en, "unit": s.figure.unit.en, "level": s.figure.level,
                     "dimension": s.dimension.name if s.dimension else None, "category": s.category,
                     "definition": s.definition()} for s in rows])
        return
    print_table(f"{len(rows)} series (catalogue {catalogue.version})", ["id", "name", "unit", "level"],
                [(s.id, s.names.en, s.figure.unit.en, s.figure.level) for s in rows])


@app.command("show")
def show(series_id: str = typer.Argument(..., help="Figure or series id, e.g. SCH001."),
         engine: str = typer.Option("duckdb", help="Engine whose SQL to show: duckdb or spark."),
         as_json: bool = typer.Option(False, "--json")) -> None:
    """A figure's definition, the SQL it compiles to and the lineage of its inputs."""
    catalogue, s = find_series(series_id)
    f = s.figure
    codes = [m.code for m in municipalities()]
    sides = {}
    groups = {g.key: g for g in plan(catalogue)}
    for side, m in (("numerator", f.numerator), ("denominator", f.denominator)):
        if m is None:
            continue
        group = groups[(m.source.id, scan_attribution(m), m.level)]
        sides[side] = {"measure": m.describe(), "tables": [t.qualified for t in m.source.tables],
                       "group_sql": group_plan(group, Source(flat=engine == "spark"), codes, engine).sql(engine, pretty=True),
                       "drill_sql": to_sql(drill_query(m, codes[0], dt.date(2024, 1, 1), Source(flat=engine == "spark"),
                                                       s.dimension, s.category), engine, pretty=True)}
    data = {"id": s.id, "figure": f.id, "name_da": s.names.da, "name_en": s.names.en, "domain": f.domain,
            "description": f.description, "definition": s.definition(), "unit": f.unit.en, "scale": f.scale,
            "display": f.display, "level": f.level, "direction": f.direction, "drill": f.drill,
            "variants": [d.name for d in f.variants], "source": f.source, "defined_in": f"{f.file}:{f.line}",
            **sides}
    if as_json:
        print_json(data)
        return
    console.print(f"[bold]{s.id}[/] {s.names.en} / {s.names.da}  ({f.domain}, {f.file}:{f.line})")
    console.print(f.description)
    console.print(f"\n[bold]Definition[/] {s.definition()}")
    console.print(f"Display {f.display}, {f.decimals} decimals; {f.direction.replace('_', ' ')}; drill-down to "
                  f"{f.drill}; variants: {', '.join(d.name for d in f.variants) or 'none'}. Source: {f.source}")
    for side, info in sides.items():
        console.print(f"\n[bold]{side}[/]: {info['measure']}\nreads {', '.join(info['tables'])} "
                      "(rows as known now: current.*; every row keeps _delivery and _line)")
        console.print(f"[dim]-- computed together with the other measures of its group ({engine}):[/]")
        console.print(info["group_sql"], highlight=False, markup=False)


@app.command("docs")
def docs(out: Path = typer.Option(Path("docs/catalogue.md"), help="Where to write the catalogue.")) -> None:
    """Generate the human-readable catalogue (Markdown)."""
    out.write_text(render(load_catalogue()), encoding="utf-8")
    console.print(f"wrote {out}")


@app.command("coverage")
def coverage(domain: str = typer.Option(None), minimum: int = typer.Option(90, help="Municipalities needed."),
             as_json: bool = typer.Option(False, "--json")) -> None:
    """Series with a value (in any period) for fewer than MINIMUM municipalities in the current release."""
    from flis.compute.coverage import coverage as measure
    from flis.warehouse.store import Warehouse
    with Warehouse(read_only=True) as warehouse:
        rows = measure(warehouse.con, load_catalogue(), domain)
    short = [r for r in rows if r["municipalities"] < minimum]
    if as_json:
        print_json(short)
        return
    print_table(f"{len(short)} of {len(rows)} series have a value for fewer than {minimum} municipalities",
                ["series", "municipalities with a value"],
                [(r["series_id"], r["municipalities"]) for r in short])
