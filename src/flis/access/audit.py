"""The audit log: who saw which row-level data, when, from where and why; and every account change.

Entries are only ever appended (the database refuses updates and deletes). Row-level data —
a drill-down or an export of rows — is only given out with a stated purpose, so :func:`audit`
refuses those actions without one; the API calls it before it sends the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from flis.access.errors import PurposeRequired
from flis.access.models import AuditEntry
from flis.access.policy import Principal
from flis.access.store import StateStore
from flis.periods import Period

ROW_LEVEL_ACTIONS = frozenset({"drill", "export"})
"""Actions that hand out row-level data and so need a purpose."""


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    user_id: int | None
    tenant_id: int | None
    action: str
    object: str | None
    municipality: int | None
    period: str | None
    row_count: int | None
    purpose: str | None
    client: str | None


def audit(store: StateStore, principal: Principal | None, action: str, *, object: str | None = None,
          municipality: int | None = None, period: Period | str | None = None, row_count: int | None = None,
          purpose: str | None = None, client: str | None = None) -> int:
    """Append one entry and return its id. ``principal`` None is the command line (the operator's shell)."""
    with store.transaction() as db:
        return append(db, store.now(), principal, action, object=object, municipality=municipality,
                      period=period, row_count=row_count, purpose=purpose, client=client)


def append(db: Session, at: datetime, principal: Principal | None, action: str, *, object: str | None = None,
           municipality: int | None = None, period: Period | str | None = None, row_count: int | None = None,
           purpose: str | None = None, client: str | None = None) -> int:
    """:func:`audit` inside an open transaction, so the entry commits with the change it records."""
    purpose = (purpose or "").strip() or None
    if action in ROW_LEVEL_ACTIONS and purpose is None:
        raise PurposeRequired(f"say why you need the rows ({action} of row-level data is logged with why)",
                              hint="give a purpose, e.g. 'checking our March delivery'")
    entry = AuditEntry(at=at, user_id=principal.user_id if principal else None,
                       tenant_id=principal.tenant_id if principal else None, action=action, object=object,
                       municipality=municipality, period=None if period is None else str(period),
                       row_count=row_count, purpose=purpose, client=client)
    db.add(entry)
    db.flush()
    return entry.id


def audit_entries(store: StateStore, *, limit: int = 100, user_id: int | None = None) -> list[AuditRecord]:
    """The newest entries first."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if user_id is not None:
        query = query.where(AuditEntry.user_id == user_id)
    with store.transaction() as db:
        return [AuditRecord(e.id, e.at, e.user_id, e.tenant_id, e.action, e.object, e.municipality, e.period,
                            e.row_count, e.purpose, e.client) for e in db.scalars(query)]
