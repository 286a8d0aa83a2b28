"""Media: mentions per outlet (counts or share of all), over time by kind or scope, the stream of the top outlets
and any outlet's own line, by unit, topic and tone, the public events with the week after each, and the
outlets table. Topics and tones are shown through their vocabularies, never as keys."""

import polars as pl
import streamlit as st

from dashboard import charts, ui
from dashboard.alphabet import alphabetical
from dashboard.i18n import count_noun, format_number, format_percent
from dashboard.metrics.media import (
    BUCKETS,
    EVENT_KINDS,
    KINDS,
    MEASURES,
    SCOPES,
    SPLITS,
    TONES,
    TOP_OUTLETS,
)
from dashboard.vocabularies import label
from queries import media as q

RANKED = 25
EVENTS_SHOWN = 100
KIND_COLORS = dict(zip(KINDS, charts.PALETTE))
SCOPE_COLORS = dict(zip(SCOPES, charts.PALETTE[4:]))
EVENT_COLORS = dict(zip(EVENT_KINDS, charts.PALETTE))
TONE_COLORS = {"positive": charts.COLORS["positive"], "neutral": charts.COLORS["neutral"],
               "negative": charts.COLORS["negative"]}


def readable(page: ui.Page, frame: pl.DataFrame) -> pl.DataFrame:
    """Keys in words for a chart: outlet kind and scope, unit, topic (through its vocabulary)."""
    t, lang = page.t, page.lang
    words = {}
    if "kind" in frame.columns:
        words["kind"] = pl.col("kind").replace_strict({k: t(f"media_kind_{k}") for k in KINDS}, default=pl.col("kind"))
    if "scope" in frame.columns:
        words["scope"] = pl.col("scope").replace_strict({s: t(f"media_scope_{s}") for s in SCOPES},
                                                        default=pl.col("scope"))
    if "unit" in frame.columns:
        words["unit"] = pl.Series([page.unit_name(code) for code in frame["unit"]], dtype=pl.String)
    if "topic" in frame.columns:
        words["topic"] = pl.Series([label("media_topics", key, lang) or t("media_no_topic") for key in frame["topic"]],
                                   dtype=pl.String)
    return frame.with_columns(**words)


def choose(page: ui.Page, topics: list[str], outlets: pl.DataFrame) -> dict:
    """The page's own filters (outlet kind, scope, topic, tone, outlet), read from and written to the link."""
    t, link = page.t, page.link
    boxes = st.columns(5)

    def pick(box, name: str, options: list, words) -> object:
        options = [None, *options]
        wanted = link.get(name)
        return box.selectbox(t(f"media_filter_{name}"), options, index=options.index(wanted) if wanted in options else 0,
                             format_func=lambda v: t("media_all") if v is None else words(v), key=f"media_{name}")

    outlets = outlets.sort(alphabetical("outlet"))
    names = dict(zip(outlets["outlet_id"], outlets["outlet"]))
    params = {
        "kind": pick(boxes[0], "kind", list(KINDS), lambda k: t(f"media_kind_{k}")),
        "scope": pick(boxes[1], "scope", list(SCOPES), lambda s: t(f"media_scope_{s}")),
        "topic": pick(boxes[2], "topic", topics, lambda k: label("media_topics", k, page.lang)),
        "tone": pick(boxes[3], "tone", list(TONES), lambda k: label("media_tones", k, page.lang)),
        "outlet": pick(boxes[4], "outlet", list(names), names.get),
    }
    ui.set_link(**params)
    return params


def switch(page: ui.Page, name: str, title: str, options: tuple[str, ...], default: str) -> str:
    """A segmented control bound to the link (its default left out of the link); options read `media_<name>_<o>`."""
    value = st.segmented_control(title, options, default=page.link.get(name, default),
                                 format_func=lambda o: page.t(f"media_{name}_{o}"), key=f"media_{name}") or default
    ui.set_link(**{name: None if value == default else value})
    return value


