"""Helpers of the portal scripts (screenshots.py, bench_pages.py): an app over a served FLIS_HOME with
throw-away users, a sign-in for TestClient, and a uvicorn server in a background thread.

The users live in a temporary state store inside FLIS_HOME (removed afterwards), so a script never adds
accounts to the operator's real state store and never writes outside the data directory.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

USERS = {"analyst": ("bench-analyst", 101, "analyst"), "steward": ("bench-steward", 101, "steward"),
         "admin": ("bench-admin", "operator", "admin")}


@contextlib.contextmanager
def portal_app(home: Path, *, findings: bool = False) -> Iterator[tuple[object, str]]:
    """(FastAPI app over ``home``, password of every user in USERS); with ``findings``, the quality checks'
    findings of ``home`` in the temporary state store too (for the quality page)."""
    from argon2 import PasswordHasher

    from flis.access import add_user, open_state, passwords, seed_tenants
    from flis.api.app import create_app
    from flis.api.services import Services

    scratch = Path(tempfile.mkdtemp(prefix=".portal-scripts-", dir=home))
    hasher = passwords.HASHER
    passwords.HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)  # quick sign-ins
    store = open_state(f"sqlite:///{scratch / 'state.sqlite'}")
    try:
        seed_tenants(store)
        password = secrets.token_urlsafe(18)
        for username, tenant, role in USERS.values():
            add_user(store, username, tenant=tenant, role=role, password=password)
        if findings:
            from flis.quality import run_checks, store_findings
            from flis.warehouse.store import Warehouse

            with Warehouse(home / "warehouse.duckdb", read_only=True) as wh:
                report = run_checks(wh.con, home)
            store_findings(store, report.findings, report.run_id)
        yield create_app(Services(home=home, store=store)), password
    finally:
        store.close()
        passwords.HASHER = hasher
        shutil.rmtree(scratch, ignore_errors=True)


def sign_in(client, username: str, password: str) -> None:
    """Sign a TestClient in through the form (pre-session CSRF token included)."""
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    answer = client.post("/login", data={"username": username, "password": password, "csrf_token": token,
                                         "next": "/"}, follow_redirects=False)
    if answer.status_code != 303:
        raise RuntimeError(f"sign-in failed: {answer.status_code}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread; yields the base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
