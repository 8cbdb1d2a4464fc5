"""Signing in with a username and password, throttled against guessing.

Two counters are kept in ``login_throttle``, one per username (whether or not it exists, so a lock
reveals nothing) and one per client address:

========  =====================  ================================================================
subject   locks after            forgets
========  =====================  ================================================================
account   5 failures in a row    at the next successful sign-in
client    30 failures            after 15 minutes without a failure (a success does not reset it,
                                 or one valid account would let a client guess others' passwords)
========  =====================  ================================================================

Each failure at or past the limit locks the subject for 1 minute, doubling with every further
failure and capped at 1 hour. While a subject is locked, the password is not even checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from flis.access import passwords
from flis.access.errors import Disabled, InvalidCredentials, Locked
from flis.access.models import LoginThrottle, User
from flis.access.policy import Principal
from flis.access.store import StateStore
from flis.access.users import account_subject, principal_for

FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)


@dataclass(frozen=True)
class ThrottleRule:
    limit: int
    forget_after: timedelta | None
    reset_on_success: bool


ACCOUNT = ThrottleRule(limit=5, forget_after=None, reset_on_success=True)
CLIENT = ThrottleRule(limit=30, forget_after=timedelta(minutes=15), reset_on_success=False)


def authenticate(store: StateStore, username: str, password: str, client: str | None = None) -> Principal:
    """The principal for a correct username and password; raises InvalidCredentials, Locked or Disabled."""
    now = store.now()
    subjects = [(account_subject(username), ACCOUNT)]
    if client:
        subjects.append((f"client:{client}"[:250], CLIENT))
    with store.transaction() as db:
        locked_until = max((t for s, _ in subjects if (t := _locked_until(db, s, now))), default=None)
        user = db.scalars(select(User).where(User.username == username.strip().lower())).first()
        user_id, password_hash = (user.id, user.password_hash) if user else (None, None)
    if locked_until is not None:
        raise Locked(f"too many failed sign-ins; try again after {locked_until:%H:%M} UTC",
                     hint="or ask your administrator for a new password")
    # Checked outside any transaction: argon2 is deliberately slow and must not hold a connection.
    correct = passwords.verify_password(password_hash, password)
    with store.transaction() as db:
        if not correct:
            for subject, rule in subjects:
                _record_failure(db, subject, rule, now)
        else:
            for subject, rule in subjects:
                if rule.reset_on_success and (row := db.get(LoginThrottle, subject)) is not None:
                    db.delete(row)
            user = db.get_one(User, user_id)
            if passwords.needs_rehash(user.password_hash):
                user.password_hash = passwords.HASHER.hash(password)
            principal = principal_for(db, user, now)
    if not correct:
        raise InvalidCredentials("wrong username or password")
    if user.disabled:
        raise Disabled("this account has been disabled", hint="ask your administrator")
    return principal


def _locked_until(db: Session, subject: str, now: datetime) -> datetime | None:
    row = db.get(LoginThrottle, subject)
    return row.locked_until if row is not None and row.locked_until and row.locked_until > now else None


def _record_failure(db: Session, subject: str, rule: ThrottleRule, now: datetime) -> None:
    row = db.get(LoginThrottle, subject)
    if row is None:
        row = LoginThrottle(subject=subject, failures=0, last_failure_at=now)
        db.add(row)
    elif rule.forget_after is not None and now - row.last_failure_at > rule.forget_after:
        row.failures, row.locked_until = 0, None
    row.failures += 1
    row.last_failure_at = now
    if row.failures >= rule.limit:
        row.locked_until = now + min(FIRST_LOCK * 2 ** min(row.failures - rule.limit, 10), LONGEST_LOCK)
