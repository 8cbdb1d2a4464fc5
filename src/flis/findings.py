"""Findings: what a check found, where, and how serious it is.

Severities follow the practice of statistics offices: FATAL (the file cannot be read
at all), ERROR (the delivery is rejected), WARNING and INFO (the delivery is loaded and
the finding is attached to it). Every finding has a stable ``code`` (see
``docs/findings.md``), a location (file, line, field) and a message written for the
municipal data steward who must act on it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import IntEnum


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3
    FATAL = 4

    @property
    def rejects(self) -> bool:
        """FATAL and ERROR findings reject the delivery."""
        return self >= Severity.ERROR


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    file: str = ""
    line: int | None = None
    field: str | None = None
    value: str | None = None
    expected: str | None = None
    count: int = 1
    """How many records share this finding (the location is the first of them)."""

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["severity"] = self.severity.name
        return out

    def where(self) -> str:
        parts = [self.file] if self.file else []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ", ".join(parts)
