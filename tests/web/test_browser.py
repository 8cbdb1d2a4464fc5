"""The portal in a real browser (Playwright driving Debian's chromium, headless, never downloaded).

One browser for the module, a fresh context (cookies) per test. Without /usr/bin/chromium the tests are
skipped on a developer's machine, and fail under CI (``CI=true``), which must provide it.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from support.served import ACCOUNTS, OTHER, OWN, PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
PENDING_CHART = "[data-figure]:not([data-rendered])"
"""A chart portal.js has not drawn yet (it sets data-rendered when Plotly is done)."""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; CI must install chromium")
        pytest.skip(f"no browser at {CHROMIUM} (install Debian's chromium to run the browser tests)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_url):
    context = browser.new_context(base_url=live_url, accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def sign_in(page, key: str = "analyst") -> None:
    page.goto("/")  # not signed in: the sign-in form
    page.get_by_label("Brugernavn").fill(ACCOUNTS[key].username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_selector("h1:has-text('Overblik for København')")


def with_values(view, series: str = "SCH001") -> int:
    period = view.latest_period(series)
    return sum(v is not None for _, _, v in view.values(series, period).values())


def test_sign_in_find_a_figure_by_search_and_see_bar_chart_time_series_and_map(page, view):
    sign_in(page)
    page.get_by_role("link", name="Nøgletal", exact=True).click()
    page.get_by_label("Søg", exact=True).fill("klassekvotient normalklasser")
    page.get_by_label("Søg", exact=True).press("Enter")
    page.get_by_role("link", name="Klassekvotient i normalklasser", exact=True).click()
    page.wait_for_selector("#chart-map[data-rendered]")
    page.wait_for_selector(PENDING_CHART, state="detached")
    assert page.locator("#chart-bars .main-svg").count() >= 1
    assert page.locator("#chart-bars g.bars g.point path").count() == with_values(view)
    assert page.locator("#chart-series g.scatterlayer g.trace").count() == 3  # own, comparables, country
    assert page.locator("#chart-series path.js-line").count() >= 3
    assert page.locator("#chart-map .main-svg").count() >= 1
    assert page.locator("#chart-map path.js-fill").count() == 98  # every municipality, with or without a value


def test_drill_down_in_the_own_municipality_and_refused_for_another(page, view):
    sign_in(page)
    page.goto(f"/figures/SCH001?municipality={OWN}")
    page.get_by_role("link", name="Se de bagvedliggende rækker").click()
    page.get_by_label("Formål").fill("checking our latest class data")
    page.get_by_role("button", name="Vis rækkerne").click()
    numerator = view.values("SCH001", view.latest_period("SCH001"))[OWN][0]
    assert page.locator("table.rows tbody tr").count() == min(50, int(numerator))
    assert page.locator("table.rows thead").inner_text().startswith("Leverance")
    refused = page.goto(f"/drill/SCH001?municipality={OTHER}")
    assert refused.status == 403
    assert "Du har ikke adgang til rækkerne for Frederiksberg" in page.locator("main").inner_text()


def test_download_the_figure_and_the_rows_as_csv(page, view):
    sign_in(page)
    page.goto(f"/figures/SCH001?municipality={OWN}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    period = str(view.latest_period("SCH001"))
    assert {r["period"] for r in rows} == {period}
    assert len(rows) == len(view.values("SCH001", period))
    page.get_by_role("link", name="Se de bagvedliggende rækker").click()
    page.get_by_label("Formål").fill("export for our own quality check")
    page.get_by_role("button", name="Vis rækkerne").click()
    with page.expect_download() as export:
        page.get_by_role("button", name="Hent alle rækker som CSV").click()
    lines = Path(export.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("_delivery,_line,measured")
    assert len(lines) - 1 == view.values("SCH001", period)[OWN][0]
