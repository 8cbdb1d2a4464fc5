"""The warehouse file: registry, canonical tables, and the "now" and "as of" views.

Schemas in the DuckDB file:

- ``registry``: ``deliveries`` (one row per distinct delivery: declaration + content),
  ``receipts`` (every arrival of a delivery, duplicates included), ``findings``;
- ``canonical``: one table per canonical table (``<domain>_<table>``) holding the rows of
  every accepted delivery, each with its lineage (``_delivery``, ``_line``,
  ``_municipality``, ``_period``);
- ``current``: a view per canonical table with only the rows of the delivery in force
  now — the latest accepted delivery for each municipality, table and period;
- ``as_of``: a table macro per canonical table, ``as_of.<table>(ts)``, with the rows of the
  deliveries in force at time ``ts`` (what was known then).

Bitemporal in practice: ``_period`` is the time the row describes; the delivery's
``received_at`` is the time it became known.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from flis.settings import get_settings
from flis.warehouse.model import Model, Table, load_model

REGISTRY_DDL = """
CREATE SCHEMA IF NOT EXISTS registry;
CREATE SCHEMA IF NOT EXISTS canonical;
CREATE SCHEMA IF NOT EXISTS current;
CREATE SCHEMA IF NOT EXISTS as_of;
CREATE TABLE IF NOT EXISTS registry.deliveries (
    delivery_id    VARCHAR PRIMARY KEY,
    content_sha256 VARCHAR NOT NULL,
    size           BIGINT NOT NULL,
    file_name      VARCHAR NOT NULL,
    system         VARCHAR,
    vendor         VARCHAR,
    domain         VARCHAR,
    table_name     VARCHAR,
    file_kind      VARCHAR,
    municipality   SMALLINT,
    period         DATE,
    sequence       INTEGER,
    received_at    TIMESTAMP NOT NULL,
    status         VARCHAR NOT NULL,
    records        BIGINT,
    rows_loaded    BIGINT
);
CREATE TABLE IF NOT EXISTS registry.receipts (
    delivery_id VARCHAR NOT NULL,
    file_name   VARCHAR NOT NULL,
    received_at TIMESTAMP NOT NULL,
    PRIMARY KEY (delivery_id, file_name, received_at)
);
CREATE TABLE IF NOT EXISTS registry.pending_checks (
    delivery_id  VARCHAR NOT NULL,
    municipality SMALLINT,
    period       DATE
);
CREATE TABLE IF NOT EXISTS registry.findings (
    delivery_id VARCHAR NOT NULL,
    code        VARCHAR NOT NULL,
    severity    VARCHAR NOT NULL,
    file        VARCHAR,
    line        INTEGER,
    field       VARCHAR,
    value       VARCHAR,
    expected    VARCHAR,
    message     VARCHAR NOT NULL,
    count       BIGINT NOT NULL,
    stage       VARCHAR NOT NULL
);
CREATE OR REPLACE VIEW registry.overview AS
SELECT d.*,
       coalesce(f.fatal, 0) AS fatal, coalesce(f.errors, 0) AS errors,
       coalesce(f.warnings, 0) AS warnings, coalesce(f.infos, 0) AS infos,
       (SELECT count(*) FROM registry.receipts AS r WHERE r.delivery_id = d.delivery_id) AS arrivals
FROM registry.deliveries AS d
LEFT JOIN (SELECT delivery_id,
                  sum(count) FILTER (WHERE severity = 'FATAL') AS fatal,
                  sum(count) FILTER (WHERE severity = 'ERROR') AS errors,
                  sum(count) FILTER (WHERE severity = 'WARNING') AS warnings,
                  sum(count) FILTER (WHERE severity = 'INFO') AS infos
           FROM registry.findings GROUP BY delivery_id) AS f USING (delivery_id);
