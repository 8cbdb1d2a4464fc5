"""Browser sessions: only the token's hash is stored; they expire, end, and die with a disabled user."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from flis.access import (add_user, authenticate, create_session, csrf_matches, disable_user,
                         end_expired_sessions, end_session, lookup_session)
from flis.access.models import WebSession
from flis.access.tenants import find_tenant


@pytest.fixture
def principal(store):
    add_user(store, "mads", tenant="København", role="viewer", password="a long enough password")
    return authenticate(store, "mads", "a long enough password")


def session_rows(store):
    with store.transaction() as db:
        return db.scalar(select(func.count()).select_from(WebSession))


def test_a_session_is_found_by_its_token_which_is_not_stored(store, principal):
    new = create_session(store, principal)
    with store.transaction() as db:
        assert db.scalars(select(WebSession.id)).all() == [hashlib.sha256(new.token.encode()).hexdigest()]
    active = lookup_session(store, new.token)
    assert active.principal == principal and active.csrf_token == new.csrf_token
    assert lookup_session(store, new.token + "x") is None


def test_sessions_expire_after_eight_hours(store, principal, clock):
    new = create_session(store, principal)
    clock.advance(hours=8, seconds=-1)
    assert lookup_session(store, new.token) is not None
    clock.advance(seconds=1)
    assert lookup_session(store, new.token) is None
    assert session_rows(store) == 0


def test_housekeeping_removes_only_expired_sessions(store, principal, clock):
    create_session(store, principal, hours=1)
    create_session(store, principal, hours=2)
    clock.advance(hours=1)
    assert end_expired_sessions(store) == 1 and session_rows(store) == 1


def test_signing_out_ends_the_session(store, principal):
    new = create_session(store, principal)
    end_session(store, new.token)
    end_session(store, new.token)
    assert lookup_session(store, new.token) is None


def test_disabling_the_user_ends_their_sessions(store, principal):
    new = create_session(store, principal)
    disable_user(store, "mads")
    assert lookup_session(store, new.token) is None


def test_the_form_must_echo_the_sessions_csrf_token(store, principal):
    new = create_session(store, principal)
    active = lookup_session(store, new.token)
    assert csrf_matches(active, new.csrf_token)
    assert not any(csrf_matches(active, wrong) for wrong in (None, "", new.token))


def test_a_session_sees_the_end_of_the_subscription_at_once(store, principal, clock):
    new = create_session(store, principal, hours=48)
    with store.transaction() as db:
        find_tenant(db, 101).subscriptions[0].ends_on = clock.at.date() + timedelta(days=1)
    assert lookup_session(store, new.token).principal.subscribed
    clock.advance(days=1)
    assert not lookup_session(store, new.token).principal.subscribed
