"""Golden SQL: what representative figures compile to, per engine.

The files under ``golden/`` are the reviewed SQL. A change in the compiler or in a definition that
changes them shows up here as a diff; after reviewing it, regenerate with
``FLIS_UPDATE_GOLDEN=1 .venv/bin/pytest tests/compile/test_golden.py``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from flis.catalogue.loader import load_catalogue
from flis.compile.reduce import group_plan
from flis.compile.sql import Source, drill_query, scan_attribution, to_sql
from flis.compute.run import plan
from flis.reference import municipalities

GOLDEN = Path(__file__).parent / "golden"
REPRESENTATIVE = ["SCH001", "SCH002", "DAY001", "CHI001", "ELD001", "DIS001", "HEA001", "CIT001", "ECO001",
                  "HRM001", "EMP001"]
ENGINES = ["duckdb", "spark"]


def render(figure_id: str, engine: str) -> str:
    catalogue = load_catalogue()
    figure = catalogue.figures[figure_id]
    groups = {g.key: g for g in plan(catalogue)}
    codes = [m.code for m in municipalities()][:3]  # the real query lists all 98; three keep the file readable
    out = [f"-- {figure.id}: {figure.names.en}", f"-- {next(s for s in catalogue.series if s.id == figure.id).definition()}"]
    for side, m in (("numerator", figure.numerator), ("denominator", figure.denominator)):
        if m is None:
            continue
        group = groups[(m.source.id, scan_attribution(m), m.level)]
        out += ["", f"-- {side}: {m.describe()}", f"-- measure column: {m.key} (one scan computes "
                f"{len(group.measures)} measures of {group.relation.id})",
                group_plan(group, Source(flat=engine == "spark"), codes, engine).sql(engine, pretty=True),
                "", f"-- {side} drill-down for municipality 101, 2024-06",
                to_sql(drill_query(m, 101, dt.date(2024, 6, 1), Source(flat=engine == "spark")), engine,
                       pretty=True) + ";"]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("figure_id", REPRESENTATIVE)
def test_golden_sql(figure_id, engine):
    path = GOLDEN / f"{figure_id}.{engine}.sql"
    sql = render(figure_id, engine)
    if os.environ.get("FLIS_UPDATE_GOLDEN") == "1":
        path.write_text(sql, encoding="utf-8")
    assert path.exists(), f"{path} is missing; generate it with FLIS_UPDATE_GOLDEN=1"
    assert path.read_text(encoding="utf-8") == sql, f"{path} differs; review and regenerate"
