"""The charts and the better/worse verdicts, on hand-made numbers."""

from __future__ import annotations

import re

from flis.compare.stats import Distribution, Entry, Point, Quartiles, SeriesInfo, Trend
from flis.web import charts
from flis.web.i18n import Translator
from flis.web.standing import verdict

INFO = SeriesInfo("X001", "Thing", "Ting", "schools", "pupils", "elever", 1, "lower_better", "ratio", "monthly")


def distribution() -> Distribution:
    entries = [Entry(147, "Frederiksberg", 10.0, 10, 1, 1, 100.0), Entry(101, "København", 12.0, 12, 1, 2, 66.7),
               Entry(825, "Læsø", 15.0, 15, 1, 3, 33.3), Entry(360, "Lolland", None, 0, 0, None, None)]
    return Distribution(INFO, "2024-06", "lowest value first", 3, entries, [360], Quartiles(11, 12, 13.5, 10, 15),
                        11.0, None)


def test_the_bar_chart_ranks_highlights_marks_comparables_and_draws_the_national_line():
    names = {147: "Frederiksberg", 101: "København", 825: "Læsø", 360: "Lolland"}
    fig = charts.ranked_bars(distribution(), own=101, comparables=[825], national=12.5, t=Translator("da"),
                             unit="elever", names=names)
    assert list(fig.layout.xaxis.categoryarray) == ["Frederiksberg", "København", "Læsø"]  # best first; no value, no bar
    own, comparable, other = fig.data
    assert (list(own.x), list(own.y), own.marker.color) == (["København"], [12.0], charts.OWN_COLOUR)
    assert (list(comparable.x), list(comparable.y)) == (["Læsø"], [15.0])
    assert comparable.marker.pattern.shape == "/" and own.marker.pattern.shape == ""  # more than colour
    assert (list(other.x), list(other.y)) == (["Frederiksberg"], [10.0])
    assert fig.layout.shapes[0].y0 == 12.5
    assert fig.layout.annotations[0].text == "Landet: 12,5"


def test_the_time_series_has_the_municipality_the_comparables_and_the_country():
    trend = Trend("X001", 101, "2024-07", 3.0, [], [Point("2024-06", 2.0, 2, 1, 4.0, 4.5),
                                                    Point("2024-07", 3.0, 3, 1, None, 5.0)])
    fig = charts.time_series(trend, [1.0, None], t=Translator("en"), unit="pupils", name="Copenhagen", decimals=1)
    assert [d.name for d in fig.data] == ["Copenhagen", "Comparables", "Country"]
    assert list(fig.data[0].y) == [2.0, 3.0]
    assert list(fig.data[1].y) == [1.0, None]
    assert list(fig.data[2].y) == [4.0, 5.0]  # no ratio of sums in July: the plain mean stands in
    assert {d.line.dash for d in fig.data} == {"solid", "dot", "dash"}


def test_an_embedded_figure_cannot_close_its_script_element():
    import plotly.graph_objects as go
    fig = go.Figure(layout=dict(title=dict(text="</script><script>alert(1)</script>")))
    assert "</script" not in charts.embed(fig)


def test_a_sparkline_spans_its_height_and_breaks_at_gaps():
    svg = charts.sparkline([0.0, 10.0, None, 5.0, 10.0], width=100, height=32)
    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert lines == ["3.0,29.0 26.5,3.0", "73.5,16.0 97.0,3.0"]  # lowest at the bottom, highest at the top
    assert '<circle cx="97.0" cy="3.0"' in svg


def test_a_sparkline_needs_two_periods():
    assert charts.sparkline([1.0]) == ""
    assert charts.sparkline([None, None]) == ""


def test_better_and_worse_follow_the_figures_direction():
    assert verdict(1.2, "higher_better") == "better"
    assert verdict(1.2, "lower_better") == "worse"
    assert verdict(-1.2, "lower_better") == "better"
    assert verdict(0.04, "higher_better", decimals=1) == "same"  # equal as shown
    assert verdict(0.04, "higher_better", decimals=2) == "better"
    assert verdict(5.0, "neutral") == "neutral"
    assert verdict(None, "higher_better") == "neutral"
