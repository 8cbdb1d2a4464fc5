"""Every role × endpoint × own/other municipality × subscriber/non-subscriber: allowed, 401 or 403.

The expected outcome is written out here by hand from the issue ("everybody's aggregates, only their own
municipality's rows; non-subscribers cannot use the system") and checked against the policy table too, so
that a change of policy must change this test. A 200 with row-level data must never contain another
municipality's rows. Quality findings and the quality report follow the deliveries; answering a finding
(acknowledge, dismiss) and corrections (list, add, withdraw) are allowed to the same accounts — a dismissal or
correction without a reason then fails on the
reason (400), not on access.
"""

from __future__ import annotations

import pytest

from flis.access import POLICY, Role
from flis.compare.release import ReleaseView
from api.conftest import ACCOUNTS, OTHER, OUTSIDER, OWN
from support.findings import clear_findings, finding, replace_findings

API = "/api/v1"
SERIES = "SCH001"

AGGREGATE = "aggregate"
DRILL = "drill"
DELIVERIES = "deliveries"

ENDPOINTS = {
    # name: (kind, path template; {m} is the municipality asked about)
    "catalogue": (AGGREGATE, "/catalogue?page_size=5"),
    "definition": (AGGREGATE, f"/catalogue/{SERIES}"),
    "values": (AGGREGATE, f"/figures/{SERIES}"),
    "values-csv": (AGGREGATE, f"/figures/{SERIES}?format=csv"),
    "distribution": (AGGREGATE, f"/figures/{SERIES}/distribution"),
    "compare": (AGGREGATE, f"/compare/{SERIES}?municipality={{m}}"),
    "timeseries": (AGGREGATE, f"/timeseries/{SERIES}?municipality={{m}}"),
    "neighbours": (AGGREGATE, "/neighbours/{m}"),
    "municipalities": (AGGREGATE, "/municipalities"),
    "releases": (AGGREGATE, "/releases"),
    "drill": (DRILL, f"/drill/{SERIES}?municipality={{m}}&period={{period}}&purpose=matrix+test"),
    "drill-export": (DRILL, f"/drill/{SERIES}?municipality={{m}}&period={{period}}&purpose=matrix+test&format=csv"),
    "deliveries": (DELIVERIES, "/deliveries?municipality={m}"),
    "delivery": (DELIVERIES, "/deliveries/{delivery}"),
    "findings": (DELIVERIES, "/findings?municipality={m}"),
    "findings-csv": (DELIVERIES, "/findings?municipality={m}&format=csv"),
    "finding": (DELIVERIES, "/findings/{finding}"),
    "acknowledge": (DELIVERIES, "/findings/{finding}/acknowledge"),
    "dismiss": (DELIVERIES, "/findings/{finding}/dismiss"),
    "quality-report": (DELIVERIES, "/quality/report/{m}?period={period}"),
    "corrections-applied": (AGGREGATE, "/corrections/applied?municipality={m}"),
    "corrections": (DELIVERIES, "/corrections?municipality={m}"),
    "add-correction": (DELIVERIES, "/corrections"),
    "withdraw-correction": (DELIVERIES, "/corrections/{correction}/withdraw"),
}
POSTS = {"acknowledge": None, "dismiss": {"reason": ""}, "withdraw-correction": {"reason": ""},
         "add-correction": lambda m, period: {"kind": "aggregate", "series_id": SERIES, "municipality": str(m),
                                              "period": period, "new_value": 1, "reason": ""}}
"""Endpoints that change something, with their JSON body (or a function of municipality and period)."""
ALLOWED_STATUS = {"dismiss": (400, "quality.reason_required"),
                  "add-correction": (400, "corrections.reason_required"),
                  "withdraw-correction": (400, "corrections.reason_required")}
"""What an allowed request answers when it is not 200: the empty reason is refused after the access check."""

# Expected for each account: which kinds it may use for its own and for another municipality.
# "own" of the operator and the statistics office is meaningless; they are asked about 101 and 147.
EXPECTED = {
    #                   aggregates  drill own  drill other  deliveries own  deliveries other
    "viewer":           (True,      False,     False,       False,          False),
    "analyst":          (True,      True,      False,       False,          False),
    "steward":          (True,      True,      False,       True,           False),
    "outsider-analyst": (False,     False,     False,       False,          False),  # no subscription
    "outsider-steward": (False,     False,     False,       False,          False),
    "partner":          (True,      False,     False,       False,          False),
    "admin":            (True,      True,      True,        True,           True),
}


@pytest.fixture(scope="module")
def targets(served_home):
    """Per municipality: a period with values of SERIES and one of its delivery ids."""
    import duckdb
    view = ReleaseView.load(served_home)
    period = str(view.latest_period(SERIES))
    con = duckdb.connect(str(served_home / "warehouse.duckdb"), read_only=True)
    try:
        ids = dict(con.execute("SELECT municipality, min(delivery_id) FROM registry.deliveries "
                               "WHERE municipality IS NOT NULL GROUP BY ALL").fetchall())
    finally:
        con.close()
    return period, ids


