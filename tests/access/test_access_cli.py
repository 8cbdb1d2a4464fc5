"""``flis users`` and ``flis tokens`` against the store named by the settings (SQLite or PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from flis.access import InvalidRole, UnknownTenant, WeakPassword, authenticate, open_state, user_for_token
from flis.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None):
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def state(state_url):
    store = open_state(state_url)
    yield store
    store.close()


def test_users_add_generates_a_password_and_prints_it_once(state):
    result = run("users", "add", "anna", "--tenant", "101", "--role", "analyst", "--name", "Anna Jensen")
    password = result.stdout.strip().splitlines()[-1]
    assert len(password) == 24 and authenticate(state, "anna", password).municipality == 101
    listed = json.loads(run("users", "list", "--json").stdout)
    assert [(u["username"], u["name"], u["role"], u["tenant"], u["status"]) for u in listed] == [
        ("anna", "Anna Jensen", "analyst", "København (101)", "active")]
    assert password not in run("users", "list").stdout


def test_users_add_reads_a_password_from_stdin(state):
    result = run("users", "add", "stat", "--tenant", "statistics-office", "--role", "partner",
                 "--password-stdin", "--json", input="a long enough password\n")
    assert json.loads(result.stdout) == {"username": "stat", "role": "partner", "tenant": "statistics-office",
                                         "password": None}
    assert authenticate(state, "stat", "a long enough password").tenant_kind == "statistics_office"


@pytest.mark.parametrize(("args", "error"), [
    (["--tenant", "Atlantis", "--role", "analyst"], UnknownTenant),
    (["--tenant", "101", "--role", "admin"], InvalidRole),
    (["--tenant", "101", "--role", "viewer", "--password-stdin"], WeakPassword),
])
def test_users_add_refuses_with_a_coded_error(state, args, error):
    result = runner.invoke(app, ["users", "add", "bob", *args], input="short\n")
    assert isinstance(result.exception, error)


def test_users_disable_and_a_new_password_enables_again(state):
    run("users", "add", "bob", "--tenant", "operator", "--role", "admin")
    run("users", "disable", "bob")
    assert json.loads(run("users", "list", "--json").stdout)[0]["status"] == "disabled"
    password = run("users", "password", "bob").stdout.strip().splitlines()[-1]
    assert authenticate(state, "bob", password).role == "admin"
    assert json.loads(run("users", "list", "--json").stdout)[0]["status"] == "active"


def test_tokens_create_list_and_revoke(state):
    run("users", "add", "sofie", "--tenant", "Aarhus", "--role", "steward")
    created = json.loads(run("tokens", "create", "sofie", "--name", "Power BI", "--days", "30",
                             "--json").stdout)
    assert user_for_token(state, created["secret"]).municipality == 751
    plain = run("tokens", "create", "sofie", "--name", "R").stdout
    assert plain.strip().splitlines()[-1].startswith("flis_")
    listed = json.loads(run("tokens", "list", "--json").stdout)
    assert [t["name"] for t in listed] == ["R", "Power BI"]
    assert created["secret"] not in run("tokens", "list").stdout + json.dumps(listed)
    run("tokens", "revoke", str(created["id"]))
    assert user_for_token(state, created["secret"]) is None
    assert json.loads(run("tokens", "list", "--user", "sofie", "--json").stdout)[1]["revoked_at"] is not None
