"""API tokens: shown once, stored hashed, refused when revoked, expired or their user disabled."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from flis.access import (Disabled, Role, UnknownToken, add_user, create_token, disable_user, list_tokens,
                         revoke_token, user_for_token)
from flis.access.models import ApiToken
from flis.errors import ConfigError


@pytest.fixture
def steward(store):
    add_user(store, "sofie", tenant=101, role="steward", password="a long enough password")
    return "sofie"


def token_row(store, token_id):
    with store.transaction() as db:
        return db.scalars(select(ApiToken).where(ApiToken.id == token_id)).one()


def test_the_secret_is_shown_once_and_only_its_hash_is_kept(store, steward):
    token = create_token(store, steward, "Power BI", days=90)
    assert re.fullmatch(r"flis_[A-Za-z0-9_-]{40}", token.secret)
    row = token_row(store, token.id)
    assert row.token_hash == hashlib.sha256(token.secret.encode()).hexdigest()
    assert row.prefix == token.secret[:12]
    stored = [str(v) for v in vars(row).values()]
    assert not any(token.secret in v for v in stored)
    listed = list_tokens(store, steward)
    assert [(t.id, t.name, t.prefix) for t in listed] == [(token.id, "Power BI", token.secret[:12])]


def test_a_token_stands_for_its_user_and_records_its_use(store, steward, clock):
    token = create_token(store, steward, "R", days=30)
    assert token_row(store, token.id).last_used_at is None
    principal = user_for_token(store, token.secret)
    assert (principal.username, principal.role, principal.municipality) == ("sofie", Role.STEWARD, 101)
    assert token_row(store, token.id).last_used_at == clock.at
    clock.advance(seconds=30)
    user_for_token(store, token.secret)
    assert token_row(store, token.id).last_used_at == clock.at - timedelta(seconds=30)  # to the minute
    clock.advance(seconds=30)
    user_for_token(store, token.secret)
    assert token_row(store, token.id).last_used_at == clock.at


def test_revoked_tokens_are_refused(store, steward):
    kept, revoked = create_token(store, steward, "kept"), create_token(store, steward, "revoked")
    revoke_token(store, revoked.id)
    revoke_token(store, revoked.id)
    assert user_for_token(store, revoked.secret) is None
    assert user_for_token(store, kept.secret) is not None
    with pytest.raises(UnknownToken):
        revoke_token(store, 9999)


def test_expired_tokens_are_refused(store, steward, clock):
    token = create_token(store, steward, "Excel", days=2)
    clock.advance(days=2, seconds=-1)
    assert user_for_token(store, token.secret) is not None
    clock.advance(seconds=1)
    assert user_for_token(store, token.secret) is None


def test_a_disabled_users_tokens_are_revoked_and_no_new_ones_made(store, steward):
    token = create_token(store, steward, "Python")
    disable_user(store, steward)
    assert user_for_token(store, token.secret) is None
    assert token_row(store, token.id).revoked_at is not None
    with pytest.raises(Disabled):
        create_token(store, steward, "again")


def test_made_up_secrets_are_refused(store, steward):
    token = create_token(store, steward, "Python")
    assert user_for_token(store, token.secret[:-1] + ("A" if token.secret[-1] != "A" else "B")) is None
    assert user_for_token(store, "not-a-token") is None
    assert user_for_token(store, "") is None


def test_every_token_expires(store, steward):
    for days in (0, 731):
        with pytest.raises(ConfigError):
            create_token(store, steward, "forever", days=days)
