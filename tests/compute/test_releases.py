"""Releases on a small generated country: drill-down reproduces every value, "as of" returns what was
published then, and an incremental release equals a full recomputation."""

from __future__ import annotations

import datetime as dt
import random
import shutil

import pytest

from flis.catalogue.loader import load_catalogue
from flis.compute.drill import drill
from flis.compute.releases import current_release, list_releases
from flis.compute.run import compute
from flis.ingest.archive import Archive
from flis.ingest.pipeline import ingest
from flis.warehouse.store import Warehouse
from support.figures import add_rows, close

T1 = dt.datetime(2024, 9, 1, 12, 0)
T2 = dt.datetime(2024, 9, 15, 12, 0)


@pytest.fixture(scope="module")
def computed(clean_country, tmp_path_factory):
    home = tmp_path_factory.mktemp("releases")
    wh = Warehouse(home / "warehouse.duckdb")
    ingest([clean_country.out / "deliveries"], warehouse=wh, archive=Archive(home / "archive"), workers=2)
    first = compute(wh.con, load_catalogue(), now=T1)
    yield wh, first
    wh.close()


def _cells(wh, release):
    return {(s, m, p): (n, d, v) for s, m, p, n, d, v in wh.con.execute(
        "SELECT series_id, municipality, period, numerator, denominator, value FROM releases.cells "
        "WHERE release_id = ?", [release]).fetchall()}


def _groups(wh, release):
    return {(s, t, a, p): (n, d, v, m, k) for s, t, a, p, n, d, v, m, k in wh.con.execute(
        "SELECT series_id, area_type, area, period, numerator, denominator, value, municipal_mean, municipalities "
        "FROM releases.groups WHERE release_id = ?", [release]).fetchall()}


def test_the_first_release_covers_every_series(computed):
    wh, first = computed
    catalogue = load_catalogue()
    assert first.parent is None and first.series == len(catalogue.series)
    with_value = {s for s, in wh.con.execute(
        "SELECT DISTINCT series_id FROM releases.cells WHERE release_id = ? AND value IS NOT NULL",
        [first.release_id]).fetchall()}
    rolling_or_change = {s.id for s in catalogue.series if s.figure.kind in ("rolling", "change")}
    missing = {s.id for s in catalogue.series} - with_value - rolling_or_change
    # Three months of seven municipalities: rolling 12-month and year-on-year values cannot exist yet.
    assert len(missing) <= len(catalogue.series) * 0.05, sorted(missing)[:20]


def test_drill_down_rows_reproduce_numerator_and_denominator(computed):
    wh, first = computed
    catalogue = load_catalogue()
    cells = _cells(wh, first.release_id)
    by_series = {s.id: s for s in catalogue.series if s.figure.kind in ("ratio", "measure")}
    keys = sorted(k for k in cells if k[0] in by_series)
    rng = random.Random(7)
    checked = 0
    for key in rng.sample(keys, 150):
        series_id, municipality, period = key
        numerator, denominator, _ = cells[key]
        parts = {p.side: p for p in drill(wh.con, by_series[series_id], municipality, period)}
        assert close(parts["numerator"].value, numerator), (key, parts["numerator"].value, numerator)
        if "denominator" in parts:
            assert close(parts["denominator"].value, denominator), (key, parts["denominator"].value, denominator)
        rows = parts["numerator"].rows
        assert set(rows.column(by_series[series_id].figure.numerator.attribution).to_pylist()) <= {municipality}
        assert "_delivery" in rows.column_names and "_line" in rows.column_names
        checked += 1
    assert checked == 150


