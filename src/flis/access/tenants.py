"""Tenants and subscriptions: the 98 municipalities, the operator and the statistics office.

In the article flis is modelled on, all 98 municipalities deliver data but 77 subscribe. The demo
seeds 77 subscribers chosen deterministically and independently of any random-number generator:
the 77 municipalities whose ``sha256("flis-subscriber-2024:<code>")`` is smallest. København (101)
is among them; the 21 others (e.g. Ishøj, 183) deliver but cannot use the system.
"""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from flis import reference
from flis.access.errors import UnknownTenant
from flis.access.models import Subscription, Tenant
from flis.access.policy import TenantKind
from flis.access.store import StateStore
from flis.errors import UnknownMunicipality

SUBSCRIBER_COUNT = 77
SUBSCRIBER_SALT = "flis-subscriber-2024"
SEEDED_SUBSCRIPTION_START = date(2020, 1, 1)
OPERATOR_NAME = "Operator"
STATISTICS_OFFICE_NAME = "Statistics Office"
TENANT_KEYS = {"operator": TenantKind.OPERATOR, "statistics-office": TenantKind.STATISTICS_OFFICE}
"""How the command line names the two tenants that are not municipalities."""


def demo_subscribers() -> list[int]:
    """The municipality codes the demo seeds as subscribers, sorted."""
    codes = [m.code for m in reference.municipalities()]
    ranked = sorted(codes, key=lambda c: hashlib.sha256(f"{SUBSCRIBER_SALT}:{c}".encode()).hexdigest())
    return sorted(ranked[:SUBSCRIBER_COUNT])


def seed_tenants(store: StateStore) -> int:
    """Create the tenants that are missing; a municipality created here gets the demo's subscription.

    Idempotent: existing tenants and their subscriptions are left as they are (an ended subscription
    stays ended). Returns how many tenants were created.
    """
    subscribers = set(demo_subscribers())
    with store.transaction() as db:
        have_codes = set(db.scalars(select(Tenant.municipality).where(Tenant.municipality.is_not(None))))
        have_kinds = set(db.scalars(select(Tenant.kind).distinct()))
        new = [Tenant(kind=TenantKind.MUNICIPALITY, municipality=m.code, name=m.name)
               for m in reference.municipalities() if m.code not in have_codes]
        for kind, name in ((TenantKind.OPERATOR, OPERATOR_NAME),
                           (TenantKind.STATISTICS_OFFICE, STATISTICS_OFFICE_NAME)):
            if kind not in have_kinds:
                new.append(Tenant(kind=kind, name=name))
        for tenant in new:
            if tenant.municipality in subscribers:
                tenant.subscriptions.append(Subscription(starts_on=SEEDED_SUBSCRIPTION_START))
        db.add_all(new)
    return len(new)


def find_tenant(db: Session, key: str | int) -> Tenant:
    """A tenant by municipality code or name, ``operator`` or ``statistics-office``."""
    text = str(key).strip()
    kind = TENANT_KEYS.get(text.lower().replace("_", "-"))
    if kind is not None:
        tenant = db.scalars(select(Tenant).where(Tenant.kind == kind)).first()
    else:
        try:
            code = reference.municipality(int(text) if text.isdigit() else text).code
        except UnknownMunicipality as exc:
            raise UnknownTenant(f"no tenant '{text}'", hint="use a municipality code or name, "
                                "'operator' or 'statistics-office'") from exc
        tenant = db.scalars(select(Tenant).where(Tenant.municipality == code)).first()
    if tenant is None:
        raise UnknownTenant(f"tenant '{text}' has not been created in the state store",
                            hint="tenants are created by `flis users add` and `flis demo`")
    return tenant


def is_subscribed(db: Session, tenant_id: int, day: date) -> bool:
    """Whether the tenant has a subscription covering ``day``."""
    active = select(Subscription.id).where(
        Subscription.tenant_id == tenant_id, Subscription.starts_on <= day,
        (Subscription.ends_on.is_(None)) | (Subscription.ends_on > day))
    return db.scalars(active.limit(1)).first() is not None


def tenant_label(tenant: Tenant) -> str:
    """How people name a tenant: 'København (101)', 'operator', 'statistics-office'."""
    if tenant.kind is TenantKind.MUNICIPALITY:
        return f"{tenant.name} ({tenant.municipality})"
    return {v: k for k, v in TENANT_KEYS.items()}[tenant.kind]
