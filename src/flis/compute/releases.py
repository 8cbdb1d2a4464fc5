"""Releases: immutable, kept sets of computed key figures, and which one is current when.

A release holds, per published series, municipality and period, the numerator, the denominator and
the value; per region, municipality group and the country both the ratio-of-sums value and the
unweighted mean of the municipal values. Beside this "as delivered" track, the corrected track holds
the cells and area values that the corrections in force change (``corrected_cells``, ``corrected_groups``;
the corrections applied in ``corrections``), and ``incomplete`` lists the values whose inputs were not all
delivered. It records the warehouse state it was computed from (the
effective delivery of every table, municipality and month) and the catalogue version. Publishing a
release is one row in ``releases.publications`` written in the same transaction as the release, so
switching the current release is atomic; "as of" a time, the current release is the last one
published by then.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from flis.errors import FlisError

SCHEMA = """
CREATE SCHEMA IF NOT EXISTS releases;
CREATE TABLE IF NOT EXISTS releases.releases (
    release_id        VARCHAR PRIMARY KEY,
    created_at        TIMESTAMP NOT NULL,
    parent            VARCHAR,
    catalogue_version VARCHAR NOT NULL,
    warehouse_state   VARCHAR NOT NULL,
    deliveries        BIGINT NOT NULL,
    series            BIGINT NOT NULL,
    cells             BIGINT NOT NULL,
    recomputed        VARCHAR NOT NULL,
    seconds           DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS releases.publications (
    release_id   VARCHAR NOT NULL,
    published_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS releases.inputs (
    release_id   VARCHAR NOT NULL,
    table_name   VARCHAR NOT NULL,
    municipality SMALLINT NOT NULL,
    period       DATE NOT NULL,
    delivery_id  VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS releases.measure_values (
    release_id   VARCHAR NOT NULL,
    measure      VARCHAR NOT NULL,
    municipality SMALLINT NOT NULL,
    period       DATE NOT NULL,
    dimension    VARCHAR NOT NULL,
    category     VARCHAR NOT NULL,
    value        DOUBLE
);
CREATE TABLE IF NOT EXISTS releases.series (
    release_id  VARCHAR NOT NULL,
    series_id   VARCHAR NOT NULL,
    figure_id   VARCHAR NOT NULL,
    domain      VARCHAR NOT NULL,
    name_da     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    dimension   VARCHAR,
    category    VARCHAR,
    unit_en     VARCHAR NOT NULL,
    unit_da     VARCHAR NOT NULL,
    scale       DOUBLE NOT NULL,
    display     VARCHAR NOT NULL,
    decimals    INTEGER NOT NULL,
    level       VARCHAR NOT NULL,
    direction   VARCHAR NOT NULL,
    definition  VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS releases.cells (
    release_id   VARCHAR NOT NULL,
    series_id    VARCHAR NOT NULL,
    municipality SMALLINT NOT NULL,
    period       DATE NOT NULL,
    numerator    DOUBLE,
    denominator  DOUBLE,
    value        DOUBLE
);
CREATE TABLE IF NOT EXISTS releases.groups (
    release_id     VARCHAR NOT NULL,
    series_id      VARCHAR NOT NULL,
    area_type      VARCHAR NOT NULL,
    area           VARCHAR NOT NULL,
    period         DATE NOT NULL,
    numerator      DOUBLE,
    denominator    DOUBLE,
    value          DOUBLE,
    municipal_mean DOUBLE,
    municipalities INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS releases.corrected_cells (
    release_id   VARCHAR NOT NULL,
    series_id    VARCHAR NOT NULL,
    municipality SMALLINT NOT NULL,
    period       DATE NOT NULL,
    numerator    DOUBLE,
    denominator  DOUBLE,
    value        DOUBLE
);
CREATE TABLE IF NOT EXISTS releases.corrected_groups (
    release_id     VARCHAR NOT NULL,
    series_id      VARCHAR NOT NULL,
    area_type      VARCHAR NOT NULL,
    area           VARCHAR NOT NULL,
    period         DATE NOT NULL,
    numerator      DOUBLE,
    denominator    DOUBLE,
    value          DOUBLE,
    municipal_mean DOUBLE,
    municipalities INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS releases.corrections (
    release_id    VARCHAR NOT NULL,
    correction_id INTEGER NOT NULL,
    kind          VARCHAR NOT NULL,
    municipality  SMALLINT NOT NULL,
    period        VARCHAR NOT NULL,
    target        VARCHAR NOT NULL,
    description   VARCHAR NOT NULL,
    reason        VARCHAR NOT NULL,
    author        VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    applies       BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS releases.incomplete (
    release_id   VARCHAR NOT NULL,
    series_id    VARCHAR NOT NULL,
    municipality SMALLINT NOT NULL,
    period       DATE NOT NULL
);
"""


class NoRelease(FlisError):
    """No release has been computed (or none was published by the time asked for)."""

    code = "compute.no_release"
    exit_code = 2


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA)


def _exists(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any release was ever written (read-only connections cannot create the schema)."""
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'releases' "
                            "AND table_name = 'publications'").fetchall()[0][0])


def current_release(con: duckdb.DuckDBPyConnection, as_of: dt.datetime | None = None) -> str | None:
    """The release current now, or at ``as_of`` (the last one published by then)."""
    if not _exists(con):
        return None
    if as_of is None:
        row = con.execute("SELECT release_id FROM releases.publications ORDER BY published_at DESC LIMIT 1"
                          ).fetchall()
    else:
        row = con.execute("SELECT release_id FROM releases.publications WHERE published_at <= ? "
                          "ORDER BY published_at DESC LIMIT 1", [as_of]).fetchall()
    return row[0][0] if row else None


def require_release(con: duckdb.DuckDBPyConnection, as_of: dt.datetime | None = None) -> str:
    release = current_release(con, as_of)
    if release is None:
        when = f" by {as_of:%Y-%m-%d %H:%M}" if as_of else ""
        raise NoRelease(f"no release was published{when}; run `flis compute` first")
    return release


def list_releases(con: duckdb.DuckDBPyConnection) -> list[dict]:
    if not _exists(con):
        return []
    rel = con.execute("""
        SELECT r.*, p.published_at FROM releases.releases r
        LEFT JOIN releases.publications p USING (release_id) ORDER BY r.created_at""")
    names = [d[0] for d in rel.description]
    return [dict(zip(names, row)) for row in rel.fetchall()]
