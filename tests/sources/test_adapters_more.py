"""Every shipped adapter against what the vendors really deliver.

The generator stands in for the vendors: its files are read with flis's readers and mapped with the
shipped adapters exactly as ingest does, and the result is compared with the generator's canonical
truth (``simulate_frames``: the tables before any vendor formatting). Nothing here looks at how the
generator formats a vendor's files: the adapters were written from the vendors' documentation
(docs/synthetic-sources.md, which one test holds them to), and these tests show that what they make
of the files is what the vendors meant.

Seed 1 gives these three municipalities between them every vendor of every domain. A winter run
(January-February: the budget arrives with January) and a summer run (June-July: the exam grades
come with June, daycare is payment-free in July) cover every file of every vendor.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from flis.findings import Finding, Severity
from flis.ingest.declaration import declare
from flis.ingest.validate import declared_municipality, declared_period
from flis.periods import Period
from flis.sources.adapter import FileAdapter, load_adapters
from flis.sources.formats import FileFormat, ReadResult, read
from flis.sources.mapping import Mapped, map_to_canonical
from flis.synth.config import SynthConfig
from flis.synth.domains import DOMAINS
from flis.synth.runner import generate, simulate_frames
from flis.warehouse.model import load_model

SAMPLE = (101, 316, 851)
STARTS = {"winter": Period(2024, 1), "summer": Period(2024, 6)}
NEW_DOMAINS = ("daycare", "children", "elderly", "disability", "employment")
NEW_SYSTEMS = {
    "boerneportal": "dagtilbud-boerneportal", "dtpro": "dagtilbud-dtpro",
    "sagsbarn": "boern-sagsbarn", "barnsys": "boern-barnsys",
    "omsorgplus": "eoj-omsorgplus", "plejedata": "eoj-plejedata",
    "voksensag": "handicap-voksensag", "socialnet": "handicap-socialnet",
    "yru": "besk-yru", "jcp": "besk-jcp",
}
MISSING_DAY = np.iinfo(np.int32).min
"""How the generator's truth writes 'no date' (an open spell) in its day-number columns."""
CANONICAL = {("daycare", "owner"): {"selvejende": "self_governing"}}
"""Where the canonical model names a value differently from the generator's own vocabulary."""


@dataclass
class Delivered:
    """One generated file, read and mapped as ingest would, with the generator's truth for it."""

    path: str
    vendor: str
    domain: str
    period: str
    records: int
    file: FileAdapter
    read: ReadResult
    mapped: Mapped
    checked: list[Finding]
    truth: pa.Table
    data: bytes

    @property
    def findings(self) -> list[Finding]:
        return self.read.findings + self.mapped.findings + self.checked

    @property
    def table(self) -> pa.Table:
        return self.mapped.table


def _config(start: Period, **kw) -> SynthConfig:
    return SynthConfig(scale=0.01, months=2, start=start, seed=1, municipalities=SAMPLE, **kw)


def _map(data: bytes, name: str, adapters) -> tuple[FileAdapter, ReadResult, Mapped, list[Finding]]:
    decl, problems = declare(name, adapters)
    assert not problems and decl.usable, (name, problems)
    spec = decl.file_adapter
    result = read(data, spec.format, name)
    mapped = map_to_canonical(result, spec, load_model(), name)
    checked = []
    if mapped.table is not None:  # what ingest checks next (its duplicate check is _duplicate_keys here)
        one = np.zeros(1, dtype=np.int64)
        checked = (declared_municipality(mapped.table, spec.table, [decl], [name], one)[0]
                   + declared_period(mapped.table, spec.table, [decl], [name], one)[0])
    return spec, result, mapped, checked


def _duplicate_keys(table: pa.Table, key: tuple[str, ...]) -> int:
    counts = table.group_by(list(key)).aggregate([([], "count_all")])
    return int(pc.sum(pc.greater(counts.column("count_all"), 1)).as_py() or 0)


@pytest.fixture(scope="module")
def delivered(tmp_path_factory) -> dict[str, Delivered]:
    adapters = load_adapters()
    out: dict[str, Delivered] = {}
    for label, start in STARTS.items():
        config = _config(start, fault_rate=0.0)
        run = generate(config, tmp_path_factory.mktemp(label))
        truth = {}
        for code in SAMPLE:
            _, frames = simulate_frames(config, code, DOMAINS)
            truth |= {(code, domain.name, f.dataset, str(f.period)): f.table for domain, f in frames}
        for entry in run.files:
            name = Path(entry.path).name
            data = (run.out / entry.path).read_bytes()
            spec, result, mapped, checked = _map(data, name, adapters)
            expected = truth[(entry.municipality, entry.domain, entry.dataset, entry.period)]
            out[name] = Delivered(name, entry.vendor, entry.domain, entry.period, entry.records, spec, result,
                                  mapped, checked, expected, data)
    return out


