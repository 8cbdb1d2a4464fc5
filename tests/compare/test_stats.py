"""Comparison statistics, checked against values computed by hand (see conftest for the fixture)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flis.compare.stats import (
    NoValues,
    Quartiles,
    change,
    compare,
    competition_ranks,
    distance_to_best_quartile,
    distribution,
    percentiles,
    quartiles,
    ratio_of_sums,
    trend,
    unweighted_mean,
)

VALUES = [30, 50, 50, 20, 20, 35]  # municipalities 101, 147, 151, 153, 155, 157 in 2024-06


# -- the definitions ------------------------------------------------------------------------------

def test_competition_ranks_share_a_rank_on_ties_and_skip_the_next():
    assert competition_ranks(VALUES, "higher_better").tolist() == [4, 1, 1, 5, 5, 3]
    assert competition_ranks(VALUES, "lower_better").tolist() == [3, 5, 5, 1, 1, 4]


def test_neutral_figures_are_ranked_by_value_descending():
    assert competition_ranks(VALUES, "neutral").tolist() == [4, 1, 1, 5, 5, 3]


def test_a_tie_survives_floating_point_noise():
    assert competition_ranks([0.1 + 0.2, 0.3, 0.2], "higher_better").tolist() == [1, 1, 3]


def test_percentile_is_the_share_with_a_worse_or_equal_value():
    # 101 (30): worse or equal are 30, 20, 20 -> 3 of 6; 153 (20): 20, 20 -> 2 of 6; 147 (50): all 6.
    assert percentiles(VALUES, "higher_better").tolist() == pytest.approx([50, 100, 100, 100 / 3, 100 / 3, 200 / 3])
    # lower is better: 153 (20) is best (100); 101 (30): 30, 35, 50, 50 -> 4 of 6.
    assert percentiles(VALUES, "lower_better").tolist() == pytest.approx([200 / 3, 100 / 3, 100 / 3, 100, 100, 50])


def test_quartiles_interpolate_linearly_between_order_statistics():
    # sorted 20 20 30 35 50 50; positions p*(n-1): Q1 1.25 -> 20 + .25*10; median 2.5 -> 30 + .5*5; Q3 3.75 -> 35 + .75*15
    assert quartiles(VALUES) == Quartiles(22.5, 32.5, 46.25, 20, 50)
    assert quartiles([]) == Quartiles(None, None, None, None, None)


def test_distance_to_the_best_quartile_is_zero_inside_it():
    q = quartiles(VALUES)
    assert distance_to_best_quartile(30, q, "higher_better") == 16.25  # Q3 46.25 - 30
    assert distance_to_best_quartile(50, q, "higher_better") == 0
    assert distance_to_best_quartile(46.25, q, "higher_better") == 0
    assert distance_to_best_quartile(30, q, "lower_better") == 7.5  # 30 - Q1 22.5
    assert distance_to_best_quartile(20, q, "lower_better") == 0
    assert distance_to_best_quartile(30, q, "neutral") is None
    assert distance_to_best_quartile(None, q, "higher_better") is None


def test_weighted_and_unweighted_means_differ_when_sizes_differ():
    numerators, denominators = [30, 10, 5, 1, 40, 7], [100, 20, 10, 5, 200, 20]
    assert ratio_of_sums(numerators, denominators, 100) == pytest.approx(93 / 355 * 100)  # 26.197
    assert unweighted_mean(VALUES) == pytest.approx(205 / 6)  # 34.167
    assert ratio_of_sums([1], [0], 100) is None and ratio_of_sums([], [], 100) is None
    assert unweighted_mean([]) is None


def test_change_is_absolute_and_relative_to_the_earlier_value():
    from flis.periods import Period
    c = change(25, 20, 12, Period(2023, 6))
    assert (c.absolute, c.relative, c.from_period) == (5, 25.0, "2023-06")
    assert change(-5, -10, 12, Period(2023, 6)).relative == 50.0  # relative to |before|
    assert change(5, 0, 12, Period(2023, 6)).relative is None
    assert change(None, 20, 12, Period(2023, 6)).absolute is None


@given(st.lists(st.integers(-50, 50), min_size=1, max_size=40), st.sampled_from(["higher_better", "lower_better"]))
def test_ranks_and_percentiles_agree_with_counting(values, direction):
    ranks = competition_ranks(values, direction)
    pcts = percentiles(values, direction)
    for v, r, p in zip(values, ranks, pcts):
        better = sum(1 for w in values if (w > v if direction == "higher_better" else w < v))
        assert r == better + 1
        assert p == pytest.approx(100 * (len(values) - better) / len(values))


# -- over the fixture release ---------------------------------------------------------------------

def test_compare_a_municipality_in_a_period(view):
    c = compare(view, "HB", "2024-06", 101)
    assert (c.value, c.numerator, c.denominator) == (30, 30, 100)
    assert (c.rank, c.of, c.percentile) == (4, 6, 50)
    assert c.national.value == pytest.approx(93 / 355 * 100)
    assert c.national.municipal_mean == pytest.approx(205 / 6)
    assert (c.region.area, c.region.value, c.region.name) == ("1084", 11.0, "Region Hovedstaden")
    assert (c.komgrp.area, c.komgrp.value, c.komgrp.name) == ("1", 21.0, "Hovedstadskommuner")
    assert (c.quartiles.q1, c.quartiles.median, c.quartiles.q3) == (22.5, 32.5, 46.25)
    assert (c.best_quartile_boundary, c.distance_to_best_quartile) == (46.25, 16.25)


def test_direction_turns_the_ranking_around(view):
    lower = compare(view, "LB", "2024-06", 101)
    assert (lower.rank, lower.percentile, lower.distance_to_best_quartile) == (3, pytest.approx(200 / 3), 7.5)
    assert compare(view, "LB", "2024-06", 153).rank == 1
    neutral = compare(view, "NE", "2024-06", 101)
    assert neutral.rank == 4 and "no better direction" in neutral.ranked_by
    assert neutral.best_quartile_boundary is None and neutral.distance_to_best_quartile is None


def test_a_municipality_without_a_value_is_not_ranked(view):
    c = compare(view, "HB", "2024-06", 159)  # zero denominator
    assert (c.value, c.numerator, c.denominator, c.rank, c.percentile) == (None, 0, 0, None, None)
    assert c.of == 6
    c = compare(view, "HB", "2024-06", 851)  # Aalborg: no row at all
    assert c.value is None and c.rank is None and c.national.value == pytest.approx(93 / 355 * 100)


def test_national_values_without_group_rows_are_computed_from_the_municipalities(view):
    c = compare(view, "NG", "2024-06", 101)
    assert c.national.value == pytest.approx(93 / 355 * 100)
    assert c.national.municipal_mean == pytest.approx(205 / 6)
    assert c.region is None


def test_the_latest_period_is_the_default_and_an_absent_period_is_an_error(view):
    assert compare(view, "HB", None, 101).period == "2024-06"
    with pytest.raises(NoValues, match="2024-05"):
        compare(view, "HB", "2024-05", 101)


def test_distribution_ranks_everybody_best_first(view):
    d = distribution(view, "HB", "2024-06")
    assert [(e.municipality, e.rank) for e in d.entries] == [
        (147, 1), (151, 1), (157, 3), (101, 4), (153, 5), (155, 5), (159, None)]
    assert d.count == 6 and len(d.missing) == 98 - 6
    assert 159 in d.missing and 101 not in d.missing
    assert d.best_quartile_boundary == 46.25
    assert [e.municipality for e in distribution(view, "LB", "2024-06").entries][:2] == [153, 155]


def test_trend_over_12_and_36_months_with_missing_months(view):
    t = trend(view, "TR", 101)
    assert (t.period, t.value) == ("2024-06", 25)
    assert (t.change(12).from_value, t.change(12).absolute, t.change(12).relative) == (20, 5, 25)
    assert (t.change(36).from_period, t.change(36).absolute, t.change(36).relative) == ("2021-06", 15, 150)
    assert len(t.points) == 36 and t.points[0].period == "2021-07" and t.points[-1].period == "2024-06"
    assert [p.period for p in t.points if p.value is not None] == ["2023-06", "2024-05", "2024-06"]
    assert t.points[-1].national == 56.0 and t.points[-1].national_mean == 60  # 50 + month


def test_trend_changes_are_none_where_a_month_is_missing(view):
    t = trend(view, "TR", 153)  # 2023-06 has a row without a value (zero denominator); no 2021-06
    assert t.value == 30
    assert t.change(12).absolute is None and t.change(12).from_value is None
    assert t.change(36).absolute is None
    earlier = trend(view, "TR", 101, periods=3, end="2024-05")
    assert [p.period for p in earlier.points] == ["2024-03", "2024-04", "2024-05"]
    assert earlier.change(12).absolute is None  # 2023-05 missing


def test_results_turn_into_json(view):
    text = json.dumps(dataclasses.asdict(compare(view, "HB", "2024-06", 101)))
    assert '"period": "2024-06"' in text
    json.dumps(dataclasses.asdict(distribution(view, "HB", None)))
