"""``flis reference``: the 98 municipalities, the 5 regions and Statistics Denmark's groups."""

from __future__ import annotations

import typer

from flis import reference as ref
from flis.cli.output import print_json, print_table

app = typer.Typer(help="Reference data: municipalities, regions, municipality groups.", no_args_is_help=True)


@app.command("municipalities")
def municipalities(
    region: int = typer.Option(None, help="Only this region (1081-1085)."),
    group: int = typer.Option(None, help="Only this municipality group (KOMGRP 1-5)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """List the municipalities with region, group, population and centre point."""
    if region is not None:
        ref.region(region)
    rows = [m for m in ref.municipalities()
            if (region is None or m.region_code == region) and (group is None or m.group_code == group)]
    if as_json:
        print_json([{"code": m.code, "name": m.name, "name_en": m.name_en, "region_code": m.region_code,
                     "region": m.region.name, "group_code": m.group_code, "group": m.group.name,
                     "population": m.population, "area_km2": m.area_km2,
                     "centre": [m.centre_lon, m.centre_lat]} for m in rows])
        return
    print_table(f"{len(rows)} municipalities (population {ref.REFERENCE_PERIOD})",
                ["code", "name", "region", "group", "population", "km²"],
                [(m.code, m.name, m.region.short_name, m.group.name, f"{m.population:,}", f"{m.area_km2:,.0f}")
                 for m in rows], justify=["right", "left", "left", "left", "right", "right"])


@app.command("regions")
def regions(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """List the 5 regions with their number of municipalities and residents."""
    rows = []
    for r in ref.regions():
        members = [m for m in ref.municipalities() if m.region_code == r.code]
        rows.append({"code": r.code, "name": r.name, "nuts2": r.nuts2, "municipalities": len(members),
                     "population": sum(m.population for m in members)})
    if as_json:
        print_json(rows)
        return
    print_table("5 regions", ["code", "name", "NUTS2", "municipalities", "population"],
                [(r["code"], r["name"], r["nuts2"], r["municipalities"], f"{r['population']:,}") for r in rows])


@app.command("groups")
def groups(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """List Statistics Denmark's municipality groups (KOMGRP) and their members."""
    rows = [{"code": g.code, "name": g.name,
             "municipalities": [m.code for m in ref.municipalities() if m.group_code == g.code]}
            for g in ref.groups()]
    if as_json:
        print_json(rows)
        return
    print_table("Municipality groups (KOMGRP)", ["code", "name", "municipalities"],
                [(g["code"], g["name"], len(g["municipalities"])) for g in rows])
