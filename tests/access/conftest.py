"""The state store on both SQLite and PostgreSQL, a clock tests can move, and quick password hashing.

PostgreSQL (127.0.0.1:5432, trust auth, database ``test``) gets a fresh schema per test, named by a
random id and selected with ``search_path``, so parallel tests never see each other's tables.
Without PostgreSQL those tests skip; under CI (``CI=true``) they fail.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from flis.access import StateStore, open_state, passwords, seed_tenants
from flis.settings import get_settings

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
START = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)


class Clock:
    """Stands still until moved, so time-dependent tests never sleep."""

    def __init__(self, at: datetime = START) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@pytest.fixture(autouse=True)
def quick_hashing(monkeypatch):
    """Cheap argon2id parameters: the tests hash hundreds of passwords; production keeps the defaults."""
    monkeypatch.setattr(passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _postgres_admin():
    engine = create_engine(POSTGRES, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {POSTGRES} is required under CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES}")
    return engine


@pytest.fixture(params=["sqlite", "postgresql"])
def state_url(request, flis_home, monkeypatch):
    """A URL of an empty state store, also set as FLIS_STATE_URL (None for SQLite: the default file)."""
    if request.param == "sqlite":
        monkeypatch.delenv("FLIS_STATE_URL", raising=False)
        get_settings.cache_clear()
        yield None
        return
    admin = _postgres_admin()
    schema = f"flis_test_{uuid.uuid4().hex[:16]}"
    with admin.begin() as con:
        con.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
    monkeypatch.setenv("FLIS_STATE_URL", url)
    get_settings.cache_clear()
    try:
        yield url
    finally:
        with admin.begin() as con:
            con.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def empty_store(state_url, clock) -> StateStore:
    store = open_state(state_url)
    store.clock = clock
    yield store
    store.close()


@pytest.fixture
def store(empty_store) -> StateStore:
    """A migrated store with the 100 tenants and the demo's 77 subscriptions."""
    seed_tenants(empty_store)
    return empty_store
