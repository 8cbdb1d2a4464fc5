"""``flis users`` and ``flis tokens``: accounts of the benchmarking service, from the operator's shell.

Secrets (generated passwords, token secrets) are printed once and never stored in clear text.
Every change is written to the audit log.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import typer

from flis.access import (Role, StateStore, add_user, create_token, disable_user, generate_password,
                         list_tokens, list_users, open_state, revoke_token, seed_tenants, set_password)
from flis.cli.output import console, print_json, print_table

users = typer.Typer(help="Users of the benchmarking service: add, list, disable, new password.",
                     no_args_is_help=True)
tokens = typer.Typer(help="API tokens (bearer secrets for scripts and tools): create, list, revoke.",
                     no_args_is_help=True)


@contextmanager
def state() -> Iterator[StateStore]:
    """The state store, migrated, with the 100 tenants in place."""
    store = open_state()
    try:
        seed_tenants(store)
        yield store
    finally:
        store.close()


@users.command("add")
def users_add(
    username: str = typer.Argument(..., help="Login name: lower-case letters, digits, '.', '_' or '-'."),
    tenant: str = typer.Option(..., help="Municipality code or name, 'operator' or 'statistics-office'."),
    role: Role = typer.Option(..., help="viewer, analyst, steward (municipality), partner, admin."),
    name: str = typer.Option(None, help="Display name (default: the username)."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input instead of generating one."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Add a user. Without --password-stdin a strong password is generated and printed once."""
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else generate_password()
    with state() as store:
        info = add_user(store, username, tenant=tenant, role=role, password=password, display_name=name)
    shown = None if password_stdin else password
    if as_json:
        print_json({"username": info.username, "role": info.role.value, "tenant": info.tenant,
                    "password": shown})
        return
    console.print(f"Added [bold]{info.username}[/] ({info.role.value}, {info.tenant}).")
    if shown:
        console.print("Password (shown only now):", highlight=False)
        print(shown)


@users.command("list")
def users_list(as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Every user with role, tenant and status."""
    with state() as store:
        rows = list_users(store)
    data = [{"username": u.username, "name": u.display_name, "role": u.role.value, "tenant": u.tenant,
             "status": _status(u.disabled, u.locked_until), "created_at": _time(u.created_at)} for u in rows]
    if as_json:
        print_json(data)
        return
    print_table(f"{len(data)} users", ["username", "name", "role", "tenant", "status", "created"],
                [list(d.values()) for d in data])


@users.command("disable")
def users_disable(username: str = typer.Argument(..., help="The user to disable.")) -> None:
    """Disable a user at once: no sign-in, sessions ended, tokens revoked."""
    with state() as store:
        disable_user(store, username)
    console.print(f"Disabled {username}; their sessions are ended and their tokens revoked.")


@users.command("password")
def users_password(
    username: str = typer.Argument(..., help="The user who gets a new password."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input instead of generating one."),
) -> None:
    """Give a user a new password (printed once when generated); also re-enables and unlocks them."""
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else generate_password()
    with state() as store:
        set_password(store, username, password)
    console.print(f"New password for {username}" + ("." if password_stdin else " (shown only now):"),
                  highlight=False)
    if not password_stdin:
        print(password)


@tokens.command("create")
def tokens_create(
    username: str = typer.Argument(..., help="The user the token acts as."),
    name: str = typer.Option(..., help="What the token is for, e.g. 'Power BI'."),
    days: int = typer.Option(90, help="Days until the token expires (1-730)."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Create an API token; its secret is printed once and cannot be shown again."""
    with state() as store:
        token = create_token(store, username, name, days)
    if as_json:
        print_json({"id": token.id, "secret": token.secret, "expires_at": _time(token.expires_at)})
        return
    console.print(f"Token {token.id} for {username}, valid until {_time(token.expires_at)}. "
                  "Secret (shown only now; send it as 'Authorization: Bearer <secret>'):", highlight=False)
    print(token.secret)


@tokens.command("revoke")
def tokens_revoke(token_id: int = typer.Argument(..., help="Token id from `flis tokens list`.")) -> None:
    """Refuse a token from now on."""
    with state() as store:
        revoke_token(store, token_id)
    console.print(f"Revoked token {token_id}.")


@tokens.command("list")
def tokens_list(
    user: str = typer.Option(None, help="Only this user's tokens."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Every token (never its secret), newest first."""
    with state() as store:
        rows = list_tokens(store, user)
    data = [{"id": t.id, "username": t.username, "name": t.name, "prefix": t.prefix,
             "created_at": _time(t.created_at), "expires_at": _time(t.expires_at),
             "revoked_at": _time(t.revoked_at), "last_used_at": _time(t.last_used_at)} for t in rows]
    if as_json:
        print_json(data)
        return
    print_table(f"{len(data)} tokens", ["id", "user", "name", "prefix", "expires", "revoked", "last used"],
                [(d["id"], d["username"], d["name"], d["prefix"] + "…", d["expires_at"],
                  d["revoked_at"] or "", d["last_used_at"] or "") for d in data])


def _status(disabled: bool, locked_until: datetime | None) -> str:
    if disabled:
        return "disabled"
    return f"locked until {_time(locked_until)}" if locked_until else "active"


def _time(at: datetime | None) -> str | None:
    return None if at is None else at.strftime("%Y-%m-%d %H:%M UTC")
