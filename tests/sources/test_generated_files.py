"""Every reader on what the generator writes: clean files read cleanly and completely, and
every fault that is visible when reading is reported with the right code, severity and line."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from support.readers import parse, vendor_and_spec

from flis.synth.vendor import FileSpec, Vendor

from flis.findings import Severity
from flis.sources.formats import LINE, read
from flis.synth.formats.layout import FIRST_RECORD_LINE


def file_format(vendor: Vendor, spec: FileSpec):
    from flis.sources.formats import FileFormat, FixedField

    fixed = tuple(FixedField(f.name, f.width) for f in spec.fields) if vendor.format == "fixed" else ()
    return FileFormat(
        kind=vendor.format, encoding=vendor.encoding, delimiter=vendor.delimiter, header=vendor.header,
        fixed_fields=fixed,
        root=spec.root if vendor.format == "xml" else None,
        record=spec.record if vendor.format == "xml" else None,
        sheet=spec.name if vendor.format == "xlsx" else None)


def _read(run, entry):
    vendor, spec = vendor_and_spec(run.out / entry.path)
    return read((run.out / entry.path).read_bytes(), file_format(vendor, spec), entry.path)


def _same(ours: str | None, oracle: str) -> bool:
    """Equal as text, or as numbers (the oracle writes 30241.0 where the reader writes 30241)."""
    ours = ours or ""
    if ours == oracle:
        return True
    try:
        return math.isclose(float(ours), float(oracle))
    except ValueError:
        return False


def test_every_vendor_and_format_is_covered(clean_run):
    assert {f.format for f in clean_run.files} == {"csv", "fixed", "xml", "jsonl", "xlsx"}
    assert len({f.vendor for f in clean_run.files}) == 20


def test_clean_files_read_completely_with_no_errors(clean_run):
    for entry in clean_run.files:
        result = _read(clean_run, entry)
        serious = [f for f in result.findings if f.severity >= Severity.ERROR]
        assert not serious, (entry.path, serious)
        assert result.table.num_rows == entry.records, entry.path
        lines = result.table.column(LINE).to_numpy()
        first = FIRST_RECORD_LINE[entry.format]
        assert (lines == np.arange(first, first + entry.records)).all(), entry.path
        assert result.table.schema.names == result.columns + [LINE]


def test_clean_files_hold_what_an_independent_reader_sees(clean_run):
    for entry in clean_run.files:
        result = _read(clean_run, entry)
        oracle = parse(clean_run.out / entry.path)
        if entry.format == "xml" and oracle.records:
            # An element missing from the first records still takes its place in the layout's order.
            _, spec = vendor_and_spec(clean_run.out / entry.path)
            assert result.columns == [f.name for f in spec.fields if f.name in oracle.names], entry.path
        elif oracle.records:
            assert result.columns == oracle.names, entry.path
        assert result.attributes == oracle.attributes, entry.path
        for ours, theirs in zip(result.table.to_pylist(), oracle.records):
            for name, value in theirs.items():
                assert _same(ours[name], value), (entry.path, ours[LINE], name, ours[name], value)


def test_read_faults_cover_every_format_and_both_encoding_directions(read_fault_run):
    formats = {f.path: f.format for f in read_fault_run.files}
    seen = {(f.kind, formats[f.file], f.detail.get("declared")) for f in read_fault_run.faults}
    for kind in ("csv", "fixed", "xml", "jsonl", "xlsx"):
        assert ("truncated", kind, None) in seen
    for kind, declared in (("csv", "cp1252"), ("csv", "utf-8"), ("fixed", "cp1252"), ("xml", "utf-8"),
                           ("jsonl", "utf-8")):
        assert ("wrong_encoding", kind, declared) in seen


def test_every_read_fault_is_found_where_the_manifest_says(read_fault_run):
    entries = {f.path: f for f in read_fault_run.files}
    checked = Counter()
    for fault in read_fault_run.faults:
        entry = entries[fault.file]
        if fault.kind == "wrong_encoding" and entry.format == "xlsx":
            continue  # the generator records it, but an XLSX's bytes do not depend on an encoding
        result = _read(read_fault_run, entry)
        codes = {f.code: f for f in result.findings}
        if fault.kind == "truncated":
            found = codes["read.truncated"]
            assert found.severity == Severity.FATAL
            if entry.format != "xlsx":
                assert found.line == fault.detail["last_line"], entry.path
                complete = fault.detail["last_line"] - FIRST_RECORD_LINE[entry.format]
                assert result.table.num_rows == complete, entry.path
        elif fault.detail["declared"] == "utf-8":
            found = codes["read.encoding"]
            assert (found.severity, found.line) == (Severity.FATAL, fault.lines[0][0]), entry.path
        else:
            found = codes["read.suspect_encoding"]
            assert (found.severity, found.line) == (Severity.ERROR, fault.lines[0][0]), entry.path
            assert result.table.num_rows == entry.records  # read as the UTF-8 it really is
            assert [f.code for f in result.findings] == ["read.suspect_encoding"]
        assert found.file == entry.path
        checked[fault.kind] += 1
    assert checked["truncated"] >= 5 and checked["wrong_encoding"] >= 5


def test_files_without_read_faults_read_cleanly_whatever_else_is_wrong(all_fault_run):
    damaged = {f.file for f in all_fault_run.faults if f.kind in ("wrong_encoding", "truncated")}
    kinds = Counter()
    for entry in all_fault_run.files:
        result = _read(all_fault_run, entry)
        if entry.path in damaged:
            assert not result.readable or any(f.severity >= Severity.ERROR for f in result.findings) \
                or entry.format == "xlsx"
            continue
        serious = [f for f in result.findings if f.severity >= Severity.ERROR]
        assert not serious, (entry.path, serious)
        assert result.table.num_rows == entry.records, entry.path
    for fault in all_fault_run.faults:
        kinds[fault.kind] += 1
    assert {"duplicate_rows", "column_order", "renamed_column", "invalid_date"} <= set(kinds)


@pytest.mark.parametrize("kind", ["csv", "fixed", "xml", "jsonl", "xlsx"])
def test_the_empty_file_of_each_format_is_empty_not_broken(clean_run, kind):
    entry = next(f for f in clean_run.files if f.format == kind)
    vendor, spec = vendor_and_spec(clean_run.out / entry.path)
    from flis.synth.files import render, to_bytes
    from flis.synth.formats.layout import Sheet

    sheet = render(vendor, spec, _empty_table(spec))
    assert isinstance(sheet, Sheet)
    result = read(to_bytes(vendor, spec, sheet, 101, "2024-05"), file_format(vendor, spec), "empty")
    assert result.table.num_rows == 0
    assert [f.code for f in result.findings] == ["read.empty"]
    assert result.findings[0].severity == Severity.INFO


def _empty_table(spec):
    import pyarrow as pa

    from flis.synth.formats.cells import MISSING_DAY

    columns = {}
    for f in spec.fields:
        if f.source in columns:
            continue
        if f.kind == "date":
            columns[f.source] = pa.array(np.array([], dtype=np.int32) + MISSING_DAY, pa.int32())
        elif f.kind in ("int", "decimal"):
            columns[f.source] = pa.array([], pa.float64() if f.kind == "decimal" else pa.int64())
        elif f.kind == "flag":
            columns[f.source] = pa.array([], pa.bool_())
        elif f.kind == "code":
            key = next(iter(f.codes or {}), "")
            columns[f.source] = pa.array([], pa.int64() if isinstance(key, int) else pa.string())
        else:
            columns[f.source] = pa.array([], pa.string())
    return pa.table(columns)
