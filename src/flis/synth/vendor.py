"""How a fictional vendor writes its extracts: declarative file layouts.

A :class:`Vendor` is one source system (for example a school-administration system)
with one file format, one encoding and its own names and code lists. Each
:class:`FileSpec` says how one canonical dataset (pupils, classes, ledger postings,
...) appears in that vendor's files, field by field. Rendering is vectorised: a
field's whole column is formatted at once (see ``formats.cells``) and the layout
writers only join strings.

The same declarations generate ``docs/synthetic-sources.md``, so the documentation of
each vendor's format cannot drift from what the generator writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Format = Literal["csv", "fixed", "xml", "jsonl", "xlsx"]
Kind = Literal["text", "int", "decimal", "date", "code", "flag"]

EXTENSIONS: dict[str, str] = {"csv": "csv", "fixed": "txt", "xml": "xml", "jsonl": "jsonl", "xlsx": "xlsx"}


@dataclass(frozen=True)
class Field:
    """One column (CSV/XLSX), element (XML), key (JSON) or fixed-width slot."""

    name: str
    source: str
    kind: Kind = "text"
    decimals: int = 0
    codes: Mapping[object, str] | None = None
    width: int = 0
    pad: int = 0
    date_format: str | None = None
    thousands: str = ""
    """Thousands separator some vendors put in amounts (e.g. '.' in 1.234.567,89)."""
    money: bool = False
    """Amount in kroner: the field a unit error (kroner vs thousands) would hit."""
    municipality: bool = False
    """Holds a municipality code: the field an unknown-municipality fault would hit."""
    description: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "decimal") and not self.pad


@dataclass(frozen=True)
class FileSpec:
    """How one canonical dataset is laid out in a vendor's file."""

    dataset: str
    name: str
    fields: tuple[Field, ...]
    record: str = "record"
    root: str = "records"
    description: str = ""

    def field_named(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class Vendor:
    """A fictional source system: who delivers, in which format, with which conventions."""

    key: str
    name: str
    domain: str
    system: str
    format: Format
    files: tuple[FileSpec, ...]
    encoding: str = "utf-8"
    delimiter: str = ";"
    decimal_mark: str = ","
    date_format: str = "%Y-%m-%d"
    newline: str = "\r\n"
    header: bool = True
    share: float = 0.5
    aliases: Mapping[str, str] = field(default_factory=dict)
    """Renames announced for the vendor's next upgrade: current field name -> new name."""
    description: str = ""

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]

    def file_for(self, dataset: str) -> FileSpec | None:
        return next((f for f in self.files if f.dataset == dataset), None)

    def file_name(self, spec: FileSpec, municipality: int, period: str, sequence: int = 1) -> str:
        """``<vendor>_<file>_<municipality>_<YYYYMM>[_<n>].<ext>``; ``n`` numbers re-deliveries."""
        stem = f"{self.key}_{spec.name}_{municipality:03d}_{period.replace('-', '')}"
        if sequence > 1:
            stem += f"_{sequence}"
        return f"{stem}.{self.extension}"

