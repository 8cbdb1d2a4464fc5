"""The findings table of the state store (created by migration ``0002_quality``).

One row per finding identity (``key``: code, municipality, subject, period, delivery), so that running the
checks again updates the numbers of a known finding instead of adding a second one, and a dismissed
finding stays dismissed.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Mapped, mapped_column

from flis.access.models import Base, UTCDateTime


class FindingStatus(str, Enum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    DISMISSED = "dismissed"
    CORRECTED = "corrected"


STATUSES = tuple(s.value for s in FindingStatus)


class QualityFindingRow(Base):
    __tablename__ = "quality_findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    severity: Mapped[str] = mapped_column(String(10))
    municipality: Mapped[int | None] = mapped_column(Integer, index=True)
    subject: Mapped[str] = mapped_column(String(200))
    period: Mapped[str] = mapped_column(String(7), index=True)
    values: Mapped[dict] = mapped_column(JSON)
    message_en: Mapped[str] = mapped_column(Text)
    message_da: Mapped[str] = mapped_column(Text)
    delivery_id: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[FindingStatus] = mapped_column(
        SAEnum(FindingStatus, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e],
               validate_strings=True), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    run_id: Mapped[str] = mapped_column(String(40))
    """The last check run that reported the finding."""
