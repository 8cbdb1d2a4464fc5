"""Quality findings and the monthly quality report through the API: listing and filters, answering
(acknowledge, dismiss with a reason; audited), the error codes, and the report in every format.

Six findings are stored in the served state store before each test (and removed after it); ids, order
and counts below are worked out by hand from them.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from flis.access import audit_entries
from support.findings import clear_findings, finding, replace_findings
from support.served import OTHER, OUTSIDER, OWN, PASSWORD

API = "/api/v1"

FINDINGS = [
    finding(OWN, "2024-07", "schools.pupils#rows"),                                          # A
    finding(OWN, "2024-07", "economy.postings#amount", code="quality.peer_outlier"),          # B
    finding(OWN, "2024-06", "hr/loen-loendata", code="quality.late_delivery"),                # C
    finding(OWN, "2024-05", "schools.pupils#repeated", code="quality.repeated_records",
            in_force=False, delivery="d-superseded"),                                         # E: corrected
    finding(OTHER, "2024-07", "schools.pupils#rows"),                                        # D
    finding(OUTSIDER, "2024-07", "schools.pupils#rows"),                                     # F
]


@pytest.fixture
def ids(api):
    _, _, store = api
    stored = replace_findings(store, FINDINGS)
    yield {"A": stored[(OWN, "2024-07", "schools.pupils#rows")],
           "B": stored[(OWN, "2024-07", "economy.postings#amount")],
           "C": stored[(OWN, "2024-06", "hr/loen-loendata")],
           "E": stored[(OWN, "2024-05", "schools.pupils#repeated")],
           "D": stored[(OTHER, "2024-07", "schools.pupils#rows")],
           "F": stored[(OUTSIDER, "2024-07", "schools.pupils#rows")]}
    clear_findings(store)


@pytest.fixture
def call(api, client):
    """``call("steward").post(path, json=...)``: requests with that account's bearer token."""
    _, tokens, _ = api

    class Caller:
        def __init__(self, key):
            self.headers = {"Authorization": f"Bearer {tokens[key]}"}

        def get(self, path, **kw):
            return client.get(API + path, headers=self.headers, **kw)

        def post(self, path, **kw):
            return client.post(API + path, headers=self.headers, **kw)

    return Caller


def error(response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]["code"]


# -- listing ----------------------------------------------------------------------------------------

def test_a_steward_lists_the_own_municipality_newest_month_first(call, ids):
    body = call("steward").get(f"/findings?municipality={OWN}").json()
    assert body["total"] == 4 and body["municipality"] == OWN
    assert [r["id"] for r in body["rows"]] == [ids["B"], ids["A"], ids["C"], ids["E"]]
    a = body["rows"][1]
    assert (a["code"], a["severity"], a["status"], a["period"]) == (
        "quality.history_outlier", "WARNING", "open", "2024-07")
    assert a["values"] == {"value": 1200.0, "reference": 600.0}
    assert a["message_en"] == "schools.pupils#rows: 1,200 in 2024-07; the reference is 600"
    assert a["message_da"] == "schools.pupils#rows: 1200 i 2024-07; referencen er 600"
    superseded = body["rows"][3]
    assert superseded["status"] == "corrected" and superseded["reason"].startswith("superseded")


@pytest.mark.parametrize("query, expected", [
    ("status=open", ["B", "A", "C"]),
    ("status=corrected", ["E"]),
    ("code=quality.peer_outlier", ["B"]),
    ("period=2024-07", ["B", "A"]),
    ("period=2024-06&status=open", ["C"]),
    ("status=dismissed", []),
])
def test_filters(call, ids, query, expected):
    body = call("steward").get(f"/findings?municipality={OWN}&{query}").json()
    assert [r["id"] for r in body["rows"]] == [ids[k] for k in expected]
    assert body["total"] == len(expected)


def test_pages(call, ids):
    first = call("steward").get(f"/findings?municipality=København&page_size=3").json()
    assert [r["id"] for r in first["rows"]] == [ids["B"], ids["A"], ids["C"]]
    assert (first["total"], first["pages"]) == (4, 2) and "page=2" in first["next"]
    second = call("steward").get(f"/findings?municipality={OWN}&page_size=3&page=2").json()
    assert [r["id"] for r in second["rows"]] == [ids["E"]] and second["next"] is None


def test_the_operator_sees_every_municipality_without_naming_one(call, ids):
    body = call("admin").get("/findings").json()
    assert body["municipality"] is None and body["total"] == 6
    assert [r["id"] for r in body["rows"]] == [ids[k] for k in ("B", "A", "D", "F", "C", "E")]
    assert call("admin").get(f"/findings?municipality={OTHER}").json()["total"] == 1


def test_others_must_name_their_own_municipality(call, ids):
    assert error(call("steward").get("/findings")) == (400, "api.bad_request")
    assert error(call("steward").get(f"/findings?municipality={OTHER}")) == (403, "api.forbidden")
    assert error(call("analyst").get("/findings")) == (403, "api.forbidden")
    assert error(call("partner").get("/findings")) == (403, "api.forbidden")
    assert error(call("partner").get(f"/findings?municipality={OWN}")) == (403, "api.forbidden")


