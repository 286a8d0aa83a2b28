"""Website and live streams: visitors a day against the previous period and the year before, the daily line
with its seven-day mean, the weekly rhythm, top pages and units, channels and devices, then the streams by
month and kind, the most watched, the running totals and the plenary sessions left without a stream.
Channels, devices and stream kinds are shown through their vocabularies, never as keys."""

import polars as pl
import streamlit as st

from dashboard import charts, ui
from dashboard.i18n import count_noun, format_date, format_number, format_percent, format_signed
from dashboard.metrics.website import BROADCAST_KINDS, CHANNELS
from dashboard.vocabularies import label

RANKED = 15
TABLE_ROWS = 100
KIND_COLORS = dict(zip(BROADCAST_KINDS, charts.PALETTE))
WEEKDAYS = range(1, 8)


def readable(page: ui.Page, frame: pl.DataFrame) -> pl.DataFrame:
    """Keys in words: unit, channel, device and stream kind through their vocabularies."""
    lang, words = page.lang, {}
    if "unit" in frame.columns:
        words["unit"] = pl.Series([page.unit_name(code) for code in frame["unit"]], dtype=pl.String)
    for column, vocabulary in (("channel", "traffic_channels"), ("device", "traffic_devices"), ("kind", "broadcast_kinds")):
        if column in frame.columns:
            words[column] = pl.Series([label(vocabulary, key, lang) for key in frame[column]], dtype=pl.String)
    return frame.with_columns(**words)


def period_words(page: ui.Page, date_from, date_to, year: int | None) -> str:
    """«у 2017 році» for a calendar year, «з 15.01.2017 до 10.03.2017» for any other period."""
    if year:
        return page.t("website_in_year", year=year)
    return page.t("website_in_range", start=format_date(date_from, page.lang), end=format_date(date_to, page.lang))


def choose(page: ui.Page, name: str, options: tuple[str, ...], vocabulary: str) -> str | None:
    """A tab's own filter (`channel` on channels and devices, `kind` on streams), read from and written to the link;
    drawn only where it narrows something."""
    options = [None, *options]
    wanted = page.link.get(name)
    chosen = st.selectbox(page.t(f"website_filter_{name}"), options, index=options.index(wanted) if wanted in options else 0,
                          format_func=lambda key: page.t("website_all") if key is None else label(vocabulary, key, page.lang),
                          key=f"website_{name}")
    ui.set_link(**{name: chosen})
    return chosen


# --- The site -------------------------------------------------------------------------------------

def delta(page: ui.Page, change: float | None, suffix: str, lower_is_better: bool = False) -> dict:
    """A card's change against the previous period: signed, in percent (points for the bounce rate), the arrow
    its direction and the colour whether that is good."""
    if change is None:
        return {}
    direction = "up" if change > 0 else "down" if change < 0 else "off"
    good = direction == ("down" if lower_is_better else "up")
    return dict(delta=format_signed(round(change * 100, 1), page.lang, 1) + suffix, delta_arrow=direction,
                delta_color="gray" if direction == "off" else "green" if good else "red")


def draw_summary(page: ui.Page, periods: pl.DataFrame) -> None:
    """The sentence and the cards: visitors a day, visits, pageviews, bounce, each against the previous period;
    the year before in the caption (when it is another period)."""
    t, lang = page.t, page.lang
    rows = {row["period"]: row for row in periods.iter_rows(named=True)}
    now, before, year_ago = rows["current"], rows["previous"], rows["year_before"]
    visitors = round(now["visitors_a_day"])
    st.markdown(t("website_visitors_sentence", visitors=count_noun(visitors, "kpi_noun_visitor_a_day", lang),
                  period=period_words(page, now["date_from"], now["date_to"], page.filters.year)))
    percent = charts.percent_suffix(lang)
    against = t("website_against", start=format_date(before["date_from"], lang), end=format_date(before["date_to"], lang))
    cards = st.columns(4)
    for box, measure, value in ((cards[0], "visitors_a_day", format_number(visitors, lang)),
                                (cards[1], "visits", format_number(now["visits"], lang)),
                                (cards[2], "pageviews", format_number(now["pageviews"], lang))):
        box.metric(t(f"website_card_{measure}"), value, help=t(f"website_card_{measure}_help"),
                   **delta(page, before[f"change_{measure}"], percent))
    cards[3].metric(t("website_card_bounce_rate"), format_percent(now["bounce_rate"], lang),
                    help=t("website_card_bounce_rate_help"),
                    **delta(page, before["change_bounce_rate"], " " + t("website_points"), lower_is_better=True))
    st.caption(against)
    if (year_ago["date_from"], year_ago["date_to"]) != (before["date_from"], before["date_to"]):
        change = year_ago["change_visitors_a_day"]
        st.caption(t("website_year_ago", start=format_date(year_ago["date_from"], lang),
                     end=format_date(year_ago["date_to"], lang),
                     visitors=format_number(year_ago["visitors_a_day"], lang, 0),
                     change="—" if change is None else format_signed(round(change * 100, 1), lang, 1) + percent))
    if page.filters.units:
        st.caption(t("website_site_wide"))


