"""Corrections through the API: who may add and withdraw them, and the two tracks with their quality flags.

Works on its own copy of the served country, because it publishes new releases."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from fastapi.testclient import TestClient

from flis.catalogue.loader import load_catalogue
from flis.compute.run import compute
from flis.corrections import corrections_in_force
from flis.quality.finding import QualityFinding
from flis.quality.workflow import store_findings
from flis.warehouse.store import Warehouse

API = "/api/v1"
FIGURE, MONTH = "HRM004", "2024-06"


@pytest.fixture(scope="module")
def app(served_home, tmp_path_factory):
    from support.served import served_app

    home = tmp_path_factory.mktemp("corrections-api")
    shutil.copy(served_home / "warehouse.duckdb", home / "warehouse.duckdb")
    shutil.copytree(served_home / "releases", home / "releases")
    made = served_app(home)
    app, tokens, store = next(made)
    yield home, app, tokens, store
    made.close()


def _client(app, tokens, key):
    return TestClient(app[1], headers={"Authorization": f"Bearer {tokens[key]}"})


def _as(app, key):
    return _client(app, app[2], key)


def _recompute(app) -> None:
    home, a, _, store = app
    with Warehouse(home / "warehouse.duckdb") as wh:
        compute(wh.con, load_catalogue(), corrections=corrections_in_force(store))
    a.state.services._checked = 0.0  # look for the new release now, not in a second
    a.state.services._findings = None


def _value(app, track, key="analyst"):
    r = _as(app, key).get(f"{API}/figures/{FIGURE}", params={"period": MONTH, "track": track})
    assert r.status_code == 200, r.text
    return r.json(), {row["municipality"]: row for row in r.json()["rows"]}


def test_stewards_correct_their_own_municipality_and_both_tracks_are_served(app):
    _, delivered = _value(app, "delivered")
    old, den = delivered[101]["numerator"], delivered[101]["denominator"]
    body = {"kind": "aggregate", "series_id": FIGURE, "side": "numerator", "municipality": "101", "period": MONTH,
            "new_value": old / 2, "reason": "every FTE counted twice"}
    for key, code in (("analyst", 403), ("viewer", 403), ("outsider-steward", 403), ("partner", 403)):
        assert _as(app, key).post(f"{API}/corrections", json=body).status_code == code, key
    assert _as(app, "steward").post(f"{API}/corrections", json={**body, "municipality": "147"}).status_code == 403
    r = _as(app, "steward").post(f"{API}/corrections", json={**body, "reason": " "})
    assert r.status_code == 400 and r.json()["error"]["code"] == "corrections.reason_required"
    r = _as(app, "steward").post(f"{API}/corrections", json=body)
    assert r.status_code == 201, r.text
    correction = r.json()
    assert correction["old_value"] == pytest.approx(old) and correction["author"] == "steward-101"

    _recompute(app)
    envelope, corrected = _value(app, "corrected")
    _, delivered = _value(app, "delivered")
    assert envelope["track"] == "corrected"
    assert corrected[101]["numerator"] == pytest.approx(old / 2)
    assert corrected[101]["value"] == pytest.approx(old / 2 / den)
    assert delivered[101]["numerator"] == pytest.approx(old)
    assert "corrected" in corrected[101]["flags"] and "corrected" in delivered[101]["flags"]
    assert all("corrected" not in row["flags"] for m, row in corrected.items() if m != 101)
    assert {m: r["value"] for m, r in corrected.items() if m != 101} == \
        {m: r["value"] for m, r in delivered.items() if m != 101}
    # The default is the corrected track; compare and exports say which track.
    assert _as(app, "analyst").get(f"{API}/figures/{FIGURE}", params={"period": MONTH}).json()["track"] == "corrected"
    c = _as(app, "analyst").get(f"{API}/compare/{FIGURE}", params={"municipality": 101, "period": MONTH,
                                                                   "track": "corrected"}).json()
    assert c["track"] == "corrected" and "corrected" in c["flags"]
    text = _as(app, "analyst").get(f"{API}/figures/{FIGURE}", params={"period": MONTH, "track": "delivered",
                                                                      "format": "csv"}).content.decode("utf-8-sig")
    rows = {int(r["municipality"]): r for r in csv.DictReader(io.StringIO(text))}
    assert rows[101]["track"] == "delivered" and "corrected" in rows[101]["flags"].split(";")
    # Everybody sees why a value is corrected.
    applied = _as(app, "viewer").get(f"{API}/corrections/applied", params={"municipality": 101}).json()
    assert [a["reason"] for a in applied["corrections"]] == ["every FTE counted twice"]

    listed = _as(app, "steward").get(f"{API}/corrections", params={"municipality": 101}).json()["corrections"]
    assert [x["id"] for x in listed] == [correction["id"]]
    assert _as(app, "analyst").get(f"{API}/corrections", params={"municipality": 101}).status_code == 403
    assert _as(app, "admin").post(f"{API}/corrections/{correction['id']}/withdraw",
                                  json={"reason": "wrong"}).status_code == 200
    r = _as(app, "steward").post(f"{API}/corrections/{correction['id']}/withdraw", json={"reason": "again"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "corrections.withdrawn"
    assert _as(app, "steward").post(f"{API}/corrections/999/withdraw", json={"reason": "x"}).status_code == 404


def test_an_open_finding_flags_the_values_that_read_its_table(app):
    home, a, tokens, store = app
    store_findings(store, [QualityFinding(code="quality.history_outlier", municipality=101,
                                          subject="hr.employees#rows", period=MONTH,
                                          values={"value": 2.0, "reference": 1.0, "score": 9.0},
                                          message_en="x", message_da="x")], "run-api")
    a.state.services._findings = None
    _, rows = _value(app, "corrected")
    assert "finding_open" in rows[101]["flags"]
    assert "finding_open" not in rows[147]["flags"]
    other = _as(app, "analyst").get(f"{API}/figures/SCH001", params={"period": MONTH}).json()["rows"]
    assert all("finding_open" not in r["flags"] for r in other)  # schools do not read payroll


def test_rows_corrections_check_the_delivery_owner(app):
    home, a, tokens, store = app
    with Warehouse(home / "warehouse.duckdb", read_only=True) as wh:
        delivery, line = wh.con.execute("SELECT _delivery, _line FROM current.hr_employees WHERE _municipality = 147 "
                                        "LIMIT 1").fetchall()[0]
    body = {"kind": "rows", "table": "hr.employees", "delivery_id": delivery, "lines": [line], "action": "exclude",
            "reason": "duplicate"}
    assert _as(app, "steward").post(f"{API}/corrections", json=body).status_code == 403
    r = _as(app, "admin").post(f"{API}/corrections", json=body)
    assert r.status_code == 201 and r.json()["municipality"] == 147 and r.json()["lines"] == [line]
    r = _as(app, "admin").post(f"{API}/corrections", json={**body, "lines": [10 ** 7]})
    assert r.status_code == 400 and r.json()["error"]["code"] == "corrections.invalid"


def test_the_figure_page_offers_both_tracks_and_shows_flags_and_why(app):
    from web.conftest import sign_in
    from support.served import ACCOUNTS

    from flis.corrections import AggregateCorrection, add_correction

    home, a, tokens, store = app
    with Warehouse(home / "warehouse.duckdb") as wh:
        old = wh.con.execute("SELECT numerator FROM releases.cells WHERE series_id = ? AND municipality = 751 AND "
                             "period = DATE '2024-06-01' ORDER BY release_id DESC LIMIT 1", [FIGURE]).fetchall()[0][0]
        add_correction(store, wh.con, load_catalogue(), AggregateCorrection(FIGURE, "numerator", 751, MONTH,
                                                                            old + 10, "Aarhus payroll re-checked"))
    _recompute(app)
    with TestClient(a) as c:
        assert sign_in(c, ACCOUNTS["analyst"].username).status_code == 303
        page = c.get(f"/figures/{FIGURE}", params={"municipality": 751, "period": MONTH}).text
        assert 'name="track"' in page and "Aarhus payroll re-checked" in page
        assert 'class="tag flag-corrected"' in page and "track=corrected&amp;format=csv" in page
        delivered = c.get(f"/figures/{FIGURE}", params={"municipality": 751, "period": MONTH,
                                                        "track": "delivered", "lang": "en"}).text
        assert "track=delivered&amp;format=csv" in delivered