def files_of(delivered: dict[str, Delivered], vendor: str, file: str) -> list[Delivered]:
    found = [d for d in delivered.values() if d.vendor == vendor and d.path.split("_")[1] == file]
    assert found, f"no {vendor} {file} file in the sample"
    return found


def column(files: list[Delivered], name: str) -> list:
    return [v for d in files for v in d.table.column(name).to_pylist()]


def truth_column(files: list[Delivered], name: str) -> list:
    return [v for d in files for v in d.truth.column(name).to_pylist()]


# --- definitions -------------------------------------------------------------------------------------


def test_model_and_adapters_load_and_cover_the_new_domains():
    model, adapters = load_model(), load_adapters()
    assert set(NEW_DOMAINS) <= set(model.domains)
    for key, system in NEW_SYSTEMS.items():
        adapter = adapters[key]
        assert adapter.system == system and adapter.domain in NEW_DOMAINS
        assert all(f.table.domain == adapter.domain for f in adapter.files.values())
    filled = {f.table.qualified for a in adapters.values() for f in a.files.values()}
    assert filled == set(model.tables), "every canonical table is filled by some adapter, and only those"
    # Employment: each vendor maps its own shape onto the canonical table of that shape.
    assert adapters["yru"].files["ydelsesuger"].table.qualified == "employment.benefit_weeks"
    assert adapters["jcp"].files["ydelsesforloeb"].table.qualified == "employment.benefit_spells"
    weeks = model.table("employment.benefit_weeks")
    assert weeks.key == ("person_id", "iso_week", "benefit")
    assert weeks.column("degree").decimals == 2 and weeks.column("degree").max == 1
    assert model.table("daycare.enrolments").column("institution_id").references == "daycare.institutions"
    assert model.table("elderly.home_help_delivered").column("decision_id").references == "elderly.home_help"
    assert model.table("children.notifications").column("notification_date").in_period
    assert model.table("disability.services").column("acting_municipality").same_as_delivery
    cost = model.table("children.measures").column("monthly_cost")
    assert cost.money and cost.sql_type(model.codelists) == "DECIMAL(18,2)"


def test_every_code_a_vendor_maps_to_is_in_the_canonical_code_list():
    model = load_model()
    for adapter in load_adapters().values():
        for spec in adapter.files.values():
            for f in spec.fields:
                column = spec.table.column(f.column)
                if f.codes and column.codelist:
                    assert set(f.codes.values()) <= set(model.codelists[column.codelist].values), (
                        adapter.key, f.field)


def test_the_sample_holds_every_file_of_every_adapter(delivered):
    seen = {(d.vendor, d.path.split("_")[1]) for d in delivered.values()}
    expected = {(key, name) for key, adapter in load_adapters().items() for name in adapter.files}
    assert seen == expected


ROW = re.compile(r"\| `([^`]+)` \| (\w+) \| [^|]+ \|(?: (\d+) \|)?")
"""A field row of a vendor's file table: field, canonical column, type and (fixed width) width."""


def _documented() -> dict[str, dict]:
    """The vendors' documentation (docs/synthetic-sources.md): per vendor key its renames and files."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "synthetic-sources.md").read_text(encoding="utf-8")
    vendors: dict[str, dict] = {}
    current = table = None
    for line in text.splitlines():
        if line.startswith(("## ", "### ")):
            current = table = None
        if m := re.match(r"### .* \(`(\w+)`, system `([\w-]+)`\)", line):
            current = vendors.setdefault(m[1], {"system": m[2], "renames": {}, "files": {}})
        elif current and line.startswith("Announced renames"):
            current["renames"] = dict(re.findall(r"`([^`]+)` → `([^`]+)`", line))
        elif current and (m := re.match(r"#### `(\w+)` → dataset `(\w+)`", line)):
            table = current["files"].setdefault(m[1], [])
        elif current and table is not None and (m := re.match(ROW, line)):
            table.append((m[1], m[2], int(m[3]) if m[3] else 0))
    return vendors


def test_every_documented_field_and_rename_is_in_the_adapter():
    """Each vendor's documented files, fields (in order, with widths) and renames, and nothing else."""
    documented, adapters = _documented(), load_adapters()
    assert set(documented) == set(adapters)
    for key, doc in documented.items():
        adapter = adapters[key]
        assert adapter.system == doc["system"]
        assert set(adapter.files) == set(doc["files"]), key
        for name, fields in doc["files"].items():
            spec = adapter.files[name]
            assert [(f.field, f.column) for f in spec.fields] == [(f, c) for f, c, _ in fields], (key, name)
            if spec.format.kind == "fixed":
                assert [f.width for f in spec.fields] == [w for _, _, w in fields], (key, name)
            present = {f.field for f in spec.fields}
            expected = {new: old for old, new in doc["renames"].items() if old in present}
            assert spec.aliases == expected, (key, name)
        renamed = {old for spec in adapter.files.values() for old in spec.aliases.values()}
        assert renamed == set(doc["renames"]), key


