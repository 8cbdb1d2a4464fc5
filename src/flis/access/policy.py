"""Who may do what: the whole access policy in one table.

Nothing else in flis decides access. The API asks these functions, and the API's access-matrix
test reads :data:`POLICY` to know what to expect, so a change here is a change everywhere.

Rules, in order:

1. A municipality that does not subscribe cannot use the system at all, whatever the role
   (it still delivers data). The operator and the statistics office always can.
2. Everybody who may use the system sees every municipality's aggregate figures.
3. Row-level data (drill-down) and deliveries/findings follow the role's scope:
   ``own`` = only the user's own municipality, ``all`` = every municipality.
   Only the operator's admins have ``all``: they drill for support, and every drill is audited
   (see :mod:`flis.access.audit`). Row-level data of another municipality is never shown to a
   municipal user.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TenantKind(StrEnum):
    MUNICIPALITY = "municipality"
    OPERATOR = "operator"
    STATISTICS_OFFICE = "statistics_office"


class Role(StrEnum):
    VIEWER = "viewer"
    ANALYST = "analyst"
    STEWARD = "steward"
    PARTNER = "partner"
    ADMIN = "admin"


class Scope(StrEnum):
    NONE = "none"
    OWN = "own"
    ALL = "all"


@dataclass(frozen=True)
class Grants:
    aggregates: bool
    drill: Scope
    deliveries: Scope
    admin: bool


POLICY: dict[Role, Grants] = {
    #                     aggregates  row-level drill  deliveries, findings  administer
    Role.VIEWER:  Grants(True,        Scope.NONE,      Scope.NONE,           False),
    Role.ANALYST: Grants(True,        Scope.OWN,       Scope.NONE,           False),
    Role.STEWARD: Grants(True,        Scope.OWN,       Scope.OWN,            False),
    Role.PARTNER: Grants(True,        Scope.NONE,      Scope.NONE,           False),
    Role.ADMIN:   Grants(True,        Scope.ALL,       Scope.ALL,            True),
}
"""What each role may do once it may use the system at all (rule 1)."""

ROLES_BY_TENANT_KIND: dict[TenantKind, frozenset[Role]] = {
    TenantKind.MUNICIPALITY: frozenset({Role.VIEWER, Role.ANALYST, Role.STEWARD}),
    TenantKind.STATISTICS_OFFICE: frozenset({Role.PARTNER}),
    TenantKind.OPERATOR: frozenset({Role.ADMIN}),
}
"""Which roles a user of each kind of tenant can hold; ``flis users add`` refuses other combinations."""


@dataclass(frozen=True)
class Principal:
    """The signed-in user as the policy sees them, built fresh at every sign-in, session or token use.

    ``subscribed`` says whether the tenant has a subscription active today; it only matters for
    municipality tenants (use :func:`can_use`, not this flag, to decide).
    """

    user_id: int
    username: str
    role: Role
    tenant_id: int
    tenant_kind: TenantKind
    municipality: int | None
    subscribed: bool


def can_use(p: Principal) -> bool:
    if p.tenant_kind is TenantKind.MUNICIPALITY:
        return p.subscribed
    return True


def can_see_aggregates(p: Principal) -> bool:
    return can_use(p) and POLICY[p.role].aggregates


def can_drill(p: Principal, municipality: int) -> bool:
    """Row-level data behind a figure of ``municipality``."""
    return can_use(p) and _in_scope(p, POLICY[p.role].drill, municipality)


def can_see_deliveries(p: Principal, municipality: int) -> bool:
    """Deliveries and findings of ``municipality``."""
    return can_use(p) and _in_scope(p, POLICY[p.role].deliveries, municipality)


def can_admin(p: Principal) -> bool:
    return can_use(p) and POLICY[p.role].admin


def _in_scope(p: Principal, scope: Scope, municipality: int) -> bool:
    if scope is Scope.ALL:
        return True
    if scope is Scope.OWN:
        return p.tenant_kind is TenantKind.MUNICIPALITY and p.municipality == municipality
    return False
