"""A migrated state store for the findings workflow, on SQLite and (when reachable) PostgreSQL."""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from flis.access import open_state
from flis.settings import get_settings

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


class Clock:
    def __init__(self) -> None:
        self.at = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, flis_home, monkeypatch):
    if request.param == "sqlite":
        monkeypatch.delenv("FLIS_STATE_URL", raising=False)
        get_settings.cache_clear()
        state = open_state()
        state.clock = Clock()
        yield state
        state.close()
        return
    admin = create_engine(POSTGRES, connect_args={"connect_timeout": 3})
    try:
        with admin.connect():
            pass
    except OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {POSTGRES} is required under CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES}")
    schema = f"flis_quality_{uuid.uuid4().hex[:12]}"
    with admin.begin() as con:
        con.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
    monkeypatch.setenv("FLIS_STATE_URL", url)
    get_settings.cache_clear()
    state = open_state(url)
    state.clock = Clock()
    try:
        yield state
    finally:
        state.close()
        with admin.begin() as con:
            con.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
