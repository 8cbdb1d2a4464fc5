"""API tokens: bearer secrets for scripts, Excel, Power BI and R.

A secret is ``flis_`` followed by 40 URL-safe characters (240 random bits). It is shown once, when
created; the store keeps its SHA-256 and a short prefix to recognise it in lists. Every token
expires; revoked and expired tokens, and tokens of disabled users, are refused.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from flis.access.audit import append
from flis.access.errors import Disabled, UnknownToken
from flis.access.models import ApiToken, User
from flis.access.policy import Principal
from flis.access.store import StateStore
from flis.access.users import get_user, principal_for
from flis.errors import ConfigError

PREFIX = "flis_"
PREFIX_SHOWN = 12
MAX_DAYS = 730
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    id: int
    secret: str
    prefix: str
    expires_at: datetime


@dataclass(frozen=True)
class TokenInfo:
    id: int
    username: str
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


def create_token(store: StateStore, username: str, name: str, days: int = 90, *,
                 actor: Principal | None = None) -> NewToken:
    """A new token for ``username``, valid for ``days``; the returned secret is never shown again."""
    if not 1 <= days <= MAX_DAYS:
        raise ConfigError(f"a token is valid for 1 to {MAX_DAYS} days, not {days}")
    secret = PREFIX + secrets.token_urlsafe(30)
    now = store.now()
    with store.transaction() as db:
        user = get_user(db, username)
        if user.disabled:
            raise Disabled(f"user '{user.username}' is disabled")
        token = ApiToken(user_id=user.id, name=name.strip()[:100] or "token", token_hash=_hash(secret),
                         prefix=secret[:PREFIX_SHOWN], created_at=now, expires_at=now + timedelta(days=days))
        db.add(token)
        db.flush()
        append(db, now, actor, "token.create", object=f"{token.id} {user.username}")
        return NewToken(token.id, secret, token.prefix, token.expires_at)


def revoke_token(store: StateStore, token_id: int, *, actor: Principal | None = None) -> None:
    """Refuse the token from now on (revoking it twice changes nothing)."""
    with store.transaction() as db:
        token = db.get(ApiToken, token_id)
        if token is None:
            raise UnknownToken(f"no token with id {token_id}", hint="see `flis tokens list`")
        if token.revoked_at is None:
            token.revoked_at = store.now()
            append(db, token.revoked_at, actor, "token.revoke", object=f"{token.id} {token.user.username}")


def user_for_token(store: StateStore, secret: str) -> Principal | None:
    """Who a bearer secret stands for, or None; notes when the token was last used, to the minute."""
    if not secret.startswith(PREFIX):
        return None
    now = store.now()
    with store.transaction() as db:
        token = db.scalars(select(ApiToken).where(ApiToken.token_hash == _hash(secret))).first()
        if token is None or token.revoked_at is not None or token.expires_at <= now or token.user.disabled:
            return None
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            token.last_used_at = now  # not on every request: a write per API call would slow the server
        return principal_for(db, token.user, now)


def list_tokens(store: StateStore, username: str | None = None) -> list[TokenInfo]:
    """Every token (or one user's), newest first, without secrets."""
    query = select(ApiToken, User.username).join(User).order_by(ApiToken.id.desc())
    if username is not None:
        query = query.where(User.username == username.strip().lower())
    with store.transaction() as db:
        return [TokenInfo(t.id, name, t.name, t.prefix, t.created_at, t.expires_at, t.revoked_at,
                          t.last_used_at) for t, name in db.execute(query)]


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
