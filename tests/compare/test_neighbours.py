"""Comparable municipalities: nearest neighbours on a toy table checked by hand, static groups, set means."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from flis.compare.neighbours import (
    DEFAULT_WEIGHTS,
    VARIABLES,
    ComparablesError,
    ConditionsTable,
    Variable,
    comparison_mean,
    nearest,
    reference_conditions,
    static_group,
    weights_for,
)
from flis.errors import UnknownMunicipality

DOCS = Path(__file__).resolve().parents[2] / "docs" / "compare.md"

SIZE, OLD = Variable("size", "size", False, "{:.0f}"), Variable("old", "old", False, "{:.0f}")
# Five units; both variables have mean 2 and variance 2, so a z-score difference is (difference) / sqrt(2)
# and a squared z difference is (difference)^2 / 2.
TOY = ConditionsTable.from_rows([
    {"code": 1, "name": "One", "size": 0, "old": 0},
    {"code": 2, "name": "Two", "size": 1, "old": 3},
    {"code": 3, "name": "Three", "size": 2, "old": 1},
    {"code": 4, "name": "Four", "size": 3, "old": 2},
    {"code": 5, "name": "Five", "size": 4, "old": 4},
], variables=(SIZE, OLD))


def test_distances_on_a_toy_table():
    # From unit 1 (0, 0): unit 2 (1+9)/2 = 5; unit 3 (4+1)/2 = 2.5; unit 4 (9+4)/2 = 6.5; unit 5 (16+16)/2 = 16
    found = nearest(1, None, k=4, table=TOY)
    assert [n.municipality for n in found] == [3, 2, 4, 5]
    assert [n.distance for n in found] == pytest.approx([math.sqrt(2.5), math.sqrt(5), math.sqrt(6.5), 4])


def test_weights_change_the_order():
    # size only: 1/2, 4/2, 9/2, 16/2 -> 2, 3, 4, 5; old only: 9/2, 1/2, 4/2, 16/2 -> 3, 4, 2, 5
    assert [n.municipality for n in nearest(1, None, k=4, weights={"old": 0}, table=TOY)] == [2, 3, 4, 5]
    by_old = nearest(1, None, k=4, weights={"size": 0}, table=TOY)
    assert [n.municipality for n in by_old] == [3, 4, 2, 5]
    assert by_old[0].distance == pytest.approx(math.sqrt(0.5))
    doubled = nearest(1, None, k=1, weights={"size": 4}, table=TOY)[0]  # 3: 4*4/2 + 1/2 = 8.5; 2: 4/2 + 9/2 = 6.5
    assert (doubled.municipality, doubled.distance) == (2, pytest.approx(math.sqrt(6.5)))


def test_each_neighbour_says_why_it_is_near():
    two = nearest(1, None, k=4, table=TOY)[1]
    assert two.municipality == 2
    size, old = two.contributions
    assert (size.contribution, size.share) == (pytest.approx(0.5), pytest.approx(0.1))
    assert (old.contribution, old.share) == (pytest.approx(4.5), pytest.approx(0.9))
    assert (size.z_difference, size.value, size.own_value) == (pytest.approx(1 / math.sqrt(2)), 1, 0)
    assert two.closest == ["size", "old"]
    assert two.why == "size 1 vs 0; old 3 vs 0"


def test_logged_conditions_are_standardised_on_their_logarithm():
    table = ConditionsTable.from_rows([{"code": c, "name": str(c), "population": p} for c, p in
                                       ((1, 1_000), (2, 10_000), (3, 100_000))], variables=(VARIABLES[0],))
    assert table.standardised()[:, 0] == pytest.approx([-math.sqrt(1.5), 0, math.sqrt(1.5)])
    flat = ConditionsTable.from_rows([{"code": c, "name": "x", "size": 7, "old": c} for c in (1, 2, 3)],
                                     variables=(SIZE, OLD))
    assert flat.standardised()[:, 0].tolist() == [0, 0, 0]  # no variation, no say


def test_real_neighbours_come_with_reasons():
    found = nearest(101, "schools")
    assert len(found) == 5 and 101 not in [n.municipality for n in found]
    assert [n.distance for n in found] == sorted(n.distance for n in found)
    for n in found:
        assert len(n.closest) == 2 and n.why.count(" vs ") == 2
        assert sum(c.share for c in n.contributions) == pytest.approx(1)
    share_80 = next(c for c in found[0].contributions if c.variable == "share_80")
    assert share_80.weight == 0 and share_80.contribution == 0  # schools ignore the very old
    assert len(reference_conditions().codes) == 98


def test_bad_requests_are_refused_with_a_code():
    for call in (lambda: nearest(101, "space"), lambda: nearest(101, None, weights={"height": 1}),
                 lambda: nearest(101, None, weights={"population": -1}),
                 lambda: nearest(101, None, weights=dict.fromkeys(DEFAULT_WEIGHTS["general"], 0)),
                 lambda: nearest(101, None, k=98), lambda: nearest(101, None, k=0),
                 lambda: static_group(101, "parish")):
        with pytest.raises(ComparablesError):
            call()
    with pytest.raises(UnknownMunicipality):
        nearest(999, None)


def test_weights_start_from_the_domain_defaults():
    w = weights_for("elderly", {"income": 2})
    assert w["share_80"] == 3 and w["income"] == 2 and w["population"] == 1
    assert weights_for(None) == dict.fromkeys(w, 1.0)


def test_static_groups():
    region = static_group(101, "region")
    assert (region.code, region.name, len(region.members)) == (1084, "Region Hovedstaden", 29)
    assert 101 in region.members and 147 in region.members
    assert sum(len(static_group(m, "region").members) for m in (101, 751, 851, 461, 259)) == 98
    group = static_group(825, "komgrp")  # Læsø
    assert (group.code, group.name) == (5, "Landkommuner") and len(group.members) == 31


def test_the_mean_of_a_chosen_set(view):
    # 101 30/100, 147 10/20, 153 1/5 have values; 159 has a zero denominator; 851 has no row
    m = comparison_mean(view, "HB", "2024-06", [101, 147, 153, 159, 851])
    assert m.weighted == pytest.approx(41 / 125 * 100)  # 32.8
    assert m.unweighted == pytest.approx(100 / 3)
    assert (m.municipalities, m.missing) == ([101, 147, 153], [159, 851])


def test_the_weights_table_in_the_docs_is_the_one_in_the_code():
    text = DOCS.read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) == 8 and cells[0] in DEFAULT_WEIGHTS:
            rows[cells[0]] = [float(c) for c in cells[1:]]
    assert rows == {d: list(w.values()) for d, w in DEFAULT_WEIGHTS.items()}
    header = next(line for line in text.splitlines() if line.startswith("| domain"))
    assert re.findall(r"`(\w+)`", header) == [v.name for v in VARIABLES]
    assert np.all([list(w) == [v.name for v in VARIABLES] for w in DEFAULT_WEIGHTS.values()])


def test_comparison_means_over_many_periods_equal_one_period_at_a_time(view):
    from flis.compare.neighbours import comparison_mean, comparison_means

    for series_id in view.series_ids()[:40]:
        periods = [str(p) for p in view.periods(series_id)]
        if not periods:
            continue
        members = [101, 147, 153, 157, 159, 161]
        assert comparison_means(view, series_id, periods, members) == [
            comparison_mean(view, series_id, p, members) for p in periods]