def test_bad_filters_are_400_with_their_code(call, ids):
    steward = call("steward")
    for query in ("status=closed", "code=quality.nonsense"):
        assert error(steward.get(f"/findings?municipality={OWN}&{query}")) == (400, "quality.invalid_filter")
    assert error(steward.get(f"/findings?municipality={OWN}&period=2024-13")) == (400, "api.bad_request")


def test_csv_and_xlsx_hold_every_finding_with_the_numbers_as_json(call, ids):
    answer = call("steward").get(f"/findings?municipality={OWN}&format=csv&page_size=1")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert [int(r["id"]) for r in rows] == [ids["B"], ids["A"], ids["C"], ids["E"]]  # no paging
    assert json.loads(rows[1]["values"]) == {"reference": 600.0, "value": 1200.0}
    assert rows[1]["message_da"] == "schools.pupils#rows: 1200 i 2024-07; referencen er 600"
    assert rows[1]["updated_by"] == ""

    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(call("steward").get(f"/findings?municipality={OWN}&format=xlsx").content))
    sheet = list(book.active.values)
    assert sheet[0][:3] == ("id", "municipality", "period") and len(sheet) == 5


# -- one finding, answering -------------------------------------------------------------------------

def test_one_finding(call, ids):
    body = call("steward").get(f"/findings/{ids['A']}").json()
    assert (body["id"], body["municipality"], body["subject"]) == (ids["A"], OWN, "schools.pupils#rows")
    assert error(call("steward").get(f"/findings/{ids['D']}")) == (403, "api.forbidden")
    assert error(call("analyst").get(f"/findings/{ids['A']}")) == (403, "api.forbidden")
    assert call("admin").get(f"/findings/{ids['D']}").json()["municipality"] == OTHER
    assert error(call("steward").get("/findings/999999")) == (404, "quality.unknown_finding")


def test_a_steward_acknowledges_and_the_answer_is_audited(api, call, ids):
    _, _, store = api
    answer = call("steward").post(f"/findings/{ids['A']}/acknowledge")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["status"], body["updated_by"], body["reason"]) == ("acknowledged", "steward-101", None)
    entry = audit_entries(store, limit=1)[0]
    assert (entry.action, entry.municipality, entry.period) == ("finding.acknowledge", OWN, "2024-07")
    assert f"finding {ids['A']} quality.history_outlier" in entry.object and entry.user_id is not None
    status = call("steward").get(f"/findings?municipality={OWN}&status=acknowledged").json()
    assert [r["id"] for r in status["rows"]] == [ids["A"]]


def test_dismissing_needs_a_reason_and_a_closed_finding_cannot_be_answered_again(api, call, ids):
    _, _, store = api
    steward = call("steward")
    for body in (None, {}, {"reason": "   "}):
        answer = steward.post(f"/findings/{ids['B']}/dismiss", json=body)
        assert error(answer) == (400, "quality.reason_required")
    assert steward.get(f"/findings/{ids['B']}").json()["status"] == "open"
    done = steward.post(f"/findings/{ids['B']}/dismiss", json={"reason": " a new cost centre in July "})
    done = done.json()
    assert (done["status"], done["reason"], done["updated_by"]) == ("dismissed", "a new cost centre in July",
                                                                    "steward-101")
    entry = audit_entries(store, limit=1)[0]
    assert (entry.action, entry.purpose) == ("finding.dismiss", "a new cost centre in July")
    assert error(steward.post(f"/findings/{ids['B']}/dismiss", json={"reason": "again"})) == (
        409, "quality.finding_closed")
    assert error(steward.post(f"/findings/{ids['B']}/acknowledge")) == (409, "quality.finding_closed")
    assert error(steward.post(f"/findings/{ids['E']}/acknowledge")) == (409, "quality.finding_closed")
    assert error(steward.post("/findings/999999/acknowledge")) == (404, "quality.unknown_finding")


@pytest.mark.parametrize("key, finding_key", [("steward", "D"), ("analyst", "A"), ("viewer", "A"),
                                               ("partner", "A"), ("outsider-steward", "F")])
def test_only_stewards_of_the_municipality_and_the_operator_may_answer(api, call, ids, key, finding_key):
    _, _, store = api
    before = len(audit_entries(store, limit=1000))
    assert error(call(key).post(f"/findings/{ids[finding_key]}/acknowledge")) == (403, "api.forbidden")
    assert error(call(key).post(f"/findings/{ids[finding_key]}/dismiss", json={"reason": "x"})) == (
        403, "api.forbidden")
    assert call("admin").get(f"/findings/{ids[finding_key]}").json()["status"] == "open"
    assert len(audit_entries(store, limit=1000)) == before


