"""The quality page: findings month by month in the page's language, answering them with CSRF-protected
forms (audited, then back to the list), who may see it, and the monthly report as a page and a download."""

from __future__ import annotations

import re

import pytest

from flis.access import audit_entries
from flis.quality.models import STATUSES
from flis.quality.workflow import list_findings
from flis.web.i18n import LANGUAGES, texts
from support.findings import clear_findings, finding, replace_findings
from support.served import OTHER, OWN
from web.conftest import form_token


@pytest.fixture
def ids(served_app):
    _, _, store = served_app
    stored = replace_findings(store, [
        finding(OWN, "2024-07", "schools.pupils#rows"),
        finding(OWN, "2024-06", "economy.postings#amount", code="quality.peer_outlier"),
        finding(OWN, "2024-05", "schools.pupils#repeated", code="quality.repeated_records", in_force=False,
                delivery="d-superseded"),
        finding(OTHER, "2024-07", "schools.pupils#rows"),
    ])
    yield {"july": stored[(OWN, "2024-07", "schools.pupils#rows")],
           "june": stored[(OWN, "2024-06", "economy.postings#amount")],
           "may": stored[(OWN, "2024-05", "schools.pupils#repeated")],
           "other": stored[(OTHER, "2024-07", "schools.pupils#rows")]}
    clear_findings(store)


def row(html: str, finding_id: int) -> str:
    found = re.search(rf'<tr id="finding-{finding_id}".*?</tr>', html, re.S)
    assert found, f"no row for finding {finding_id}"
    return found.group(0)


def test_a_steward_sees_the_findings_month_by_month_in_danish(page_as, ids):
    html = page_as("steward").get("/quality").text
    assert "<h1>Datakvalitet for København</h1>" in html
    months = re.findall(r'<h2 id="month-([\d-]+)">', html)
    assert months == ["2024-07", "2024-06", "2024-05"]
    july = row(html, ids["july"])
    assert "schools.pupils#rows: 1200 i 2024-07; referencen er 600" in july
    assert "Åben" in july and "Advarsel" in july
    assert f'action="/quality/findings/{ids["july"]}/acknowledge"' in july
    assert f'<label for="reason-{ids["july"]}">Begrundelse</label>' in july
    may = row(html, ids["may"])
    assert "Rettet" in may and "superseded" in may and "<form" not in may  # a closed finding has no forms
    assert f"finding-{ids['other']}" not in html
    assert 'href="/quality/report?municipality=101&amp;period=2024-07"' in html


def test_english_and_a_status_filter(page_as, ids):
    html = page_as("steward").get("/quality?lang=en&status=open").text
    assert "schools.pupils#rows: 1,200 in 2024-07; the reference is 600" in html
    assert re.findall(r'<tr id="finding-(\d+)"', html) == [str(ids["july"]), str(ids["june"])]
    assert '<option value="open" selected>Open</option>' in html


def test_who_sees_the_page(page_as, ids):
    for key in ("viewer", "analyst", "partner"):
        client = page_as(key)
        assert client.get(f"/quality?municipality={OWN}").status_code == 403, key
        assert 'href="/quality"' not in client.get("/").text.split("</nav>")[0]
    steward = page_as("steward")
    assert 'href="/quality"' in steward.get("/").text.split("</nav>")[0]
    refused = steward.get(f"/quality?municipality={OTHER}")
    assert refused.status_code == 403
    assert "Du har ikke adgang til kvalitetsfundene for Frederiksberg" in refused.text
    admin = page_as("admin").get(f"/quality?municipality={OTHER}")
    assert admin.status_code == 200 and f"finding-{ids['other']}" in admin.text
    assert page_as("outsider-steward").get("/quality").status_code == 403


def test_acknowledging_goes_back_to_the_list_and_is_audited(served_app, page_as, ids):
    _, _, store = served_app
    client = page_as("steward")
    page = client.get("/quality?status=open").text
    answer = client.post(f"/quality/findings/{ids['july']}/acknowledge",
                         data={"csrf_token": form_token(page), "back": "/quality?status=open"},
                         follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/quality?status=open#finding-{ids['july']}"
    entry = audit_entries(store, limit=1)[0]
    assert (entry.action, entry.municipality, entry.period) == ("finding.acknowledge", OWN, "2024-07")
    july = row(client.get("/quality").text, ids["july"])
    assert "Kvitteret" in july and "af steward-101" in july
    assert "/acknowledge" not in july and "/dismiss" in july  # still open to a dismissal


def test_dismissing_needs_a_reason(served_app, page_as, ids):
    client = page_as("steward")
    token = form_token(client.get("/quality").text)
    dismiss = f"/quality/findings/{ids['june']}/dismiss"
    blank = client.post(dismiss, data={"csrf_token": token, "reason": "  "})
    assert blank.status_code == 400 and "quality.reason_required" in blank.text
    done = client.post(dismiss, follow_redirects=False,
                       data={"csrf_token": token, "reason": "a new cost centre", "back": "//evil.example/"})
    assert done.status_code == 303
    assert done.headers["location"] == f"/#finding-{ids['june']}"  # never to another site
    june = row(client.get("/quality").text, ids["june"])
    assert "Afvist" in june and "a new cost centre" in june and "<form" not in june
    again = client.post(dismiss, data={"csrf_token": token, "reason": "x"})
    assert again.status_code == 409 and "quality.finding_closed" in again.text


def test_forms_without_the_session_token_or_for_another_municipality_are_refused(served_app, page_as, ids):
    _, _, store = served_app
    client = page_as("steward")
    forged = client.post(f"/quality/findings/{ids['july']}/acknowledge", data={"csrf_token": "forged"})
    assert forged.status_code == 403 and "api.csrf" in forged.text
    token = form_token(client.get("/quality").text)
    other = client.post(f"/quality/findings/{ids['other']}/dismiss",
                        data={"csrf_token": token, "reason": "x"})
    assert other.status_code == 403
    analyst = page_as("analyst")
    refused = analyst.post(f"/quality/findings/{ids['july']}/acknowledge",
                           data={"csrf_token": form_token(analyst.get("/").text)})
    assert refused.status_code == 403
    statuses = {r.id: r.status for r in list_findings(store)[0]}
    assert statuses[ids["july"]] == statuses[ids["other"]] == "open"


def test_the_monthly_report_as_a_page_and_a_markdown_download(page_as, ids):
    client = page_as("steward")
    html = client.get("/quality/report?period=2024-07").text
    assert "<h1>Kvalitetsrapport for København, 2024-07</h1>" in html
    assert "Leverancer for 2024-07 skulle være modtaget senest 2024-08-15." in html
    assert "schools.pupils#rows: 1200 i 2024-07; referencen er 600" in html
    assert "Alle kildesystemer, kommunen leverer fra, har leveret for måneden." in html
    assert html.count('<th scope="row">') == 10  # København's ten source systems
    link = re.search(r'href="(/api/v1/quality/report/101\?period=2024-07&amp;format=md&amp;lang=da)"', html)
    assert link
    download = client.get(link.group(1).replace("&amp;", "&"))
    assert download.status_code == 200
    assert download.text.startswith("# Kvalitetsrapport: København (101), 2024-07")
    assert client.get(f"/quality/report?municipality={OTHER}&period=2024-07").status_code == 403
    assert page_as("analyst").get("/quality/report?period=2024-07").status_code == 403


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_finding_status_has_a_label(lang):
    assert {f"finding_status.{s}" for s in STATUSES} <= set(texts(lang))