# --- clean files map completely and correctly --------------------------------------------------------


def test_clean_files_map_without_errors_and_completely(delivered):
    for d in delivered.values():
        serious = [f for f in d.findings if f.severity >= Severity.WARNING]
        assert not serious, (d.path, serious[:3])
        assert d.table is not None and d.table.num_rows == d.records == d.truth.num_rows, d.path
        assert _duplicate_keys(d.table, d.file.table.key) == 0, (d.path, d.file.table.key)
        for col in d.file.table.columns:
            if col.required:
                assert d.table.column(col.name).null_count == 0, (d.path, col.name)


def _expected(d: Delivered, name: str) -> list:
    """The truth's column as the canonical model holds it: dates as days, 'no date' as None."""
    values = d.truth.column(name)
    if pa.types.is_floating(values.type):
        values = pc.if_else(pc.is_nan(values), pa.scalar(None, values.type), values)
    out = values.to_pylist()
    if d.file.table.column(name).type == "date":
        out = [None if v is None or v == MISSING_DAY else v for v in out]
    rename = CANONICAL.get((d.domain, name), {})
    return [rename.get(v, v) for v in out]


def _actual(d: Delivered, name: str) -> list:
    values = d.table.column(name)
    if pa.types.is_date32(values.type):
        values = values.cast(pa.int32())
    return values.to_pylist()


def test_every_mapped_value_is_the_generated_truth(delivered):
    """Row by row and column by column: files keep the truth's order, so record i is truth row i."""
    compared = Counter()
    for d in delivered.values():
        if d.records == 0:
            continue
        for f in d.file.fields:
            col = d.file.table.column(f.column)
            assert f.column in d.truth.column_names, (d.path, f.column)
            want, got = _expected(d, f.column), _actual(d, f.column)
            if col.type == "decimal":
                tolerance = 0.5 * 10 ** -(col.decimals if col.decimals is not None else 2) + 1e-9
                bad = [(i, g, w) for i, (g, w) in enumerate(zip(got, want))
                       if (g is None) != (w is None) or (g is not None and abs(g - w) > tolerance)]
            else:
                bad = [(i, g, w) for i, (g, w) in enumerate(zip(got, want)) if g != w]
            assert not bad, (d.path, f.field, bad[:3])
            compared[d.vendor] += 1
    assert set(compared) == set(load_adapters())


def test_references_hold_within_each_delivered_month(delivered):
    """What ingest re-checks across deliveries: e.g. every enrolment's institution is in the institutions."""
    tables = {(d.path.split("_")[2], d.period, d.file.table.qualified): d.table for d in delivered.values()}
    checked = set()
    for (municipality, period, qualified), table in tables.items():
        for col in load_model().table(qualified).columns:
            if not col.references:
                continue
            target = load_model().table(col.references)
            keys = set(tables[(municipality, period, target.qualified)].column(target.key[0]).to_pylist())
            values = set(table.column(col.name).to_pylist()) - {None}
            assert values <= keys, (municipality, period, qualified, col.name, sorted(values - keys)[:3])
            checked.add((qualified, col.name))
    assert {q for q, _ in checked} >= {"daycare.enrolments", "daycare.staff", "elderly.home_help_delivered",
                                       "elderly.nursing_home_residents", "disability.services"}


# --- hand-checked values of the new vendors ---------------------------------------------------------


