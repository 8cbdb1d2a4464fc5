"""The monthly quality report: a hand-made month of København (101), March 2024, due 15 April 2024.

* skolesys (schools): a pupils file rejected on 2 April (a bad date three times, a missing column), then
  pupils (120 rows) and classes (6 rows) loaded on 3 April: on time, 2 loaded, 1 rejected, 126 rows;
* loen (hr): employees (40 rows) first arrived on 20 April: late;
* oek (economy): delivered January and February, nothing for March: missing (2 of 3 months);
* Frederiksberg (147) delivered in March too, and København in January and February: not in the report.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from flis.cli import app
from flis.quality.finding import QualityFinding
from flis.quality.report import LINE_COLUMNS, build_report, to_json, to_lines, to_markdown
from flis.quality.workflow import acknowledge, dismiss, list_findings, store_findings
from flis.warehouse.store import Warehouse

NOW = dt.datetime(2024, 5, 1)


def deliver(con, ident: str, system: str, domain: str, table: str, municipality: int, period: str,
            received: str, rows: int, status: str = "loaded") -> None:
    con.execute("INSERT INTO registry.deliveries VALUES (?, ?, 0, ?, ?, ?, ?, ?, 'f', ?, ?, 1, ?, ?, ?, ?)",
                [ident, ident, f"{ident}.csv", system, system, domain, table, municipality,
                 dt.date.fromisoformat(period + "-01"), dt.datetime.fromisoformat(received), status, rows,
                 rows if status == "loaded" else None])


def reject(con, ident: str, severity: str, code: str, message: str, line=None, field=None, value=None,
           expected=None, count: int = 1) -> None:
    con.execute("INSERT INTO registry.findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'validate')",
                [ident, code, severity, f"{ident}.csv", line, field, value, expected, message, count])


def march(path) -> Warehouse:
    wh = Warehouse(path / "warehouse.duckdb")
    con = wh.con
    for month, day in (("2024-01", "2024-02-05T10:00"), ("2024-02", "2024-03-05T10:00")):
        deliver(con, f"pupils-{month}", "skolesys", "schools", "schools.pupils", 101, month, day, 118)
        deliver(con, f"employees-{month}", "loen", "hr", "hr.employees", 101, month, day, 39)
        deliver(con, f"postings-{month}", "oek", "economy", "economy.postings", 101, month, day, 300)
    in_time = ("2024-03", "2024-04-03T10:00")
    deliver(con, "pupils-bad", "skolesys", "schools", "schools.pupils", 101, "2024-03", "2024-04-02T09:00",
            120, status="rejected")
    reject(con, "pupils-bad", "ERROR", "ingest.bad_date", "birth_date is not a date", line=17,
           field="birth_date", value="2024-13-01", expected="a date YYYY-MM-DD", count=3)
    reject(con, "pupils-bad", "FATAL", "ingest.missing_column", "the column grade is missing")
    reject(con, "pupils-bad", "INFO", "ingest.duplicate_file", "the same content arrived before")
    deliver(con, "pupils-2024-03", "skolesys", "schools", "schools.pupils", 101, *in_time, 120)
    deliver(con, "classes-2024-03", "skolesys", "schools", "schools.classes", 101, *in_time, 6)
    deliver(con, "employees-2024-03", "loen", "hr", "hr.employees", 101, "2024-03", "2024-04-20T08:00", 40)
    deliver(con, "frb-pupils-2024-03", "skolesys", "schools", "schools.pupils", 147, "2024-03",
            "2024-04-20T08:00", 90)
    return wh


def finding(subject: str, period: str = "2024-03", municipality: int = 101,
            code: str = "quality.history_outlier") -> QualityFinding:
    return QualityFinding(code, municipality, subject, period, {"value": 2.0, "reference": 1.0},
                          f"{subject} doubled in {period}", f"{subject} fordoblet i {period}")


@pytest.fixture
def answered(store):
    """Findings of March: economy acknowledged, hr dismissed, schools open; and two that are not March's or
    not København's."""
    store_findings(store, [finding("schools.pupils#rows"), finding("hr.employees#rows"),
                           finding("economy.postings#amount", code="quality.peer_outlier"),
                           finding("schools.pupils#rows", period="2024-02"),
                           finding("schools.pupils#rows", municipality=147)], "run-1")
    ids = {r.subject: r.id for r in list_findings(store, municipality=101, period="2024-03")[0]}
    acknowledge(store, ids["economy.postings#amount"])
    dismiss(store, ids["hr.employees#rows"], "a new department joined payroll")
    return store, ids


