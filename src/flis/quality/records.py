"""Records repeated under new ids: the file holds every record twice, the copies re-keyed.

A doubled file is the classic implausible delivery (4,000 pupils where there were 2,000). When the
municipality is small, doubling 3 notifications to 6 is within the month-to-month noise of a count, but
the copies betray themselves: each repeats another record's content (birth date, sex, class, dates,
amounts ...) and differs only in its id. So, per delivery, the share of rows whose content — every
column except the table's id columns (key columns named ``*_id``) and the lineage — occurs more than
once in the same delivery:

    quality.repeated_records  when  share >= 0.9, at least 2 rows, and the municipality's usual share
                              (median over its deliveries of the table in force) is at most 0.5.

Only tables with such an id and at least 3 other columns take part (a row of a key and one number
repeats by chance).
"""

from __future__ import annotations

import duckdb
import numpy as np

from flis.quality.finding import QualityFinding, both, clean_values
from flis.periods import Period
from flis.warehouse.model import Model, Table, load_model

MIN_SHARE = 0.9
USUAL_MAX = 0.5
MIN_ROWS = 2
MIN_CONTENT_COLUMNS = 3


def content_columns(table: Table) -> list[str] | None:
    """The columns that make a record's content, or None when the table has no id to re-key."""
    ids = [k for k in table.key if k.endswith("_id")]
    if not ids:
        return None
    content = [c.name for c in table.columns if c.name not in ids]
    return content if len(content) >= MIN_CONTENT_COLUMNS else None


def repeated_shares(con: duckdb.DuckDBPyConnection, table: Table) -> list[tuple]:
    """(delivery, municipality, period, in force, rows, repeated rows) of every loaded delivery."""
    columns = content_columns(table)
    if columns is None:
        return []
    names = ", ".join(f'"{c}"' for c in columns)  # column names come from the canonical model
    return con.execute(f"""
        WITH groups AS (SELECT _delivery, count(*) AS n FROM canonical.{table.sql_name}
                        GROUP BY _delivery, {names}),
             shares AS (SELECT _delivery, sum(n) AS rows, coalesce(sum(n) FILTER (WHERE n > 1), 0) AS repeated
                        FROM groups GROUP BY _delivery)
        SELECT d.delivery_id, d.municipality, d.period,
               d.delivery_id IN (SELECT delivery_id FROM registry.effective) AS in_force, s.rows, s.repeated
        FROM shares AS s JOIN registry.deliveries AS d ON d.delivery_id = s._delivery
        WHERE d.status = 'loaded'
        ORDER BY d.municipality, d.period""").fetchall()


def check_table(rows: list[tuple], table: str) -> list[QualityFinding]:
    usual: dict[int, float] = {}
    by_municipality: dict[int, list[float]] = {}
    for _, municipality, _, in_force, n, repeated in rows:
        if in_force and n:
            by_municipality.setdefault(int(municipality), []).append(repeated / n)
    for municipality, shares in by_municipality.items():
        usual[municipality] = float(np.median(shares))
    out = []
    for delivery, municipality, period, in_force, n, repeated in rows:
        share = repeated / n if n else 0.0
        typical = usual.get(int(municipality), 0.0)
        if n < MIN_ROWS or share < MIN_SHARE or typical > USUAL_MAX:
            continue
        month = str(Period.of(period))
        r_en, r_da = both(float(repeated))
        n_en, n_da = both(float(n))
        u_en, u_da = both(100 * typical, 0)
        values = {"value": int(repeated), "rows": int(n), "share": share, "reference": typical,
                  "score": share}
        out.append(QualityFinding(
            "quality.repeated_records", int(municipality), f"{table}#repeated", month, clean_values(values),
            f"{table}: {r_en} of {n_en} rows in {month} repeat another row's content under a different id "
            f"(usually {u_en} %): the file may hold every record twice.",
            f"{table}: {r_da} af {n_da} rækker i {month} gentager en anden rækkes indhold under et andet id "
            f"(normalt {u_da} %): filen kan indeholde hver post to gange.",
            delivery, bool(in_force), (table,)))
    return out


def check_repeated_records(con: duckdb.DuckDBPyConnection, model: Model | None = None
                           ) -> list[QualityFinding]:
    model = model or load_model()
    out: list[QualityFinding] = []
    for qualified, table in sorted(model.tables.items()):
        out += check_table(repeated_shares(con, table), qualified)
    return out
