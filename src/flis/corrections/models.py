"""The corrections table of the state store (created by migration ``0003_corrections``).

A correction never touches delivered data: it is a statement kept beside it — "this aggregate should be
2,003, not 4,012", "these lines of that delivery are duplicates", "this line's FTE is 0.8, not 80" — with
who made it, when and why. Compute reads the corrections in force and produces the corrected track next to
the as-delivered one (:mod:`flis.corrections.track`). A correction is withdrawn, never deleted or edited.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Mapped, mapped_column

from flis.access.models import Base, UTCDateTime


class CorrectionKind(str, Enum):
    AGGREGATE = "aggregate"
    """A key figure's numerator or denominator (a measure) for one municipality and period."""
    ROWS = "rows"
    """Lines of a delivery in force: left out, or one column given a new value."""


class CorrectionStatus(str, Enum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


def _enum(cls: type) -> SAEnum:
    return SAEnum(cls, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e],
                  validate_strings=True)


class CorrectionRow(Base):
    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[CorrectionKind] = mapped_column(_enum(CorrectionKind))
    municipality: Mapped[int] = mapped_column(Integer, index=True)
    period: Mapped[str] = mapped_column(String(7), index=True)
    target: Mapped[str] = mapped_column(String(200))
    """``SERIES#numerator`` / ``SERIES#denominator`` (aggregate) or ``domain.table`` (rows)."""
    measure: Mapped[str | None] = mapped_column(String(200))
    """The measure an aggregate correction sets (every figure reading it follows)."""
    delivery_id: Mapped[str | None] = mapped_column(String(100))
    lines: Mapped[list | None] = mapped_column(JSON)
    action: Mapped[str] = mapped_column(String(20))
    """``set`` (a new value) or ``exclude`` (rows left out)."""
    column: Mapped[str | None] = mapped_column(String(100))
    old_value: Mapped[object | None] = mapped_column(JSON)
    """The value as delivered: a number (aggregate) or {line: value} (rows)."""
    new_value: Mapped[object | None] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finding_id: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[CorrectionStatus] = mapped_column(_enum(CorrectionStatus), index=True)
    withdrawn_by: Mapped[str | None] = mapped_column(String(100))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdraw_reason: Mapped[str | None] = mapped_column(Text)
