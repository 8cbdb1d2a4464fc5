"""The dashboard's headline figures and what changed since the previous release, checked by hand."""

from __future__ import annotations

import json
import shutil
from types import SimpleNamespace

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from flis.compare.neighbours import nearest
from flis.compare.release import ReleaseView
from flis.compare.snapshot import current_snapshot
from flis.web.changes import since_parent
from flis.web.dashboard import headline, headline_series
from flis.web.i18n import number
from support.served import OWN


def test_headlines_are_the_first_figures_of_each_domain_with_a_value(served_app, view):
    app, _, _ = served_app
    catalogue = app.state.services.catalogue
    chosen = headline_series(view, catalogue, OWN)
    for domain, ids in chosen.items():
        assert 1 <= len(ids) <= 2
        in_order = [f.id for f in catalogue.figures.values() if f.domain == domain]
        assert ids == sorted(ids, key=in_order.index)
        for sid in ids:
            assert view.values(sid, view.latest_period(sid))[OWN][2] is not None
        skipped = in_order[:in_order.index(ids[-1])]
        for sid in set(skipped) - set(ids):  # every figure passed over has no value for København
            latest = view.latest_period(sid) if sid in view.series_ids() else None
            assert latest is None or view.values(sid, latest).get(OWN, (None, None, None))[2] is None


def test_a_headline_deviates_from_the_country_and_the_nearest_municipalities_as_computed_by_hand(view):
    sid = "SCH001"
    period = view.latest_period(sid)
    values = view.values(sid, period)
    members = [n.municipality for n in nearest(OWN, "schools", 5)]
    h = headline(SimpleNamespace(lang="en"), view, sid, OWN, members)
    own = values[OWN][2]
    national = view.group(sid, "country", "DK", period).value
    present = [m for m in members if m in values and values[m][2] is not None]
    assert present, "the sample should hold at least one of København's nearest neighbours"
    scale = float(view.series(sid)["scale"])
    comparables = sum(values[m][0] for m in present) / sum(values[m][1] for m in present) * scale
    assert h.value == pytest.approx(own)
    assert h.national == pytest.approx(national)
    assert h.vs_national == pytest.approx(own - national)
    assert h.comparables == pytest.approx(comparables)
    assert h.vs_comparables == pytest.approx(own - comparables)
    assert h.period == str(period) and h.name == "Average class size in normal classes"
    assert h.spark.startswith("<svg")


def test_the_dashboard_page_shows_values_freshness_and_the_first_release(page_as, view):
    html = page_as("analyst").get("/?lang=en").text
    period = view.latest_period("SCH001")
    assert number(view.values("SCH001", period)[OWN][2], 1, "en") in html
    assert f"<dd>{view.release_id}" in html and str(period) in html
    assert "This is the first release" in html


def _copy_release(snapshot, root, release_id, parent=None, cells=None):
    target = root / release_id
    shutil.copytree(snapshot.path, target)
    meta = json.loads((target / "release.json").read_text())
    meta.update(release_id=release_id, parent=parent)
    (target / "release.json").write_text(json.dumps(meta))
    if cells is not None:
        pq.write_table(cells, target / "cells.parquet")


def test_changes_since_the_parent_release_name_new_periods_and_revised_values(served_home, tmp_path):
    snapshot = current_snapshot(served_home)
    cells = pq.read_table(snapshot.path / "cells.parquet")
    own_sch = pc.and_(pc.equal(cells["series_id"], "SCH001"), pc.equal(cells["municipality"], OWN))
    periods = sorted(set(cells.filter(own_sch)["period"].to_pylist()))
    first, last = periods[0], periods[-1]
    # The parent lacked København's last month of SCH001 and had another value for its first month.
    keep = pc.invert(pc.and_(own_sch, pc.equal(cells["period"], pa.scalar(last, cells["period"].type))))
    parent = cells.filter(keep)
    revise = pc.and_(pc.and_(pc.equal(parent["series_id"], "SCH001"), pc.equal(parent["municipality"], OWN)),
                     pc.equal(parent["period"], pa.scalar(first, parent["period"].type)))
    index = parent.schema.get_field_index("value")
    parent = parent.set_column(index, "value", pc.if_else(revise, pa.scalar(99.0), parent["value"]))
    root = tmp_path / "releases"
    root.mkdir()
    _copy_release(snapshot, root, "RPARENT", cells=parent)
    _copy_release(snapshot, root, "RNOW", parent="RPARENT")
    (root / "CURRENT").write_text("RNOW\n")
    view = ReleaseView.load(tmp_path)
    changes = since_parent(tmp_path, view, ["SCH001", "SCH002"], OWN)
    assert (changes.parent, changes.kept, changes.new_periods, changes.revised) == ("RPARENT", True, 1, 1)
    revised, new = changes.items
    now = view.values("SCH001", first)[OWN][2]
    assert (revised.series_id, revised.kind, revised.period, revised.before, revised.after) == (
        "SCH001", "revised", f"{first:%Y-%m}", 99.0, now)
    assert (new.kind, new.period, new.before) == ("new", f"{last:%Y-%m}", None)

    shutil.rmtree(root / "RPARENT")
    gone = since_parent(tmp_path, view, ["SCH001"], OWN)
    assert (gone.parent, gone.kept, gone.items) == ("RPARENT", False, [])
