"""What every file-format reader takes and returns.

A reader turns the bytes of one delivered file into a table of *strings*, one column
per field as named in the file, plus ``_line``: the physical line (XLSX: the sheet
row) each record starts on, so every later finding can name its line. Readers never
raise on bad input: what they cannot read becomes a finding (FATAL when nothing
trustworthy can be read), and they return whatever could be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pyarrow as pa

from flis.findings import Finding

FormatKind = Literal["csv", "fixed", "xml", "jsonl", "xlsx"]
LINE = "_line"


@dataclass(frozen=True)
class FixedField:
    name: str
    width: int


@dataclass(frozen=True)
class FileFormat:
    """The physical format an adapter declares for a file."""

    kind: FormatKind
    encoding: str = "utf-8"
    delimiter: str = ";"
    quote: str = '"'
    header: bool = True
    fixed_fields: tuple[FixedField, ...] = ()
    """Fixed-width layout, in order (fixed only)."""
    root: str | None = None
    """Expected root element (xml only)."""
    record: str | None = None
    """Element per record (xml only)."""
    sheet: str | None = None
    """Sheet name (xlsx only; default: the first sheet)."""


@dataclass
class ReadResult:
    table: pa.Table
    """All columns ``pa.string()`` (missing values as null), names as in the file, plus ``_line`` (int32)."""
    columns: list[str]
    """Field names in the order the file has them (header, element or key order)."""
    findings: list[Finding] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    """Root-element attributes (xml), e.g. the municipality and period the file declares."""
    trimmed: frozenset[str] = frozenset()
    """Fields whose values the reader already trimmed of all leading and trailing whitespace (what
    ``utf8_trim_whitespace`` trims): mapping takes them as they are instead of trimming them again."""

    @property
    def readable(self) -> bool:
        return not any(f.severity.name == "FATAL" for f in self.findings)
