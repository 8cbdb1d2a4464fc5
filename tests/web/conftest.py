"""The portal over the session-wide served country (tests/conftest.py ``served_app``): page clients signed
in through the real form, one per account."""

from __future__ import annotations

import re
import socket
import threading
import time

import pytest
from fastapi.testclient import TestClient

from support.served import ACCOUNTS, PASSWORD

TOKEN = re.compile(r'name="csrf_token" value="([^"]*)"')


def form_token(html: str) -> str:
    """The first CSRF token in a page's forms."""
    found = TOKEN.search(html)
    assert found, "the page has no form with a csrf_token"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD, next_url: str = "/"):
    token = form_token(client.get("/login").text)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token,
                                       "next": next_url}, follow_redirects=False)


@pytest.fixture
def anonymous(served_app):
    app, _, _ = served_app
    with TestClient(app) as c:
        yield c


@pytest.fixture
def page_as(served_app):
    """``page_as("analyst")``: a TestClient signed in with that account through the sign-in form."""
    app, _, _ = served_app
    clients = []

    def make(key: str) -> TestClient:
        c = TestClient(app)
        clients.append(c)
        answer = sign_in(c, ACCOUNTS[key].username)
        assert answer.status_code == 303, answer.text
        return c

    yield make
    for c in clients:
        c.close()


@pytest.fixture(scope="session")
def view(served_home):
    from flis.compare.release import ReleaseView
    return ReleaseView.load(served_home)


@pytest.fixture(scope="module")
def live_url(served_app):
    """The served app on a free local port (uvicorn in a background thread), for the browser."""
    import uvicorn

    app, _, _ = served_app
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
