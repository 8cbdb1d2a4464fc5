"""The state store: migrations shipped in the package, idempotent, matching the models; append-only audit."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from flis.access import audit, open_state
import flis.corrections.models  # noqa: F401  (the tables of other packages join Base.metadata on import)
import flis.quality.models  # noqa: F401
from flis.access.models import Base
from flis.access.store import default_url

TABLES = {"alembic_version", "tenants", "subscriptions", "users", "login_throttle", "api_tokens", "sessions",
          "audit_log", "quality_findings", "corrections"}


def test_migrating_twice_changes_nothing_and_keeps_the_data(state_url):
    first = open_state(state_url)
    with first.engine.begin() as con:
        con.execute(text("INSERT INTO tenants (kind, name) VALUES ('operator', 'Operator')"))
    first.close()
    second = open_state(state_url)
    with second.engine.connect() as con:
        assert set(inspect(con).get_table_names()) == TABLES
        assert con.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == ["0003"]
        assert con.execute(text("SELECT name FROM tenants")).scalars().all() == ["Operator"]
    second.close()


def test_models_and_migrations_agree(empty_store):
    with empty_store.engine.connect() as con:
        assert compare_metadata(MigrationContext.configure(con), Base.metadata) == []


def test_the_database_refuses_to_change_or_delete_audit_entries(store):
    audit(store, None, "user.add", object="anna")
    for statement in ("UPDATE audit_log SET object = 'bob'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            with store.engine.begin() as con:
                con.execute(text(statement))
    with store.engine.connect() as con:
        assert con.execute(text("SELECT object FROM audit_log")).scalars().all() == ["anna"]


def test_the_default_store_is_a_sqlite_file_in_the_data_directory(flis_home):
    assert default_url() == f"sqlite:///{flis_home.resolve() / 'state.sqlite'}"
    open_state().close()
    assert (flis_home / "state.sqlite").exists()


def test_a_tenant_kind_outside_the_list_is_refused(empty_store):
    with pytest.raises(DBAPIError):
        with empty_store.engine.begin() as con:
            con.execute(text("INSERT INTO tenants (kind, name) VALUES ('bank', 'Bank')"))
