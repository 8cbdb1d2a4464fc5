"""Browser sessions behind the session cookie.

The cookie carries a random token; the store keeps only its SHA-256 as the session id, so reading
the table signs nobody in. Each session has its own CSRF token, which forms echo back and the
server compares with :func:`csrf_matches`. A session ends when it expires, when the user signs out
or when the user is disabled.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete

from flis.access.models import User, WebSession
from flis.access.policy import Principal
from flis.access.store import StateStore
from flis.access.users import principal_for

SESSION_HOURS = 8
"""A working day; then the user signs in again."""


@dataclass(frozen=True)
class NewSession:
    token: str
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True)
class ActiveSession:
    principal: Principal
    csrf_token: str
    expires_at: datetime


def create_session(store: StateStore, principal: Principal, hours: float = SESSION_HOURS) -> NewSession:
    """Start a session for a principal that has just signed in; the token goes into the cookie."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = store.now()
    expires_at = now + timedelta(hours=hours)
    with store.transaction() as db:
        db.add(WebSession(id=_session_id(token), user_id=principal.user_id, created_at=now,
                          expires_at=expires_at, csrf_token=csrf))
    return NewSession(token, csrf, expires_at)


def lookup_session(store: StateStore, token: str) -> ActiveSession | None:
    """The session for a cookie's token, or None when it is unknown, expired or its user disabled."""
    now = store.now()
    with store.transaction() as db:
        session = db.get(WebSession, _session_id(token))
        if session is None:
            return None
        if session.expires_at <= now:
            db.delete(session)
            return None
        user: User = session.user
        if user.disabled:
            return None
        return ActiveSession(principal_for(db, user, now), session.csrf_token, session.expires_at)


def end_session(store: StateStore, token: str) -> None:
    """Sign out; ending an unknown or already ended session is not an error."""
    with store.transaction() as db:
        db.execute(delete(WebSession).where(WebSession.id == _session_id(token)))


def end_expired_sessions(store: StateStore) -> int:
    """Remove expired sessions (housekeeping); returns how many."""
    with store.transaction() as db:
        return db.execute(delete(WebSession).where(WebSession.expires_at <= store.now())).rowcount


def csrf_matches(session: ActiveSession, submitted: str | None) -> bool:
    """Constant-time comparison of a form's CSRF token with the session's."""
    return submitted is not None and hmac.compare_digest(session.csrf_token.encode(), submitted.encode())


def _session_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
