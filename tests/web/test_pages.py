"""The portal's pages through plain HTTP: sign-in and CSRF, who sees which page, languages, and the numbers."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import unquote

import pytest

from flis.access import audit_entries
from support.served import ACCOUNTS, OTHER, OWN
from web.conftest import form_token, sign_in


def spec(html: str, name: str) -> dict:
    """The Plotly figure a page embeds for chart ``name``."""
    found = re.search(rf'<script type="application/json" id="spec-{name}">(.*?)</script>', html, re.S)
    assert found, f"no chart {name}"
    return json.loads(found.group(1).replace("<\\/", "</"))


# -- signing in and out ---------------------------------------------------------------------------

def test_a_page_asked_for_without_a_session_leads_to_the_sign_in_form_and_back(anonymous):
    answer = anonymous.get("/figures/SCH001?municipality=101", follow_redirects=False)
    assert answer.status_code == 303
    assert unquote(answer.headers["location"]) == "/login?next=/figures/SCH001?municipality=101"
    form = anonymous.get(answer.headers["location"])
    assert form.status_code == 200 and 'name="password"' in form.text
    assert 'value="/figures/SCH001?municipality=101"' in form.text
    signed = anonymous.post("/login", data={"username": ACCOUNTS["analyst"].username,
                                            "password": "correct horse battery staple 42",
                                            "csrf_token": form_token(form.text),
                                            "next": "/figures/SCH001?municipality=101"}, follow_redirects=False)
    assert signed.status_code == 303 and signed.headers["location"] == "/figures/SCH001?municipality=101"
    cookie = next(h for h in signed.headers.get_list("set-cookie") if h.startswith("flis_session="))
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    assert anonymous.get("/figures/SCH001").status_code == 200


def test_a_forged_sign_in_without_the_form_cookie_is_refused(anonymous):
    form = anonymous.get("/login")
    token = form_token(form.text)
    anonymous.cookies.clear()  # another site can post the form but cannot send our pre-session cookie
    answer = anonymous.post("/login", data={"username": ACCOUNTS["analyst"].username,
                                            "password": "correct horse battery staple 42", "csrf_token": token})
    assert answer.status_code == 403
    assert "api.csrf" in answer.text
    assert "flis_session" not in answer.headers.get("set-cookie", "")


def test_a_sign_in_whose_token_does_not_match_its_cookie_is_refused(anonymous):
    anonymous.get("/login")
    answer = anonymous.post("/login", data={"username": ACCOUNTS["analyst"].username,
                                            "password": "correct horse battery staple 42", "csrf_token": "guess"})
    assert answer.status_code == 403 and "api.csrf" in answer.text


def test_a_wrong_password_shows_the_form_again_with_a_message(anonymous):
    answer = sign_in(anonymous, "viewer-101", "not the password at all")
    assert answer.status_code == 401
    assert "Forkert brugernavn eller adgangskode" in answer.text
    assert 'value="viewer-101"' in answer.text


def test_sign_in_never_redirects_to_another_site(anonymous):
    answer = sign_in(anonymous, ACCOUNTS["analyst"].username, next_url="//evil.example/steal")
    assert answer.status_code == 303 and answer.headers["location"] == "/"


def test_sign_out_needs_the_session_csrf_token(page_as):
    client = page_as("analyst")
    forged = client.post("/logout", data={"csrf_token": "forged"}, follow_redirects=False)
    assert forged.status_code == 403 and "api.csrf" in forged.text
    assert client.get("/").status_code == 200  # still signed in
    token = form_token(client.get("/").text)
    answer = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert client.get("/", follow_redirects=False).status_code == 303


# -- who sees what ----------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["outsider-analyst", "outsider-steward"])
def test_users_of_a_municipality_without_subscription_get_a_page_saying_so(page_as, key):
    client = page_as(key)
    for path in ("/", "/figures", "/figures/SCH001", "/compare", "/drill/SCH001", "/deliveries"):
        answer = client.get(path)
        assert answer.status_code == 403, path
        assert "Ishøj abonnerer ikke på flis" in answer.text
    english = client.get("/?lang=en")
    assert "Ishøj does not subscribe to flis" in english.text
    assert 'action="/logout"' in english.text  # they can still sign out


PAGES = {"/": 200, "/figures": 200, "/figures/SCH001": 200, "/compare": 200}


@pytest.mark.parametrize("key, drill, deliveries", [
    ("viewer", 403, 403), ("analyst", 200, 403), ("steward", 200, 200), ("partner", 403, 403), ("admin", 200, 200)])
def test_status_of_every_page_per_role(page_as, key, drill, deliveries):
    client = page_as(key)
    for path, status in PAGES.items():
        assert client.get(path).status_code == status, path
    assert client.get(f"/drill/SCH001?municipality={OWN}").status_code == drill
    assert client.get(f"/deliveries?municipality={OWN}").status_code == deliveries
    nav = client.get("/").text.split("</nav>")[0]
    assert ('href="/deliveries"' in nav) == (deliveries == 200)


def test_row_level_pages_of_another_municipality_are_refused_to_municipal_users(page_as):
    analyst, steward, admin = page_as("analyst"), page_as("steward"), page_as("admin")
    refused = analyst.get(f"/drill/SCH001?municipality={OTHER}")
    assert refused.status_code == 403 and "Du har ikke adgang til rækkerne for Frederiksberg" in refused.text
    assert steward.get(f"/deliveries?municipality={OTHER}").status_code == 403
    assert admin.get(f"/drill/SCH001?municipality={OTHER}").status_code == 200
    assert admin.get(f"/deliveries?municipality={OTHER}").status_code == 200


def test_errors_are_pages_with_the_stable_code(page_as):
    client = page_as("analyst")
    missing = client.get("/figures/NOPE999")
    assert missing.status_code == 404 and "api.not_found" in missing.text and "<h1>Findes ikke</h1>" in missing.text
    bad = client.get("/compare?comparables=planets")
    assert bad.status_code == 400 and "api.bad_request" in bad.text
    unknown = client.get("/?municipality=Atlantis")
    assert unknown.status_code == 404 and "reference.unknown_municipality" in unknown.text


# -- languages --------------------------------------------------------------------------------------

def test_danish_by_default_english_on_request_and_remembered(page_as):
    client = page_as("analyst")
    danish = client.get("/")
    assert '<html lang="da">' in danish.text and "Overblik for København" in danish.text
    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.text and "Overview for Copenhagen" in english.text
    assert "flis_lang=en" in english.headers["set-cookie"]
    assert "Overview for Copenhagen" in client.get("/").text  # the cookie remembers
    assert "Overblik for København" in client.get("/?lang=da").text
    assert 'href="/?lang=en" lang="en"' in danish.text  # the switch keeps the page, relative to this site


def test_pages_carry_the_security_headers_and_a_skip_link(page_as):
    answer = page_as("viewer").get("/figures")
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert '<a class="skip" href="#main">' in answer.text and '<main id="main"' in answer.text


def test_plotly_and_the_portal_assets_are_served_locally(anonymous):
    js = anonymous.get("/static/plotly.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"] and len(js.content) > 1_000_000
    assert anonymous.get("/static/portal.css").status_code == 200
    assert "Plotly.newPlot" in anonymous.get("/static/portal.js").text


# -- the explorer and the figure page ---------------------------------------------------------------

def test_the_explorer_finds_figures_by_words_and_filters_by_domain(page_as):
    client = page_as("viewer")
    found = client.get("/figures?q=klassekvotient normalklasser&figures_only=true")
    assert 'href="/figures/SCH001"' in found.text and "1 nøgletal fundet" in found.text
    assert "0 nøgletal fundet" in client.get("/figures?q=klassekvotient&domain=elderly").text
    everything = client.get("/figures")
    total = int(re.search(r"(\d+) nøgletal fundet", everything.text).group(1))
    assert total == len(client.app.state.services.catalogue.series) and everything.text.count("<tr>") == 1 + 50
    assert 'href="/figures?page=2" rel="next"' in everything.text
    assert 'rel="prev"' in client.get("/figures?page=2").text
    english = client.get("/figures?q=class size&domain=schools&lang=en")
    assert 'href="/figures/SCH001"' in english.text and "Average class size in normal classes" in english.text


def test_the_figure_page_charts_the_release_values(page_as, view):
    client = page_as("analyst")
    html = client.get(f"/figures/SCH001?municipality={OWN}").text
    period = view.latest_period("SCH001")
    values = {m: v for m, (_, _, v) in view.values("SCH001", period).items() if v is not None}
    bars = spec(html, "bars")
    drawn = {name: y for trace in bars["data"] for name, y in zip(trace["x"], trace["y"])}
    order = bars["layout"]["xaxis"]["categoryarray"]
    assert [drawn[name] for name in order] == sorted(values.values(), reverse=True)  # neutral: highest first
    assert len(order) == len(values)
    own = bars["data"][0]
    assert (own["x"], own["marker"]["color"]) == (["København"], "#b35806")
    national = view.group("SCH001", "country", "DK", period).value
    assert bars["layout"]["shapes"][0]["y0"] == pytest.approx(national)
    series = spec(html, "series")
    assert [trace["name"] for trace in series["data"]] == ["København", "Sammenlignelige", "Landet"]
    assert series["data"][0]["y"] == [view.values("SCH001", p)[OWN][2] for p in view.periods("SCH001")]
    the_map = spec(html, "map")
    assert the_map["layout"]["meta"]["map"] in ("tile-grid", "boundaries")
    assert f"/api/v1/figures/SCH001?period={period}&amp;track=corrected&amp;format=csv" in html
    assert f'href="/drill/SCH001?municipality={OWN}&amp;period={period}"' in html
    assert "Tæller" in html and "Nævner" in html and "Henføres til" in html


def test_the_figure_page_offers_drill_down_only_where_the_role_allows(page_as):
    assert "/drill/SCH001" not in page_as("viewer").get(f"/figures/SCH001?municipality={OWN}").text
    assert "/drill/SCH001" not in page_as("analyst").get(f"/figures/SCH001?municipality={OTHER}").text


def test_the_csv_link_answers_with_the_session_cookie(page_as, view):
    client = page_as("viewer")
    period = view.latest_period("SCH001")
    answer = client.get(f"/api/v1/figures/SCH001?period={period}&format=csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert {int(r["municipality"]) for r in rows} == set(view.values("SCH001", period))


# -- drill-down -------------------------------------------------------------------------------------

def test_drill_down_asks_the_purpose_then_shows_audited_rows_and_exports(page_as, view, served_app):
    _, _, store = served_app
    client = page_as("analyst")
    period = str(view.latest_period("SCH001"))
    form = client.get(f"/drill/SCH001?municipality={OWN}&period={period}")
    assert form.status_code == 200 and 'name="purpose"' in form.text
    fields = {"csrf_token": form_token(form.text), "municipality": str(OWN), "period": period, "side": "numerator"}
    forged = client.post("/drill/SCH001", data={**fields, "csrf_token": "forged", "purpose": "curious"})
    assert forged.status_code == 403 and "api.csrf" in forged.text
    empty = client.post("/drill/SCH001", data={**fields, "purpose": "   "})
    assert empty.status_code == 400 and "Angiv et formål" in empty.text
    shown = client.post("/drill/SCH001", data={**fields, "purpose": "checking our June delivery"})
    assert shown.status_code == 200
    numerator = view.values("SCH001", period)[OWN][0]  # a count of rows
    assert f"{numerator:,.0f} rækker.".replace(",", ".") in shown.text
    assert shown.text.count("<tr>") - 1 == min(50, int(numerator))
    entry = audit_entries(store, limit=1)[0]
    assert (entry.action, entry.purpose, entry.municipality, entry.period) == (
        "drill", "checking our June delivery", OWN, period)
    exported = client.post("/drill/SCH001/export", data={**fields, "purpose": "checking our June delivery"})
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert len(rows) == numerator and {"_delivery", "_line"} <= set(rows[0])
    assert audit_entries(store, limit=1)[0].action == "export"


def test_a_forged_drill_post_for_another_municipality_is_refused(page_as, view):
    client = page_as("analyst")
    token = form_token(client.get("/").text)
    answer = client.post("/drill/SCH001", data={"csrf_token": token, "municipality": str(OTHER),
                                                "period": str(view.latest_period("SCH001")), "purpose": "x"})
    assert answer.status_code == 403


# -- deliveries -------------------------------------------------------------------------------------

def test_the_delivery_matrix_links_each_delivered_cell_to_its_findings(page_as, served_home):
    import duckdb
    client = page_as("steward")
    html = client.get("/deliveries").text
    con = duckdb.connect(str(served_home / "warehouse.duckdb"), read_only=True)
    try:
        systems = {s for (s,) in con.execute("SELECT DISTINCT system FROM registry.deliveries WHERE municipality = ?",
                                             [OWN]).fetchall()}
        other = con.execute("SELECT delivery_id FROM registry.deliveries WHERE municipality = ? LIMIT 1",
                            [OTHER]).fetchone()[0]
    finally:
        con.close()
    for system in systems:
        assert f"<th scope=\"row\">{system} " in html
    links = re.findall(r'href="/deliveries/([0-9a-f]+)"', html)
    assert links
    detail = client.get(f"/deliveries/{links[0]}")
    assert detail.status_code == 200 and "Fund (" in detail.text
    assert client.get(f"/deliveries/{other}").status_code == 403


# -- compare ----------------------------------------------------------------------------------------

def test_compare_rows_agree_with_flis_compare_for_every_figure(view):
    from types import SimpleNamespace

    from flis.compare import stats
    from flis.web.compare import _row

    members = [147, 751, 825]
    for sid in [s for s in view.series_ids() if "." not in s]:
        if not view.periods(sid):
            continue
        row = _row(SimpleNamespace(lang="da"), view, sid, OWN, members)
        expected = stats.compare(view, sid, None, OWN)
        assert (row.value, row.rank, row.of, row.period) == (expected.value, expected.rank, expected.of,
                                                              expected.period), sid
        national = expected.national.value if expected.national.value is not None else expected.national.municipal_mean
        assert row.national == national, sid


def test_the_compare_page_colours_and_names_better_and_worse(page_as):
    html = page_as("analyst").get("/compare?comparables=komgrp&domain=&lang=en").text
    rows = re.findall(r'<tr class="row-(better|worse|same|neutral)">', html)
    summary = re.search(r"(\d+) better, (\d+) worse, (\d+) level and (\d+) without a direction", html)
    assert [int(n) for n in summary.groups()] == [rows.count(v) for v in ("better", "worse", "same", "neutral")]
    assert rows.count("better") + rows.count("worse") > 0
    assert html.count('<span class="verdict better"><span aria-hidden="true">▲</span>') == rows.count("better")
    assert "the municipality group Hovedstadskommuner" in html
