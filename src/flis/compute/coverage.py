"""How many municipalities each series has a value for, in the current release."""

from __future__ import annotations

import duckdb

from flis.catalogue.model import Catalogue
from flis.compute.releases import require_release


def coverage(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, domain: str | None = None) -> list[dict]:
    """Per series of the catalogue: the municipalities with a value in at least one period of the release.

    (A municipality whose delivery for a month is missing or rejected has no value that month, and a rolling
    12-month value needs twelve delivered months; so per single month the count can be lower.)"""
    release = require_release(con)
    counts = dict(con.execute("""
        SELECT series_id, count(DISTINCT municipality) FILTER (WHERE value IS NOT NULL)
        FROM releases.cells WHERE release_id = ? GROUP BY series_id""", [release]).fetchall())
    return [{"series_id": s.id, "domain": s.figure.domain, "municipalities": int(counts.get(s.id) or 0)}
            for s in catalogue.series if domain is None or s.figure.domain == domain]
