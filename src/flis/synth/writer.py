"""Write one municipality's deliveries, injecting the planned faults.

For every frame a domain yields, the writer picks the municipality's vendor for that
domain, renders the vendor's file, perhaps damages it (see ``faults``), and writes it
under ``deliveries/<municipality>/<domain>/``. It records every file in the index
(what a transport log would show: who delivered what, when) and every fault in the
manifest. Corrected re-deliveries and duplicated deliveries get sequence number 2.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from flis.periods import Period
from flis.synth import faults as F
from flis.synth.context import MunicipalityContext
from flis.synth.domains.base import Domain, Frame
from flis.synth.files import render, to_bytes
from flis.synth.vendor import FileSpec, Vendor

DUE_DAYS = 15
"""Deliveries are due by the 15th of the following month; normal ones arrive in its first 12 days."""
CORRECTION_SHARE = 0.5
"""Share of damaged deliveries for which the vendor later sends a corrected file."""


@dataclass
class FileEntry:
    path: str
    municipality: int
    domain: str
    vendor: str
    system: str
    dataset: str
    period: str
    sequence: int
    format: str
    encoding: str
    records: int
    bytes: int
    sha256: str
    delivered_at: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def choose_vendor(domain: Domain, municipality: int, seed: int) -> Vendor:
    """The vendor a municipality buys for a domain: fixed for a seed, spread by market share."""
    rng = np.random.default_rng([seed, municipality, zlib.crc32(domain.name.encode())])
    shares = np.array([v.share for v in domain.vendors], dtype=float)
    return domain.vendors[int(rng.choice(len(shares), p=shares / shares.sum()))]


class MunicipalityWriter:
    def __init__(self, ctx: MunicipalityContext, out: Path) -> None:
        self.ctx = ctx
        self.out = out
        self.rng = ctx.rng("faults")
        self.files: list[FileEntry] = []
        self.faults: list[F.Fault] = []
        self.kinds = set(ctx.config.fault_kinds) if ctx.config.fault_rate > 0 else set()
        self.rate = ctx.config.fault_rate
        self._delivery: dict[tuple[str, Period], tuple[dt.datetime, str | None]] = {}
        self._missing_noted: set[tuple[str, Period]] = set()

    # -- delivery-level plan -------------------------------------------------------------------------

    def _delivery_plan(self, domain: str, period: Period) -> tuple[dt.datetime, str | None]:
        key = (domain, period)
        if key not in self._delivery:
            rng = self.ctx.rng(f"delivery/{domain}/{period}")
            month_end = dt.datetime.combine((period + 1).first_day, dt.time())
            at = month_end + dt.timedelta(days=int(rng.integers(1, 12)), minutes=int(rng.integers(60, 23 * 60)))
            fault = None
            options = [k for k in F.DELIVERY_FAULTS if k in self.kinds]
            if options and self.rng.random() < self.rate:
                fault = str(self.rng.choice(options))
                if fault == "late_delivery":
                    at = month_end + dt.timedelta(days=DUE_DAYS + int(rng.integers(3, 45)),
                                                  minutes=int(rng.integers(60, 23 * 60)))
            self._delivery[key] = (at, fault)
        return self._delivery[key]

    # -- files ---------------------------------------------------------------------------------------

    def _write(self, domain: Domain, vendor: Vendor, spec: FileSpec, period: Period, data: bytes,
               records: int, sequence: int, at: dt.datetime, encoding: str | None = None) -> str:
        name = vendor.file_name(spec, self.ctx.code, str(period), sequence)
        rel = Path("deliveries") / f"{self.ctx.code:03d}" / domain.name / name
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        stamp = at.replace(tzinfo=dt.timezone.utc).timestamp()
        os.utime(path, (stamp, stamp))
        self.files.append(FileEntry(
            rel.as_posix(), self.ctx.code, domain.name, vendor.key, vendor.system, spec.dataset, str(period),
            sequence, vendor.format, encoding or vendor.encoding, records, len(data),
            hashlib.sha256(data).hexdigest(), at.isoformat(timespec="seconds") + "Z"))
        return rel.as_posix()

    def _fault(self, kind: str, detect: str, domain: Domain, vendor: Vendor, period: Period, **kw) -> F.Fault:
        fault = F.Fault(kind, detect, self.ctx.code, domain.name, vendor.key, str(period), **kw)
        self.faults.append(fault)
        return fault

    def _pick_file_fault(self, domain: Domain, vendor: Vendor, spec: FileSpec, rows: int) -> str | None:
        if not self.kinds or self.rng.random() >= self.rate:
            return None
        dataset = domain.dataset(spec.dataset)
        options = [k for k in F.FILE_FAULTS if k in self.kinds and F.applicable(k, vendor, spec, dataset, rows)]
        return str(self.rng.choice(options)) if options else None

    def write_frame(self, domain: Domain, vendor: Vendor, frame: Frame) -> None:
        spec = vendor.file_for(frame.dataset)
        if spec is None:
            return
        period = frame.period
        at, delivery_fault = self._delivery_plan(domain.name, period)
        if delivery_fault == "missing_month":
            self._note_missing(domain, vendor, spec, period)
            return
        if delivery_fault == "late_delivery" and (domain.name, period) not in self._missing_noted:
            self._missing_noted.add((domain.name, period))
            self._fault("late_delivery", "completeness", domain, vendor, period,
                        detail={"delivered_at": at.isoformat(timespec="seconds") + "Z",
                                "due": ((period + 1).first_day + dt.timedelta(days=DUE_DAYS - 1)).isoformat()})
        kind = self._pick_file_fault(domain, vendor, spec, frame.table.num_rows)
        self._write_with_fault(domain, vendor, spec, frame, at, kind)

    def _note_missing(self, domain: Domain, vendor: Vendor, spec: FileSpec, period: Period) -> None:
        key = (domain.name, period)
        name = vendor.file_name(spec, self.ctx.code, str(period))
        if key in self._missing_noted:
            fault = next(f for f in self.faults if f.kind == "missing_month" and f.domain == domain.name
                         and f.period == str(period))
            fault.detail["files"].append(name)
            return
        self._missing_noted.add(key)
        self._fault("missing_month", "completeness", domain, vendor, period, detail={"files": [name]})

    def _write_with_fault(self, domain: Domain, vendor: Vendor, spec: FileSpec, frame: Frame,
                          at: dt.datetime, kind: str | None) -> None:
        period, code, rng = str(frame.period), self.ctx.code, self.rng
        dataset = domain.dataset(spec.dataset)
        table = frame.table
        info: dict[str, object] = {}
        if kind == "doubled_count":
            table, recs = F.double_count(table, dataset)
            info = {"records": recs, "detail": {"records_before": frame.table.num_rows,
                                                 "records_after": table.num_rows}}
        elif kind == "unit_error":
            table, names = F.unit_error(table, spec)
            info = {"records": np.arange(1, table.num_rows + 1), "field": names[0],
                    "detail": {"fields": names, "factor": 0.001}}
        sheet = render(vendor, spec, table)
        if kind in F.CELL_FAULTS:
            sheet, recs, field, detail = F.corrupt_cells(kind, rng, vendor, spec, sheet, period)
            info = {"records": recs, "field": field, "detail": detail}
        elif kind == "column_order":
            sheet, detail = F.reorder_columns(rng, sheet)
            info = {"detail": detail}
        elif kind == "renamed_column":
            sheet, old, declared, new = F.rename_column(rng, vendor, sheet)
            info = {"field": old, "detail": {"renamed_to": new, "declared_alias": declared},
                    "detect": "tolerated" if declared else "ingest"}
        data = to_bytes(vendor, spec, sheet, code, period)
        encoding = None
        if kind == "wrong_encoding":
            wrong, line = F.wrong_encoding(to_bytes(vendor, spec, sheet, code, period, "utf-8"), vendor)
            if line is None:
                kind = None
            else:
                data = to_bytes(vendor, spec, sheet, code, period, wrong)
                info = {"lines": [[line, line]], "detail": {"declared": vendor.encoding, "actual": wrong}}
                encoding = wrong
        elif kind == "truncated":
            data, detail = F.truncate(data, rng, vendor)
            info = {"detail": detail}
            if "last_line" in detail:
                info["lines"] = [[detail["last_line"], detail["last_line"]]]
        path = self._write(domain, vendor, spec, frame.period, data, sheet.rows, 1, at, encoding)
        if kind is None:
            return
        records = info.get("records")
        fault = self._fault(
            kind, str(info.get("detect", _DETECT[kind])), domain, vendor, frame.period, dataset=spec.dataset,
            file=path, field=info.get("field"),
            records=F.ranges(records) if records is not None else [],
            lines=info.get("lines") or (F.lines_of(vendor, records) if records is not None else []),
            detail=info.get("detail", {}))
        later = at + dt.timedelta(days=int(rng.integers(5, 25)), hours=int(rng.integers(1, 12)))
        if kind == "duplicated_delivery":
            fault.detail["copy"] = self._write(domain, vendor, spec, frame.period, data, sheet.rows, 2, later)
        elif fault.detect in ("ingest", "plausibility") and rng.random() < CORRECTION_SHARE:
            clean = to_bytes(vendor, spec, render(vendor, spec, frame.table), code, period)
            fault.corrected_by = self._write(domain, vendor, spec, frame.period, clean, frame.table.num_rows,
                                             2, later)


_DETECT = {
    "doubled_count": "plausibility", "unit_error": "plausibility", "invalid_code": "ingest",
    "invalid_date": "ingest", "unknown_municipality": "ingest", "duplicate_rows": "ingest",
    "column_order": "tolerated", "renamed_column": "ingest", "wrong_encoding": "ingest", "truncated": "ingest",
    "duplicated_delivery": "ingest",
}