def draw_summary(page: ui.Page, summary: dict, events: int) -> None:
    t, lang = page.t, page.lang
    st.markdown(t("media_summary_sentence", mentions=count_noun(summary["mentions"], "media_mentions_noun", lang),
                  outlets=count_noun(summary["outlets"], "kpi_noun_outlet", lang),
                  events=count_noun(events, "media_events_noun", lang)))
    cards = st.columns(4)
    cards[0].metric(t("media_mentions"), format_number(summary["mentions"], lang))
    cards[1].metric(t("media_outlets"), format_number(summary["outlets"], lang))
    cards[2].metric(t("media_share_positive"), format_percent(summary["share_positive"], lang),
                    help=t("media_share_positive_help", negative=format_percent(summary["share_negative"], lang),
                           toned=format_number(summary["toned"], lang)))
    cards[3].metric(t("media_events"), format_number(events, lang))


def draw_outlets_ranked(page: ui.Page, params: dict) -> None:
    t = page.t
    st.subheader(t("media_by_outlet_title"))
    measure = switch(page, "measure", t("media_measure"), MEASURES, "count")
    ranked = page.dataset("media_outlets", limit=RANKED, **params)
    colours = readable(page, ranked.with_columns(colour=pl.col("kind").replace_strict(KIND_COLORS, default="#9e9e9e")))
    share = measure == "share"
    figure = charts.ranked_bars(colours, "outlet", "share" if share else "mentions", page.lang, color="colour",
                                group="kind", percent=share,
                                value_title=t("media_col_share") if share else t("media_col_mentions"))
    ui.chart(page, figure)
    st.caption(t("media_by_outlet_help", shown=RANKED))


def draw_over_time(page: ui.Page, params: dict) -> str:
    """Mentions per bucket stacked by kind or scope; returns the bucket, which the stream and the line share."""
    t = page.t
    st.subheader(t("media_over_time_title"))
    left, right = st.columns(2)
    with left:
        bucket = switch(page, "bucket", t("media_bucket"), BUCKETS, "month")
    with right:
        split = switch(page, "split", t("media_split"), SPLITS, "kind")
    keys, colours = (KINDS, KIND_COLORS) if split == "kind" else (SCOPES, SCOPE_COLORS)
    frame = page.dataset("media_over_time", **params, bucket=bucket, split=split)
    wide = frame.pivot(on="key", index="bucket", values="mentions").sort("bucket").fill_null(0)
    parts = [(key, t(f"media_{split}_{key}"), colours[key]) for key in keys if key in wide.columns]
    ui.chart(page, charts.stacked_bars(wide, "bucket", parts, page.lang, value_title=t("media_col_mentions"), time=True))
    page.download("media_over_time", **params, bucket=bucket, split=split)
    return bucket


def draw_stream(page: ui.Page, params: dict, bucket: str, outlets: pl.DataFrame) -> None:
    """The stream of the top outlets, then any outlet's own line with its share of all mentions."""
    t = page.t
    stream = page.dataset("media_outlet_stream", **params, bucket=bucket)
    drawn = stream["outlet_id"].n_unique()  # fewer than TOP_OUTLETS when the period has fewer outlets
    st.subheader(t("media_stream_title" if drawn == TOP_OUTLETS else "media_stream_title_all",
                   outlets=count_noun(drawn, "kpi_noun_outlet", page.lang)))
    grid = (stream.pivot(on="outlet", index="bucket", values="mentions").sort("bucket").fill_null(0)
            .unpivot(index="bucket", variable_name="outlet", value_name="mentions"))
    ui.chart(page, charts.stacked_areas(grid, "bucket", "mentions", "outlet", page.lang))
    page.download("media_outlet_stream", **params, bucket=bucket)

    names = dict(zip(outlets["outlet_id"], outlets["outlet"]))
    options = list(names)
    wanted = page.link.get("line")
    line = st.selectbox(t("media_line_pick"), options, index=options.index(wanted) if wanted in options else 0,
                        format_func=names.get, key="media_line") if options else None
    ui.set_link(line=line)
    own = page.dataset("media_outlet_line", **params, bucket=bucket, line=line)
    outlet = names.get(line, "")
    for box, value, title, axis in zip(st.columns(2), ("mentions", "share"), (t("media_line_counts", outlet=outlet),
                                       t("media_line_share", outlet=outlet)), (t("media_col_mentions"), t("media_col_share"))):
        figure = charts.time_lines(own, "bucket", value, page.lang, title=title, percent=value == "share",
                                   value_title=axis)
        with box:
            ui.chart(page, figure.update_yaxes(rangemode="tozero").update_layout(showlegend=False))
    page.download("media_outlet_line", **params, bucket=bucket, line=line)


