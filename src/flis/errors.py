"""One error root for the whole system.

Every error a user can meet is a :class:`FlisError` subclass with a stable ``code``.
The CLI and (later) the API show the same code and message, so a data steward can
quote the code in a support request and a developer can find the raise site.
Codes are registered when a subclass is defined; a duplicate code is a programming
error and fails at import time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class SourceLocation:
    """Where in a delivered file something was found (1-based line numbers)."""

    file: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field is not None:
            parts.append(f"field '{self.field}'")
        return ", ".join(parts)


ERROR_CODES: dict[str, type["FlisError"]] = {}


class FlisError(Exception):
    """Root of every error flis raises on purpose.

    ``code`` is stable across releases; ``message`` is written for the person who
    must act on it (file, line, field, what was expected); ``hint`` says what to do.
    """

    code: ClassVar[str] = "flis.error"
    exit_code: ClassVar[int] = 1

    def __init__(self, message: str, *, hint: str | None = None,
                 location: SourceLocation | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.location = location

    def __init_subclass__(cls, **kwargs: object) -> None:
        # Register the subclass under its code so that codes stay unique and listable.
        super().__init_subclass__(**kwargs)
        if cls.code in ERROR_CODES:
            raise RuntimeError(f"duplicate error code {cls.code!r} on {cls.__name__}")
        ERROR_CODES[cls.code] = cls

    def __str__(self) -> str:
        text = self.message if self.location is None else f"{self.location}: {self.message}"
        return text if self.hint is None else f"{text} ({self.hint})"

    def to_dict(self) -> dict[str, object]:
        """The error shape shared by the CLI's ``--json`` output and the API."""
        out: dict[str, object] = {"code": self.code, "message": self.message}
        if self.hint:
            out["hint"] = self.hint
        if self.location is not None:
            out["location"] = {"file": self.location.file, "line": self.location.line,
                               "field": self.location.field}
        return out


ERROR_CODES[FlisError.code] = FlisError


class ConfigError(FlisError):
    """A setting or command-line option has a value flis cannot use."""

    code = "config.invalid"
    exit_code = 2


class UnknownMunicipality(FlisError):
    """A municipality code or name that is not one of the 98."""

    code = "reference.unknown_municipality"
    exit_code = 2


class PeriodError(FlisError):
    """A period that is not a valid ``YYYY-MM`` month."""

    code = "period.invalid"
    exit_code = 2


class SynthError(FlisError):
    """The synthetic source-system generator cannot do what was asked."""

    code = "synth.failed"


class OutputExists(FlisError):
    """Refusing to write into a directory that already holds other output."""

    code = "synth.output_exists"
    exit_code = 2
