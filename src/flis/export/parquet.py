"""``flis export parquet``: the canonical tables as Parquet, for Spark (or any engine) to read.

Layout, one directory per table and a partition per month, which is how every query filters::

    DIR/current/<domain>_<table>/_period=2024-01-01/data_0.parquet   rows as known now
    DIR/registry/current_effective.parquet                           the effective delivery per table,
                                                                     municipality and month
    DIR/current.json                                                 what was exported, when, how many rows

With ``as_of`` the tables hold the rows as known at that time (``DIR/as_of/...``) and the effective
deliveries are those of that time. DuckDB writes the files; the lineage columns come along, so a
drill-down on Spark shows the same delivery and line as on the embedded engine.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from flis.warehouse.store import Warehouse


def _literal_path(path: Path) -> str:
    text = str(path.resolve())
    if "'" in text:
        raise ValueError(f"cannot export to a path with a quote: {text}")
    return text


def export_parquet(wh: Warehouse, out: Path, as_of: dt.datetime | None = None) -> dict:
    """Write every canonical table (now, or as of a time) and the effective deliveries under ``out``."""
    kind = "current" if as_of is None else "as_of"
    target = out / kind
    if target.exists():
        shutil.rmtree(target)
    (out / "registry").mkdir(parents=True, exist_ok=True)
    con = wh.con
    tables = {}
    for table in wh.model.tables.values():
        folder = target / table.sql_name
        folder.mkdir(parents=True, exist_ok=True)
        if as_of is None:
            source = f"current.{table.sql_name}"
            params: list = []
        else:
            source = f"as_of.{table.sql_name}(CAST(? AS TIMESTAMP))"
            params = [as_of]
        rows = con.execute(f"SELECT count(*) FROM {source}", params).fetchall()[0][0]
        if rows:
            con.execute(f"COPY (SELECT * FROM {source}) TO '{_literal_path(folder)}' "
                        "(FORMAT parquet, PARTITION_BY (_period), OVERWRITE_OR_IGNORE true)", params)
        else:  # an empty table still needs its schema
            con.execute(f"COPY (SELECT * FROM {source} LIMIT 0) TO '{_literal_path(folder / 'empty.parquet')}' "
                        "(FORMAT parquet)", params)
        tables[table.qualified] = {"rows": rows, "path": str(folder.relative_to(out))}
    effective = "registry.effective" if as_of is None else "registry.effective_as_of(CAST(? AS TIMESTAMP))"
    con.execute(f"COPY (SELECT * FROM {effective}) TO '{_literal_path(out / 'registry' / f'{kind}_effective.parquet')}' "
                "(FORMAT parquet)", [] if as_of is None else [as_of])
    info = {"exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "kind": kind,
            "as_of": as_of.isoformat() if as_of else None, "tables": tables}
    (out / f"{kind}.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    return info
