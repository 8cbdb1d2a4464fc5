"""A small computed country served by the API, with a user for every role.

The country, the app and the accounts are built once per test session by ``served_home`` and
``served_app`` (tests/conftest.py, tests/support/served.py), shared with the portal's tests; the state
store is SQLite in the served directory (the state store itself is tested on SQLite and PostgreSQL in
tests/access). København (101) subscribes; Ishøj (183) delivers but does not subscribe in the demo's
subscriptions.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from support.served import ACCOUNTS, OTHER, OUTSIDER, OWN, PASSWORD, Account  # noqa: F401  (tests import these)


@pytest.fixture(scope="session")
def api(served_app):
    """(app, tokens by account key, state store): the session-wide served app of tests/conftest.py."""
    return served_app


@pytest.fixture
def client(api):
    app, _, _ = api
    with TestClient(app) as c:
        yield c


@pytest.fixture
def as_user(api, client):
    """``as_user("analyst").get(path)``: a request with that account's bearer token."""
    _, tokens, _ = api

    class Caller:
        def __init__(self, key):
            self.headers = {"Authorization": f"Bearer {tokens[key]}"} if key else {}

        def get(self, path, **kw):
            return client.get(path, headers=self.headers, **kw)

    return Caller
