"""The chart builders on their own: what each draws, in which order and colours, with hovers and axes in
the page's language, and every text from the data shown literally (Plotly's pseudo-HTML escaped)."""

import datetime as dt
from urllib.parse import unquote

import polars as pl
import pytest

from dashboard import charts
from dashboard.i18n import NBSP

HOSTILE = "<a href='http://evil.example'>x</a> & <b>y</b>"
ESCAPED = "&lt;a href='http://evil.example'&gt;x&lt;/a&gt; &amp; &lt;b&gt;y&lt;/b&gt;"
MONTHS = [dt.date(2017, month, 1) for month in (1, 2, 3)]


@pytest.mark.parametrize(("lang", "separators", "suffix"), [("uk", f",{NBSP}", "%"), ("en", ".,", "%")])
def test_style_follows_the_language_and_keeps_the_legend_above_the_plot(lang, separators, suffix):
    frame = pl.DataFrame({"name": ["a", "b"], "share": [0.976, 0.5]})
    figure = charts.ranked_bars(frame, "name", "share", lang, percent=True)
    assert figure.layout.separators == separators
    assert figure.layout.xaxis.ticksuffix == suffix
    assert figure.data[0].customdata == (("97,6" if lang == "uk" else "97.6") + suffix, ("50,0" if lang == "uk"
                                                                                           else "50.0") + suffix)
    assert figure.layout.legend.y > 1 and figure.layout.legend.yanchor == "bottom"


def test_ranked_bars_largest_first_one_legend_entry_per_group():
    frame = pl.DataFrame({"name": ["a", "b", "c"], "n": [30, 20, 10], "kind": ["tv", "radio", "tv"]})
    figure = charts.ranked_bars(frame, "name", "n", "uk", group="kind")
    assert [trace.name for trace in figure.data] == ["tv", "radio"]
    assert figure.layout.yaxis.categoryarray == ("a", "b", "c") and figure.layout.yaxis.autorange == "reversed"
    assert figure.data[0].x == (30, 10)


def test_stacked_bars_stack_the_parts_in_the_given_colours():
    frame = pl.DataFrame({"month": MONTHS, "adopted": [1200, 3, 4], "rejected": [1, 0, 2]})
    figure = charts.stacked_bars(frame, "month", [("adopted", "Прийнято", charts.COLORS["adopted"]),
                                                  ("rejected", "Не прийнято", charts.COLORS["rejected"])], "uk",
                                 time=True)
    assert figure.layout.barmode == "stack"
    assert [trace.marker.color for trace in figure.data] == [charts.COLORS["adopted"], charts.COLORS["rejected"]]
    assert figure.data[0].customdata[0] == f"1{NBSP}200"
    assert figure.layout.xaxis.tickformat == "%m.%Y"


def test_time_lines_draw_the_rolling_mean_over_each_line():
    frame = pl.DataFrame({"day": MONTHS, "n": [1.0, 4.0, 7.0]})
    figure = charts.time_lines(frame, "day", "n", "en", rolling=3)
    line, mean = figure.data
    assert mean.y == (2.5, 4.0, 5.5) and mean.hoverinfo == "skip"
    assert line.y == (1.0, 4.0, 7.0)


def test_time_lines_draw_the_querys_own_average_when_given_one():
    frame = pl.DataFrame({"day": MONTHS, "n": [1.0, 4.0, 7.0], "n_7d": [1.0, 2.5, 4.0]})
    line, mean = charts.time_lines(frame, "day", "n", "uk", average="n_7d").data
    assert mean.y == (1.0, 2.5, 4.0) and mean.mode == "lines" and line.marker.size == 4


def test_stacked_areas_one_area_per_group_normalised_for_shares():
    frame = pl.DataFrame({"month": MONTHS * 2, "n": [1, 2, 3, 3, 2, 1], "outlet": ["A"] * 3 + ["B"] * 3})
    counts = charts.stacked_areas(frame, "month", "n", "outlet", "uk", colors={"B": "#000000"})
    assert [trace.name for trace in counts.data] == ["A", "B"]
    assert {trace.stackgroup for trace in counts.data} == {"all"} and counts.data[0].groupnorm is None
    assert counts.data[1].line.color == "#000000"
    shares = charts.stacked_areas(frame, "month", "n", "outlet", "uk", share=True)
    assert shares.data[0].groupnorm == "percent" and shares.layout.yaxis.ticksuffix == "%"


