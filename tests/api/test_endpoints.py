"""The API's answers on a small computed country: values equal the release, formats, paging, sign-in."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from flis.compare.release import ReleaseView
from api.conftest import OTHER, OWN, PASSWORD

API = "/api/v1"


@pytest.fixture(scope="module")
def view(served_home):
    return ReleaseView.load(served_home)


def _series_with_values(view, level="monthly"):
    for sid in ("SCH001", "SCH002", "CIT001"):
        if view.periods(sid):
            return sid
    raise AssertionError("no series with values")


def test_catalogue_search_finds_class_size_in_danish_and_english(as_user):
    r = as_user("viewer").get(f"{API}/catalogue", params={"q": "klassekvotient normalklasser"})
    assert r.status_code == 200
    ids = [row["id"] for row in r.json()["rows"]]
    assert "SCH001" in ids
    r = as_user("viewer").get(f"{API}/catalogue", params={"q": "class size", "figures_only": True})
    assert "SCH001" in [row["id"] for row in r.json()["rows"]]


def test_catalogue_pages_and_definition(as_user):
    r = as_user("viewer").get(f"{API}/catalogue", params={"page_size": 10, "page": 2}).json()
    assert len(r["rows"]) == 10 and r["page"] == 2 and r["total"] > 1000 and "page=3" in r["next"]
    d = as_user("viewer").get(f"{API}/catalogue/SCH001").json()
    assert d["numerator"]["measure"] and d["denominator"] is not None and d["level"] == "monthly"
    assert "10" in d["definition"] or d["definition"]


def test_figure_values_equal_the_release(as_user, view):
    sid = _series_with_values(view)
    period = view.latest_period(sid)
    r = as_user("analyst").get(f"{API}/figures/{sid}", params={"period": str(period)}).json()
    expected = view.values(sid, period)
    got = {row["municipality"]: (row["numerator"], row["denominator"], row["value"]) for row in r["rows"]}
    assert got == expected and r["release"] == view.release_id


def test_csv_is_r_friendly_and_xlsx_opens(as_user, view):
    sid = _series_with_values(view)
    r = as_user("analyst").get(f"{API}/figures/{sid}", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    text = r.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and set(rows[0]) == {"series_id", "period", "municipality", "name", "value", "numerator",
                                     "denominator", "track", "flags"}
    assert {r["track"] for r in rows} == {"corrected"}
    assert all("," not in row["value"] for row in rows)  # dot decimals
    r = as_user("analyst").get(f"{API}/figures/{sid}", params={"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert [c.value for c in sheet[1]][:3] == ["series_id", "period", "municipality"]
    assert sheet.max_row == len(rows) + 1


def test_compare_matches_the_distribution(as_user, view):
    sid = _series_with_values(view)
    c = as_user("analyst").get(f"{API}/compare/{sid}", params={"municipality": OWN,
                                                               "comparables": "komgrp"}).json()
    d = as_user("analyst").get(f"{API}/figures/{sid}/distribution").json()
    mine = next(e for e in d["entries"] if e["municipality"] == OWN)
    assert (c["rank"], c["value"]) == (mine["rank"], mine["value"])
    assert c["comparables"]["kind"] == "komgrp" and OWN not in c["comparables"]["members"]
    assert c["national"]["area"] == "DK"


def test_timeseries_has_national_values_and_csv(as_user, view):
    sid = _series_with_values(view)
    t = as_user("analyst").get(f"{API}/timeseries/{sid}", params={"municipality": "København"}).json()
    assert t["municipality"] == OWN and len(t["rows"]) == len(view.periods(sid))
    assert all(row["national"] is not None for row in t["rows"])
    own = {str(p): v for p, _, _, v in view.timeseries(sid, OWN).points()}
    assert {row["period"]: row["value"] for row in t["rows"]} == own


def test_neighbours_explain_themselves_and_weights_change_them(as_user):
    base = as_user("viewer").get(f"{API}/neighbours/{OTHER}", params={"k": 3}).json()
    assert len(base["neighbours"]) == 3 and all(n["why"] for n in base["neighbours"])
    names = list(base["weights"])
    heavy = as_user("viewer").get(f"{API}/neighbours/{OTHER}",
                                  params={"k": 3, "weight": [f"{n}=0" for n in names[1:]]}).json()
    assert heavy["weights"][names[1]] == 0
    bad = as_user("viewer").get(f"{API}/neighbours/{OTHER}", params={"weight": "nonsense=1"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "compare.invalid_comparables"


def test_sign_in_sets_a_safe_cookie_and_csrf_guards_sign_out(client):
    r = client.post(f"{API}/session", json={"username": "analyst-101", "password": PASSWORD})
    assert r.status_code == 200, r.text
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    csrf = r.json()["csrf_token"]
    assert client.get(f"{API}/me").json()["username"] == "analyst-101"
    refused = client.delete(f"{API}/session")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "api.csrf"
    assert client.delete(f"{API}/session", headers={"X-CSRF-Token": csrf}).status_code == 200
    assert client.get(f"{API}/me").status_code == 401


def test_wrong_password_is_refused_without_saying_why(client):
    r = client.post(f"{API}/session", json={"username": "analyst-101", "password": "wrong"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "access.invalid_credentials"
    r2 = client.post(f"{API}/session", json={"username": "nobody-here", "password": "wrong"})
    assert r2.status_code == 401 and r2.json()["error"]["message"] == r.json()["error"]["message"]


def test_drill_is_audited_with_its_purpose(api, as_user, view):
    _, _, store = api
    from flis.access import audit_entries
    sid = _series_with_values(view)
    period = view.latest_period(sid)
    r = as_user("analyst").get(f"{API}/drill/{sid}", params={"municipality": OWN, "period": str(period),
                                                            "purpose": "checking the May delivery"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] >= 1 and {"_delivery", "_line", "measured"} <= set(body["columns"])
    entry = audit_entries(store, limit=1)[0]
    assert (entry.action, entry.municipality, entry.purpose) == ("drill", OWN, "checking the May delivery")
    assert entry.row_count == len(body["rows"])
    missing = as_user("analyst").get(f"{API}/drill/{sid}", params={"municipality": OWN, "period": str(period),
                                                                  "purpose": "  "})
    assert missing.status_code == 400


def test_deliveries_and_findings_of_own_municipality(as_user):
    r = as_user("steward").get(f"{API}/deliveries", params={"municipality": OWN, "page_size": 5}).json()
    assert r["total"] > 5 and len(r["rows"]) == 5 and all(row["municipality"] == OWN for row in r["rows"])
    one = as_user("steward").get(f"{API}/deliveries/{r['rows'][0]['delivery_id']}").json()
    assert one["municipality"] == OWN and "findings" in one and one["arrivals"]
