"""Turn one delivered file into what the load step writes: registry row, findings, canonical rows.

Runs in worker processes (it needs no database): declaration -> read -> map -> validate.
The delivery's identity is a hash of its declaration and its content, so the same file
delivered twice is the same delivery, while two municipalities' byte-identical empty
files are two deliveries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import pyarrow as pa

from flis.findings import Finding, Severity
from flis.ingest.declaration import Declaration, declare
from flis.ingest.rules import apply_rules
from flis.ingest.validate import validate_delivery
from flis.sources.adapter import load_adapters
from flis.sources.formats import read
from flis.sources.formats.base import LINE
from flis.sources.mapping import map_to_canonical
from flis.warehouse.model import load_model


def delivery_id(decl: Declaration, content_sha256: str) -> str:
    return hashlib.sha256(f"{decl.identity()}|{content_sha256}".encode()).hexdigest()[:24]


@dataclass
class Prepared:
    delivery_id: str
    content_sha256: str
    size: int
    file_name: str
    received_at: dt.datetime
    declaration: Declaration
    status: str
    records: int | None
    findings: list[Finding] = field(default_factory=list)
    rows: pa.Table | None = None
    spooled: str | None = None
    """Where a worker put ``rows`` for the writing process (:mod:`flis.ingest.spool`)."""

    def counts(self) -> dict[str, int]:
        out = {s.name.lower(): 0 for s in Severity}
        for f in self.findings:
            out[f.severity.name.lower()] += f.count
        return out


def _with_lineage(table: pa.Table, decl: Declaration, delivery: str) -> pa.Table:
    n = table.num_rows
    out = table.rename_columns([c if c != LINE else "_line" for c in table.column_names])
    period = pa.array([decl.period.first_day] * n, pa.date32()) if n else pa.array([], pa.date32())
    return (out.append_column("_delivery", pa.array([delivery] * n, pa.string()))
            .append_column("_municipality", pa.array([decl.municipality] * n, pa.int16()))
            .append_column("_period", period))


def prepare(data: bytes, file_name: str, received_at: dt.datetime, content_sha256: str | None = None) -> Prepared:
    """Everything about one file except writing it (pure: same bytes and name give the same result)."""
    sha = content_sha256 or hashlib.sha256(data).hexdigest()
    adapters, model = load_adapters(), load_model()
    decl, findings = declare(file_name, adapters)
    ident = delivery_id(decl, sha)
    records: int | None = None
    rows: pa.Table | None = None
    if decl.usable and not findings:
        spec = decl.file_adapter
        result = read(data, spec.format, file_name)
        findings += result.findings
        records = result.table.num_rows
        if result.readable:
            mapped = map_to_canonical(result, spec, model, file_name)
            findings += mapped.findings
            if mapped.table is not None:
                findings += validate_delivery(mapped.table, result, spec.table, decl, file_name)
                rows = mapped.table
    findings = apply_rules(findings)
    rejected = rows is None or any(f.severity.rejects for f in findings)
    status = "rejected" if rejected else "loaded"
    if rows is not None and not rejected:
        rows = _with_lineage(rows, decl, ident)
    else:
        rows = None
    return Prepared(ident, sha, len(data), file_name, received_at, decl, status, records, findings, rows)