def test_heatmap_scales_shares_to_percent_and_keeps_empty_cells_empty():
    figure = charts.heatmap([[1.0, None], [0.5, 1.0]], ["a", "b"], ["a", "b"], "uk", hover=[["1", ""], ["2", "3"]])
    assert [list(row) for row in figure.data[0].z] == [[100.0, None], [50.0, 100.0]]
    assert figure.data[0].zmax == 100


def test_funnel_writes_each_step_as_a_count_and_a_share_of_the_first():
    figure = charts.funnel(["подано", "набрали підписи", "розглянуто"], [220, 30, 0], "uk")
    assert figure.data[0].text == ("220 (100,0%)", "30 (13,6%)", "0 (0,0%)")
    assert charts.funnel([], [], "uk").data[0].text is None or charts.funnel([], [], "uk").data[0].text == ()


def test_small_multiples_one_panel_per_facet_in_rows_of_three():
    frame = pl.DataFrame({"month": MONTHS * 4, "n": list(range(12)), "unit": [u for u in "ABCD" for _ in range(3)]})
    figure = charts.small_multiples(frame, "month", "n", "unit", "uk")
    assert [annotation.text for annotation in figure.layout.annotations] == ["A", "B", "C", "D"]
    assert len(figure.data) == 4 and figure.layout.height == 180 * 2 + 60
    assert figure.data[3].xaxis == "x4" and not any(trace.showlegend for trace in figure.data)


def test_texts_from_the_data_are_shown_literally_everywhere():
    frame = pl.DataFrame({"name": [HOSTILE, "b"], "n": [2, 1], "group": [HOSTILE, "g"]})
    bars = charts.ranked_bars(frame, "name", "n", "uk", group="group")
    assert bars.data[0].name == ESCAPED and bars.data[0].y == (ESCAPED,)
    assert bars.layout.yaxis.categoryarray[0] == ESCAPED
    multiples = charts.small_multiples(frame.with_columns(month=pl.lit(MONTHS[0])), "month", "n", "name", "uk")
    assert multiples.layout.annotations[0].text == ESCAPED
    heat = charts.heatmap([[1.0]], [HOSTILE], [HOSTILE], "uk", hover=[[HOSTILE]])
    assert heat.data[0].x == (ESCAPED,) and list(heat.data[0].customdata[0]) == [ESCAPED]
    assert "<extra></extra>" in bars.data[0].hovertemplate, "our own templates keep their tags"


def test_a_long_line_has_no_marker_at_each_point():
    short = charts.time_lines(pl.DataFrame({"day": MONTHS, "n": [1, 2, 3]}), "day", "n", "uk").data[0]
    days = [dt.date(2017, 1, 1) + dt.timedelta(days=i) for i in range(charts.MARKED_POINTS + 1)]
    long = charts.time_lines(pl.DataFrame({"day": days, "n": range(len(days))}), "day", "n", "uk").data[0]
    assert (short.mode, long.mode) == ("lines+markers", "lines")


def test_few_stacked_counts_tick_at_whole_numbers():
    few = pl.DataFrame({"month": MONTHS, "a": [1, 2, 0], "b": [0, 1, 1]})
    many = few.with_columns(pl.col("a") * 10)
    parts = [("a", "A", "#000000"), ("b", "B", "#ffffff")]
    assert charts.stacked_bars(few, "month", parts, "uk").layout.yaxis.dtick == 1
    assert charts.stacked_bars(many, "month", parts, "uk").layout.yaxis.dtick is None


def test_counts_tick_at_whole_numbers_and_few_counts_at_each():
    few = charts.stacked_bars(pl.DataFrame({"k": ["a", "b"], "n": [1, 0], "m": [1, 2]}), "k",
                              [("n", "N", "#000"), ("m", "M", "#111")], "uk")
    assert few.layout.yaxis.tickformat == ",d" and few.layout.yaxis.dtick == 1  # stacks of 2: a tick per whole
    many = charts.ranked_bars(pl.DataFrame({"k": ["a", "b"], "n": [3, 40]}), "k", "n", "uk")
    assert many.layout.xaxis.tickformat == ",d" and many.layout.xaxis.dtick is None
    shares = charts.ranked_bars(pl.DataFrame({"k": ["a"], "s": [1.0]}), "k", "s", "uk", percent=True)
    assert shares.layout.xaxis.tickformat is None  # a percent axis is not a count
    means = charts.ranked_bars(pl.DataFrame({"k": ["a"], "v": [2.5]}), "k", "v", "uk")
    assert means.layout.xaxis.tickformat is None


