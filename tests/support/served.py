"""A small computed country served by the API and the portal, with a user for every role.

The country is the shared ``clean_country`` (seven municipalities, three months), ingested and computed
once per test session (fixtures ``served_home`` and ``served_app`` in tests/conftest.py, shared by
tests/api and tests/web). København (101) subscribes; Ishøj (183) delivers but does not subscribe in the
demo's subscriptions.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def build_served_home(clean_country, home):
    """Ingest and compute ``clean_country`` into ``home`` (warehouse, archive, release snapshot)."""
    from flis.catalogue.loader import load_catalogue
    from flis.compute.run import compute
    from flis.ingest.archive import Archive
    from flis.ingest.pipeline import ingest
    from flis.warehouse.store import Warehouse

    with Warehouse(home / "warehouse.duckdb") as wh:
        ingest([clean_country.out / "deliveries"], warehouse=wh, archive=Archive(home / "archive"), workers=2)
        compute(wh.con, load_catalogue())
    return home


def served_app(home):
    """Yields (app, bearer tokens by account key, state store); every account's password is PASSWORD."""
    from argon2 import PasswordHasher

    from flis.access import add_user, create_token, open_state, passwords, seed_tenants
    from flis.api.app import create_app
    from flis.api.services import Services

    hasher = passwords.HASHER
    passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    store = open_state(f"sqlite:///{home / 'state.sqlite'}")
    seed_tenants(store)
    tokens = {}
    for key, a in ACCOUNTS.items():
        add_user(store, a.username, tenant=a.tenant, role=a.role, password=PASSWORD)
        tokens[key] = create_token(store, a.username, "tests", 30).secret
    try:
        yield create_app(Services(home=home, store=store)), tokens, store
    finally:
        passwords.HASHER = hasher
        store.close()