def draw_daily(page: ui.Page) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("website_daily_title"))
    days = page.dataset("website_daily")
    ui.chart(page, charts.time_lines(days, "day", "visitors", lang, average="visitors_7d",
                               value_title=t("website_visitors_axis")).update_layout(showlegend=False))
    st.caption(t("website_daily_help"))
    page.download("website_daily")


def draw_weekdays(page: ui.Page) -> None:
    t, lang = page.t, page.lang
    cells = page.dataset("website_weekdays")
    months = cells["month"].unique().sort().to_list()
    means = {(row["weekday"], row["month"]): row["visitors"] for row in cells.iter_rows(named=True)}
    month_names = [month.strftime("%m.%Y" if lang == "uk" else "%b %Y") for month in months]
    day_names = [t(f"website_weekday_{day}") for day in WEEKDAYS]
    z = [[means.get((day, month)) for month in months] for day in WEEKDAYS]
    hover = [[f"{day_names[d]}, {month_names[m]}: {format_number(z[d][m], lang, 0)}" for m in range(len(months))]
             for d in range(len(day_names))]
    ui.chart(page, charts.heatmap(z, month_names, day_names, lang, hover=hover, percent=False, zmax=cells["visitors"].max(),
                            colorbar_title=t("website_visitors_axis"), height=320).update_xaxes(type="category"))
    st.caption(t("website_weekdays_help"))
    page.download("website_weekdays")


def draw_pages(page: ui.Page) -> None:
    t, lang = page.t, page.lang
    st.subheader(t("website_pages_title"))
    pages = page.dataset("website_pages", limit=TABLE_ROWS)
    if pages.is_empty():
        st.info(t("no_data_for_filters"))
        return
    ui.chart(page, charts.ranked_bars(pages.head(RANKED), "path", "pageviews", lang, value_title=t("website_col_pageviews")))
    page.table("website_pages", pages, height=300)
    st.caption(t("website_pages_help", shown=TABLE_ROWS))
    page.download("website_pages")


def draw_units(page: ui.Page) -> None:
    t, lang = page.t, page.lang
    by_unit = page.dataset("website_by_unit")
    ui.chart(page, charts.ranked_bars(readable(page, by_unit.head(RANKED)), "unit", "pageviews", lang,
                                      value_title=t("website_col_pageviews")))
    page.table("website_by_unit", by_unit, height=250)
    page.download("website_by_unit")


def draw_shares(page: ui.Page, name: str, key: str, params: dict) -> None:
    """Channels or devices: the period's shares, and each month's shares over time (one channel's alone when the
    filter picks one)."""
    t, lang = page.t, page.lang
    rows = page.dataset(f"website_{name}", **params)
    totals = readable(page, rows)
    if totals.is_empty():  # visits imported without their channels or devices
        st.info(t("no_data_for_filters"))
        return
    months = readable(page, page.dataset(f"website_{name}_by_month", **params))
    left, right = st.columns(2)
    with left:
        ui.chart(page, charts.ranked_bars(totals, key, "share", lang, percent=True, value_title=t("website_col_share")))
        page.download(f"website_{name}", **params)
    with right:
        if params.get("channel"):
            figure = charts.time_lines(months, "month", "share", lang, percent=True, value_title=t("website_col_share"))
            ui.chart(page, figure.update_yaxes(rangemode="tozero").update_layout(showlegend=False))
        else:
            ui.chart(page, charts.stacked_areas(months, "month", "visits", key, lang, share=True))
        page.download(f"website_{name}_by_month", **params)
    page.table(f"website_{name}", rows)
    st.caption(t(f"website_{name}_help"))


def draw_sources(page: ui.Page, channel: str | None) -> None:
    st.subheader(page.t("website_channels_title"))
    draw_shares(page, "channels", "channel", {"channel": channel})
    ui.part(page, "devices", draw_shares, page, "devices", "device", {})


# --- Live streams ---------------------------------------------------------------------------------