def test_what_arrived_per_source_system(tmp_path, answered):
    store, _ = answered
    report = build_report(march(tmp_path).con, store, 101, "2024-03", now=NOW)
    assert (report.name, report.period, report.due) == ("København", "2024-03", dt.date(2024, 4, 15))
    assert [(s.system, s.domain, s.loaded, s.rejected, s.rows, s.first_arrival, s.late)
            for s in report.arrivals] == [
        ("loen", "hr", 1, 0, 40, dt.datetime(2024, 4, 20, 8), True),
        ("skolesys", "schools", 2, 1, 126, dt.datetime(2024, 4, 2, 9), False)]
    assert [(f.file_name, f.status, f.rows_loaded, f.late) for f in report.arrivals[1].files] == [
        ("pupils-bad.csv", "rejected", None, False), ("classes-2024-03.csv", "loaded", 6, False),
        ("pupils-2024-03.csv", "loaded", 120, False)]


def test_rejections_say_why_worst_first(tmp_path, answered):
    store, _ = answered
    (rejection,) = build_report(march(tmp_path).con, store, 101, "2024-03", now=NOW).rejections
    assert (rejection.delivery_id, rejection.system, rejection.table_name) == ("pupils-bad", "skolesys",
                                                                                "schools.pupils")
    assert [(r.severity, r.code, r.where, r.expected, r.count) for r in rejection.reasons] == [
        ("FATAL", "ingest.missing_column", "pupils-bad.csv", None, 1),
        ("ERROR", "ingest.bad_date", "pupils-bad.csv, line 17, field 'birth_date', value '2024-13-01'",
         "a date YYYY-MM-DD", 3),
        ("INFO", "ingest.duplicate_file", "pupils-bad.csv", None, 1)]


def test_missing_systems_only_once_the_due_date_has_passed(tmp_path, answered):
    store, _ = answered
    con = march(tmp_path).con
    report = build_report(con, store, 101, "2024-03", now=NOW)
    assert [(m.system, m.domain, m.delivered_months, m.months) for m in report.missing] == [
        ("oek", "economy", 2, 3)]
    assert not report.not_yet_due
    early = build_report(con, store, 101, "2024-03", now=dt.datetime(2024, 4, 15, 23, 59))
    assert early.missing == () and early.not_yet_due
    assert [m.system for m in build_report(con, store, 101, "2024-03",
                                           now=dt.datetime(2024, 4, 16)).missing] == ["oek"]


def test_findings_of_the_month_open_first(tmp_path, answered):
    store, ids = answered
    report = build_report(march(tmp_path).con, store, 101, "2024-03", now=NOW)
    assert [(f.subject, f.status) for f in report.findings] == [
        ("economy.postings#amount", "acknowledged"), ("schools.pupils#rows", "open"),
        ("hr.employees#rows", "dismissed")]
    assert report.corrections == ()


MARKDOWN_EN = """\
# Quality report: København (101), 2024-03

Generated 2024-05-01 00:00 UTC. Deliveries for 2024-03 were due by 2024-04-15.

## What arrived

| Source system | Area | Files loaded | Files rejected | Rows loaded | First arrival | On time |
|---|---|---:|---:|---:|---|---|
| loen | hr | 1 | 0 | 40 | 2024-04-20 08:00 | no |
| skolesys | schools | 2 | 1 | 126 | 2024-04-02 09:00 | yes |

### Files

| File | Table | Status | Rows loaded | Received | On time |
|---|---|---|---:|---|---|
| employees-2024-03.csv | hr.employees | loaded | 40 | 2024-04-20 08:00 | no |
| pupils-bad.csv | schools.pupils | rejected | – | 2024-04-02 09:00 | yes |
| classes-2024-03.csv | schools.classes | loaded | 6 | 2024-04-03 10:00 | yes |
| pupils-2024-03.csv | schools.pupils | loaded | 120 | 2024-04-03 10:00 | yes |

## Rejected deliveries

### pupils-bad.csv (skolesys, schools.pupils), received 2024-04-02 09:00

- **Rejecting** `ingest.missing_column`: the column grade is missing (pupils-bad.csv)
- **Error** `ingest.bad_date`: birth_date is not a date (pupils-bad.csv, line 17, field 'birth_date', \
value '2024-13-01'; expected: a date YYYY-MM-DD; 3 times)
- **Information** `ingest.duplicate_file`: the same content arrived before (pupils-bad.csv)

## Missing source systems

- oek (economy): nothing arrived; delivered in 2 of 3 months.

## Quality findings

| Id | Status | Severity | What was found | Code | Answer |
|---|---|---|---|---|---|
| {eco} | acknowledged | Warning | economy.postings#amount doubled in 2024-03 | `quality.peer_outlier` | – |
| {sch} | open | Warning | schools.pupils#rows doubled in 2024-03 | `quality.history_outlier` | – |
| {hr} | dismissed | Warning | hr.employees#rows doubled in 2024-03 | `quality.history_outlier` | \
a new department joined payroll |

## Corrections in force

No corrections are in force for the month.
"""


