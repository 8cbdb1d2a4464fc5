"""Turn delivered files into what the load step writes: registry row, findings, canonical rows.

Runs in worker processes (it needs no database): declaration -> read -> map -> validate. Small files of
one kind are mapped and validated together (:func:`prepare_many`), each with the result it gets alone.
The delivery's identity is a hash of its declaration and its content, so the same file
delivered twice is the same delivery, while two municipalities' byte-identical empty
files are two deliveries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from flis.findings import Finding, Severity
from flis.ingest.declaration import Declaration, declare
from flis.ingest.rules import apply_rules
from flis.ingest.validate import validate_files
from flis.sources.adapter import load_adapters
from flis.sources.formats import read_many
from flis.sources.formats.base import LINE, ReadResult
from flis.sources.mapping import map_files
from flis.warehouse.model import Model, load_model


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
    part: tuple[str, int, int] | None = None
    """While a worker hands ``rows`` to the writing process: the canonical table, first row and number of rows
    of this delivery's rows among those handed over with it (``pipeline._Handover``)."""
    within: tuple[pa.Table, int] | None = None
    """The table ``rows`` is a slice of, and its first row there: in a worker, the rows of the files prepared
    together (``pipeline._Handover.pack`` hands them over whole); in the writing process, the table handed
    over, so that the rows of deliveries handed over together are written as one piece (``load.write_many``)."""

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(_SEVERITY_NAMES.values(), 0)
        for f in self.findings:
            out[_SEVERITY_NAMES[f.severity]] += f.count
        return out


_SEVERITY_NAMES = {s: s.name.lower() for s in Severity}
"""Looked up once: the writing process counts the findings of every delivery."""


def _with_lineage(table: pa.Table, decls: list[Declaration], deliveries: list[str],
                  counts: np.ndarray) -> pa.Table:
    """The rows with the delivery, municipality and period each came from (``counts``: rows per delivery)."""
    n = table.num_rows
    out = table.rename_columns([c if c != LINE else "_line" for c in table.column_names])
    if len(decls) == 1:
        delivery = pa.array(deliveries * n, pa.string())
        municipality = pa.array([decls[0].municipality] * n, pa.int16())
        period = pa.array([decls[0].period.first_day] * n, pa.date32())
    else:
        owner = pa.array(np.repeat(np.arange(len(decls)), counts))
        delivery = pa.array(deliveries, pa.string()).take(owner)
        municipality = pa.array([d.municipality for d in decls], pa.int16()).take(owner)
        period = pa.array([d.period.first_day for d in decls], pa.date32()).take(owner)
    return (out.append_column("_delivery", delivery).append_column("_municipality", municipality)
            .append_column("_period", period))


def prepare(data: bytes, file_name: str, received_at: dt.datetime, content_sha256: str | None = None) -> Prepared:
    """Everything about one file except writing it (pure: same bytes and name give the same result)."""
    return prepare_many([(data, file_name, received_at, content_sha256)])[0]


@dataclass
class _Read:
    """A file that was declared and read, waiting to be mapped with the others of its kind."""

    at: int
    data: bytes
    name: str
    received_at: dt.datetime
    sha: str
    declaration: Declaration
    result: ReadResult | None
    """None when the file could not be declared (and so not read)."""


def prepare_many(files: list[tuple[bytes, str, dt.datetime, str | None]]) -> list[Prepared]:
    """:func:`prepare` for several files (bytes, name, time of receipt, content hash or None), in order.

    Files of the same kind (one adapter file, the same fields) are mapped and checked as one table, which
    costs about as much as one file of their joint size: most deliveries are small, and mapping a file
    costs a fixed part for each of its columns. Each file gets what :func:`prepare` gives it alone; its
    rows are a slice of the rows the files of its kind share."""
    adapters, model = load_adapters(), load_model()
    out: list[Prepared | None] = [None] * len(files)
    declared: dict[int, list[tuple[int, Declaration]]] = {}  # file adapter -> its files, read together
    for at, (data, name, received_at, sha) in enumerate(files):
        decl, findings = declare(name, adapters)
        if not decl.usable or findings:
            sha = sha or hashlib.sha256(data).hexdigest()
            out[at] = _prepared([findings], [_Read(at, data, name, received_at, sha, decl, None)], None)[0]
        else:
            declared.setdefault(id(decl.file_adapter), []).append((at, decl))
    kinds: dict[tuple, list[_Read]] = {}
    for group in declared.values():
        fmt = group[0][1].file_adapter.format
        results = read_many([files[at][0] for at, _ in group], fmt, [files[at][1] for at, _ in group])
        for (at, decl), result in zip(group, results):
            data, name, received_at, sha = files[at]
            item = _Read(at, data, name, received_at, sha or hashlib.sha256(data).hexdigest(), decl, result)
            if not result.readable:
                out[at] = _mapped([item], model)[0]
                continue
            # Empty files are mapped with the empty ones of their kind: in an empty XML or JSON file, missing
            # fields are not missing values.
            kinds.setdefault((id(decl.file_adapter), tuple(result.columns), tuple(result.table.column_names),
                              result.table.num_rows == 0), []).append(item)
    for items in kinds.values():
        for item, prepared in zip(items, _mapped(items, model)):
            out[item.at] = prepared
    return out


def _mapped(items: list[_Read], model: Model) -> list[Prepared]:
    """Files of one kind, read: mapped and checked as one table."""
    spec = items[0].declaration.file_adapter
    findings = [list(item.result.findings) for item in items]
    if not items[0].result.readable:
        return _prepared(findings, items, None)
    counts = np.array([item.result.table.num_rows for item in items], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    names = [item.name for item in items]
    joint = items[0].result
    if len(items) > 1:
        joint = ReadResult(pa.concat_tables([item.result.table for item in items]), joint.columns,
                           trimmed=frozenset.intersection(*(item.result.trimmed for item in items)))
    table, mapped = map_files(joint, spec, model, names, starts)
    checked = (validate_files(table, [item.result for item in items], spec.table,
                              [item.declaration for item in items], names, starts)
               if table is not None else [[] for _ in items])
    return _prepared([f + m + c for f, m, c in zip(findings, mapped, checked)], items, table, counts)


def _prepared(findings: list[list[Finding]], items: list[_Read], table: pa.Table | None,
              counts: np.ndarray | None = None) -> list[Prepared]:
    """The outcome of each file; a loaded file's rows are its slice of the rows of the loaded files."""
    findings = [apply_rules(f) for f in findings]
    loaded = [table is not None and not any(f.severity.rejects for f in found) for found in findings]
    rows = None
    if any(loaded):
        keep = [item for item, ok in zip(items, loaded) if ok]
        kept = counts[np.array(loaded)]
        if not all(loaded):
            table = table.filter(pa.array(np.repeat(np.array(loaded), counts)))
        rows = _with_lineage(table, [item.declaration for item in keep],
                             [delivery_id(item.declaration, item.sha) for item in keep], kept)
        ends = dict(zip((item.at for item in keep), np.cumsum(kept)))
    out = []
    for item, found, ok in zip(items, findings, loaded):
        decl = item.declaration
        records = item.result.table.num_rows if item.result is not None else None
        mine = rows.slice(ends[item.at] - records, records) if ok else None
        out.append(Prepared(delivery_id(decl, item.sha), item.sha, len(item.data), item.name, item.received_at,
                            decl, "loaded" if ok else "rejected", records, found, mine,
                            within=(rows, int(ends[item.at]) - records) if ok else None))
    return out
