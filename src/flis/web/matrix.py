"""The delivery matrix: for one municipality, each source system × month delivered, rejected, missing or late.

Read from the delivery registry (``registry.deliveries`` and ``registry.findings``, see
:mod:`flis.warehouse.store`). The rows are the source systems the municipality delivered from in any of
the months asked for: a system that delivered once is expected every month. A source system delivers
several files (tables) a month; the cell sums them up:

- ``delivered``: at least one file of the month was accepted (loaded), and every accepted file first
  arrived by the deadline;
- ``late``: accepted, but some file's first accepted arrival came after the deadline;
- ``rejected``: files arrived, but every one was rejected;
- ``missing``: nothing arrived.

The deadline is :data:`DEADLINE_DAY` of the month after the period (a delivery for March is due by the
end of 10 April). A corrected re-delivery after the deadline does not make an on-time month late, since
the file had arrived in time. Deliveries whose name declared no usable source system or month cannot be
placed in the matrix; ``flis deliveries`` lists them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from flis.periods import Period

DEADLINE_DAY = 10
"""Deliveries for a month are due by the end of this day of the following month."""
STATUSES = ("delivered", "late", "rejected", "missing")
STATUS_LABELS = {
    "delivered": ("Leveret", "Delivered"),
    "late": ("Forsinket", "Late"),
    "rejected": ("Afvist", "Rejected"),
    "missing": ("Mangler", "Missing"),
}
"""Short (Danish, English) names of the statuses, e.g. for a legend."""
COUNTED_SEVERITIES = ("FATAL", "ERROR", "WARNING")
"""Findings a steward should act on; INFO findings (duplicates, empty files) are not counted."""


def deadline(period: Period) -> dt.datetime:
    """The first moment a delivery for ``period`` is late: midnight after the deadline day."""
    return dt.datetime.combine((period + 1).first_day + dt.timedelta(days=DEADLINE_DAY), dt.time())


@dataclass(frozen=True)
class Cell:
    status: str
    delivery_ids: list[str]
    """Every delivery of the system for the month, accepted or rejected, oldest first."""
    findings: int
    """FATAL, ERROR and WARNING findings of those deliveries (repeated findings counted each time)."""
    label_da: str
    label_en: str


@dataclass(frozen=True)
class Matrix:
    municipality: int
    systems: list[str]
    """Source systems in order of domain, then name."""
    months: list[Period]
    cells: dict[tuple[str, Period], Cell]
    domains: dict[str, str] = field(default_factory=dict)
    """The domain each system delivers for (schools, elderly, ...)."""

    def count(self, status: str) -> int:
        return sum(c.status == status for c in self.cells.values())


@dataclass
class _Delivery:
    delivery_id: str
    table: str | None
    received_at: dt.datetime
    accepted: bool
    findings: int


QUERY = """
SELECT d.delivery_id, d.system, d.domain, d.table_name, d.period, d.received_at, d.status,
       coalesce((SELECT sum(f.count) FROM registry.findings AS f
                 WHERE f.delivery_id = d.delivery_id AND list_contains(?, f.severity)), 0) AS findings
FROM registry.deliveries AS d
WHERE d.municipality = ? AND d.system IS NOT NULL AND d.period BETWEEN ? AND ?
ORDER BY d.received_at, d.delivery_id
"""


def delivery_matrix(con: duckdb.DuckDBPyConnection, municipality: int, months: list[Period]) -> Matrix:
    """The matrix of one municipality over ``months`` (in the order given)."""
    months = list(months)
    if not months:
        return Matrix(municipality, [], [], {})
    wanted = set(months)
    rows = con.execute(QUERY, [list(COUNTED_SEVERITIES), municipality, min(months).first_day,
                               max(months).first_day]).fetchall()
    found: dict[tuple[str, Period], list[_Delivery]] = {}
    domains: dict[str, str] = {}
    for delivery_id, system, domain, table, period, received_at, status, findings in rows:
        month = Period.of(period)
        if month not in wanted:
            continue
        domains[system] = domain or ""
        found.setdefault((system, month), []).append(
            _Delivery(delivery_id, table, received_at, status == "loaded", int(findings)))
    systems = sorted(domains, key=lambda s: (domains[s], s))
    cells = {(s, m): _cell(found.get((s, m), []), m) for s in systems for m in months}
    return Matrix(municipality, systems, months, cells, domains)


def _cell(deliveries: list[_Delivery], month: Period) -> Cell:
    ids = [d.delivery_id for d in deliveries]
    findings = sum(d.findings for d in deliveries)
    accepted = [d for d in deliveries if d.accepted]
    if not deliveries:
        return _make("missing", ids, findings, "ingen levering", "nothing delivered")
    if not accepted:
        return _make("rejected", ids, findings, f"{len(ids)} afvist", f"{len(ids)} rejected")
    first_by_table: dict[str | None, dt.datetime] = {}
    for d in accepted:  # oldest first: keep each file's first accepted arrival
        first_by_table.setdefault(d.table, d.received_at)
    arrived = max(first_by_table.values())
    due = deadline(month)
    files = len(first_by_table)
    rejected = len(deliveries) - len(accepted)
    extra_da = f", {rejected} afvist" if rejected else ""
    extra_en = f", {rejected} rejected" if rejected else ""
    if arrived >= due:
        return _make("late", ids, findings,
                     f"modtaget {arrived:%d.%m.%Y}, frist {due - dt.timedelta(days=1):%d.%m.%Y}{extra_da}",
                     f"received {arrived:%Y-%m-%d}, due {due - dt.timedelta(days=1):%Y-%m-%d}{extra_en}")
    return _make("delivered", ids, findings, f"{files} {'fil' if files == 1 else 'filer'} modtaget "
                 f"{arrived:%d.%m.%Y}{extra_da}",
                 f"{files} {'file' if files == 1 else 'files'} received {arrived:%Y-%m-%d}{extra_en}")


def _make(status: str, ids: list[str], findings: int, detail_da: str, detail_en: str) -> Cell:
    da, en = STATUS_LABELS[status]
    if findings:
        detail_da += f", {findings} fund"
        detail_en += f", {findings} {'finding' if findings == 1 else 'findings'}"
    return Cell(status, ids, findings, f"{da}: {detail_da}", f"{en}: {detail_en}")