def test_the_operator_may_answer_any_municipality(call, ids):
    done = call("admin").post(f"/findings/{ids['D']}/dismiss", json={"reason": "checked with Frederiksberg"})
    assert done.status_code == 200 and done.json()["updated_by"] == "admin-op"


def test_a_browser_session_needs_the_csrf_token_to_answer(client, ids):
    signed = client.post(f"{API}/session", json={"username": "steward-101", "password": PASSWORD})
    csrf = signed.json()["csrf_token"]
    refused = client.post(f"{API}/findings/{ids['A']}/acknowledge")
    assert error(refused) == (403, "api.csrf")
    assert client.get(f"{API}/findings/{ids['A']}").json()["status"] == "open"
    done = client.post(f"{API}/findings/{ids['A']}/acknowledge", headers={"X-CSRF-Token": csrf})
    assert done.status_code == 200 and done.json()["status"] == "acknowledged"


# -- the monthly report -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def july_101(served_home):
    """Per source system of København's July 2024: (files loaded, rows loaded), from the registry."""
    import duckdb
    con = duckdb.connect(str(served_home / "warehouse.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT system, count(*), sum(rows_loaded) FROM registry.deliveries "
                           "WHERE municipality = ? AND period = DATE '2024-07-01' AND status = 'loaded' "
                           "GROUP BY system", [OWN]).fetchall()
    finally:
        con.close()
    return {system: (int(n), int(total)) for system, n, total in rows}


def test_the_report_as_json(call, ids, july_101):
    call("steward").post(f"/findings/{ids['B']}/dismiss", json={"reason": "a new cost centre"})
    body = call("steward").get(f"/quality/report/{OWN}?period=2024-07").json()
    assert (body["municipality"], body["name"], body["period"], body["due"]) == (OWN, "København", "2024-07",
                                                                                 "2024-08-15")
    assert {s["system"]: (s["loaded"], s["rows"]) for s in body["arrivals"]} == july_101
    assert len(july_101) == 10 and not any(s["late"] or s["rejected"] for s in body["arrivals"])
    assert body["rejections"] == [] and body["missing"] == []
    # open and acknowledged findings first, then the closed ones
    assert [(f["id"], f["status"]) for f in body["findings"]] == [(ids["A"], "open"), (ids["B"], "dismissed")]
    assert "corrections" in body


def test_the_report_in_markdown_csv_and_xlsx(call, ids, july_101):
    steward = call("steward")
    danish = steward.get(f"/quality/report/{OWN}?period=2024-07&format=md&lang=da")
    assert danish.headers["content-type"].startswith("text/markdown")
    assert 'filename="quality_101_2024-07_da.md"' in danish.headers["content-disposition"]
    text = danish.text
    assert text.startswith("# Kvalitetsrapport: København (101), 2024-07\n")
    assert "| åben | Advarsel | schools.pupils#rows: 1200 i 2024-07; referencen er 600 |" in text
    assert "Alle kildesystemer, kommunen leverer fra, har leveret for måneden." in text
    english = steward.get(f"/quality/report/{OWN}?period=2024-07&format=md").text
    assert "schools.pupils#rows: 1,200 in 2024-07; the reference is 600" in english

    lines = list(csv.DictReader(io.StringIO(steward.get(f"/quality/report/{OWN}?period=2024-07&format=csv")
                                            .content.decode("utf-8-sig"))))
    sections = [r["section"] for r in lines]
    assert sections.count("delivery") == sum(n for n, _ in july_101.values())
    assert [int(r["id"]) for r in lines if r["section"] == "finding"] == [ids["B"], ids["A"]]

    from openpyxl import load_workbook
    xlsx = steward.get(f"/quality/report/{OWN}?period=2024-07&format=xlsx")
    sheet = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert sheet[0][0] == "section" and len(sheet) == len(lines) + 1


def test_who_may_read_the_report(call, ids):
    path = f"/quality/report/{{m}}?period=2024-07"
    assert call("steward").get(path.format(m=OWN)).status_code == 200
    assert call("admin").get(path.format(m=OTHER)).status_code == 200
    for key, m in (("steward", OTHER), ("analyst", OWN), ("viewer", OWN), ("partner", OWN),
                   ("outsider-steward", OUTSIDER)):
        assert error(call(key).get(path.format(m=m))) == (403, "api.forbidden"), key
    assert error(call("steward").get(f"/quality/report/{OWN}?period=juli")) == (400, "api.bad_request")
    assert error(call("steward").get(f"/quality/report/{OWN}")) == (400, "api.bad_request")
    assert error(call("steward").get(f"/quality/report/{OWN}?period=2024-07&format=pdf")) == (400,
                                                                                           "api.bad_request")


def test_the_endpoints_are_in_the_openapi_description(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in ("/findings", "/findings/{finding_id}", "/findings/{finding_id}/acknowledge",
                 "/findings/{finding_id}/dismiss", "/quality/report/{municipality}"):
        assert API + path in paths, path