def draw_streams(page: ui.Page, kind: str | None) -> None:
    t, lang = page.t, page.lang
    st.header(t("website_streams_title"))
    cumulative = page.dataset("website_broadcasts_cumulative", kind=kind)
    rows = page.dataset("website_broadcast_kinds", kind=kind)
    kinds = readable(page, rows)
    if kinds.is_empty():
        st.info(t("website_no_streams"))
        return
    last = cumulative.row(-1, named=True)
    filters = page.filters
    st.markdown(t("website_streams_sentence",
                  period=period_words(page, filters.date_from, filters.date_to, filters.year),
                  streams=count_noun(kinds["broadcasts"].sum(), "kpi_noun_stream", lang),
                  views=count_noun(kinds["views"].sum(), "kpi_noun_view", lang),
                  end=format_date(filters.date_to, lang),
                  streams_total=count_noun(last["broadcasts_so_far"], "kpi_noun_stream", lang),
                  views_total=count_noun(last["views_so_far"], "kpi_noun_view", lang)))

    st.subheader(t("website_streams_by_month_title"))
    months = page.dataset("website_broadcasts_by_month", kind=kind)
    wide = months.pivot(on="kind", index="month", values="broadcasts").sort("month").fill_null(0)
    parts = [(key, label("broadcast_kinds", key, lang), KIND_COLORS[key]) for key in BROADCAST_KINDS if key in wide.columns]
    ui.chart(page, charts.stacked_bars(wide, "month", parts, lang, value_title=t("website_col_broadcasts"), time=True))
    page.download("website_broadcasts_by_month", kind=kind)
    ui.part(page, "kinds", draw_kinds, page, kind, rows, kinds)
    ui.part(page, "cumulative", draw_cumulative, page, kind, cumulative)
    ui.part(page, "top", draw_top, page, kind)


def draw_kinds(page: ui.Page, kind: str | None, rows: pl.DataFrame, kinds: pl.DataFrame) -> None:
    t, lang = page.t, page.lang
    left, right = st.columns(2)
    with left:
        ui.chart(page, charts.ranked_bars(kinds.sort("views_per_broadcast", descending=True), "kind", "views_per_broadcast",
                                    lang, value_title=t("website_col_views_per_broadcast")))
    with right:
        split = [("live_views", t("website_col_live_views"), charts.PALETTE[0]),
                 ("on_demand_views", t("website_col_on_demand_views"), charts.PALETTE[1])]
        ui.chart(page, charts.stacked_bars(kinds.fill_null(0), "kind", split, lang, horizontal=True,
                                     value_title=t("website_col_views")))
    page.table("website_broadcast_kinds", rows)
    st.caption(t("website_live_help"))
    page.download("website_broadcast_kinds", kind=kind)


def draw_cumulative(page: ui.Page, kind: str | None, cumulative: pl.DataFrame) -> None:
    t, lang = page.t, page.lang
    for box, value, title in zip(st.columns(2), ("broadcasts_so_far", "views_so_far"),
                                 (t("website_cumulative_streams"), t("website_cumulative_views"))):
        with box:
            ui.chart(page, charts.time_lines(cumulative, "month", value, lang, title=title).update_layout(showlegend=False))
    st.caption(t("website_cumulative_help"))
    page.download("website_broadcasts_cumulative", kind=kind)


def draw_top(page: ui.Page, kind: str | None) -> None:
    page.table("website_broadcasts", page.dataset("website_broadcasts", limit=TABLE_ROWS, kind=kind), height=360)
    page.download("website_broadcasts", kind=kind)


def draw_plenary(page: ui.Page) -> None:
    """Every plenary session of the period and whether it was streamed; the sessions without a stream named."""
    t, lang = page.t, page.lang
    sessions = page.dataset("website_plenary_streams")
    if sessions.is_empty():
        st.caption(t("website_no_sessions"))
        return
    gaps = sessions.filter(~pl.col("streamed"))
    st.markdown(t("website_plenary_sentence", sessions=count_noun(sessions.height, "kpi_noun_session", lang),
                  streamed=format_number(sessions.height - gaps.height, lang)))
    if gaps.is_empty():
        st.caption(t("website_plenary_all_streamed"))
    else:
        st.warning(t("website_plenary_gaps", days=", ".join(format_date(day, lang) for day in gaps["held_on"].sort())),
                   icon=":material/videocam_off:")
    page.table("website_plenary_streams", sessions)
    page.download("website_plenary_streams")


def body(page: ui.Page) -> None:
    t = page.t
    st.title(t("page_website"))
    st.caption(t("website_intro"))
    periods = page.dataset("website_summary")
    if not periods["days"][0] and page.dataset("website_broadcast_kinds", kind=page.link.get("kind")).is_empty():
        st.info(t("no_data_for_filters"))
        return
    if periods["days"][0]:
        draw_summary(page, periods)
        page.download("website_summary")
    opened, tab = ui.section(page)
    with tab:
        if opened == "streams":
            draw_streams(page, choose(page, "kind", BROADCAST_KINDS, "broadcast_kinds"))
            ui.part(page, "plenary", draw_plenary, page)
        elif not periods["days"][0]:
            st.info(t("no_data_for_filters"))
        elif opened == "visitors":
            draw_daily(page)
            ui.part(page, "weekdays", draw_weekdays, page)
        elif opened == "pages":
            draw_pages(page)
            ui.part(page, "units", draw_units, page)
        else:
            draw_sources(page, choose(page, "channel", CHANNELS, "traffic_channels"))


ui.show("website", body)
