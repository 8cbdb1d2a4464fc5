"""The findings workflow in the state store: store a run's findings, list them, acknowledge, dismiss with a
reason. Answering a finding with a correction is :func:`flis.corrections.add_correction` with its
``finding_id`` (the corrections layer sets the finding to ``corrected``).

    result = store_findings(store, report.findings, report.run_id)   # idempotent
    rows = list_findings(store, municipality=101, status="open")
    acknowledge(store, rows[0].id, principal)
    dismiss(store, rows[1].id, "new school opened in March", principal)   # audited: finding.dismiss

A finding is identified by its key (code, municipality, subject, period, delivery): storing the same run
twice adds nothing, and a finding someone dismissed stays dismissed when the check finds it again. A
finding about a delivery that a later delivery has superseded is stored (or set) as ``corrected``: the
supplier has already answered it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import func, select

from flis.access.audit import append
from flis.access.policy import Principal
from flis.access.store import StateStore
from flis.errors import FlisError
from flis.periods import Period
from flis.quality.codes import CODES
from flis.quality.finding import QualityFinding
from flis.quality.models import STATUSES, FindingStatus, QualityFindingRow

SUPERSEDED = "superseded by a later delivery of the same municipality, table and month"
CHECK_USER = "flis quality check"
SHELL_USER = "command line"


class UnknownFinding(FlisError):
    """No finding has this id."""

    code = "quality.unknown_finding"
    exit_code = 2


class ReasonRequired(FlisError):
    """Dismissing a finding needs a reason (it is kept with the finding and in the audit log)."""

    code = "quality.reason_required"
    exit_code = 2


class FindingClosed(FlisError):
    """The finding is already dismissed or corrected; it cannot be acknowledged or dismissed again."""

    code = "quality.finding_closed"
    exit_code = 2


class InvalidFilter(FlisError):
    """A findings filter with an unknown status or code."""

    code = "quality.invalid_filter"
    exit_code = 2


@dataclass(frozen=True)
class StoreResult:
    new: int
    updated: int
    corrected: int
    """Open or acknowledged findings set to corrected because their delivery was superseded."""
    new_corrected: int = 0
    """New findings stored as corrected at once: about deliveries already superseded."""


@dataclass(frozen=True)
class FindingRecord:
    id: int
    code: str
    severity: str
    municipality: int | None
    subject: str
    period: str
    values: dict
    message_en: str
    message_da: str
    delivery_id: str | None
    status: str
    reason: str | None
    created_at: datetime
    updated_by: str | None
    updated_at: datetime | None
    run_id: str

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        for k in ("created_at", "updated_at"):
            out[k] = out[k].isoformat() if out[k] else None
        return out


def _record(row: QualityFindingRow) -> FindingRecord:
    return FindingRecord(row.id, row.code, row.severity, row.municipality, row.subject, row.period,
                         dict(row.values or {}), row.message_en, row.message_da, row.delivery_id,
                         row.status.value, row.reason, row.created_at, row.updated_by, row.updated_at,
                         row.run_id)


def _who(principal: Principal | None) -> str:
    return principal.username if principal else SHELL_USER


def store_findings(store: StateStore, findings: list[QualityFinding], run_id: str) -> StoreResult:
    """Insert new findings, refresh the numbers of known ones; idempotent."""
    now = store.now()
    new = updated = corrected = new_corrected = 0
    by_key = {f.key: f for f in findings}
    keys = list(by_key)
    with store.transaction() as db:
        existing: dict[str, QualityFindingRow] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            existing.update({r.key: r for r in db.scalars(select(QualityFindingRow)
                                                           .where(QualityFindingRow.key.in_(chunk)))})
        for key, f in by_key.items():
            row = existing.get(key)
            if row is None:
                status = FindingStatus.OPEN if f.in_force else FindingStatus.CORRECTED
                db.add(QualityFindingRow(
                    key=key, code=f.code, severity=f.severity.name, municipality=f.municipality,
                    subject=f.subject, period=f.period, values=f.values, message_en=f.message_en,
                    message_da=f.message_da,
                    delivery_id=f.delivery_id, status=status, reason=None if f.in_force else SUPERSEDED,
                    created_at=now, updated_by=None if f.in_force else CHECK_USER,
                    updated_at=None if f.in_force else now, run_id=run_id))
                new += 1
                new_corrected += not f.in_force
                continue
            if row.values != f.values or row.message_en != f.message_en or row.run_id != run_id:
                row.values, row.message_en, row.message_da = f.values, f.message_en, f.message_da
                row.run_id = run_id
                updated += 1
            if not f.in_force and row.status in (FindingStatus.OPEN, FindingStatus.ACKNOWLEDGED):
                row.status, row.reason = FindingStatus.CORRECTED, SUPERSEDED
                row.updated_by, row.updated_at = CHECK_USER, now
                corrected += 1
    return StoreResult(new, updated, corrected, new_corrected)


def list_findings(store: StateStore, *, municipality: int | None = None, status: str | None = None,
                  code: str | None = None, period: Period | str | None = None, limit: int | None = 1000,
                  offset: int = 0) -> tuple[list[FindingRecord], int]:
    """Findings newest period first (then municipality, subject), and how many match in all."""
    if status is not None and status not in STATUSES:
        raise InvalidFilter(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
    if code is not None and code not in CODES:
        raise InvalidFilter(f"unknown finding code {code!r}", hint="see docs/quality.md")
    query = select(QualityFindingRow)
    if municipality is not None:
        query = query.where(QualityFindingRow.municipality == municipality)
    if status is not None:
        query = query.where(QualityFindingRow.status == FindingStatus(status))
    if code is not None:
        query = query.where(QualityFindingRow.code == code)
    if period is not None:
        query = query.where(QualityFindingRow.period == str(Period.parse(period)))
    with store.transaction() as db:
        total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
        query = query.order_by(QualityFindingRow.period.desc(), QualityFindingRow.municipality,
                               QualityFindingRow.subject, QualityFindingRow.code).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        return [_record(r) for r in db.scalars(query)], int(total)


def get_finding(store: StateStore, finding_id: int) -> FindingRecord:
    with store.transaction() as db:
        return _record(_row(db, finding_id))


def _row(db, finding_id: int) -> QualityFindingRow:
    row = db.get(QualityFindingRow, int(finding_id))
    if row is None:
        raise UnknownFinding(f"no finding has id {finding_id}", hint="see `flis quality findings`")
    return row


def _change(store: StateStore, finding_id: int, status: FindingStatus, action: str,
            principal: Principal | None, reason: str | None) -> FindingRecord:
    now = store.now()
    with store.transaction() as db:
        row = _row(db, finding_id)
        if row.status in (FindingStatus.DISMISSED, FindingStatus.CORRECTED):
            raise FindingClosed(f"finding {finding_id} is already {row.status.value}")
        row.status, row.updated_by, row.updated_at = status, _who(principal), now
        if reason is not None:
            row.reason = reason
        append(db, now, principal, action, object=f"finding {row.id} {row.code} {row.subject}"[:200],
               municipality=row.municipality, period=row.period, purpose=reason)
        return _record(row)


def acknowledge(store: StateStore, finding_id: int, principal: Principal | None = None) -> FindingRecord:
    """The finding is seen and being looked into (audited as ``finding.acknowledge``)."""
    return _change(store, finding_id, FindingStatus.ACKNOWLEDGED, "finding.acknowledge", principal, None)


def dismiss(store: StateStore, finding_id: int, reason: str, principal: Principal | None = None
            ) -> FindingRecord:
    """The data is right after all; ``reason`` says why (required; audited as ``finding.dismiss``)."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired("say why the finding is dismissed (the reason is kept and audited)",
                             hint="e.g. --reason 'a new school opened in March'")
    return _change(store, finding_id, FindingStatus.DISMISSED, "finding.dismiss", principal, reason)
