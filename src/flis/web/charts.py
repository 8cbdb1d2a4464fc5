"""Charts of a key figure: the ranked bar chart of all municipalities, the time series against the national
and comparable municipalities' values, and small server-rendered sparklines for the dashboard.

Bar chart and time series are Plotly figures built here (``plotly.graph_objects``) and drawn as SVG in the
browser; :func:`embed` turns a figure into the JSON a page embeds. Colour is never the only signal: the own
municipality is also named in the title and hatched differently, comparables carry a pattern, and the
national average is a labelled line. Colours meet WCAG contrast against white.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go
import plotly.io as pio
from markupsafe import Markup

from flis.compare.stats import Distribution, Trend
from flis.web.i18n import Translator

OWN_COLOUR = "#b35806"        # dark orange, 4.9:1 on white
COMPARABLE_COLOUR = "#2166ac"  # blue, 6.3:1
OTHER_COLOUR = "#8c96a0"       # grey for the other municipalities
NATIONAL_COLOUR = "#1a1a1a"
FONT = dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size=13, color="#1a1a1a")


def _layout(t: Translator, title: str, height: int) -> dict:
    return dict(title=dict(text=title, x=0, xanchor="left"), template="none", height=height, font=FONT,
                margin=dict(l=60, r=20, t=50, b=40), separators=",." if t.lang == "da" else ".,",
                paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", hovermode="closest")


def ranked_bars(dist: Distribution, *, own: int, comparables: Sequence[int], national: float | None,
                t: Translator, unit: str, names: dict[int, str]) -> go.Figure:
    """All municipalities with a value, best first (as ranked by ``flis.compare.stats``), one bar each;
    the own municipality highlighted, the comparables hatched, the national value as a horizontal line.

    One trace per kind (own, comparables, others) on a shared category axis in rank order, so the legend
    explains the colours and each trace has one colour (Plotly's patterns take no per-bar colours)."""
    ranked = [e for e in dist.entries if e.value is not None]
    chosen = set(comparables)

    def kind(code: int) -> str:
        return "own" if code == own else "comparable" if code in chosen else "other"

    fig = go.Figure()
    for key, legend, colour, shape in (("own", "figure.legend_own", OWN_COLOUR, ""),
                                        ("comparable", "figure.legend_comparables", COMPARABLE_COLOUR, "/"),
                                        ("other", "figure.legend_others", OTHER_COLOUR, "")):
        members = [e for e in ranked if kind(e.municipality) == key]
        fig.add_trace(go.Bar(
            x=[names.get(e.municipality, str(e.municipality)) for e in members], y=[e.value for e in members],
            name=t(legend), marker=dict(color=colour, pattern=dict(shape=shape, fgcolor="#ffffff", size=6,
                                                                   fillmode="overlay")),
            hoverinfo="text", hovertext=[f"{names.get(e.municipality, e.municipality)}: "
                                         f"{t.number(e.value, dist.series.decimals)} {unit} "
                                         f"({t('figure.rank_of', rank=e.rank, of=dist.count)})" for e in members]))
    layout = _layout(t, t("figure.bars_title", name=names.get(own, own)), 440)
    layout.update(barmode="overlay", bargap=0.15,
                  xaxis=dict(categoryorder="array", tickangle=-90, tickfont=dict(size=9), automargin=True,
                             fixedrange=True,
                             categoryarray=[names.get(e.municipality, str(e.municipality)) for e in ranked]),
                  yaxis=dict(title=dict(text=unit), gridcolor="#e5e5e5", fixedrange=True, automargin=True),
                  legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom", xanchor="left"))
    layout["title"]["y"] = 0.98
    layout["margin"]["t"] = 80
    if national is not None:
        layout["shapes"] = [dict(type="line", xref="paper", x0=0, x1=1, y0=national, y1=national,
                                 line=dict(color=NATIONAL_COLOUR, width=2, dash="dash"))]
        layout["annotations"] = [dict(xref="paper", x=1, y=national, xanchor="right", yanchor="bottom",
                                      showarrow=False, bgcolor="rgba(255,255,255,0.85)",
                                      text=t("figure.national_line", value=t.number(national,
                                                                                   dist.series.decimals)))]
    fig.update_layout(layout)
    return fig


def time_series(trend: Trend, comparables: Sequence[float | None], *, t: Translator, unit: str, name: str,
                decimals: int) -> go.Figure:
    """The municipality's series, the national value (ratio of sums, or the mean where there is none)
    and the comparables' mean per period; the three lines differ in dash as well as colour."""
    periods = [f"{p.period}-01" for p in trend.points]
    national = [p.national if p.national is not None else p.national_mean for p in trend.points]
    fig = go.Figure()
    for values, label, colour, dash, width in (
            ([p.value for p in trend.points], name, OWN_COLOUR, "solid", 3),
            (list(comparables), t("figure.comparables"), COMPARABLE_COLOUR, "dot", 2),
            (national, t("figure.national"), NATIONAL_COLOUR, "dash", 2)):
        fig.add_trace(go.Scatter(
            x=periods, y=values, name=label, mode="lines+markers", line=dict(color=colour, dash=dash, width=width),
            marker=dict(size=6), connectgaps=False,
            hovertemplate="%{x|%Y-%m}: %{y:,." + str(decimals) + "f} " + unit.replace("%", "%%") + "<extra>"
                          + label + "</extra>"))
    layout = _layout(t, t("figure.series_title"), 360)
    layout.update(xaxis=dict(type="date", tickformat="%Y-%m", gridcolor="#eeeeee", fixedrange=True),
                  yaxis=dict(title=dict(text=unit), gridcolor="#e5e5e5", fixedrange=True, automargin=True),
                  legend=dict(orientation="h", x=0, y=-0.15, yanchor="top"))
    fig.update_layout(layout)
    return fig


def embed(fig: go.Figure) -> Markup:
    """The figure as JSON safe to put inside ``<script type="application/json">`` (no ``</`` sequence)."""
    text = pio.to_json(fig, validate=False, engine="json")
    return Markup(text.replace("</", "<\\/"))


def sparkline(values: Sequence[float | None], reference: Sequence[float | None] = (), *, width: int = 120,
              height: int = 32) -> Markup:
    """A tiny inline SVG of a series (and, dashed, a reference series such as the national value), scaled
    to the range of both; gaps where a value is missing. Decorative: the page states the numbers."""
    present = [v for v in [*values, *reference] if _finite(v)]
    if len(values) < 2 or not present:
        return Markup("")
    low, high = min(present), max(present)
    span = (high - low) or 1.0
    pad = 3

    def xy(i: int, v: float) -> str:
        x = pad + i * (width - 2 * pad) / (len(values) - 1)
        y = height - pad - (v - low) / span * (height - 2 * pad)
        return f"{x:.1f},{y:.1f}"

    def lines(series: Sequence[float | None]) -> list[str]:
        runs, run = [], []
        for i, v in enumerate(series):
            if _finite(v):
                run.append(xy(i, v))
            elif run:
                runs.append(run)
                run = []
        runs.append(run)
        return [" ".join(r) for r in runs if len(r) > 1]

    parts = [f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             'aria-hidden="true" focusable="false">']
    for points in lines(list(reference)[:len(values)]):
        parts.append(f'<polyline points="{points}" fill="none" stroke="{NATIONAL_COLOUR}" stroke-width="1" '
                     'stroke-dasharray="3 2"/>')
    for points in lines(values):
        parts.append(f'<polyline points="{points}" fill="none" stroke="{OWN_COLOUR}" stroke-width="2"/>')
    last = len(values) - 1
    if _finite(values[last]):
        x, y = xy(last, values[last]).split(",")
        parts.append(f'<circle cx="{x}" cy="{y}" r="2.5" fill="{OWN_COLOUR}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _finite(v: float | None) -> bool:
    return v is not None and math.isfinite(v)
