"""What a delivery declares about itself: source system, file, municipality and period.

Deliveries arrive as files named ``<vendor key>_<file>_<municipality>_<YYYYMM>[_<n>].<ext>``;
the name is the declaration the transport gives us. A name that does not follow it, or a
vendor key no adapter knows, makes a delivery flis cannot place: it is still archived and
registered, and rejected with a FATAL finding that says what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from flis import reference
from flis.findings import Finding, Severity
from flis.periods import Period
from flis.sources.adapter import Adapter, FileAdapter, load_adapters

NAME = re.compile(r"^(?P<key>[a-z0-9]+)_(?P<file>[a-z0-9]+)_(?P<municipality>\d{3,4})_(?P<period>\d{6})"
                  r"(?:_(?P<sequence>\d+))?\.(?P<ext>[A-Za-z0-9]+)$")


@dataclass(frozen=True)
class Declaration:
    file_name: str
    key: str | None = None
    file_kind: str | None = None
    municipality: int | None = None
    period: Period | None = None
    sequence: int = 1
    adapter: Adapter | None = None
    file_adapter: FileAdapter | None = None

    @property
    def usable(self) -> bool:
        return self.file_adapter is not None and self.municipality is not None and self.period is not None

    def identity(self) -> str:
        """The declared identity that, with the content, makes a delivery unique."""
        return f"{self.key}|{self.file_kind}|{self.municipality}|{self.period}"

    def __reduce__(self):
        """Pickled as its file name and declared again where it is unpickled, when its adapter is one flis
        ships: an ingest worker hands every delivery's declaration to the writing process, and the adapter
        it refers to is 7 KB pickled."""
        if self.adapter is None or load_adapters().get(self.key) is self.adapter:
            return _declared, (self.file_name,)
        return Declaration, tuple(getattr(self, f.name) for f in fields(self))


def _declared(file_name: str) -> Declaration:
    return declare(file_name, load_adapters())[0]


def declare(file_name: str, adapters: dict[str, Adapter]) -> tuple[Declaration, list[Finding]]:
    m = NAME.match(file_name)
    if not m:
        return Declaration(file_name), [Finding(
            "declaration.unreadable_name", Severity.FATAL,
            f"the file name '{file_name}' does not say who delivered what: expected "
            "<vendor>_<file>_<municipality>_<YYYYMM>.<ext>, e.g. skolesys_elever_101_202403.csv", file_name)]
    findings: list[Finding] = []
    municipality = int(m["municipality"])
    if not reference.is_municipality_code(municipality):
        findings.append(Finding("declaration.unknown_municipality", Severity.FATAL,
                                f"the file name declares municipality {m['municipality']}, which is not one of "
                                "the 98 municipality codes", file_name, field="municipality",
                                value=m["municipality"], expected="one of the 98 municipality codes"))
        municipality = None
    try:
        period = Period.parse(m["period"])
    except Exception:
        findings.append(Finding("declaration.invalid_period", Severity.FATAL,
                                f"the file name declares the period {m['period']}, which is not a month (YYYYMM)",
                                file_name, field="period", value=m["period"], expected="YYYYMM"))
        period = None
    adapter = adapters.get(m["key"])
    file_adapter = adapter.files.get(m["file"]) if adapter else None
    if adapter is None:
        findings.append(Finding("declaration.unknown_source", Severity.FATAL,
                                f"no adapter knows the source system '{m['key']}' (known: "
                                f"{', '.join(sorted(adapters))}); a new vendor needs an adapter first",
                                file_name, field="vendor", value=m["key"]))
    elif file_adapter is None:
        findings.append(Finding("declaration.unknown_file", Severity.FATAL,
                                f"{adapter.vendor} delivers no file called '{m['file']}' (expected one of "
                                f"{', '.join(adapter.files)})", file_name, field="file", value=m["file"]))
    return Declaration(file_name, m["key"], m["file"], municipality, period, int(m["sequence"] or 1),
                       adapter, file_adapter), findings
