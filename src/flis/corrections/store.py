"""Corrections in the state store: add (checked against the warehouse), list, withdraw; all audited.

    record = add_correction(store, con, catalogue, AggregateCorrection("SCH001", "numerator", 101, "2025-03",
                            2003, reason="the March file held every pupil twice"), principal)
    add_correction(store, con, catalogue, RowsCorrection("hr.employees", "d-4f2c...", (17,), "set",
                   column="fte", new_value="0.8", reason="80 is a typing error for 0.8"), principal)
    list_corrections(store, municipality=101, period="2025-03")
    withdraw_correction(store, record.id, "the supplier's re-delivery fixed it", principal)

Adding a correction that answers a finding (``finding_id``) sets the finding to ``corrected`` in the same
transaction; withdrawing it opens the finding again. Every change is appended to the audit log
(``correction.add``, ``correction.withdraw``, ``finding.correct``, ``finding.reopen``). Nothing here touches
the warehouse's raw or canonical data; compute reads :func:`corrections_in_force`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

import duckdb
from sqlalchemy import select

from flis.access.audit import append
from flis.access.policy import Principal
from flis.access.store import StateStore
from flis.catalogue.model import Catalogue
from flis.corrections.models import CorrectionKind, CorrectionRow, CorrectionStatus
from flis.corrections.validate import AggregateCorrection, Checked, InvalidCorrection, RowsCorrection, check
from flis.errors import FlisError
from flis.periods import Period
from flis.quality.models import FindingStatus, QualityFindingRow
from flis.quality.workflow import FindingClosed, UnknownFinding

SHELL_USER = "command line"


class UnknownCorrection(FlisError):
    """No correction has this id."""

    code = "corrections.unknown"
    exit_code = 2


class CorrectionWithdrawn(FlisError):
    """The correction is already withdrawn."""

    code = "corrections.withdrawn"
    exit_code = 2


class ReasonMissing(FlisError):
    """A correction, and withdrawing one, needs a reason (kept with it and in the audit log)."""

    code = "corrections.reason_required"
    exit_code = 2


@dataclass(frozen=True)
class CorrectionRecord:
    id: int
    kind: str
    municipality: int
    period: str
    target: str
    measure: str | None
    delivery_id: str | None
    lines: list[int] | None
    action: str
    column: str | None
    old_value: object
    new_value: object
    reason: str
    author: str
    created_at: datetime
    finding_id: int | None
    status: str
    withdrawn_by: str | None
    withdrawn_at: datetime | None
    withdraw_reason: str | None

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        for k in ("created_at", "withdrawn_at"):
            out[k] = out[k].isoformat() if out[k] else None
        return out

    def describe(self) -> str:
        """One line in plain English: what the correction does."""
        if self.kind == CorrectionKind.AGGREGATE.value:
            return (f"{self.target} of {self.municipality} in {self.period}: {_fmt(self.old_value)} "
                    f"corrected to {_fmt(self.new_value)}")
        lines = ", ".join(str(x) for x in (self.lines or [])[:10]) + (" ..." if len(self.lines or []) > 10 else "")
        what = "left out" if self.action == "exclude" else f"{self.column} set to {self.new_value}"
        return f"{self.target}, delivery {str(self.delivery_id)[:12]}, line(s) {lines}: {what}"


def _fmt(x: object) -> str:
    return "none" if x is None else (f"{x:,.6g}" if isinstance(x, (int, float)) else str(x))


def _record(row: CorrectionRow) -> CorrectionRecord:
    return CorrectionRecord(row.id, row.kind.value, row.municipality, row.period, row.target, row.measure,
                            row.delivery_id, list(row.lines) if row.lines is not None else None, row.action,
                            row.column, row.old_value, row.new_value, row.reason, row.author, row.created_at,
                            row.finding_id, row.status.value, row.withdrawn_by, row.withdrawn_at,
                            row.withdraw_reason)


def _who(principal: Principal | None) -> str:
    return principal.username if principal else SHELL_USER


def add_correction(store: StateStore, con: duckdb.DuckDBPyConnection, catalogue: Catalogue,
                   request: AggregateCorrection | RowsCorrection, principal: Principal | None = None
                   ) -> CorrectionRecord:
    """Check ``request`` against the warehouse and the current release, store it, audit it; answer its
    finding. Raises a ``corrections.*`` error naming what is wrong."""
    reason = (request.reason or "").strip()
    if not reason:
        raise ReasonMissing("say why the value is corrected (the reason is kept and shown with the value)",
                            hint="e.g. reason='the March file held every pupil twice'")
    checked: Checked = check(con, catalogue, request)
    now = store.now()
    with store.transaction() as db:
        finding = None
        if request.finding_id is not None:
            finding = db.get(QualityFindingRow, int(request.finding_id))
            if finding is None:
                raise UnknownFinding(f"no finding has id {request.finding_id}")
            if finding.municipality is not None and finding.municipality != checked.municipality:
                raise InvalidCorrection(f"finding {finding.id} is about municipality {finding.municipality}, the "
                                        f"correction about {checked.municipality}")
            if finding.status in (FindingStatus.DISMISSED, FindingStatus.CORRECTED):
                raise FindingClosed(f"finding {finding.id} is already {finding.status.value}")
        row = CorrectionRow(
            kind=checked.kind, municipality=checked.municipality, period=checked.period, target=checked.target,
            measure=checked.measure, delivery_id=checked.delivery_id,
            lines=list(checked.lines) if checked.lines is not None else None, action=checked.action,
            column=checked.column, old_value=checked.old_value, new_value=checked.new_value, reason=reason,
            author=_who(principal), created_at=now, finding_id=request.finding_id,
            status=CorrectionStatus.ACTIVE)
        db.add(row)
        db.flush()
        append(db, now, principal, "correction.add", object=f"correction {row.id} {row.target}"[:200],
               municipality=row.municipality, period=row.period, purpose=reason)
        if finding is not None:
            finding.status, finding.reason = FindingStatus.CORRECTED, f"correction {row.id}: {reason}"
            finding.updated_by, finding.updated_at = _who(principal), now
            append(db, now, principal, "finding.correct", object=f"finding {finding.id} {finding.code}"[:200],
                   municipality=finding.municipality, period=finding.period, purpose=reason)
        return _record(row)


def withdraw_correction(store: StateStore, correction_id: int, reason: str, principal: Principal | None = None
                        ) -> CorrectionRecord:
    """The correction no longer holds (the supplier re-delivered, or it was wrong): the next compute leaves
    it out. A finding it answered is open again."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonMissing("say why the correction is withdrawn")
    now = store.now()
    with store.transaction() as db:
        row = db.get(CorrectionRow, int(correction_id))
        if row is None:
            raise UnknownCorrection(f"no correction has id {correction_id}", hint="see `flis corrections list`")
        if row.status is CorrectionStatus.WITHDRAWN:
            raise CorrectionWithdrawn(f"correction {correction_id} was withdrawn on {row.withdrawn_at:%Y-%m-%d}")
        row.status, row.withdrawn_by, row.withdrawn_at, row.withdraw_reason = (
            CorrectionStatus.WITHDRAWN, _who(principal), now, reason)
        append(db, now, principal, "correction.withdraw", object=f"correction {row.id} {row.target}"[:200],
               municipality=row.municipality, period=row.period, purpose=reason)
        if row.finding_id is not None:
            finding = db.get(QualityFindingRow, row.finding_id)
            if finding is not None and finding.status is FindingStatus.CORRECTED:
                finding.status, finding.reason = FindingStatus.OPEN, f"correction {row.id} withdrawn: {reason}"
                finding.updated_by, finding.updated_at = _who(principal), now
                append(db, now, principal, "finding.reopen", object=f"finding {finding.id} {finding.code}"[:200],
                       municipality=finding.municipality, period=finding.period, purpose=reason)
        return _record(row)


def get_correction(store: StateStore, correction_id: int) -> CorrectionRecord:
    with store.transaction() as db:
        row = db.get(CorrectionRow, int(correction_id))
        if row is None:
            raise UnknownCorrection(f"no correction has id {correction_id}")
        return _record(row)


def list_corrections(store: StateStore, *, municipality: int | None = None, period: Period | str | None = None,
                     include_withdrawn: bool = False) -> list[CorrectionRecord]:
    """Corrections, newest first; only those in force unless ``include_withdrawn``."""
    query = select(CorrectionRow)
    if municipality is not None:
        query = query.where(CorrectionRow.municipality == int(municipality))
    if period is not None:
        query = query.where(CorrectionRow.period == str(Period.parse(period)))
    if not include_withdrawn:
        query = query.where(CorrectionRow.status == CorrectionStatus.ACTIVE)
    with store.transaction() as db:
        return [_record(r) for r in db.scalars(query.order_by(CorrectionRow.id.desc()))]


def corrections_in_force(store: StateStore) -> list[CorrectionRecord]:
    """What compute applies, oldest first (a later correction of the same value wins)."""
    return sorted(list_corrections(store), key=lambda r: r.id)
