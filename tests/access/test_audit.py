"""The audit log: row-level data only with a purpose; account changes recorded; newest first."""

from __future__ import annotations

import pytest

from flis.access import (PurposeRequired, add_user, audit, audit_entries, authenticate, create_token,
                         disable_user, revoke_token)
from flis.periods import Period


@pytest.fixture
def analyst(store):
    add_user(store, "ida", tenant=101, role="analyst", password="a long enough password")
    return authenticate(store, "ida", "a long enough password")


@pytest.mark.parametrize("action", ["drill", "export"])
@pytest.mark.parametrize("purpose", [None, "", "   "])
def test_row_level_data_needs_a_purpose(store, analyst, action, purpose):
    before = len(audit_entries(store))
    with pytest.raises(PurposeRequired) as refused:
        audit(store, analyst, action, object="SCH001", municipality=101, period="2024-06", purpose=purpose)
    assert refused.value.code == "access.purpose_required"
    assert len(audit_entries(store)) == before


def test_a_drill_is_recorded_with_who_what_when_where_and_why(store, analyst, clock):
    entry_id = audit(store, analyst, "drill", object="SCH001", municipality=101, period=Period(2024, 6),
                     row_count=42, purpose="  checking our June delivery ", client="10.0.0.7")
    entry = audit_entries(store, user_id=analyst.user_id)[0]
    assert entry.id == entry_id
    assert (entry.at, entry.user_id, entry.tenant_id, entry.action, entry.object, entry.municipality,
            entry.period, entry.row_count, entry.purpose, entry.client) == (
        clock.at, analyst.user_id, analyst.tenant_id, "drill", "SCH001", 101, "2024-06", 42,
        "checking our June delivery", "10.0.0.7")


def test_other_actions_need_no_purpose(store, analyst):
    audit(store, analyst, "export.aggregates", object="SCH001")
    assert audit_entries(store, limit=1)[0].action == "export.aggregates"


def test_account_changes_are_recorded(store, analyst):
    token = create_token(store, "ida", "R")
    revoke_token(store, token.id)
    disable_user(store, "ida")
    assert [(e.action, e.object) for e in audit_entries(store)] == [
        ("user.disable", "ida"), ("token.revoke", f"{token.id} ida"), ("token.create", f"{token.id} ida"),
        ("user.add", "ida")]