def test_yru_weeks_read_implied_decimals_and_iso_weeks(delivered):
    files = files_of(delivered, "yru", "ydelsesuger")
    degree = column(files, "degree")
    assert 0 < min(degree) and max(degree) == 1.0  # '100' is a full week, '043' 0.43 of one
    assert sum(degree) == pytest.approx(sum(truth_column(files, "degree")), abs=1e-6)
    january = next(d for d in files if d.period == "2024-01")
    assert set(january.table.column("iso_week").to_pylist()) == {202401, 202402, 202403, 202404}
    row = january.table.slice(0, 1).to_pylist()[0]
    truth = january.truth.slice(0, 1).to_pylist()[0]
    assert (row["person_id"], row["iso_week"], row["benefit"], row["municipality"]) == (
        truth["person_id"], truth["iso_week"], truth["benefit"], truth["municipality"])


def test_jcp_spells_keep_ongoing_spells_open(delivered):
    files = files_of(delivered, "jcp", "ydelsesforloeb")
    ends = column(files, "spell_end")
    assert ends.count(None) == truth_column(files, "spell_end").count(MISSING_DAY) > 0
    assert Counter(column(files, "benefit")) == Counter(truth_column(files, "benefit"))


def test_offer_type_is_read_from_the_code_or_the_text_alike(delivered):
    for vendor in ("yru", "jcp"):
        files = files_of(delivered, vendor, "tilbud")
        assert Counter(column(files, "offer_type")) == Counter(truth_column(files, "offer_type"))
        assert Counter(column(files, "target_group")) == Counter(truth_column(files, "target_group"))


def test_barnsys_amounts_in_oere_and_legal_bases_as_digits(delivered):
    files = files_of(delivered, "barnsys", "foranst")
    cost = sum(truth_column(files, "monthly_cost"))
    assert sum(column(files, "monthly_cost")) == pytest.approx(cost, abs=0.01)  # '    3000000' is 30,000.00
    assert Counter(column(files, "legal_basis")) == Counter(truth_column(files, "legal_basis"))
    assert set(column(files, "acting_municipality")) <= set(SAMPLE)  # three digits, zero-padded


def test_sagsbarn_leaves_out_what_has_no_value(delivered):
    files = files_of(delivered, "sagsbarn", "foranstaltninger")
    assert column(files, "end_date").count(None) == truth_column(files, "end_date").count(MISSING_DAY) > 0
    open_ = files_of(delivered, "sagsbarn", "undersoegelser")
    ongoing = truth_column(open_, "completion_date").count(MISSING_DAY)
    assert column(open_, "completion_date").count(None) == ongoing


def test_daycare_payments_are_free_in_july_and_empty_for_private_places(delivered):
    for vendor, file in (("boerneportal", "indskrivninger"), ("dtpro", "indmeldte")):
        files = files_of(delivered, vendor, file)
        july = [d for d in files if d.period == "2024-07"]
        assert set(column(july, "parent_payment")) <= {0.0, None}
        others = [d for d in files if d.period != "2024-07"]
        assert sum(v or 0 for v in column(others, "parent_payment")) == pytest.approx(
            np.nansum(np.array(truth_column(others, "parent_payment"), dtype=float)), abs=0.01)
        assert set(column(files, "weekly_hours")) <= set(truth_column(files, "weekly_hours"))
    owners = column(files_of(delivered, "dtpro", "institutioner") + files_of(delivered, "boerneportal",
                                                                            "institutioner"), "owner")
    assert set(owners) <= {"municipal", "self_governing", "private"}


def test_elderly_hours_and_nursing_homes(delivered):
    for vendor, file in (("omsorgplus", "leveret"), ("plejedata", "leveredetimer")):
        files = files_of(delivered, vendor, file)
        assert sum(column(files, "delivered_hours")) == pytest.approx(
            sum(truth_column(files, "delivered_hours")), abs=0.01)
    homes = files_of(delivered, "plejedata", "plejehjem")
    assert column(homes, "monthly_rent") == truth_column(homes, "monthly_rent")  # '6.540,00' style commas
    assert column(homes, "municipality") == truth_column(homes, "municipality")  # '0316' -> 316


def test_disability_sections_and_hours(delivered):
    for vendor, file in (("voksensag", "bevillinger"), ("socialnet", "ydelser")):
        files = files_of(delivered, vendor, file)
        assert Counter(column(files, "section")) == Counter(truth_column(files, "section"))
        rows = [r for d in files for r in d.table.select(["section", "hours_per_week"]).to_pylist()]
        assert {r["section"] for r in rows if r["hours_per_week"] is not None} == {85}
        assert sum(column(files, "monthly_cost")) == pytest.approx(sum(truth_column(files, "monthly_cost")),
                                                                   abs=0.01)