@pytest.fixture(scope="module")
def findings(served_app):
    """One stored finding per municipality asked about: its id by municipality."""
    _, _, store = served_app
    ids = replace_findings(store, [finding(m, "2024-07", "matrix#rows") for m in (OWN, OTHER, OUTSIDER)])
    yield {m: ids[(m, "2024-07", "matrix#rows")] for m in (OWN, OTHER, OUTSIDER)}
    clear_findings(store)


@pytest.fixture(scope="module")
def corrections(served_app):
    """One stored correction per municipality asked about: its id by municipality."""
    import datetime as dt

    from flis.corrections.models import CorrectionKind, CorrectionRow, CorrectionStatus

    _, _, store = served_app
    ids = {}
    with store.transaction() as db:
        for m in (OWN, OTHER, OUTSIDER):
            row = CorrectionRow(kind=CorrectionKind.AGGREGATE, municipality=m, period="2024-07",
                                target=f"{SERIES}#numerator", measure="m", action="set", old_value=1.0,
                                new_value=2.0, reason="matrix", author="test",
                                created_at=dt.datetime(2024, 8, 1, tzinfo=dt.timezone.utc),
                                status=CorrectionStatus.ACTIVE)
            db.add(row)
            db.flush()
            ids[m] = row.id
    yield ids
    with store.transaction() as db:
        for row_id in ids.values():
            db.delete(db.get(CorrectionRow, row_id))


def _allowed(account: str, kind: str, own: bool) -> bool:
    aggregates, drill_own, drill_other, del_own, del_other = EXPECTED[account]
    if kind == AGGREGATE:
        return aggregates
    if kind == DRILL:
        return drill_own if own else drill_other
    return del_own if own else del_other


def _municipality(account: str, own: bool) -> int:
    home = ACCOUNTS[account].municipality
    if home is None:
        return OWN if own else OTHER
    return home if own else OTHER


def _path(endpoint: str, m: int, targets, findings, corrections) -> str:
    period, ids = targets
    return API + ENDPOINTS[endpoint][1].format(m=m, period=period, delivery=ids[m], finding=findings[m],
                                               correction=corrections[m])


def _request(client, headers: dict, endpoint: str, path: str, m: int = OWN, period: str = ""):
    if endpoint in POSTS:
        body = POSTS[endpoint]
        return client.post(path, headers=headers, json=body(m, period) if callable(body) else body)
    return client.get(path, headers=headers)


def _no_foreign_rows(endpoint: str, m: int, response) -> None:
    """A successful row-level answer holds rows of the asked (and allowed) municipality only."""
    if ENDPOINTS[endpoint][0] == AGGREGATE:
        return
    if response.headers["content-type"].startswith("text/csv"):
        return  # the CSV carries the same rows as the JSON, checked below through the JSON form
    body = response.json()
    if endpoint == "delivery":
        assert body["municipality"] == m
    elif endpoint in ("deliveries", "findings"):
        assert body["rows"] and all(r["municipality"] == m for r in body["rows"])
    elif endpoint == "corrections":
        assert body["municipality"] == m and all(c["municipality"] == m for c in body["corrections"])
    else:
        assert body["municipality"] == m


CASES = [(a, e, own) for a in EXPECTED for e in ENDPOINTS for own in (True, False)]


@pytest.mark.parametrize("account,endpoint,own", CASES, ids=[f"{a}-{e}-{'own' if o else 'other'}"
                                                              for a, e, o in CASES])
def test_access(as_user, client, targets, findings, corrections, account, endpoint, own):
    m = _municipality(account, own)
    response = _request(client, as_user(account).headers, endpoint,
                        _path(endpoint, m, targets, findings, corrections), m, targets[0])
    if _allowed(account, ENDPOINTS[endpoint][0], own):
        if endpoint in ALLOWED_STATUS:
            status, code = ALLOWED_STATUS[endpoint]
            assert (response.status_code, response.json()["error"]["code"]) == (status, code), response.text
            return
        assert response.status_code == 200, response.text
        _no_foreign_rows(endpoint, m, response)
    else:
        assert response.status_code == 403, response.text
        assert response.json()["error"]["code"] == "api.forbidden"


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_without_credentials_everything_is_401(client, targets, findings, corrections, endpoint):
    response = _request(client, {}, endpoint, _path(endpoint, OWN, targets, findings, corrections), OWN,
                        targets[0])
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "api.unauthenticated"
    assert response.headers.get("www-authenticate") == "Bearer"


def test_a_made_up_token_is_401(client):
    r = client.get(f"{API}/catalogue", headers={"Authorization": "Bearer flis_" + "x" * 40})
    assert r.status_code == 401 and r.json()["error"]["code"] == "api.unauthenticated"


def test_the_expectations_agree_with_the_policy_table():
    for account, (aggregates, drill_own, drill_other, del_own, del_other) in EXPECTED.items():
        a = ACCOUNTS[account]
        if a.municipality == OUTSIDER:
            continue  # the subscription rule, not the role table, refuses them
        grants = POLICY[Role(a.role)]
        assert grants.aggregates == aggregates
        assert (grants.drill.value != "none") == drill_own
        assert (grants.drill.value == "all") == drill_other
        assert (grants.deliveries.value != "none") == del_own
        assert (grants.deliveries.value == "all") == del_other
