"""Reading the delivery registry: what arrived, its status, its arrivals and its findings.

Shared by ``flis deliveries`` and the API so that both show the same thing.
"""

from __future__ import annotations

import duckdb

from flis.errors import FlisError

COLUMNS = ["delivery_id", "file_name", "municipality", "system", "vendor", "domain", "table_name", "period",
           "received_at", "status", "records", "rows_loaded", "fatal", "errors", "warnings", "infos", "arrivals"]
FINDING_COLUMNS = ["severity", "code", "file", "line", "field", "value", "expected", "message", "count", "stage"]


class UnknownDelivery(FlisError):
    """No delivery has this id (or id prefix)."""

    code = "ingest.unknown_delivery"
    exit_code = 2


def _filters(municipality: int | None, status: str | None, domain: str | None, period: str | None
             ) -> tuple[str, list]:
    where, params = [], []
    for column, value in (("municipality", municipality), ("status", status), ("domain", domain)):
        if value is not None:
            where.append(f"{column} = ?")  # column names are ours; values are parameters
            params.append(value)
    if period:
        where.append("strftime(period, '%Y-%m') = ?")
        params.append(period)
    return ("WHERE " + " AND ".join(where)) if where else "", params


def list_deliveries(con: duckdb.DuckDBPyConnection, *, municipality: int | None = None, status: str | None = None,
                    domain: str | None = None, period: str | None = None, limit: int = 100, offset: int = 0
                    ) -> tuple[list[dict], int]:
    """Deliveries newest first, and how many match in all."""
    where, params = _filters(municipality, status, domain, period)
    total = con.execute(f"SELECT count(*) FROM registry.deliveries {where}", params).fetchall()[0][0]
    rows = con.execute(f"SELECT {', '.join(COLUMNS)} FROM registry.overview {where} "
                       "ORDER BY received_at DESC, file_name LIMIT ? OFFSET ?", params + [limit, offset]).fetchall()
    return [dict(zip(COLUMNS, r)) for r in rows], int(total)


def find_delivery(con: duckdb.DuckDBPyConnection, delivery: str) -> dict:
    """One delivery by id or unique id prefix, with its arrivals and findings (worst first)."""
    rows = con.execute(f"SELECT {', '.join(COLUMNS)} FROM registry.overview WHERE starts_with(delivery_id, ?)",
                       [delivery]).fetchall()
    if len(rows) != 1 or not delivery:
        raise UnknownDelivery(f"{'no' if not rows else len(rows)} deliveries match '{delivery}'",
                              hint="see `flis deliveries`")
    info = dict(zip(COLUMNS, rows[0]))
    arrivals = con.execute("SELECT file_name, received_at FROM registry.receipts WHERE delivery_id = ? "
                           "ORDER BY received_at", [info["delivery_id"]]).fetchall()
    findings = con.execute(
        f"SELECT {', '.join(FINDING_COLUMNS)} FROM registry.findings "
        "WHERE delivery_id = ? ORDER BY CASE severity WHEN 'FATAL' THEN 0 WHEN 'ERROR' THEN 1 "
        "WHEN 'WARNING' THEN 2 ELSE 3 END, line NULLS FIRST, code", [info["delivery_id"]]).fetchall()
    info["arrivals"] = [{"file": a, "received_at": b} for a, b in arrivals]
    info["findings"] = [dict(zip(FINDING_COLUMNS, f)) for f in findings]
    return info
