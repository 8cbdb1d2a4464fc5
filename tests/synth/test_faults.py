"""The fault manifest is an exact oracle.

The faulty country and the clean country are generated from the same seed, and the
generator draws its data and its faults from separate random streams, so every byte
that differs between the two must be explained by one entry of manifest.json — and
every entry must be visible in the files.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from flis.synth.config import FAULT_KINDS
from flis.synth.domains import domain
from flis.synth.formats.layout import FIRST_RECORD_LINE
from flis.synth.runner import read_manifest
from support.readers import parse, vendor_and_spec


@pytest.fixture(scope="module")
def manifest(faulty_country):
    return read_manifest(faulty_country.out)


def _records(path: Path, encoding: str | None = None):
    return parse(path, encoding=encoding)


def _by_path(result):
    return {f.path: f for f in result.files}


def _expand(ranges: list[list[int]]) -> list[int]:
    return [n for a, b in ranges for n in range(a, b + 1)]


def test_every_kind_of_fault_is_injected(manifest):
    kinds = Counter(f["kind"] for f in manifest["faults"])
    assert set(kinds) == set(FAULT_KINDS), f"missing kinds: {set(FAULT_KINDS) - set(kinds)}"


def test_every_file_without_a_fault_is_byte_identical_to_the_clean_run(faulty_country, clean_country, manifest):
    touched = {f["file"] for f in manifest["faults"] if "file" in f}
    seconds = {f.get("corrected_by") for f in manifest["faults"]} | {
        f["detail"].get("copy") for f in manifest["faults"] if f["kind"] == "duplicated_delivery"}
    clean = _by_path(clean_country)
    for entry in faulty_country.files:
        if entry.path in touched or entry.path in seconds:
            continue
        assert entry.path in clean, f"unexplained file {entry.path}"
        assert entry.sha256 == clean[entry.path].sha256, f"{entry.path} differs but the manifest does not say why"


def test_missing_months_are_missing_and_late_deliveries_late(faulty_country, clean_country, manifest):
    faulty, clean = _by_path(faulty_country), _by_path(clean_country)
    for fault in manifest["faults"]:
        folder = f"deliveries/{fault['municipality']:03d}/{fault['domain']}/"
        if fault["kind"] == "missing_month":
            for name in fault["detail"]["files"]:
                assert folder + name in clean and folder + name not in faulty
        if fault["kind"] == "late_delivery":
            files = [f for f in faulty.values() if f.path.startswith(folder) and f.period == fault["period"]
                     and f.sequence == 1]
            assert files
            due = dt.date.fromisoformat(fault["detail"]["due"])
            for f in files:
                assert f.delivered_at == fault["detail"]["delivered_at"]
                assert dt.datetime.fromisoformat(f.delivered_at.rstrip("Z")).date() > due


def test_second_deliveries_are_corrections_or_identical_copies(faulty_country, clean_country, manifest):
    out, clean_out = faulty_country.out, clean_country.out
    for fault in manifest["faults"]:
        if fault.get("corrected_by"):
            corrected = (out / fault["corrected_by"]).read_bytes()
            assert corrected == (clean_out / fault["file"]).read_bytes()
        if fault["kind"] == "duplicated_delivery":
            assert (out / fault["detail"]["copy"]).read_bytes() == (out / fault["file"]).read_bytes()


def _check_cells(fault, faulty_path, clean_path):
    got, want = _records(faulty_path), _records(clean_path)
    assert len(got.records) == len(want.records)
    rows = _expand(fault["records"])
    assert rows
    value = fault["detail"]["value"]
    for i, (g, w) in enumerate(zip(got.records, want.records), start=1):
        if i in rows:
            assert g[fault["field"]] == value
            assert value not in (fault["detail"].get("expected") or [])
            assert {k: v for k, v in g.items() if k != fault["field"]} == \
                   {k: v for k, v in w.items() if k != fault["field"]}
        else:
            assert g == w, f"record {i} of {faulty_path.name} changed but is not listed"


def _check_lines(fault, path):
    """The manifest's physical lines hold the listed records (text formats)."""
    vendor, _ = vendor_and_spec(path)
    if vendor.format == "xlsx":
        first = FIRST_RECORD_LINE["xlsx"]
        assert _expand(fault["lines"]) == [r + first - 1 for r in _expand(fault["records"])]
        return
    lines = path.read_bytes().decode(vendor.encoding).split("\n")
    value = fault["detail"].get("value")
    for n in _expand(fault["lines"]):
        if value is not None:
            assert value in lines[n - 1], f"{path.name} line {n} should hold {value!r}"


