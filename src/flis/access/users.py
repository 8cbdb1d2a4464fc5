"""Users: adding, listing, disabling, and turning a user row into a :class:`Principal`.

Usernames are lower-case (``a-z``, digits, ``.``, ``_``, ``-``) so that "Anna" and "anna" can never
be two accounts. Disabling a user ends their sessions and revokes their tokens at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from flis.access.audit import append
from flis.access.errors import InvalidRole, InvalidUsername, UnknownUser, UserExists
from flis.access.models import ApiToken, LoginThrottle, User, WebSession
from flis.access.passwords import hash_password
from flis.access.policy import ROLES_BY_TENANT_KIND, Principal, Role
from flis.access.store import StateStore
from flis.access.tenants import find_tenant, is_subscribed, tenant_label

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: Role
    tenant: str
    disabled: bool
    created_at: datetime
    locked_until: datetime | None


def normalise_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise InvalidUsername(f"'{username}' is not a valid username",
                              hint="2-64 characters: letters a-z, digits, '.', '_' or '-'")
    return name


def parse_role(role: Role | str) -> Role:
    try:
        return Role(str(role).lower())
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise InvalidRole(f"'{role}' is not a role", hint=f"one of {roles}") from None


def add_user(store: StateStore, username: str, *, tenant: str | int, role: Role | str, password: str,
             display_name: str | None = None, actor: Principal | None = None) -> UserInfo:
    """Create a user; ``tenant`` is a municipality code or name, ``operator`` or ``statistics-office``."""
    name, role = normalise_username(username), parse_role(role)
    password_hash = hash_password(password)
    with store.transaction() as db:
        home = find_tenant(db, tenant)
        if role not in ROLES_BY_TENANT_KIND[home.kind]:
            allowed = ", ".join(sorted(ROLES_BY_TENANT_KIND[home.kind]))
            raise InvalidRole(f"a user of {tenant_label(home)} cannot be {role.value}", hint=f"use {allowed}")
        if db.scalars(select(User.id).where(User.username == name)).first() is not None:
            raise UserExists(f"user '{name}' already exists", hint="choose another username")
        now = store.now()
        user = User(username=name, display_name=display_name or name, tenant=home, role=role,
                    password_hash=password_hash, disabled=False, created_at=now)
        db.add(user)
        db.flush()
        append(db, now, actor, "user.add", object=name)
        return _info(user, None)


def list_users(store: StateStore) -> list[UserInfo]:
    """Every user, by username, with the time their account is locked until after failed sign-ins."""
    with store.transaction() as db:
        locks = dict(db.execute(select(LoginThrottle.subject, LoginThrottle.locked_until)
                                .where(LoginThrottle.locked_until > store.now())).all())
        users = db.scalars(select(User).order_by(User.username)).all()
        return [_info(u, locks.get(account_subject(u.username))) for u in users]


def disable_user(store: StateStore, username: str, *, actor: Principal | None = None) -> None:
    """Stop a user at once: refuse sign-in, end every session, revoke every token."""
    with store.transaction() as db:
        user = get_user(db, username)
        now = store.now()
        user.disabled = True
        db.execute(delete(WebSession).where(WebSession.user_id == user.id))
        db.execute(update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                   .values(revoked_at=now))
        append(db, now, actor, "user.disable", object=user.username)


def set_password(store: StateStore, username: str, password: str, *, actor: Principal | None = None) -> None:
    """Give a user a new password and re-enable them, clearing any sign-in lock."""
    password_hash = hash_password(password)
    with store.transaction() as db:
        user = get_user(db, username)
        user.password_hash, user.disabled = password_hash, False
        db.execute(delete(LoginThrottle).where(LoginThrottle.subject == account_subject(user.username)))
        append(db, store.now(), actor, "user.password", object=user.username)


def get_user(db: Session, username: str) -> User:
    user = db.scalars(select(User).where(User.username == username.strip().lower())).first()
    if user is None:
        raise UnknownUser(f"no user '{username}'", hint="see `flis users list`")
    return user


def principal_for(db: Session, user: User, now: datetime) -> Principal:
    """The user as the policy sees them at ``now`` (the subscription is checked for today)."""
    tenant = user.tenant
    return Principal(user_id=user.id, username=user.username, role=user.role, tenant_id=tenant.id,
                     tenant_kind=tenant.kind, municipality=tenant.municipality,
                     subscribed=is_subscribed(db, tenant.id, now.date()))


def account_subject(username: str) -> str:
    """The throttling key of a username, whether or not such a user exists."""
    return f"account:{username.strip().lower()}"[:250]


def _info(user: User, locked_until: datetime | None) -> UserInfo:
    return UserInfo(user.id, user.username, user.display_name, user.role, tenant_label(user.tenant),
                    user.disabled, user.created_at, locked_until)
