"""Checks that look across deliveries: duplicate arrivals and references between tables.

They depend on what else has arrived, so they are recomputed from the warehouse's current
state after every ingest run for the deliveries and months the run touched. That keeps
the result the same whatever order the deliveries came in.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from flis.warehouse.model import Model

MAX_LISTED = 50


def refresh_duplicate_arrivals(con: duckdb.DuckDBPyConnection, deliveries: list[str]) -> None:
    """Every arrival after the first of the same delivery is noted as a duplicate (INFO)."""
    if not deliveries:
        return
    con.register("touched_arrow", pa.table({"delivery_id": pa.array(deliveries, pa.string())}))
    con.execute("CREATE OR REPLACE TEMP TABLE touched_deliveries AS SELECT DISTINCT delivery_id FROM touched_arrow")
    con.unregister("touched_arrow")
    # Only deliveries that arrived more than once can have (or have had) duplicate findings.
    con.execute("""CREATE OR REPLACE TEMP TABLE repeated AS
                   SELECT delivery_id FROM registry.receipts SEMI JOIN touched_deliveries USING (delivery_id)
                   GROUP BY delivery_id HAVING count(*) > 1""")
    con.execute("DELETE FROM registry.findings WHERE stage = 'receipt' "
                "AND delivery_id IN (SELECT delivery_id FROM repeated)")
    con.execute("""
        INSERT INTO registry.findings
        SELECT delivery_id, 'delivery.duplicate', 'INFO', file_name, NULL, NULL, NULL, NULL,
               'identical to ' || first_name || ', received ' || strftime(first_at, '%Y-%m-%d %H:%M')
                 || '; it changes nothing', 1, 'receipt'
        FROM (SELECT *, first_value(file_name) OVER w AS first_name, first_value(received_at) OVER w AS first_at,
                     row_number() OVER w AS n
              FROM registry.receipts WHERE delivery_id IN (SELECT delivery_id FROM repeated)
              WINDOW w AS (PARTITION BY delivery_id ORDER BY received_at, file_name))
        WHERE n > 1""")


def refresh_references(con: duckdb.DuckDBPyConnection, model: Model, months: list[tuple[int, object]]) -> None:
    """Re-check references (pupil -> class -> school) for the touched municipality-months."""
    if not months:
        return
    con.register("touched_arrow", pa.table({"municipality": pa.array([m for m, _ in months], pa.int16()),
                                            "period": pa.array([p for _, p in months], pa.date32())}))
    con.execute("CREATE OR REPLACE TEMP TABLE touched AS SELECT * FROM touched_arrow")
    con.unregister("touched_arrow")
    for table in model.tables.values():
        refs = [c for c in table.columns if c.references]
        if not refs:
            continue
        con.execute("""DELETE FROM registry.findings WHERE stage = 'reference' AND delivery_id IN (
                           SELECT d.delivery_id FROM registry.deliveries d JOIN touched t
                           ON d.municipality = t.municipality AND d.period = t.period WHERE d.table_name = ?)""",
                    [table.qualified])
        for column in refs:
            _check(con, model, table, column)


def _check(con, model: Model, table, column) -> None:
    target = model.table(column.references)
    key = target.key[0]
    src, dst = f"current.{table.sql_name}", f"current.{target.sql_name}"
    # Deliveries whose referenced table has arrived for the same month: list rows pointing nowhere.
    con.execute(f"""
        INSERT INTO registry.findings
        SELECT _delivery, 'reference.missing', 'WARNING', d.file_name, _line, ?, value, ?,
               '''' || value || ''' is not in the ' || ? || ' delivered for the same month', 1, 'reference'
        FROM (SELECT s._delivery, s._line, s."{column.name}" AS value,
                     row_number() OVER (PARTITION BY s._delivery ORDER BY s._line) AS n
              FROM {src} s JOIN touched t ON s._municipality = t.municipality AND s._period = t.period
              WHERE s."{column.name}" IS NOT NULL
                AND EXISTS (SELECT 1 FROM {dst} r WHERE r._municipality = s._municipality
                            AND r._period = s._period)
                AND NOT EXISTS (SELECT 1 FROM {dst} r WHERE r._municipality = s._municipality
                                AND r._period = s._period AND r."{key}" = s."{column.name}")) AS bad
        JOIN registry.deliveries d ON d.delivery_id = bad._delivery
        WHERE n <= {MAX_LISTED}""", [column.name, f"a {key} of {target.qualified}", target.title.lower()])
    # Deliveries whose referenced table has not arrived: say so once.
    con.execute(f"""
        INSERT INTO registry.findings
        SELECT DISTINCT s._delivery, 'reference.unchecked', 'INFO', d.file_name, NULL, ?, NULL, NULL,
               'field ' || ? || ' could not be checked: no ' || ? || ' delivered for the same month yet', 1,
               'reference'
        FROM {src} s JOIN touched t ON s._municipality = t.municipality AND s._period = t.period
        JOIN registry.deliveries d ON d.delivery_id = s._delivery
        WHERE NOT EXISTS (SELECT 1 FROM {dst} r WHERE r._municipality = s._municipality
                          AND r._period = s._period)""", [column.name, column.name, target.title.lower()])
