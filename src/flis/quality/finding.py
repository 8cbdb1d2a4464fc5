"""A quality finding as the checks produce it, before it is stored, and numbers written for people.

Messages come in English and Danish with the numbers in each language's notation
("4,012.5" / "4.012,5"), so a data steward reads "4,012 rows; the median of the previous 12 months is
2,003" and can answer without opening the code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from flis.findings import Severity
from flis.quality.codes import CODES


@dataclass
class QualityFinding:
    code: str
    municipality: int | None
    subject: str
    """What the finding is about: ``schools.pupils#rows``, ``SCH001#numerator``, ``schools/system``, ..."""
    period: str
    """The month, ``YYYY-MM``."""
    values: dict[str, object]
    """The numbers behind it (value, reference, score, ...), ready for JSON."""
    message_en: str
    message_da: str
    delivery_id: str | None = None
    """The delivery the finding is about, when it is about one."""
    in_force: bool = True
    """False when a later delivery has already superseded the one found wrong (stored as corrected)."""
    tables: tuple[str, ...] = field(default_factory=tuple)
    """The canonical tables behind the subject."""

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def key(self) -> str:
        """The identity of a finding: the same check on the same data finds the same key."""
        parts = [self.code, str(self.municipality or ""), self.subject, self.period, self.delivery_id or ""]
        return "|".join(parts)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "severity": self.severity.name, "municipality": self.municipality,
                "subject": self.subject, "period": self.period, "values": self.values,
                "message_en": self.message_en, "message_da": self.message_da, "delivery_id": self.delivery_id,
                "in_force": self.in_force, "tables": list(self.tables)}


def number(x: float | None, decimals: int | None = None, lang: str = "en") -> str:
    """A number for a message: whole numbers with thousands separators, small ones with a few decimals."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    x = float(x)
    if decimals is None:
        decimals = 0 if abs(x) >= 100 or x == int(x) else (1 if abs(x) >= 10 else 2 if abs(x) >= 0.01 else 6)
    text = f"{x:,.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def both(x: float | None, decimals: int | None = None) -> tuple[str, str]:
    """The number in English and in Danish notation."""
    return number(x, decimals, "en"), number(x, decimals, "da")


def clean(value: object) -> object:
    """A JSON-safe value: floats rounded to 6 significant digits, NaN as None."""
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return float(f"{value:.6g}")
    if hasattr(value, "item"):  # numpy scalars
        return clean(value.item())
    return value


def clean_values(values: dict[str, object]) -> dict[str, object]:
    return {k: clean(v) for k, v in values.items()}
