"""The access policy, role by role: own and other municipality, subscriber and not.

The expectations are written out by hand from the issue, not derived from ``POLICY``, so a change in
the policy table must be made here too, deliberately.
"""

from __future__ import annotations

import pytest

from flis.access import (Principal, Role, TenantKind, add_user, authenticate, can_admin, can_drill,
                         can_see_aggregates, can_see_deliveries, can_use)

OWN, OTHER = 101, 751

# use, aggregates, drill own, drill other, deliveries own, deliveries other, administer
NOTHING = (False,) * 7
EXPECTED = {
    (Role.VIEWER, True): (True, True, False, False, False, False, False),
    (Role.ANALYST, True): (True, True, True, False, False, False, False),
    (Role.STEWARD, True): (True, True, True, False, True, False, False),
    (Role.VIEWER, False): NOTHING,
    (Role.ANALYST, False): NOTHING,
    (Role.STEWARD, False): NOTHING,
    (Role.PARTNER, True): (True, True, False, False, False, False, False),
    (Role.PARTNER, False): (True, True, False, False, False, False, False),
    (Role.ADMIN, True): (True,) * 7,
    (Role.ADMIN, False): (True,) * 7,
}
TENANT_OF = {Role.PARTNER: TenantKind.STATISTICS_OFFICE, Role.ADMIN: TenantKind.OPERATOR}


def principal(role: Role, subscribed: bool) -> Principal:
    kind = TENANT_OF.get(role, TenantKind.MUNICIPALITY)
    return Principal(user_id=1, username="u", role=role, tenant_id=1, tenant_kind=kind,
                     municipality=OWN if kind is TenantKind.MUNICIPALITY else None, subscribed=subscribed)


def grants(p: Principal) -> tuple[bool, ...]:
    return (can_use(p), can_see_aggregates(p), can_drill(p, OWN), can_drill(p, OTHER),
            can_see_deliveries(p, OWN), can_see_deliveries(p, OTHER), can_admin(p))


@pytest.mark.parametrize(("role", "subscribed"), sorted(EXPECTED, key=str))
def test_what_each_role_may_do(role, subscribed):
    assert grants(principal(role, subscribed)) == EXPECTED[(role, subscribed)]


def test_no_municipal_role_ever_reaches_row_level_data_of_another_municipality():
    for role in (Role.VIEWER, Role.ANALYST, Role.STEWARD):
        for subscribed in (True, False):
            p = principal(role, subscribed)
            assert not any(can_drill(p, m) or can_see_deliveries(p, m) for m in range(1000) if m != OWN)


def test_principals_from_the_store_carry_the_subscription(store):
    add_user(store, "insider", tenant=101, role="analyst", password="a long enough password")
    add_user(store, "outsider", tenant="Ishøj", role="analyst", password="a long enough password")
    insider = authenticate(store, "insider", "a long enough password")
    outsider = authenticate(store, "outsider", "a long enough password")
    assert (insider.municipality, insider.subscribed, can_drill(insider, 101)) == (101, True, True)
    assert (outsider.municipality, outsider.subscribed, can_drill(outsider, 183)) == (183, False, False)
    assert not can_see_aggregates(outsider)