@pytest.mark.parametrize(("days", "tickformat", "dtick"), [
    ([dt.date(2017, 3, 1), dt.date(2017, 4, 1)], "%m.%Y", "M1"),            # two months: one tick each
    ([dt.date(2015, 1, 1), dt.date(2017, 12, 1)], "%m.%Y", "M3"),           # three years of months
    ([dt.date(2017, 3, 2), dt.date(2017, 3, 5)], "%d.%m.%Y", 86_400_000),   # a few days: a tick a day
    ([dt.date(2017, 3, 6), dt.date(2017, 4, 24)], "%d.%m.%Y", 7 * 86_400_000),  # weeks
    ([dt.date(2017, 1, 2), dt.date(2017, 12, 30)], "%m.%Y", "M1"),          # a year of days
    ([dt.date(2017, 1, 1), dt.date(9999, 12, 1)], "%m.%Y", "M7992"),        # an impossible span: twelve ticks, each label once
])
def test_a_time_axis_prints_each_label_once(days, tickformat, dtick):
    axis = charts.time_axis(days, "uk")
    assert axis["tickformat"] == tickformat and axis["dtick"] == dtick


def test_an_empty_figure_is_empty():
    empty = charts.time_lines(pl.DataFrame({"d": [], "n": []}, schema={"d": pl.Date, "n": pl.Int64}), "d", "n", "uk")
    assert charts.is_empty(empty)
    assert not charts.is_empty(charts.ranked_bars(pl.DataFrame({"k": ["a"], "n": [0]}), "k", "n", "uk"))


def test_long_category_labels_are_wrapped_never_cut():
    long = "Управління житлово-комунального господарства та благоустрою"
    frame = pl.DataFrame({"name": [long, "b"], "n": [3, 1]})
    axis = charts.ranked_bars(frame, "name", "n", "uk").layout.yaxis
    assert list(axis.tickvals) == [long, "b"] and axis.ticktext[0].replace("<br>", " ") == long
    assert all(len(line) <= charts.WRAP for line in axis.ticktext[0].split("<br>"))
    assert charts.ranked_bars(frame.head(0), "name", "n", "uk").layout.yaxis.tickvals is None


def test_the_sparkline_escapes_its_name_and_draws_a_flat_or_single_trend():
    svg = charts.sparkline((5.0, 5.0), [2016, 2017], 'A "quoted" <b>title</b> & co', "uk", "same", area=True)
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "&quot;quoted&quot;" in svg and "&amp; co" in svg
    assert svg.startswith('<div class="kpi-trend" role="img" aria-label="') and "<svg" not in svg  # a data URL
    picture = unquote(svg.split("data:image/svg+xml,")[1].split("'")[0])
    assert picture == charts.sparkline_svg((5.0, 5.0), "same", area=True)
    assert 'points="0.00,28.00 100.00,28.00"' in picture and "<polygon" in picture
    one = charts.sparkline((1234.0,), [2017], "x", "uk", None, area=False)
    assert "2017: 1\u00a0234" in one and "polygon" not in one


def test_the_sparkline_runs_from_the_first_year_to_the_last_and_fills_a_running_total_to_its_lowest():
    picture = charts.sparkline_svg((10.0, 20.0, 15.0), "down", area=True)
    assert 'points="0.00,53.00 50.00,3.00 100.00,28.00"' in picture  # the highest at the top, the lowest at the foot
    assert 'points="0,53.00 0.00,53.00' in picture and charts.COLORS["negative"] in picture
    crossing = charts.sparkline_svg((-10.0, 10.0), "up", area=True)
    assert 'points="0,28.00 ' in crossing  # an area across zero fills to zero


def test_set_leaves_a_figure_as_plotlys_own_update_would():
    """`charts._set` (a tenth of `update_layout`'s time) merges compound properties and empties one set to None."""
    import plotly.graph_objects as go

    values = dict(title=None, height=300, legend=dict(orientation="h", title_text=""), margin=dict(t=40),
                  yaxis=dict(title="n", ticksuffix="%"))
    ours, plotlys = (go.Figure(go.Bar(x=["a"], y=[1])).update_layout(legend_traceorder="normal", margin_l=5)
                     for _ in range(2))
    charts._set(ours.layout, values)
    plotlys.update_layout(**values)
    assert ours.to_plotly_json() == plotlys.to_plotly_json()
