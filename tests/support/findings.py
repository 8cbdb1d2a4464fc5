"""Quality findings stored in a state store for API and portal tests, and removed again.

    ids = replace_findings(store, [finding(101, "2024-07", "schools.pupils#rows"), ...])
    ids[(101, "2024-07", "schools.pupils#rows")]      # the stored finding's id

The served app's state store is shared by a whole test session (per xdist worker), so every test that
stores findings starts from an empty findings table and leaves it empty (``clear_findings``).
"""

from __future__ import annotations

from sqlalchemy import delete

from flis.quality.finding import QualityFinding
from flis.quality.models import QualityFindingRow
from flis.quality.workflow import list_findings, store_findings


def finding(municipality: int, period: str, subject: str, code: str = "quality.history_outlier",
            value: float = 1200.0, reference: float = 600.0, in_force: bool = True,
            delivery: str | None = None) -> QualityFinding:
    """A finding whose messages say which municipality, subject and month it is about."""
    return QualityFinding(code, municipality, subject, period, {"value": value, "reference": reference},
                          f"{subject}: {value:,.0f} in {period}; the reference is {reference:,.0f}",
                          f"{subject}: {value:.0f} i {period}; referencen er {reference:.0f}",
                          delivery, in_force, ())


def clear_findings(store) -> None:
    with store.transaction() as db:
        db.execute(delete(QualityFindingRow))


def replace_findings(store, findings: list[QualityFinding], run_id: str = "tests") -> dict[tuple, int]:
    """Empty the findings table, store ``findings``; their ids by (municipality, period, subject)."""
    clear_findings(store)
    store_findings(store, findings, run_id)
    rows, _ = list_findings(store, limit=None)
    return {(r.municipality, r.period, r.subject): r.id for r in rows}
