"""Seeding: 98 municipalities + operator + statistics office, 77 subscribers chosen deterministically."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from flis import reference
from flis.access import demo_subscribers, seed_tenants
from flis.access.models import Subscription, Tenant
from flis.access.tenants import find_tenant, is_subscribed

NON_SUBSCRIBERS = [159, 163, 183, 250, 253, 306, 336, 340, 461, 482, 550, 563, 630, 657, 706, 760, 773, 810,
                   820, 840, 851]
"""Pinned, so that a change in the choice is seen (docs/access.md names some of them)."""


def counts(store):
    with store.transaction() as db:
        return (db.scalar(select(func.count()).select_from(Tenant)),
                db.scalar(select(func.count()).select_from(Subscription)),
                dict(db.execute(select(Tenant.kind, func.count()).group_by(Tenant.kind)).all()))


def test_seeding_creates_100_tenants_and_77_subscriptions_once(empty_store):
    assert seed_tenants(empty_store) == 100
    assert counts(empty_store) == (100, 77, {"municipality": 98, "operator": 1, "statistics_office": 1})
    assert seed_tenants(empty_store) == 0
    assert counts(empty_store)[:2] == (100, 77)


def test_the_subscribers_are_a_fixed_choice_that_includes_koebenhavn():
    subscribers = demo_subscribers()
    assert len(subscribers) == 77 and 101 in subscribers and 183 not in subscribers
    assert sorted(NON_SUBSCRIBERS + subscribers) == sorted(m.code for m in reference.municipalities())


def test_an_ended_subscription_stays_ended_after_seeding_again(store):
    today = store.now().date()
    with store.transaction() as db:
        koebenhavn = find_tenant(db, 101)
        assert is_subscribed(db, koebenhavn.id, today)
        assert not is_subscribed(db, find_tenant(db, "Ishøj").id, today)
        koebenhavn.subscriptions[0].ends_on = today
    seed_tenants(store)
    with store.transaction() as db:
        tenant = find_tenant(db, "101")
        assert not is_subscribed(db, tenant.id, today)
        assert is_subscribed(db, tenant.id, date(2024, 12, 31))
        assert not is_subscribed(db, tenant.id, date(2019, 12, 31))  # seeded from 2020-01-01
