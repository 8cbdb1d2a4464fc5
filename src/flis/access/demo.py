"""Fresh demo accounts for ``flis demo`` to print. There are no default passwords anywhere.

Running it again gives the same usernames new passwords (and re-enables them), so the printed
credentials always work.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select

from flis import reference
from flis.access.models import User
from flis.access.passwords import generate_password
from flis.access.policy import Role
from flis.access.store import StateStore
from flis.access.tenants import demo_subscribers, seed_tenants
from flis.access.users import add_user, set_password

DEMO_MUNICIPALITY = 101
"""København, a subscriber."""


class Credential(NamedTuple):
    username: str
    password: str
    role: str
    tenant: str


def demo_non_subscriber() -> int:
    """The municipality (lowest code) that delivers but does not subscribe in the demo."""
    subscribers = set(demo_subscribers())
    return min(m.code for m in reference.municipalities() if m.code not in subscribers)


def demo_credentials(store: StateStore) -> list[Credential]:
    """An operator admin, an analyst and a steward of København, and an analyst of a non-subscriber."""
    seed_tenants(store)
    outsider = demo_non_subscriber()
    accounts = [("demo-admin", "operator", Role.ADMIN, "operator"),
                (f"demo-analyst-{DEMO_MUNICIPALITY}", DEMO_MUNICIPALITY, Role.ANALYST, None),
                (f"demo-steward-{DEMO_MUNICIPALITY}", DEMO_MUNICIPALITY, Role.STEWARD, None),
                (f"demo-analyst-{outsider}", outsider, Role.ANALYST, None)]
    out = []
    for username, tenant, role, label in accounts:
        password = generate_password()
        with store.transaction() as db:
            exists = db.scalars(select(User.id).where(User.username == username)).first() is not None
        if exists:
            set_password(store, username, password)
        else:
            add_user(store, username, tenant=tenant, role=role, password=password)
        name = label or f"{reference.municipality(int(tenant)).name} ({tenant})"
        out.append(Credential(username, password, role.value, name))
    return out