def test_markdown_in_english(tmp_path, answered):
    store, ids = answered
    report = build_report(march(tmp_path).con, store, 101, "2024-03", now=NOW)
    assert to_markdown(report, "en") == MARKDOWN_EN.format(eco=ids["economy.postings#amount"],
                                                           sch=ids["schools.pupils#rows"],
                                                           hr=ids["hr.employees#rows"])


def test_markdown_in_danish(tmp_path, answered):
    store, ids = answered
    report = build_report(march(tmp_path).con, store, 101, "2024-03", now=NOW)
    text = to_markdown(report, "da")
    assert text.startswith("# Kvalitetsrapport: København (101), 2024-03\n\n"
                           "Dannet 2024-05-01 00:00 UTC. Leverancer for 2024-03 skulle være modtaget senest "
                           "2024-04-15.\n")
    assert "| loen | hr | 1 | 0 | 40 | 2024-04-20 08:00 | nej |" in text
    assert "Indlæsningens beskeder er på engelsk." in text
    assert ("- **Fejl** `ingest.bad_date`: birth_date is not a date (pupils-bad.csv, line 17, "
            "field 'birth_date', value '2024-13-01'; forventet: a date YYYY-MM-DD; 3 gange)") in text
    assert "- oek (economy): intet modtaget; leveret i 2 af 3 måneder." in text
    assert (f"| {ids['hr.employees#rows']} | afvist | Advarsel | hr.employees#rows fordoblet i 2024-03 | "
            "`quality.history_outlier` | a new department joined payroll |") in text
    assert text.endswith("## Gældende rettelser\n\nIngen rettelser gælder for måneden.\n")


def test_numbers_in_danish_notation_and_cells_that_cannot_break_the_table(tmp_path, store):
    wh = Warehouse(tmp_path / "warehouse.duckdb")
    deliver(wh.con, "residents", "cpr", "citizens", "citizens.residents", 101, "2024-03", "2024-04-02T09:00",
            12345)
    store_findings(store, [QualityFinding("quality.history_outlier", 101, "a|b", "2024-03", {},
                                          "one\nline | two", "en\nlinje | to")], "run-1")
    report = build_report(wh.con, store, 101, "2024-03", now=NOW)
    assert "| cpr | citizens | 1 | 0 | 12.345 |" in to_markdown(report, "da")
    assert "| cpr | citizens | 1 | 0 | 12,345 |" in to_markdown(report, "en")
    assert "| open | Warning | one line \\| two |" in to_markdown(report, "en")


def test_json_and_the_flat_table(tmp_path, answered):
    store, ids = answered
    report = build_report(march(tmp_path).con, store, 101, "2024-03", now=NOW)
    data = json.loads(to_json(report))
    assert data["due"] == "2024-04-15" and data["generated_at"] == "2024-05-01T00:00:00"
    assert data["arrivals"][0] == {
        "system": "loen", "domain": "hr", "loaded": 1, "rejected": 0, "rows": 40,
        "first_arrival": "2024-04-20T08:00:00", "late": True,
        "files": [{"delivery_id": "employees-2024-03", "file_name": "employees-2024-03.csv",
                   "table_name": "hr.employees", "status": "loaded", "records": 40, "rows_loaded": 40,
                   "received_at": "2024-04-20T08:00:00", "late": True}]}
    assert data["missing"] == [{"system": "oek", "domain": "economy", "delivered_months": 2, "months": 3}]
    assert [r["code"] for r in data["rejections"][0]["reasons"]] == [
        "ingest.missing_column", "ingest.bad_date", "ingest.duplicate_file"]
    assert [f["status"] for f in data["findings"]] == ["acknowledged", "open", "dismissed"]
    assert data["corrections"] == []
    lines = to_lines(report, "da")
    assert all(list(line) == LINE_COLUMNS for line in lines)
    assert [line["section"] for line in lines] == ["delivery"] * 4 + ["rejection"] * 3 + ["missing"] + \
        ["finding"] * 3
    assert lines[7]["message"] == "oek (economy): intet modtaget; leveret i 2 af 3 måneder."
    assert lines[8]["message"] == "economy.postings#amount fordoblet i 2024-03"


