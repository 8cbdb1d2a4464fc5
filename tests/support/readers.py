"""Independent readers for generated vendor files, built on the standard library and openpyxl only.

They are the tests' oracle for "the file parses with the format its vendor declares": they
share no code with the generator's writers or with flis's own ingest readers.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from flis.synth.domains import DOMAINS
from flis.synth.vendor import FileSpec, Vendor


@dataclass
class Parsed:
    names: list[str]
    records: list[dict[str, str]]
    attributes: dict[str, str]


def vendor_and_spec(path: Path) -> tuple[Vendor, FileSpec]:
    """The vendor and file layout a generated file name declares."""
    key, file_name = path.name.split("_")[:2]
    for domain in DOMAINS:
        for vendor in domain.vendors:
            if vendor.key == key:
                return vendor, next(f for f in vendor.files if f.name == file_name)
    raise LookupError(path.name)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "date"):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse(path: Path, vendor: Vendor | None = None, spec: FileSpec | None = None,
          encoding: str | None = None) -> Parsed:
    if vendor is None or spec is None:
        vendor, spec = vendor_and_spec(path)
    data = path.read_bytes()
    if vendor.format == "xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        rows = list(wb.worksheets[0].iter_rows(values_only=True))
        names = [str(n) for n in rows[0]]
        return Parsed(names, [dict(zip(names, map(_cell, r))) for r in rows[1:]], {})
    text = data.decode(encoding or vendor.encoding)
    if vendor.format == "csv":
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=vendor.delimiter))
        names = rows[0]
        return Parsed(names, [dict(zip(names, r)) for r in rows[1:]], {})
    if vendor.format == "fixed":
        lines = text.split(vendor.newline)
        assert lines[-1] == "", "fixed-width file must end with a line end"
        names = [f.name for f in spec.fields]
        records = []
        for line in lines[:-1]:
            assert len(line) == sum(f.width for f in spec.fields), f"record length {len(line)}: {line!r}"
            pos, rec = 0, {}
            for f in spec.fields:
                rec[f.name] = line[pos:pos + f.width].strip()
                pos += f.width
            records.append(rec)
        return Parsed(names, records, {})
    if vendor.format == "xml":
        root = ET.fromstring(data if encoding is None else text.encode("utf-8"))
        assert root.tag == spec.root
        records = [{child.tag: (child.text or "") for child in rec} for rec in root]
        assert all(rec_el.tag == spec.record for rec_el in root)
        names = list(dict.fromkeys(k for r in records for k in r)) or [f.name for f in spec.fields]
        return Parsed(names, records, dict(root.attrib))
    records = [{k: ("" if v is None else str(v)) for k, v in json.loads(line).items()}
               for line in text.splitlines() if line]
    names = list(records[0]) if records else [f.name for f in spec.fields]
    return Parsed(names, records, {})