CREATE OR REPLACE VIEW registry.effective AS
SELECT delivery_id, municipality, table_name, period, received_at FROM (
    SELECT d.*, row_number() OVER (PARTITION BY municipality, table_name, period
                                   ORDER BY received_at DESC, delivery_id DESC) AS rank
    FROM registry.deliveries AS d WHERE status = 'loaded')
WHERE rank = 1;
CREATE OR REPLACE MACRO registry.effective_as_of(ts) AS TABLE
SELECT delivery_id, municipality, table_name, period, received_at FROM (
    SELECT d.*, row_number() OVER (PARTITION BY municipality, table_name, period
                                   ORDER BY received_at DESC, delivery_id DESC) AS rank
    FROM registry.deliveries AS d WHERE status = 'loaded' AND received_at <= ts)
WHERE rank = 1;
"""

STATUSES = ("loaded", "rejected")


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB database with flis's settings: no extension downloads, bounded memory."""
    settings = get_settings()
    config = {"autoinstall_known_extensions": "false", "memory_limit": settings.memory_limit}
    return duckdb.connect(str(path), read_only=read_only, config=config)


def table_ddl(table: Table, model: Model) -> str:
    cols = [f'"{c.name}" {c.sql_type(model.codelists)}' for c in table.columns]
    lineage = ['"_delivery" VARCHAR NOT NULL', '"_line" INTEGER', '"_municipality" SMALLINT NOT NULL',
               '"_period" DATE NOT NULL']
    return f"CREATE TABLE IF NOT EXISTS canonical.{table.sql_name} ({', '.join(cols + lineage)})"


def view_ddl(table: Table) -> str:
    name, q = table.sql_name, table.qualified
    return (
        f"CREATE OR REPLACE VIEW current.{name} AS SELECT t.* FROM canonical.{name} AS t "
        f"WHERE t._delivery IN (SELECT delivery_id FROM registry.effective WHERE table_name = '{q}');\n"
        f"CREATE OR REPLACE MACRO as_of.{name}(ts) AS TABLE SELECT t.* FROM canonical.{name} AS t "
        f"WHERE t._delivery IN (SELECT delivery_id FROM registry.effective_as_of(ts) "
        f"WHERE table_name = '{q}');"
    )


class Warehouse:
    """The warehouse file under FLIS_HOME (``warehouse.duckdb``)."""

    def __init__(self, path: Path | str | None = None, read_only: bool = False, model: Model | None = None):
        self.path = Path(path) if path else get_settings().path("warehouse.duckdb")
        self.model = model or load_model()
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = connect(self.path, read_only=read_only)
        if not read_only:
            self.ensure_schema()

    def ensure_schema(self) -> None:
        """Create what is missing; views and macros are (re)created from the model every time."""
        self.con.execute(REGISTRY_DDL)
        for table in self.model.tables.values():
            self.con.execute(table_ddl(table, self.model))
            self.con.execute(view_ddl(table))

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Warehouse":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- queries later parts use ------------------------------------------------------------------

    def current(self, qualified: str) -> duckdb.DuckDBPyRelation:
        """Rows of ``domain.table`` as known now."""
        return self.con.sql(f"SELECT * FROM current.{self.model.table(qualified).sql_name}")

    def as_of(self, qualified: str, ts: str) -> duckdb.DuckDBPyRelation:
        """Rows of ``domain.table`` as they were known at ``ts`` (ISO timestamp)."""
        name = self.model.table(qualified).sql_name
        return self.con.execute(f"SELECT * FROM as_of.{name}(CAST(? AS TIMESTAMP))", [ts]).arrow()

    def checksum(self) -> dict[str, object]:
        """An order-independent fingerprint of every canonical and registry table (for tests)."""
        out: dict[str, object] = {}
        names = [f"canonical.{t.sql_name}" for t in self.model.tables.values()]
        names += ["registry.deliveries", "registry.receipts", "registry.findings"]
        for name in names:
            out[name] = self.con.execute(
                f"SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0) FROM {name} AS t").fetchall()[0]
        return out
