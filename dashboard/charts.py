"""Chart builders shared by every page: one look, Ukrainian number and date formats, the same colours for the
same things.

Each builder takes a small frame of the dataset the chart draws and returns a Plotly figure; none touches
Streamlit, so the figures are tested on their own. Plotly's separators and percent suffix are the language's
own from Babel (`dashboard.i18n`), axes print whole numbers without SI suffixes (`20 000`, never `20k`), and
hovers are written by `dashboard.i18n`, so a chart says a number the way its card and table say it.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import textwrap
from collections import defaultdict
from collections.abc import Sequence
from html import escape
from urllib.parse import quote

import plotly.graph_objects as go
import polars as pl
from plotly.basedatatypes import BasePlotlyType
from plotly.subplots import make_subplots

from dashboard.i18n import decimal_symbol, format_number, format_percent, group_symbol, percent_suffix

COLORS = {
    "adopted": "#2e7d32", "rejected": "#c62828", "line": "#1f3b73", "neutral": "#607d8b", "none": "#9e9e9e",
    "for": "#2e7d32", "against": "#c62828", "abstain": "#f2a900", "not_voting": "#7e57c2", "absent": "#b0b0b0",
    "positive": "#2e7d32", "negative": "#c62828",
}
"""The same colour for the same thing on every page: results, choices, tone, and «none» (no faction, no unit)."""
PALETTE = ("#1f5fa8", "#e07b00", "#2e7d32", "#8e24aa", "#c62828", "#00838f", "#6d4c41", "#5e6b73", "#ad1457")
SEQUENTIAL = "Blues"
MARKED_POINTS = 60
"""A line of more points than this is drawn without a marker at each: a year of days is a line, not 365 dots
(and 365 SVG nodes per line for the browser to draw)."""


def _plain(value):
    """A text from the data as Plotly shows it literally: Plotly reads `<a href>`, `<b>`, `<br>` in every label,
    legend and hover, so `<`, `>` and `&` become entities (which it shows as the characters)."""
    if isinstance(value, str):
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


TEXT_ATTRIBUTES = ("x", "y", "name", "text", "customdata", "hovertext")
"""The trace attributes that may hold texts from the data; templates (ours) are left as they are."""
WRAP = 30
"""A category label longer than this many characters is wrapped onto lines of it on the axis, never cut."""
EVERY_WHOLE = 10
"""A count axis up to this ticks at every whole number; above it Plotly's own step is whole (1, 2, 5 × 10ⁿ)."""


def _escape_data_texts(figure: go.Figure) -> None:
    for trace in figure.data:
        for attribute in TEXT_ATTRIBUTES:
            if attribute in trace and trace[attribute] is not None:
                value = trace[attribute]
                trace[attribute] = _plain(list(value) if not isinstance(value, str) else value)
    for annotation in figure.layout.annotations:
        annotation.text = _plain(annotation.text)
    figure.for_each_xaxis(lambda axis: axis.update(categoryarray=_plain(list(axis.categoryarray or [])) or None))
    figure.for_each_yaxis(lambda axis: axis.update(categoryarray=_plain(list(axis.categoryarray or [])) or None))


def wrapped_ticks(labels: Sequence) -> dict:
    """An axis's category labels wrapped onto lines of `WRAP` characters (the data and hovers keep them whole)."""
    labels = [label for label in labels if isinstance(label, str)]
    if not any(len(label) > WRAP for label in labels):
        return {}
    return dict(tickmode="array", tickvals=_plain(labels),
                ticktext=["<br>".join(textwrap.wrap(_plain(label), WRAP, break_on_hyphens=False)) for label in labels])