def correction(store, *, kind="aggregate", period="2024-03", status="active", **fields) -> None:
    """A correction row as the corrections layer stores it (its checks are the corrections tests')."""
    from flis.corrections.models import CorrectionKind, CorrectionRow, CorrectionStatus
    row = dict(municipality=101, period=period, target="SCH001", measure="numerator", delivery_id=None,
               lines=None, action="set", column=None, old_value=240, new_value=120,
               reason="every pupil twice", author="steward-101", created_at=store.now(), finding_id=None)
    row.update(fields)
    with store.transaction() as db:
        db.add(CorrectionRow(kind=CorrectionKind(kind), status=CorrectionStatus(status), **row))


def test_corrections_in_force_for_the_month(tmp_path, answered):
    store, ids = answered
    correction(store, finding_id=ids["schools.pupils#rows"], old_value=2400.5, new_value=1200)
    correction(store, kind="rows", target="hr.employees", measure=None, delivery_id="employees-2024-03",
               lines=[17, 18], action="set", column="fte", old_value="80", new_value="0.8",
               reason="80 is a typing error for 0.8")
    correction(store, kind="rows", target="hr.employees", measure=None, delivery_id="employees-2024-03",
               lines=[5], action="exclude", old_value=None, new_value=None, reason="a duplicate")
    correction(store, status="withdrawn", reason="withdrawn again")
    correction(store, period="2024-02", reason="February's")
    report = build_report(march(tmp_path).con, store, 101, "2024-03", now=NOW)
    assert [c.reason for c in report.corrections] == ["a duplicate", "80 is a typing error for 0.8",
                                                      "every pupil twice"]
    english = to_markdown(report, "en")
    assert "| Id | Target | Correction | Reason | By | Finding |" in english
    assert "| hr.employees | line(s) 5 left out | a duplicate | steward-101 | – |" in english
    assert ("| hr.employees | line(s) 17, 18: fte set to 0.8 | 80 is a typing error for 0.8 | steward-101 "
            "| – |") in english
    assert f"| SCH001 | 2,400.5 corrected to 1,200 | every pupil twice | steward-101 | " \
           f"{ids['schools.pupils#rows']} |" in english
    danish = to_markdown(report, "da")
    assert "| SCH001 | 2.400,5 rettet til 1.200 | every pupil twice |" in danish
    assert "| hr.employees | linje 17, 18: fte sat til 0.8 |" in danish
    data = json.loads(to_json(report))["corrections"]
    assert [(c["kind"], c["status"]) for c in data] == [("rows", "active"), ("rows", "active"),
                                                         ("aggregate", "active")]
    assert data[2]["created_at"] == "2025-03-03T09:00:00+00:00"
    assert [(line["section"], line["message"]) for line in to_lines(report, "en")][-3:] == [
        ("correction", "line(s) 5 left out"), ("correction", "line(s) 17, 18: fte set to 0.8"),
        ("correction", "2,400.5 corrected to 1,200")]


def test_the_command_line(flis_home, monkeypatch):
    monkeypatch.delenv("FLIS_STATE_URL", raising=False)
    flis_home.mkdir(parents=True, exist_ok=True)
    march(flis_home).close()
    runner = CliRunner()
    shown = runner.invoke(app, ["quality", "report", "--municipality", "101", "--period", "2024-03", "--da"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith("# Kvalitetsrapport: København (101), 2024-03")
    out = flis_home / "report.json"
    written = runner.invoke(app, ["quality", "report", "--municipality", "101", "--period", "2024-03",
                                  "--format", "json", "--out", str(out)])
    assert written.exit_code == 0, written.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [s["system"] for s in data["arrivals"]] == ["loen", "skolesys"] and data["findings"] == []
    wrong = runner.invoke(app, ["quality", "report", "--municipality", "101", "--period", "2024-03",
                                "--format", "pdf"])
    assert wrong.exit_code != 0
