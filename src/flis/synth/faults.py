"""Realistic faults, injected on purpose and listed in ``manifest.json``.

Each fault is one small function that damages a file the way real deliveries get
damaged, and returns a :class:`Fault` record saying precisely what it did: which
file, which records (1-based, as ranges), which physical lines, which field, and
which layer of flis is expected to notice it (``detect``):

- ``ingest``: validation at ingest must report it (bad codes, dates, encoding, ...);
- ``tolerated``: known vendor drift that ingest must accept (and may note);
- ``plausibility``: formally valid but implausible (doubled counts, unit errors);
- ``completeness``: a delivery that is missing or late.

A file gets at most one file-level fault, so every record of the manifest can be
checked against the file on its own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as dc_field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flis.synth.domains.base import Dataset
from flis.synth.formats.cells import lit
from flis.synth.formats.layout import FIRST_RECORD_LINE, Sheet
from flis.synth.vendor import FileSpec, Vendor

UNKNOWN_MUNICIPALITY = 999
TABLE_FAULTS = ("doubled_count", "unit_error")
CELL_FAULTS = ("invalid_code", "invalid_date", "unknown_municipality", "duplicate_rows")
LAYOUT_FAULTS = ("column_order", "renamed_column")
BYTE_FAULTS = ("wrong_encoding", "truncated")
FILE_FAULTS = TABLE_FAULTS + CELL_FAULTS + LAYOUT_FAULTS + BYTE_FAULTS + ("duplicated_delivery",)
DELIVERY_FAULTS = ("missing_month", "late_delivery")


@dataclass
class Fault:
    kind: str
    detect: str
    municipality: int
    domain: str
    vendor: str
    period: str
    dataset: str | None = None
    file: str | None = None
    field: str | None = None
    records: list[list[int]] = dc_field(default_factory=list)
    """Affected records as inclusive [first, last] ranges, 1-based within the file's records."""
    lines: list[list[int]] = dc_field(default_factory=list)
    """The same records as physical lines (XLSX: sheet rows), as inclusive ranges."""
    detail: dict[str, object] = dc_field(default_factory=dict)
    corrected_by: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if v not in (None, [], {})}


def ranges(numbers: np.ndarray) -> list[list[int]]:
    """Sorted integers as inclusive ranges: [3, 4, 5, 9] -> [[3, 5], [9, 9]]."""
    n = np.unique(np.asarray(numbers, dtype=np.int64))
    if len(n) == 0:
        return []
    breaks = np.flatnonzero(np.diff(n) != 1)
    starts = np.concatenate([[n[0]], n[breaks + 1]])
    ends = np.concatenate([n[breaks], [n[-1]]])
    return [[int(a), int(b)] for a, b in zip(starts, ends)]


def lines_of(vendor: Vendor, records: np.ndarray) -> list[list[int]]:
    first = FIRST_RECORD_LINE[vendor.format] - (0 if vendor.header or vendor.format != "csv" else 1)
    return ranges(np.asarray(records) + first - 1)


def applicable(kind: str, vendor: Vendor, spec: FileSpec, dataset: Dataset, rows: int) -> bool:
    """Whether ``kind`` can hit this file in a realistic way."""
    fields = spec.fields
    if kind in CELL_FAULTS + ("doubled_count", "unit_error", "truncated") and rows == 0:
        return False
    if kind == "doubled_count":
        return dataset.countable and dataset.id_column is not None
    if kind == "unit_error":
        return any(f.money for f in fields)
    if kind == "invalid_code":
        return any(f.kind == "code" for f in fields)
    if kind == "invalid_date":
        return any(f.kind == "date" for f in fields)
    if kind == "unknown_municipality":
        return any(f.municipality for f in fields)
    if kind in LAYOUT_FAULTS:
        # Without a header line, field names only show in records: an empty XML/JSON file cannot show drift.
        headerless = vendor.format in ("xml", "jsonl")
        return vendor.format != "fixed" and len(fields) > 2 and (rows > 0 or not headerless)
    if kind == "truncated":
        return rows >= 3
    if kind == "wrong_encoding":
        return vendor.format != "xlsx"  # a workbook's bytes do not depend on a text encoding
    return True


# --- table stage: formally valid, implausible -------------------------------------------------

def double_count(table: pa.Table, dataset: Dataset) -> tuple[pa.Table, np.ndarray]:
    """Every record appears twice, the copy under a new id (the 4,000-vs-2,000 pupils case)."""
    col = table.column(dataset.id_column)
    if pa.types.is_string(col.type):
        copy_ids = pc.binary_join_element_wise(lit("D"), pc.utf8_slice_codeunits(col, 1), lit(""))
    else:
        copy_ids = pc.add(col, 90_000_000)
    copy = table.set_column(table.schema.get_field_index(dataset.id_column), dataset.id_column, copy_ids)
    n = table.num_rows
    return pa.concat_tables([table, copy.cast(table.schema)]), np.arange(n + 1, 2 * n + 1)


def unit_error(table: pa.Table, spec: FileSpec) -> tuple[pa.Table, list[str]]:
    """Amounts delivered in thousands of kroner although the layout says kroner."""
    names = []
    for f in spec.fields:
        if f.money:
            i = table.schema.get_field_index(f.source)
            table = table.set_column(i, f.source, pc.divide(table.column(f.source).cast(pa.float64()), 1000.0))
            names.append(f.name)
    return table, names


# --- cell stage: visible to validation -----------------------------------------------------------

def _pick_rows(rng: np.random.Generator, rows: int) -> np.ndarray:
    k = int(min(rows, 1 + rng.poisson(2)))
    return np.sort(rng.choice(rows, k, replace=False))