def test_a_correction_gives_a_new_release_and_as_of_keeps_the_old_values(computed, monkeypatch):
    from flis.compute.scans import DuckDBScans
    wh, first = computed
    con = wh.con
    replaced = []
    original = DuckDBScans._replace

    def spy(self, state, part, how, months, *rest):
        replaced.append((how[0], months))
        return original(self, state, part, how, months, *rest)
    monkeypatch.setattr(DuckDBScans, "_replace", spy)
    period = dt.date(2024, 6, 1)
    rows = con.sql("SELECT * FROM current.schools_pupils WHERE _municipality = 147 AND _period = DATE '2024-06-01'"
                   ).to_arrow_table().to_pylist()
    assert rows
    corrected = [{k: v for k, v in r.items() if k not in ("_delivery", "_line")} for r in rows[: len(rows) // 2]]
    # Frederiksberg's June residents re-delivered without a third of them: those counted during the year only
    # through June drop out of the annual distinct counts (their June bit is cleared in the kept masks).
    people = con.sql("SELECT * EXCLUDE (_delivery, _line) FROM current.citizens_residents "
                     "WHERE _municipality = 147 AND _period = DATE '2024-06-01'").to_arrow_table().to_pylist()
    people = [r for k, r in enumerate(people) if k % 3]
    add_rows(wh, {"schools.pupils": corrected, "citizens.residents": people}, received_at=T2 - dt.timedelta(days=1))
    second = compute(con, load_catalogue(), now=T2)
    assert second.parent == first.release_id
    assert second.groups_copied > 0 and second.groups_scanned > 0  # groups not reading pupils are copied
    assert "schools" in second.recomputed and "2024-06" in second.recomputed
    assert current_release(con) == second.release_id
    # The year's kept tables of the pupils' groups had June replaced in them (totals keyed by month, distinct
    # pupils with month masks); every kept table now describes the new release.
    assert {kind for kind, _ in replaced} == {"months", "masks"} and {m for _, m in replaced} == {(period, period)}
    assert {r for (r,) in con.execute("SELECT DISTINCT release FROM scan_state.kept").fetchall()} == {
        second.release_id}
    assert current_release(con, as_of=T1 + dt.timedelta(days=1)) == first.release_id
    assert current_release(con, as_of=T1 - dt.timedelta(days=1)) is None

    old, new = _cells(wh, first.release_id), _cells(wh, second.release_id)
    changed = {k for k in new if old.get(k) != new[k]}
    figures = {s.id: s.figure for s in load_catalogue().series}

    def expected(series_id: str) -> dt.date:
        return period if figures[series_id].level == "monthly" else period.replace(month=1)

    # Only June (or 2024 for annual figures) changes, except rolling windows and changes that include June.
    wrong = sorted(k for k in changed if k[2] != expected(k[0]) and figures[k[0]].kind in ("ratio", "measure"))
    assert changed and not wrong, wrong[:10]
    assert all(k[2] >= expected(k[0]) for k in changed)
    pupils = [k for k in changed if k[0].startswith("SCH")]
    assert pupils, "the correction of Frederiksberg's pupils must change school figures"

    # The incremental release equals a full recomputation of the same state (which builds its kept tables anew).
    full = compute(con, load_catalogue(), now=T2 + dt.timedelta(hours=1), incremental=False)
    again = _cells(wh, full.release_id)
    assert again.keys() == new.keys()
    for key, values in new.items():
        assert all(close(a, b) for a, b in zip(again[key], values)), (key, again[key], values)
    groups_new, groups_full = _groups(wh, second.release_id), _groups(wh, full.release_id)
    assert groups_new.keys() == groups_full.keys()
    for key, values in groups_new.items():
        assert all(close(a, b) for a, b in zip(groups_full[key], values)), (key, groups_full[key], values)
    assert [r["release_id"] for r in list_releases(con)][-3:] == [first.release_id, second.release_id,
                                                                   full.release_id]


def test_start_of_year_figures_are_recomputed_only_when_a_january_changes():
    from flis.compute.run import _since, _span

    class G:
        level = "start_of_year"

    june, january = dt.date(2024, 6, 1), dt.date(2025, 1, 1)
    assert _since({"schools.pupils": {june}})["start_of_year"] == dt.date(9999, 1, 1)
    assert _since({"schools.pupils": {june}})["annual"] == dt.date(2024, 1, 1)
    assert _since({"schools.pupils": {june, january}})["start_of_year"] == january
    assert _span(G(), {january}) == (january, january)


def test_a_new_month_is_appended_to_the_kept_year_and_a_later_correction_rebuilds_it(clean_country, tmp_path,
                                                                                     monkeypatch):
    """The last month arrives after a release of the earlier ones: the kept distinct tables of the year get
    it appended (values not seen before are added, no regrouping of the year), and the incremental release
    equals a full one. A correction of an earlier month of that year then rebuilds those tables from all
    months (an appended month's bits are not on every value), again equal to a full recomputation."""
    import re

    from flis.compute.scans import DuckDBScans

    files = sorted(p for p in (clean_country.out / "deliveries").rglob("*") if p.is_file())
    month = {p: int(m.group(1)) for p in files if (m := re.search(r"_(\d{6})(?:_\d+)?\.[a-z]+$", p.name))}
    last = max(month.values())
    decisions, appended = [], []
    how, append = DuckDBScans._how, DuckDBScans._append
    states = []
    monkeypatch.setattr(DuckDBScans, "_how", lambda self, state, *a: states.append(state) or
                        decisions.append(how(self, state, *a)) or decisions[-1])
    monkeypatch.setattr(DuckDBScans, "_append", lambda self, state, *a: appended.append(state) or
                        append(self, state, *a))
    added, original_added = [], DuckDBScans._added
    monkeypatch.setattr(DuckDBScans, "_added", lambda self, *a: added.append(a[1]) or original_added(self, *a))
    from flis.compile import reduce

    ungrouped, one_month = [], reduce._one_month_select
    monkeypatch.setattr(reduce, "_one_month_select", lambda table, rows: ungrouped.append(table.name)
                        or one_month(table, rows))

    def same_as_full(wh, release, at, other=None):
        """``release`` of ``wh`` against a full computation (in ``other``, a copy, if given)."""
        target = other or wh
        full = compute(target.con, load_catalogue(), now=at, incremental=False)
        got, expected = _cells(wh, release), _cells(target, full.release_id)
        assert got.keys() == expected.keys()
        differing = [k for k in got if not all(close(a, b) for a, b in zip(got[k], expected[k]))]
        assert not differing, differing[:5]

    with Warehouse(tmp_path / "warehouse.duckdb") as wh:
        archive = Archive(tmp_path / "archive")
        ingest([p for p in files if month.get(p, last) < last], warehouse=wh, archive=archive, workers=1)
        compute(wh.con, load_catalogue(), now=T1)
        ingest([p for p in files if month.get(p) == last], warehouse=wh, archive=archive, workers=1)
        decisions.clear()
        new_month = compute(wh.con, load_catalogue(), now=T1 + dt.timedelta(hours=1))
        assert "append" in decisions and "rebuild" not in decisions and appended
        assert ungrouped  # the residents' new month, one row per person, was not grouped
        assert added  # the year's breakdowns were read from the parent release and the touched values
        july = dt.date(last // 100, last % 100, 1)
        assert {m for (m,) in wh.con.execute("SELECT DISTINCT month FROM scan_state.appended").fetchall()} == {july}
        wh.con.execute("CHECKPOINT")
        shutil.copy(tmp_path / "warehouse.duckdb", tmp_path / "copy.duckdb")
        with Warehouse(tmp_path / "copy.duckdb") as copy:
            same_as_full(wh, new_month.release_id, T1 + dt.timedelta(hours=2), copy)

        # June corrected while July is appended in the kept tables: they are rebuilt from all months.
        june = july.replace(month=july.month - 1)
        people = wh.con.sql("SELECT * EXCLUDE (_delivery, _line) FROM current.citizens_residents "
                            "WHERE _municipality = 147 AND _period = $1", params=[june]).to_arrow_table().to_pylist()
        assert people
        decisions.clear()
        states.clear()
        add_rows(wh, {"citizens.residents": [r for k, r in enumerate(people) if k % 3]},
                 received_at=T1 + dt.timedelta(hours=3))
        corrected = compute(wh.con, load_catalogue(), now=T1 + dt.timedelta(hours=4))
        assert "rebuild" in decisions
        rebuilt = {state for state, decision in zip(states[-len(decisions):], decisions) if decision == "rebuild"}
        left = {s for (s,) in wh.con.execute("SELECT DISTINCT state FROM scan_state.appended").fetchall()}
        assert rebuilt and not rebuilt & left  # other units' tables (not reading residents) keep July appended
        same_as_full(wh, corrected.release_id, T1 + dt.timedelta(hours=5))