def test_every_fault_is_really_in_its_file(faulty_country, clean_country, manifest):
    out, clean_out = faulty_country.out, clean_country.out
    checked = Counter()
    for fault in manifest["faults"]:
        kind = fault["kind"]
        if "file" not in fault:
            continue
        path, clean_path = out / fault["file"], clean_out / fault["file"]
        vendor, spec = vendor_and_spec(path)
        if kind in ("invalid_code", "invalid_date", "unknown_municipality"):
            _check_cells(fault, path, clean_path)
            _check_lines(fault, path)
        elif kind == "duplicate_rows":
            got, want = _records(path).records, _records(clean_path).records
            copies = _expand(fault["records"])
            assert len(got) == len(want) + len(copies)
            for n in copies:
                assert got[n - 1] == got[n - 2]
            assert [r for i, r in enumerate(got, start=1) if i not in copies] == want
        elif kind == "doubled_count":
            got, want = _records(path).records, _records(clean_path).records
            assert len(got) == 2 * len(want) == 2 * fault["detail"]["records_before"]
            assert got[: len(want)] == want
            id_column = domain(fault["domain"]).dataset(spec.dataset).id_column
            id_field = next(f.name for f in spec.fields if f.source == id_column)
            originals = {r[id_field] for r in got[: len(want)]}
            copies = {r[id_field] for r in got[len(want):]}
            assert not originals & copies and len(copies) == len(originals), "the copies must carry new ids"
        elif kind == "unit_error":
            got, want = _records(path).records, _records(clean_path).records
            money = [f.name for f in spec.fields if f.money]
            assert fault["detail"]["fields"] == money
            for g, w in zip(got, want):
                for name in money:
                    if w[name]:
                        assert _number(g[name], vendor) == pytest.approx(_number(w[name], vendor) / 1000, abs=0.6)
        elif kind == "column_order":
            got, want = _records(path), _records(clean_path)
            order = fault["detail"]["order"]
            assert order != [f.name for f in spec.fields]
            if vendor.format == "xml":  # absent elements make the header a union; check each record's order
                first = ET.fromstring(path.read_bytes())[0] if got.records else None
                seen = [child.tag for child in first] if first is not None else []
                assert seen == [n for n in order if n in seen]
            else:
                assert got.names == order
            assert got.records == want.records
        elif kind == "renamed_column":
            got, want = _records(path), _records(clean_path)
            old, new = fault["field"], fault["detail"]["renamed_to"]
            assert new in got.names and old not in got.names
            assert fault["detail"]["declared_alias"] == (vendor.aliases.get(old) == new)
            assert fault["detect"] == ("tolerated" if fault["detail"]["declared_alias"] else "ingest")
            renamed = [{(old if k == new else k): v for k, v in r.items()} for r in got.records]
            assert renamed == want.records
        elif kind == "wrong_encoding":
            assert fault["detail"]["declared"] == vendor.encoding
            assert _records(path, encoding=fault["detail"]["actual"]).records == _records(clean_path).records
            raw = path.read_bytes()
            try:
                declared_text = raw.decode(vendor.encoding)
            except UnicodeDecodeError:
                declared_text = None
            assert declared_text is None or declared_text != clean_path.read_bytes().decode(vendor.encoding)
        elif kind == "truncated":
            raw, full = path.read_bytes(), clean_path.read_bytes()
            assert raw == full[: fault["detail"]["bytes_kept"]] and len(raw) < len(full)
            if vendor.format != "xlsx":
                assert not raw.endswith(b"\n")
                assert raw.count(b"\n") + 1 == fault["detail"]["last_line"]
        elif kind == "duplicated_delivery":
            assert path.read_bytes() == clean_path.read_bytes()
        else:  # pragma: no cover
            pytest.fail(f"no check for {kind}")
        checked[kind] += 1
    assert checked, "no file-level faults were checked"


def _number(text: str, vendor) -> float:
    if vendor.format in ("csv", "fixed") and vendor.decimal_mark == ",":
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def test_faults_name_the_layer_that_must_notice_them(manifest):
    expected = {"doubled_count": {"plausibility"}, "unit_error": {"plausibility"}, "missing_month": {"completeness"},
                "late_delivery": {"completeness"}, "column_order": {"tolerated"},
                "renamed_column": {"tolerated", "ingest"}}
    for fault in manifest["faults"]:
        assert fault["detect"] in expected.get(fault["kind"], {"ingest"}), fault
