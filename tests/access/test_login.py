"""Signing in: argon2 hashes, the same answer for unknown users and wrong passwords, throttling."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from flis.access import (Disabled, InvalidCredentials, Locked, Principal, Role, TenantKind, WeakPassword,
                         add_user, authenticate, disable_user, list_users, passwords)
from flis.access.models import User

PASSWORD = "correct horse battery"


@pytest.fixture
def anna(store):
    add_user(store, "Anna", tenant=101, role="analyst", password=PASSWORD, display_name="Anna Jensen")
    return "anna"


def stored_hash(store, username):
    with store.transaction() as db:
        return db.scalars(select(User.password_hash).where(User.username == username)).one()


def fail(store, username, times, client=None):
    for _ in range(times):
        with pytest.raises(InvalidCredentials):
            authenticate(store, username, "wrong password!", client)


def test_the_password_is_stored_as_an_argon2id_hash_only(store, anna):
    hashed = stored_hash(store, anna)
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    assert PasswordHasher().verify(hashed, PASSWORD)


def test_a_short_password_is_refused(store):
    with pytest.raises(WeakPassword):
        add_user(store, "bob", tenant=101, role="viewer", password="short")


def test_the_right_password_gives_the_principal(store, anna):
    principal = authenticate(store, "ANNA ", PASSWORD, client="10.0.0.7")
    assert principal == Principal(user_id=principal.user_id, username="anna", role=Role.ANALYST,
                                  tenant_id=principal.tenant_id, tenant_kind=TenantKind.MUNICIPALITY,
                                  municipality=101, subscribed=True)


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(store, anna):
    with pytest.raises(InvalidCredentials) as wrong:
        authenticate(store, "anna", "not the password")
    with pytest.raises(InvalidCredentials) as unknown:
        authenticate(store, "nobody", "not the password")
    assert wrong.value.to_dict() == unknown.value.to_dict()


def test_five_failures_lock_the_account_for_a_minute_even_for_the_right_password(store, anna, clock):
    fail(store, anna, 4)
    assert authenticate(store, anna, PASSWORD).username == "anna"  # success: the count starts again
    fail(store, anna, 5)
    with pytest.raises(Locked) as locked:
        authenticate(store, anna, PASSWORD)
    assert locked.value.code == "access.locked" and "09:01" in locked.value.message
    assert list_users(store)[0].locked_until == clock.at + timedelta(minutes=1)
    clock.advance(seconds=59)
    with pytest.raises(Locked):
        authenticate(store, anna, PASSWORD)
    clock.advance(seconds=1)
    assert authenticate(store, anna, PASSWORD).username == "anna"


def test_each_further_failure_doubles_the_lock_up_to_an_hour(store, anna, clock):
    fail(store, anna, 5)
    waits = []
    for _ in range(8):
        clock.advance(minutes=60)  # past any lock, but without a success the count goes on
        fail(store, anna, 1)
        waits.append(list_users(store)[0].locked_until - clock.at)
    assert [w / timedelta(minutes=1) for w in waits] == [2, 4, 8, 16, 32, 60, 60, 60]


def test_unknown_usernames_lock_exactly_like_real_ones(store, anna):
    fail(store, "nobody", 5)
    fail(store, anna, 5)
    with pytest.raises(Locked) as unknown:
        authenticate(store, "nobody", "whatever")
    with pytest.raises(Locked) as known:
        authenticate(store, anna, PASSWORD)
    assert unknown.value.to_dict() == known.value.to_dict()


def test_one_client_guessing_many_usernames_is_locked_after_30_failures(store, anna, clock):
    for i in range(30):
        fail(store, f"guess{i}", 1, client="203.0.113.9")
    with pytest.raises(Locked):
        authenticate(store, anna, PASSWORD, client="203.0.113.9")
    assert authenticate(store, anna, PASSWORD, client="10.0.0.7").username == "anna"
    clock.advance(minutes=1)
    assert authenticate(store, anna, PASSWORD, client="203.0.113.9").username == "anna"


def test_a_client_is_forgiven_after_15_quiet_minutes(store, anna, clock):
    for i in range(29):
        fail(store, f"guess{i}", 1, client="203.0.113.9")
    clock.advance(minutes=15, seconds=1)
    fail(store, "guess-again", 1, client="203.0.113.9")
    assert authenticate(store, anna, PASSWORD, client="203.0.113.9").username == "anna"


def test_a_disabled_user_is_told_so_only_with_the_right_password(store, anna):
    disable_user(store, anna)
    with pytest.raises(InvalidCredentials):
        authenticate(store, anna, "not the password")
    with pytest.raises(Disabled):
        authenticate(store, anna, PASSWORD)


def test_a_hash_made_with_old_parameters_is_renewed_at_the_next_sign_in(store, anna, monkeypatch):
    assert ",t=1," in stored_hash(store, anna)
    monkeypatch.setattr(passwords, "HASHER", PasswordHasher(time_cost=2, memory_cost=1024, parallelism=1))
    authenticate(store, anna, PASSWORD)
    renewed = stored_hash(store, anna)
    assert ",t=2," in renewed and passwords.verify_password(renewed, PASSWORD)
