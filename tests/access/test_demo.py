"""Demo credentials: freshly generated every time, never a default password."""

from __future__ import annotations

import pytest

from flis.access import InvalidCredentials, authenticate, can_drill, can_use, demo_credentials


def test_demo_accounts_work_and_get_new_passwords_each_time(store):
    first = demo_credentials(store)
    assert [(c.username, c.role, c.tenant) for c in first] == [
        ("demo-admin", "admin", "operator"), ("demo-analyst-101", "analyst", "København (101)"),
        ("demo-steward-101", "steward", "København (101)"), ("demo-analyst-159", "analyst", "Gladsaxe (159)")]
    assert len({c.password for c in first}) == 4 and all(len(c.password) == 24 for c in first)
    principals = [authenticate(store, c.username, c.password) for c in first]
    assert [can_use(p) for p in principals] == [True, True, True, False]
    assert can_drill(principals[1], 101) and not can_drill(principals[1], 159)

    second = demo_credentials(store)
    assert not {c.password for c in first} & {c.password for c in second}
    with pytest.raises(InvalidCredentials):
        authenticate(store, first[0].username, first[0].password)
    assert authenticate(store, second[0].username, second[0].password).username == "demo-admin"