def _is_count(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and float(value).is_integer()


def _whole_ticks(figure: go.Figure) -> None:
    """Every axis of counts (whole numbers, not percent) ticks at whole numbers only: no 0.5 of a stream. Stacked
    traces count by their stacks' totals."""
    values: dict[str, list] = defaultdict(list)
    stacks: dict[tuple, float] = defaultdict(float)
    stacked = figure.layout.barmode == "stack"
    for number, trace in enumerate(figure.data):
        if trace.type not in ("bar", "scatter"):
            continue
        for letter, other in (("x", "y"), ("y", "x")):
            points = [v for v in (trace[letter] if trace[letter] is not None else ()) if v is not None]
            axis = f"{letter}axis{(trace[f'{letter}axis'] or letter)[1:]}"
            values[axis] += points
            along = trace[other] if trace[other] is not None else [None] * len(points)
            for position, value in zip(along, points):
                if _is_count(value):
                    together = stacked or trace.type == "scatter" and trace.stackgroup
                    stacks[(axis, position) if together else (axis, number, position)] += abs(value)
    for axis, points in values.items():
        layout = figure.layout[axis]
        if not points or not all(map(_is_count, points)) or "%" in (layout.ticksuffix or ""):
            continue
        top = max((total for (name, *_), total in stacks.items() if name == axis), default=0)
        layout.update(tickformat=",d", **(dict(tick0=0, dtick=1) if top <= EVERY_WHOLE else {}))


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def time_axis(days: Sequence, lang: str) -> dict:
    """A time axis that prints each label once: at whole months (months of data, or a long span) or whole days,
    its step chosen from the span. Plotly's own step falls between a few months and prints one month twice."""
    days = sorted(_day(day) for day in days if day is not None)
    if not days:
        return {}
    first, last = days[0], days[-1]
    if all(day.day == 1 for day in days) or (last - first).days > 62:
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        step = next((s for s in (1, 2, 3, 6, 12) if months <= 12 * s), 12 * math.ceil(months / 144))
        return dict(tickformat="%m.%Y" if lang == "uk" else "%b %Y", dtick=f"M{step}",
                    tick0=first.replace(day=1).isoformat())
    return dict(tickformat="%d.%m.%Y" if lang == "uk" else "%Y-%m-%d",
                dtick=(1 if (last - first).days <= 14 else 7) * 86_400_000, tick0=first.isoformat())


def is_empty(figure: go.Figure) -> bool:
    """Whether the figure draws nothing at all: the page says there is no data instead."""
    return not any(any(v is not None for v in (trace[name] if name in trace and trace[name] is not None else ()))
                   for trace in figure.data for name in ("x", "y", "z"))


def _set(target, values: dict) -> None:
    """`target.update(**values)` as Plotly would do it, a tenth of the time: each property set in turn, a compound one
    (a dict) merged into what the figure already holds. Plotly's `update_layout` and `update_xaxes` run a relayout
    batch that parses every property's path (5–7 ms a figure, a third of building one); the figure is the same."""
    for name, value in values.items():
        if isinstance(value, dict):
            target[name] = {**target[name].to_plotly_json(), **value}
        elif value is None and isinstance(target[name], BasePlotlyType):
            target.update({name: None})  # as `update` leaves it: an empty object (`"title": {}`)
        else:
            target[name] = value


def _set_axes(axes, values: dict) -> None:
    """`update_xaxes(**values)` (or y) through `_set`, on every axis given."""
    for axis in axes:
        _set(axis, values)


def style(figure: go.Figure, lang: str, title: str | None = None, height: int | None = None) -> go.Figure:
    """The project's look: separators of the language, tight margins, a legend above the plot; every text
    that came from the data escaped (`_plain`); counts tick at whole numbers (`_whole_ticks`)."""
    _escape_data_texts(figure)
    _set(figure.layout, dict(
        title=title, height=height, separators=decimal_symbol(lang) + group_symbol(lang),
        # the legend sits above the plot, right-aligned, so it never covers the x axis's title
        margin=dict(l=10, r=10, t=80 if title else 40, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="right", x=1, title_text=""),
        font=dict(family="sans-serif", size=13), hoverlabel=dict(namelength=-1), plot_bgcolor="white",
    ))
    axes = dict(gridcolor="#eceff1", zerolinecolor="#cfd8dc",
                exponentformat="none", separatethousands=True)  # `20 000`, not `20k` nor `20000`
    _set_axes((*figure.select_xaxes(), *figure.select_yaxes()), axes)
    _whole_ticks(figure)
    return figure


def _values(frame: pl.DataFrame, column: str, percent: bool) -> list:
    return [None if v is None else v * 100 for v in frame[column]] if percent else frame[column].to_list()


def _hover(frame: pl.DataFrame, column: str, percent: bool, lang: str, decimals: int | None = None) -> list[str]:
    return [format_percent(v, lang) if percent else format_number(v, lang, decimals) for v in frame[column]]


def _value_axis(percent: bool, lang: str, title: str | None, full: bool = False) -> dict:
    axis = dict(title=title, ticksuffix=percent_suffix(lang) if percent else "")
    if percent and full:
        axis["range"] = [0, 101]
    return axis


def ranked_bars(frame: pl.DataFrame, label: str, value: str, lang: str, *, title: str | None = None,
                color: str | None = None, group: str | None = None, percent: bool = False,
                value_title: str | None = None, decimals: int | None = None) -> go.Figure:
    """Horizontal bars, largest first from the top; coloured per row (`color`: a column of colours) or per
    `group` (one legend entry each)."""
    figure = go.Figure()
    order = frame[label].to_list()
    parts = frame.group_by(group, maintain_order=True) if group else [((None,), frame)]
    for (name, *_), part in parts:
        colour = part[color].to_list() if color else PALETTE[0]
        figure.add_bar(y=part[label], x=_values(part, value, percent), orientation="h", name=name,
                       marker_color=colour, customdata=_hover(part, value, percent, lang, decimals),
                       hovertemplate="%{y}: %{customdata}<extra></extra>", showlegend=group is not None)
    _set(figure.layout, dict(yaxis=dict(categoryorder="array", categoryarray=order, autorange="reversed",
                                        **wrapped_ticks(order)),
                             xaxis=_value_axis(percent, lang, value_title, full=percent), barmode="overlay"))
    return style(figure, lang, title, height=120 + 24 * max(len(order), 3))


def stacked_bars(frame: pl.DataFrame, category: str, parts: Sequence[tuple[str, str, str]], lang: str, *,
                 title: str | None = None, horizontal: bool = False, value_title: str | None = None,
                 time: bool = False) -> go.Figure:
    """Bars stacked from several columns: `parts` are (column, legend label, colour); `time`: the category is a
    date (`time_axis`)."""
    figure = go.Figure()
    for column, name, colour in parts:
        values = frame[column].to_list()
        hover = [format_number(v, lang) for v in values]
        kwargs = dict(y=frame[category], x=values, orientation="h") if horizontal else dict(x=frame[category], y=values)
        figure.add_bar(name=name, marker_color=colour, customdata=hover, **kwargs,
                       hovertemplate="%{fullData.name}: %{customdata}<extra></extra>")
    _set(figure.layout, dict(barmode="stack", hovermode="y unified" if horizontal else "x unified",
                             legend=dict(traceorder="normal")))
    if horizontal:
        _set(figure.layout, dict(yaxis=dict(autorange="reversed", **wrapped_ticks(frame[category].to_list())),
                                 xaxis=dict(title=value_title)))
    else:
        _set(figure.layout, dict(yaxis=dict(title=value_title)))
    if time:
        _set_axes(figure.select_xaxes(), time_axis(frame[category], lang))
    height = 120 + 28 * max(frame.height, 4) if horizontal else None
    return style(figure, lang, title, height)


def _line_mode(part: pl.DataFrame) -> str:
    return "lines+markers" if part.height <= MARKED_POINTS else "lines"


def time_lines(frame: pl.DataFrame, x: str, y: str, lang: str, *, group: str | None = None,
               colors: dict[str, str] | None = None, title: str | None = None, percent: bool = False,
               rolling: int | None = None, average: str | None = None, value_title: str | None = None,
               full: bool = False) -> go.Figure:
    """A time series per group, optionally with an average drawn over it: a centred rolling mean of `rolling`
    points, or the frame's own `average` column (one the query computed, so the chart and its download agree)."""
    figure = go.Figure()
    parts = frame.group_by(group, maintain_order=True) if group else [((None,), frame)]
    tick = "%d.%m.%Y" if lang == "uk" else "%Y-%m-%d"
    smoothed = bool(rolling or average)
    for i, ((name, *_), part) in enumerate(parts):
        colour = (colors or {}).get(name, PALETTE[i % len(PALETTE)])
        figure.add_scatter(x=part[x], y=_values(part, y, percent), name=name, mode=_line_mode(part),
                           line=dict(color=colour, width=1 if smoothed else 2), marker=dict(size=4 if smoothed else 6),
                           customdata=_hover(part, y, percent, lang),
                           hovertemplate=f"%{{x|{tick}}}: %{{customdata}}<extra>{name or ''}</extra>")
        if smoothed:
            mean = part[average] if average else part[y].rolling_mean(rolling, center=True, min_samples=1)
            figure.add_scatter(x=part[x], y=_values(pl.DataFrame({y: mean}), y, percent),
                               name=f"{name or ''} ⌀".strip(), mode="lines", line=dict(color=colour, width=3),
                               hoverinfo="skip")
    _set(figure.layout, dict(yaxis=_value_axis(percent, lang, value_title, full), hovermode="closest"))
    _set_axes(figure.select_xaxes(), time_axis(frame[x], lang))
    return style(figure, lang, title)


def stacked_areas(frame: pl.DataFrame, x: str, y: str, group: str, lang: str, *, title: str | None = None,
                  colors: dict[str, str] | None = None, share: bool = False) -> go.Figure:
    """Areas stacked per group over time; `share` normalises each x to 100 % (the share of all)."""
    figure = go.Figure()
    for i, ((name, *_), part) in enumerate(frame.group_by(group, maintain_order=True)):
        colour = (colors or {}).get(name, PALETTE[i % len(PALETTE)])
        figure.add_scatter(x=part[x], y=part[y], name=name, mode="lines", stackgroup="all",
                           groupnorm="percent" if share else None, line=dict(color=colour, width=0.5),
                           customdata=_hover(part, y, False, lang), hovertemplate="%{fullData.name}: %{customdata}<extra></extra>")
    _set(figure.layout, dict(hovermode="x unified", yaxis=dict(ticksuffix=percent_suffix(lang) if share else "")))
    _set_axes(figure.select_xaxes(), time_axis(frame[x], lang))
    return style(figure, lang, title)


def heatmap(z: Sequence[Sequence[float | None]], x: Sequence[str], y: Sequence[str], lang: str, *,
            hover: Sequence[Sequence[str]], text: Sequence[Sequence[str]] | None = None, title: str | None = None,
            zmin: float = 0.0, zmax: float = 1.0, percent: bool = True, colorbar_title: str | None = None,
            height: int | None = None) -> go.Figure:
    """A matrix of shares (or counts): rows `y`, columns `x`, hover text written by the caller."""
    scale = 100 if percent else 1
    figure = go.Figure(go.Heatmap(
        z=[[None if v is None else v * scale for v in row] for row in z], x=list(x), y=list(y),
        zmin=zmin * scale, zmax=zmax * scale, colorscale=SEQUENTIAL, customdata=hover,
        hovertemplate="%{customdata}<extra></extra>", text=text, texttemplate="%{text}" if text else None,
        colorbar=dict(title=dict(text=colorbar_title), ticksuffix=percent_suffix(lang) if percent else "",
                      exponentformat="none", separatethousands=True)))
    _set(figure.layout, dict(yaxis=dict(autorange="reversed")))
    return style(figure, lang, title, height)


def funnel(stages: Sequence[str], values: Sequence[int], lang: str, *, title: str | None = None) -> go.Figure:
    """Steps of a process with each step's count and its share of the first step."""
    first = values[0] if values else 0
    labels = [f"{format_number(v, lang)} ({format_percent(v / first if first else None, lang)})" for v in values]
    figure = go.Figure(go.Funnel(y=list(stages), x=list(values), text=labels, textinfo="text",
                                 marker=dict(color=PALETTE[0]), hoverinfo="skip"))
    return style(figure, lang, title)


def small_multiples(frame: pl.DataFrame, x: str, y: str, facet: str, lang: str, *, columns: int = 3,
                    title: str | None = None, percent: bool = False) -> go.Figure:
    """One small trend per facet on a shared x axis, each with its own y scale."""
    names = frame[facet].unique(maintain_order=True).to_list()
    rows = max(1, -(-len(names) // columns))
    figure = make_subplots(rows=rows, cols=columns, subplot_titles=names, shared_xaxes=True,
                           vertical_spacing=0.12 if rows > 1 else 0.2)
    for i, name in enumerate(names):
        part = frame.filter(pl.col(facet) == name)
        figure.add_scatter(x=part[x], y=_values(part, y, percent), mode=_line_mode(part), row=i // columns + 1,
                           col=i % columns + 1, line=dict(color=PALETTE[0]), showlegend=False,
                           customdata=_hover(part, y, percent, lang), hovertemplate="%{x}: %{customdata}<extra></extra>")
    _set_axes(figure.select_yaxes(), dict(ticksuffix=percent_suffix(lang) if percent else "", rangemode="tozero"))
    return style(figure, lang, title, height=180 * rows + 60)


SPARK_COLORS = {"up": COLORS["positive"], "down": COLORS["negative"]}
"""The trend's colour follows the change's (st.metric's own rule), dark enough for 3:1 against the card."""
SPARK_HEIGHT = 56
"""Pixels: st.metric's own sparkline height (3.5rem)."""


def sparkline(values: tuple[float, ...], years: list[int], label: str, lang: str, direction: str | None,
              area: bool) -> str:
    """The card's trend as a small inline SVG: a polyline over the years (an area down to the lowest value, or to
    zero when the values cross it, for a running total), in an element of `role="img"` named by the values in
    words.

    It replaces `st.metric(chart_data=...)`, which fetched Streamlit's Vega chunk (775 kB) for these cards alone
    and drew an SVG without a text alternative. `st.html` keeps no SVG element (its sanitiser's HTML profile), so
    the SVG is the element's background, as a data URL; no script, the name escaped, the picture only numbers."""
    said = "; ".join(f"{year}: {format_number(value, lang)}" for year, value in zip(years, values))
    name = escape(f"{label} — {said}", quote=True)
    picture = quote(sparkline_svg(values, direction, area), safe="")
    return (f'<div class="kpi-trend" role="img" aria-label="{name}" style="height:{SPARK_HEIGHT}px;'
            f"background:url('data:image/svg+xml,{picture}') center / 100% 100% no-repeat\"></div>")


def sparkline_svg(values: tuple[float, ...], direction: str | None, area: bool) -> str:
    """The trend's picture, stretched to the card's width (`preserveAspectRatio="none"`, the line's width kept)."""
    points = list(values) if len(values) > 1 else list(values) * 2
    low, high = min(points), max(points)
    span = high - low
    pad = 3  # the stroke's half width and a little air, so the line is never cut at the card's edge

    def y_of(value: float) -> float:
        return SPARK_HEIGHT / 2 if span == 0 else pad + (high - value) / span * (SPARK_HEIGHT - 2 * pad)

    xs = [100 * i / (len(points) - 1) for i in range(len(points))]
    line = " ".join(f"{x:.2f},{y_of(v):.2f}" for x, v in zip(xs, points))
    colour = SPARK_COLORS.get(direction, COLORS["neutral"])
    fill = ""
    if area:
        base = f"{y_of(0 if low < 0 < high else low):.2f}"
        fill = f'<polygon points="0,{base} {line} 100,{base}" fill="{colour}" fill-opacity="0.15"/>'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 {SPARK_HEIGHT}" preserveAspectRatio="none">'
            f'{fill}<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2" stroke-linecap="round" '
            'stroke-linejoin="round" vector-effect="non-scaling-stroke"/></svg>')