def test_existing_vendors_still_agree_with_the_truth(delivered):
    """The adapters written before these domains: a few aggregates, besides the full comparison above."""
    teachers = files_of(delivered, "edulink", "laerere")  # EduLink writes decimal commas in its XML
    assert sum(column(teachers, "teacher_fte")) == pytest.approx(sum(truth_column(teachers, "teacher_fte")))
    exams = files_of(delivered, "edulink", "karakterer") + files_of(delivered, "skolesys", "karakterer")
    assert Counter(column(exams, "grade_value")) == Counter(truth_column(exams, "grade_value"))
    for vendor in ("oekonline", "finanspro"):
        budget = files_of(delivered, vendor, "budget")
        assert sum(column(budget, "amount")) == pytest.approx(sum(truth_column(budget, "amount")), abs=1)


# --- announced renames -------------------------------------------------------------------------------


def _rename(data: bytes, fmt: FileFormat, old: str, new: str) -> bytes:
    """The file as the vendor's next upgrade will write it: one field under its announced new name."""
    if fmt.kind == "csv":
        head, newline, rest = data.partition(b"\n")
        text = head.decode(fmt.encoding)
        ending = "\r" if text.endswith("\r") else ""
        names = [new if n == old else n for n in text.rstrip("\r").split(fmt.delimiter)]
        return (fmt.delimiter.join(names) + ending).encode(fmt.encoding) + newline + rest
    if fmt.kind == "jsonl":
        return data.replace(f'"{old}":'.encode(), f'"{new}":'.encode())
    if fmt.kind == "xml":
        return data.replace(f"<{old}>".encode(), f"<{new}>".encode()).replace(
            f"</{old}>".encode(), f"</{new}>".encode())
    if fmt.kind == "xlsx":  # the header cell's text, in the shared strings or inline in the sheet
        source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                part = source.read(item.filename)
                if item.filename.startswith("xl/") and item.filename.endswith(".xml"):
                    part = part.replace(f">{escape(old)}<".encode(), f">{escape(new)}<".encode())
                target.writestr(item, part)
        return buffer.getvalue()
    raise ValueError(fmt.kind)


def test_announced_renames_are_accepted(delivered):
    adapters = load_adapters()
    checked = set()
    for d in delivered.values():
        kind = d.file.format.kind
        if kind == "fixed" or not d.file.aliases or d.records == 0:
            continue  # a fixed-width file has no field names: its aliases only document the vendor's names
        for new, old in d.file.aliases.items():
            if old not in d.read.columns:
                continue  # an XML element or JSON key with no value in this file
            renamed = _rename(d.data, d.file.format, old, new)
            spec, result, mapped, checked_rows = _map(renamed, d.path, adapters)
            findings = result.findings + mapped.findings + checked_rows
            assert not [f for f in findings if f.severity >= Severity.WARNING], (d.path, new, findings[:3])
            assert any(f.code == "schema.alias_used" and f.field == new for f in findings), (d.path, new)
            assert mapped.table.equals(d.table), (d.path, new)
            checked.add((d.vendor, d.path.split("_")[1], new))
    declared = {(d.vendor, d.path.split("_")[1], new) for d in delivered.values()
                if d.file.format.kind != "fixed" for new in d.file.aliases}
    assert checked == declared


# --- what the adapters declare but the mapping code does not yet honour -----------------------------


def test_an_impossible_date_is_an_error(delivered):
    d = next(d for d in files_of(delivered, "jcp", "tilbud") if d.records)
    data = re.sub(rb'"startdato":"[0-9-]{10}"', b'"startdato":"2024-02-30"', d.data, count=1)
    assert data != d.data
    _, _, mapped, _ = _map(data, d.path, load_adapters())
    assert any(f.code == "value.invalid_date" and f.value == "2024-02-30" for f in mapped.findings)


def test_an_unknown_code_in_either_field_of_one_column_is_an_error(delivered):
    d = next(d for d in files_of(delivered, "yru", "tilbud") if d.records)
    start = sum(f.width for f in d.file.fields[:3])  # TILBUD_ID, PNR_PSEUDO, KOMKOD, then TILBUDSART
    assert d.file.fields[3].field == "TILBUDSART"
    data = d.data[:start] + b"99" + d.data[start + 2:]
    assert d.data[start:start + 2] in (b"LT", b"VP", b"VO")
    _, _, mapped, _ = _map(data, d.path, load_adapters())
    assert any(f.code == "value.unknown_code" and f.field == "TILBUDSART" for f in mapped.findings)
