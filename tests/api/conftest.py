"""A small computed country served by the API, with a user for every role.

The country is the shared ``clean_country`` (seven municipalities, three months), ingested and computed
once per test session; the state store is SQLite in the test's directory (the state store itself is
tested on SQLite and PostgreSQL in tests/access). København (101) subscribes; Ishøj (183) delivers but
does not subscribe in the demo's subscriptions.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from flis.access import add_user, create_token, open_state, passwords, seed_tenants
from flis.api.app import create_app
from flis.api.services import Services
from flis.catalogue.loader import load_catalogue
from flis.compute.run import compute
from flis.ingest.archive import Archive
from flis.ingest.pipeline import ingest
from flis.warehouse.store import Warehouse

OWN, OTHER, OUTSIDER = 101, 147, 183
PASSWORD = "correct horse battery staple 42"


@dataclass(frozen=True)
class Account:
    username: str
    tenant: object
    role: str

    @property
    def municipality(self) -> int | None:
        return self.tenant if isinstance(self.tenant, int) else None


ACCOUNTS = {
    "viewer": Account("viewer-101", OWN, "viewer"),
    "analyst": Account("analyst-101", OWN, "analyst"),
    "steward": Account("steward-101", OWN, "steward"),
    "outsider-analyst": Account("analyst-183", OUTSIDER, "analyst"),
    "outsider-steward": Account("steward-183", OUTSIDER, "steward"),
    "partner": Account("partner-dst", "statistics-office", "partner"),
    "admin": Account("admin-op", "operator", "admin"),
}


@pytest.fixture(scope="session")
def served_home(clean_country, tmp_path_factory):
    home = tmp_path_factory.mktemp("served")
    with Warehouse(home / "warehouse.duckdb") as wh:
        ingest([clean_country.out / "deliveries"], warehouse=wh, archive=Archive(home / "archive"), workers=2)
        compute(wh.con, load_catalogue())
    return home


@pytest.fixture(scope="session")
def api(served_home):
    """(client factory, tokens by account key); every test gets the same app and users."""
    hasher = passwords.HASHER
    passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    store = open_state(f"sqlite:///{served_home / 'state.sqlite'}")
    seed_tenants(store)
    tokens = {}
    for key, a in ACCOUNTS.items():
        add_user(store, a.username, tenant=a.tenant, role=a.role, password=PASSWORD)
        tokens[key] = create_token(store, a.username, "tests", 30).secret
    app = create_app(Services(home=served_home, store=store))
    yield app, tokens, store
    passwords.HASHER = hasher
    store.close()


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