def draw_breakdown(page: ui.Page, params: dict, dataset: str, key: str) -> None:
    """Mentions by unit or by topic: the first 15 ranked, then every one in a table."""
    shown = ("mentions", "share", "toned", *(f"share_{tone}" for tone in TONES))
    rows = page.dataset(dataset, **params)
    ui.chart(page, charts.ranked_bars(readable(page, rows.head(15)), key, "mentions", page.lang,
                                      value_title=page.t("media_col_mentions")))
    page.table(dataset, rows, key, *shown, height=250)
    page.download(dataset, **params)


def draw_breakdowns(page: ui.Page, params: dict) -> None:
    st.subheader(page.t("media_by_unit_title"))
    draw_breakdown(page, params, "media_by_unit", "unit")
    ui.part(page, "topics", draw_breakdown, page, params, "media_by_topic", "topic")
    ui.part(page, "tone", draw_tone, page, params)


def draw_tone(page: ui.Page, params: dict) -> None:
    t, lang = page.t, page.lang
    tones = page.dataset("media_tone_by_month", **params)
    long = tones.unpivot(index="month", on=[f"share_{tone}" for tone in TONES], variable_name="tone", value_name="share")
    words = {f"share_{tone}": label("media_tones", tone, lang).capitalize() for tone in TONES}
    long = long.with_columns(tone=pl.col("tone").replace_strict(words))
    ui.chart(page, charts.time_lines(long, "month", "share", lang, group="tone", percent=True, full=True,
                               colors={words[f"share_{tone}"]: TONE_COLORS[tone] for tone in TONES},
                               value_title=t("media_tone_axis")))
    st.caption(t("media_tone_help"))
    page.download("media_tone_by_month", **params)


def draw_events(page: ui.Page, params: dict) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("media_events_title"))
    months = page.dataset("media_events_by_month")
    wide = months.pivot(on="kind", index="month", values="events").sort("month").fill_null(0)
    parts = [(kind, t(f"media_event_{kind}"), EVENT_COLORS[kind]) for kind in EVENT_KINDS if kind in wide.columns]
    ui.chart(page, charts.stacked_bars(wide, "month", parts, lang, value_title=t("media_events"), time=True))
    page.download("media_events_by_month")

    page.table("media_events_by_year", page.dataset("media_events_by_year"))  # a year × kind table
    page.download("media_events_by_year")
    ui.part(page, "list", draw_events_list, page, params)


def draw_events_list(page: ui.Page, params: dict) -> None:
    t = page.t
    st.caption(t("media_events_list_help"))
    page.table("media_events", page.dataset("media_events", limit=EVENTS_SHOWN, **params), height=360)
    page.download("media_events", **params)


def draw_outlets_table(page: ui.Page, params: dict, outlets: pl.DataFrame) -> None:
    page.table("media_outlets", outlets)
    page.download("media_outlets", **params)


def body(page: ui.Page) -> None:
    t = page.t
    st.title(t("page_media"))
    st.caption(t("media_intro"))
    topics = page.dataset("media_by_topic")["topic"].drop_nulls().to_list()
    params = choose(page, topics, page.dataset("media_outlets"))
    summary = page.run(q.summary, page.filters, **params).row(0, named=True)
    events = page.dataset("media_events_by_month")["events"].sum()
    if not summary["mentions"] and not events:
        st.info(t("no_data_for_filters"))
        return
    draw_summary(page, summary, events)
    opened, tab = ui.section(page)
    with tab:
        if opened == "events":
            draw_events(page, params)
        elif not summary["mentions"]:
            st.info(t("no_data_for_filters"))
        elif opened == "outlets":
            draw_outlets_ranked(page, params)
            ui.part(page, "table", draw_outlets_table, page, params, page.dataset("media_outlets", **params))
        elif opened == "time":
            bucket = draw_over_time(page, params)
            ui.part(page, "stream", draw_stream, page, params, bucket, page.dataset("media_outlets", **params))
        else:
            draw_breakdowns(page, params)


ui.show("media", body)