def _replace(col: pa.Array, rows: np.ndarray, value: str) -> pa.Array:
    values = np.array(col.to_pylist(), dtype=object)
    values[rows] = value
    return pa.array(values, pa.string())


def _invalid_code(valid: set[str], width: int) -> str:
    for candidate in ("99", "X", "ZZ", "9", "Q7", "00"):
        c = candidate[:width] if width else candidate
        if c and c not in valid:
            return c
    return "?"


def corrupt_cells(kind: str, rng: np.random.Generator, vendor: Vendor, spec: FileSpec, sheet: Sheet,
                  period: str) -> tuple[Sheet, np.ndarray, str | None, dict[str, object]]:
    """Apply a cell-stage fault; returns the sheet, affected record numbers, field and detail."""
    rows = sheet.rows
    if kind == "duplicate_rows":
        picks = _pick_rows(rng, rows)
        order = np.sort(np.concatenate([np.arange(rows), picks]))
        sheet = Sheet(sheet.names, [c.take(pa.array(order)) for c in sheet.columns], sheet.numeric,
                      sheet.widths, sheet.dates)
        # The second copy of a pick sits right after the first.
        copies = np.searchsorted(order, picks, side="right")
        return sheet, copies, None, {"duplicates_of": [int(p) + 1 for p in picks]}
    picks = _pick_rows(rng, rows)
    if kind == "invalid_code":
        f = rng.choice([f for f in spec.fields if f.kind == "code"])
        value = _invalid_code({str(v) for v in (f.codes or {}).values()}, f.width)
        detail = {"value": value, "expected": sorted(str(v) for v in (f.codes or {}).values())}
    elif kind == "invalid_date":
        f = rng.choice([f for f in spec.fields if f.kind == "date"])
        year = period[:4]
        fmt = f.date_format or vendor.date_format
        if vendor.format == "xlsx":
            fmt = "%d-%m-%Y"
        value = fmt.replace("%Y", year).replace("%m", "02").replace("%d", "30")
        detail = {"value": value, "expected": f"a real date in the format {fmt}"}
    elif kind == "unknown_municipality":
        f = rng.choice([f for f in spec.fields if f.municipality])
        value = str(UNKNOWN_MUNICIPALITY).zfill(f.pad) if f.pad else str(UNKNOWN_MUNICIPALITY)
        detail = {"value": value, "expected": "one of the 98 municipality codes"}
    else:  # pragma: no cover
        raise ValueError(kind)
    i = sheet.names.index(f.name)
    columns = list(sheet.columns)
    columns[i] = _replace(columns[i], picks, value)
    return Sheet(sheet.names, columns, sheet.numeric, sheet.widths, sheet.dates), picks + 1, f.name, detail


# --- layout stage: vendor drift ---------------------------------------------------------------------

def reorder_columns(rng: np.random.Generator, sheet: Sheet) -> tuple[Sheet, dict[str, object]]:
    order = np.arange(len(sheet.names))
    while (order == np.arange(len(order))).all():
        order = rng.permutation(len(order))
    pick = [int(i) for i in order]
    sheet = Sheet([sheet.names[i] for i in pick], [sheet.columns[i] for i in pick],
                  [sheet.numeric[i] for i in pick], [sheet.widths[i] for i in pick], [sheet.dates[i] for i in pick])
    return sheet, {"order": sheet.names}


def rename_column(rng: np.random.Generator, vendor: Vendor, sheet: Sheet) -> tuple[Sheet, str, bool, str]:
    """A vendor upgrade renames a field: announced (declared alias) or not."""
    # In XML and JSON lines a field name only shows where the field has a value.
    visible = [n for n, col in zip(sheet.names, sheet.columns)
               if vendor.format not in ("xml", "jsonl") or pc.any(pc.not_equal(col, lit(""))).as_py()]
    declared = [n for n in visible if n in vendor.aliases]
    if declared and rng.random() < 0.6:
        old = str(rng.choice(declared))
        new, is_declared = vendor.aliases[old], True
    else:
        old = str(rng.choice(visible[1:] or visible))
        new, is_declared = old + "_NY", False
    names = [new if n == old else n for n in sheet.names]
    return Sheet(names, sheet.columns, sheet.numeric, sheet.widths, sheet.dates), old, is_declared, new


# --- byte stage ---------------------------------------------------------------------------------------

def wrong_encoding(raw_utf8: bytes, vendor: Vendor) -> tuple[str, int | None]:
    """The encoding the file is wrongly written in, and the first line where it shows."""
    wrong = "utf-8" if vendor.encoding.lower() in ("cp1252", "windows-1252", "latin-1") else "cp1252"
    for number, line in enumerate(raw_utf8.split(b"\n"), start=1):
        if any(b > 127 for b in line):
            return wrong, number
    return wrong, None


def truncate(data: bytes, rng: np.random.Generator, vendor: Vendor) -> tuple[bytes, dict[str, object]]:
    """Cut the file mid-record, as an interrupted transfer does."""
    cut = int(len(data) * rng.uniform(0.5, 0.95))
    if vendor.format != "xlsx":
        newline = b"\n"
        while cut > 1 and (data[cut - 1:cut] == newline or data[cut:cut + 1] in (b"\r", b"\n")):
            cut -= 1
        line = data[:cut].count(newline) + 1
        return data[:cut], {"bytes_kept": cut, "bytes_expected": len(data), "last_line": line}
    return data[:cut], {"bytes_kept": cut, "bytes_expected": len(data)}
