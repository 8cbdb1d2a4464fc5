"""The findings workflow: idempotent storing, listing, acknowledging, dismissing with a reason (audited)."""

from __future__ import annotations

import pytest

from flis.access import audit_entries
from flis.quality.finding import QualityFinding
from flis.quality.workflow import (FindingClosed, InvalidFilter, ReasonRequired,
                                   UnknownFinding, acknowledge, dismiss, get_finding, list_findings,
                                   store_findings)


def finding(municipality=101, period="2024-04", code="quality.history_outlier", value=200.0, in_force=True,
            delivery="d1") -> QualityFinding:
    return QualityFinding(code, municipality, "schools.pupils#rows", period,
                          {"value": value, "reference": 100.0},
                          f"schools.pupils, rows: {value:,.0f} in {period}",
                          f"schools.pupils, rækker: {value:.0f}", delivery, in_force, ("schools.pupils",))


def test_running_the_checks_again_does_not_duplicate_findings(store):
    first = store_findings(store, [finding(), finding(147)], "run-1")
    assert (first.new, first.updated) == (2, 0)
    again = store_findings(store, [finding(), finding(147)], "run-2")
    assert again.new == 0
    rows, total = list_findings(store)
    assert total == 2 and {r.run_id for r in rows} == {"run-2"}
    assert {r.status for r in rows} == {"open"}


def test_new_numbers_update_the_finding_and_a_dismissed_finding_stays_dismissed(store):
    store_findings(store, [finding()], "run-1")
    (row,), _ = list_findings(store)
    dismiss(store, row.id, "a new school opened in April")
    store_findings(store, [finding(value=210.0)], "run-2")
    updated = get_finding(store, row.id)
    assert updated.status == "dismissed" and updated.values["value"] == 210.0
    assert list_findings(store)[1] == 1


def test_dismissing_needs_a_reason_and_is_audited(store):
    store_findings(store, [finding()], "run-1")
    (row,), _ = list_findings(store)
    for blank in ("", "   "):
        with pytest.raises(ReasonRequired):
            dismiss(store, row.id, blank)
    assert get_finding(store, row.id).status == "open"
    assert [e.action for e in audit_entries(store)] == []
    store.clock.advance(minutes=5)
    done = dismiss(store, row.id, "  a new school opened in April ")
    assert (done.status, done.reason) == ("dismissed", "a new school opened in April")
    assert done.updated_by == "command line"
    (entry,) = audit_entries(store)
    assert entry.action == "finding.dismiss"
    assert entry.purpose == "a new school opened in April"
    assert (entry.municipality, entry.period) == (101, "2024-04")
    assert str(row.id) in entry.object
    with pytest.raises(FindingClosed):
        acknowledge(store, row.id)


def test_acknowledging_is_recorded_and_audited(store):
    store_findings(store, [finding()], "run-1")
    (row,), _ = list_findings(store)
    done = acknowledge(store, row.id)
    assert done.status == "acknowledged" and done.updated_at == store.now()
    assert [e.action for e in audit_entries(store)] == ["finding.acknowledge"]
    assert dismiss(store, row.id, "explained by the school").status == "dismissed"


def test_a_finding_on_a_superseded_delivery_is_stored_as_corrected(store):
    store_findings(store, [finding(in_force=False)], "run-1")
    (row,), _ = list_findings(store)
    assert row.status == "corrected" and "superseded" in row.reason
    # an open finding whose delivery is later superseded is set to corrected on the next run
    store_findings(store, [finding(147)], "run-1")
    result = store_findings(store, [finding(147, in_force=False)], "run-2")
    assert result.corrected == 1
    assert {r.status for r in list_findings(store)[0]} == {"corrected"}


def test_filters(store):
    store_findings(store, [finding(101, "2024-04"), finding(147, "2024-05"),
                           finding(147, "2024-05", code="quality.peer_outlier")], "run-1")
    assert [r.period for r in list_findings(store)[0]] == ["2024-05", "2024-05", "2024-04"]
    assert list_findings(store, municipality=147)[1] == 2
    assert list_findings(store, code="quality.peer_outlier")[1] == 1
    assert list_findings(store, period="2024-04")[1] == 1
    assert list_findings(store, status="dismissed")[1] == 0
    with pytest.raises(InvalidFilter):
        list_findings(store, status="closed")
    with pytest.raises(InvalidFilter):
        list_findings(store, code="quality.nonsense")
    with pytest.raises(UnknownFinding):
        get_finding(store, 999)


def test_the_migration_creates_the_findings_table_the_model_describes(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from flis.access.models import Base
    import flis.corrections.models  # noqa: F401  (registers corrections on Base.metadata)
    import flis.quality.models  # noqa: F401  (registers quality_findings on Base.metadata)

    with store.engine.connect() as con:
        assert compare_metadata(MigrationContext.configure(con), Base.metadata) == []
