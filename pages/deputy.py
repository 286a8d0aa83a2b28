"""One deputy: factions over time, attendance, loyalty, agreeing colleagues, broken ranks, any faction's line.

Reached by link (`deputy=<id>`, optionally `with=<id>` for a second deputy side by side and `line=<faction id>`).
An unknown id in the link shows a notice and the chooser, never an error.
"""

import dataclasses
import datetime as dt

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import ui
from dashboard.deputy_widgets import choice_label, not_voting_toggle, parse_flag
from dashboard.i18n import count_noun, format_date, format_number, format_percent
from queries import deputies, periods, units

REBELLIONS_SHOWN = 100
COLLEAGUES_LISTED = 5
WHOLE_CAREER = (dt.date(1991, 1, 1), dt.date(2100, 12, 31))


def pick(ctx: ui.Context, where, label: str, names: dict[int, str], wanted: int | None, key: str,
         optional: bool = False) -> int | None:
    """A deputy chooser (in `where`) bound to a link parameter; an id the database does not know gets a notice."""
    if wanted is not None and wanted not in names:
        st.warning(ctx.t("deputy_unknown", id=wanted), icon=":material/person_off:")
    options = [None, *names] if optional else list(names)
    index = options.index(wanted) if wanted in names else (0 if optional else None)
    return where.selectbox(label, options, index=index, key=key, placeholder=label,
                        format_func=lambda d: ctx.t("deputy_with_none") if d is None else names[d])


def figures(frame: pl.DataFrame, count_not_voting: bool) -> dict | None:
    """The deputy's row of the attendance query with rebellions and loyalty chosen by the switch."""
    if frame.is_empty():
        return None
    row = frame.row(0, named=True)
    suffix = "_with_not_voting" if count_not_voting else ""
    return {**row, "rebellions": row[f"rebellions{suffix}"], "loyalty": row[f"loyalty{suffix}"]}


def shown_figures(ctx: ui.Context, row: dict | None) -> dict[str, str]:
    """Attendance, participation, rebellions and loyalty as printed; dashes when there is nothing to count."""
    row = row or {}
    return {
        "attendance": format_percent(row.get("attendance"), ctx.lang),
        "participation": format_percent(row.get("participation"), ctx.lang),
        "rebellions": format_number(row.get("rebellions"), ctx.lang),
        "loyalty": format_percent(row.get("loyalty"), ctx.lang),
    }


def header(ctx: ui.Context, info: dict, memberships: pl.DataFrame) -> None:
    st.title(info["deputy"])
    notes = [ctx.t("deputy_mayor")] if info["is_mayor"] else []
    if info["mandate_from"] or info["mandate_to"]:
        notes.append(ctx.t("deputy_mandate", start=format_date(info["mandate_from"]) if info["mandate_from"] else "…",
                           end=format_date(info["mandate_to"]) if info["mandate_to"] else ctx.t("deputy_until_now")))
    spans = [
        f"{row['faction']} ({format_date(row['from_on']) if row['from_on'] else ctx.t('deputy_since_start')} — "
        f"{format_date(row['to_on']) if row['to_on'] else ctx.t('deputy_until_now')})"
        for row in memberships.iter_rows(named=True)
    ]
    notes.append(f"{ctx.t('deputy_factions')}: {'; '.join(spans)}" if spans else ctx.t("deputy_no_factions"))
    st.caption(" · ".join(notes))


def key_figures(ctx: ui.Context, period: dict | None, career: dict | None) -> None:
    shown = shown_figures(ctx, period)
    for column, name in zip(st.columns(4), ("attendance", "participation", "rebellions", "loyalty")):
        column.metric(ctx.t(f"deputies_{name}"), shown[name],
                      help=ctx.t("deputy_rebellions_help") if name == "rebellions" else None)
    if career:
        whole = shown_figures(ctx, career)
        st.caption(ctx.t("deputy_career", attendance=whole["attendance"], participation=whole["participation"],
                         loyalty=whole["loyalty"], held=count_noun(career["held"], "deputy_votes_noun", ctx.lang)))


def side_by_side(ctx: ui.Context, first: tuple[str, dict | None], second: tuple[str, dict | None],
                 pair: pl.DataFrame) -> None:
    (name_a, row_a), (name_b, row_b) = first, second
    st.subheader(ctx.t("deputy_side_by_side", a=name_a, b=name_b))
    shown_a, shown_b = shown_figures(ctx, row_a), shown_figures(ctx, row_b)
    table = pl.DataFrame({
        ctx.t("deputy_measure"): [ctx.t(f"deputies_{name}") for name in shown_a],
        name_a: list(shown_a.values()),
        name_b if name_b != name_a else f"{name_b} (2)": list(shown_b.values()),
    })
    ui.table(ctx, table, "deputy_side_by_side")
    if not pair.is_empty() and pair["share"][0] is not None:
        st.caption(ctx.t("deputy_pair_agreement", share=format_percent(pair["share"][0], ctx.lang),
                         same=format_number(pair["same"][0], ctx.lang),
                         both=format_number(pair["both_voted"][0], ctx.lang)))


def attendance_chart(ctx: ui.Context, months: pl.DataFrame) -> None:
    figure = go.Figure()
    for (name,), group in months.group_by(["deputy"], maintain_order=True):
        figure.add_scatter(x=group["month"], y=group["attendance"], mode="lines+markers", name=name,
                           hovertemplate="%{x|%m.%Y}: %{y:.1%}<extra>" + name + "</extra>")
    figure.update_layout(title=ctx.t("deputy_over_time"), yaxis=dict(tickformat=".0%", range=[0, 1.05]),
                         xaxis=dict(title=ctx.t("deputy_month"), tickformat="%m.%Y"), height=360,
                         legend=dict(orientation="h", y=-0.25))
    ui.chart(ctx, figure, months, "deputy_attendance_by_month")


def colleagues_section(ctx: ui.Context, colleagues: pl.DataFrame) -> None:
    st.subheader(ctx.t("deputy_colleagues"))
    st.caption(ctx.t("deputy_colleagues_help"))
    if colleagues.is_empty():
        st.info(ctx.t("no_data_for_filters"))
        return
    # Pairs that rarely met say little: list only those with at least a fifth of the most common count.
    enough = colleagues.filter(pl.col("both_voted") >= max(1, colleagues["both_voted"].max() // 5)).drop_nulls("share")
    columns = st.columns(2)
    for column, title, rows in ((columns[0], "deputy_most_alike", enough.head(COLLEAGUES_LISTED)),
                                (columns[1], "deputy_least_alike", enough.reverse().head(COLLEAGUES_LISTED))):
        column.markdown(f"**{ctx.t(title)}**")
        column.markdown("\n".join(f"- {row['deputy']} ({row['faction'] or ctx.t('deputies_no_faction')}): "
                                  f"{format_percent(row['share'], ctx.lang)}" for row in rows.iter_rows(named=True)))
    ordered = colleagues.drop_nulls("share").sort("share")
    figure = go.Figure(go.Bar(x=ordered["share"], y=[deputies.short_label(n) for n in ordered["deputy"]],
                              orientation="h", marker_color=ordered["color"],
                              customdata=list(zip(ordered["deputy"], ordered["both_voted"])),
                              hovertemplate="%{customdata[0]}: %{x:.1%} (%{customdata[1]})<extra></extra>"))
    figure.update_layout(title=ctx.t("deputy_colleagues"), height=120 + 20 * ordered.height,
                         xaxis=dict(tickformat=".0%", title=ctx.t("deputy_agreement")))
    ui.chart(ctx, figure, colleagues.drop("color"), "deputy_colleagues")


def lines_section(ctx: ui.Context, lines: pl.DataFrame, wanted: int | None) -> None:
    """The deputy against each faction's line; the select starts on the link's faction, else the own one."""
    st.subheader(ctx.t("deputy_lines"))
    st.caption(ctx.t("deputy_lines_help"))
    if lines.is_empty():
        st.info(ctx.t("no_data_for_filters"))
        return
    names = dict(zip(lines["faction_id"], lines["faction"]))
    chosen = st.selectbox(ctx.t("deputy_line_faction"), list(names), format_func=names.get, key="deputy_line",
                          index=list(names).index(wanted) if wanted in names else 0)
    ui.set_link(line=str(chosen))
    row = lines.filter(pl.col("faction_id") == chosen).row(0, named=True)
    st.metric(ctx.t("deputy_line_share", faction=row["faction"]), format_percent(row["share"], ctx.lang),
              help=ctx.t("deputy_line_detail", same=format_number(row["same"], ctx.lang),
                         votes=format_number(row["votes"], ctx.lang)))
    figure = go.Figure(go.Bar(x=lines["faction"], y=lines["share"], marker_color=lines["color"].fill_null("#9e9e9e"),
                              customdata=list(zip(lines["same"], lines["votes"])),
                              hovertemplate="%{x}: %{y:.1%} (%{customdata[0]} / %{customdata[1]})<extra></extra>"))
    figure.update_layout(title=ctx.t("deputy_lines"), yaxis=dict(tickformat=".0%", range=[0, 1]), height=340)
    ui.chart(ctx, figure, lines.drop("color"), "deputy_faction_lines")


def rebellions_section(ctx: ui.Context, rebellions: pl.DataFrame, gender: str | None) -> None:
    st.subheader(ctx.t("deputy_broke_ranks"))
    if rebellions.is_empty():
        st.info(ctx.t("deputy_no_rebellions"))
        return
    st.caption(ctx.t("deputy_broke_ranks_limit", limit=REBELLIONS_SHOWN))
    table = rebellions.with_columns(
        pl.Series("choice", [choice_label(ctx, c, gender) for c in rebellions["choice"]]),
        pl.Series("line", [choice_label(ctx, c, None) for c in rebellions["line"]]),
        pl.Series("details", [f"vote?vote={v}" for v in rebellions["vote_id"]]),
    )
    ui.table(ctx, table, "deputy_rebellions", column_config={
        "vote_id": None, "voted_at": st.column_config.DatetimeColumn(ctx.t("deputy_time"), format="DD.MM.YYYY HH:mm"),
        "title": ctx.t("deputy_vote"), "choice": ctx.t("deputy_choice"), "faction": ctx.t("deputies_faction"),
        "line": ctx.t("deputy_line"),
        "details": st.column_config.LinkColumn(ctx.t("deputy_open_vote"), display_text=ctx.t("deputies_open_profile")),
    })


def body() -> None:
    ctx = ui.context()
    link = ui.read_link(ctx, {"deputy": int, "with": int, "line": int, "nv": parse_flag})
    filters = ui.filter_bar(ctx, ui.run(ctx, periods.data_years), ui.run(ctx, units.unit_list), link, by_unit=False)
    st.sidebar.caption(ctx.t("deputies_no_units"))
    count_not_voting = not_voting_toggle(ctx, link)
    career_filters = dataclasses.replace(filters, date_from=WHOLE_CAREER[0], date_to=WHOLE_CAREER[1])

    people = ui.run(ctx, deputies.deputy_directory)
    names = dict(zip(people["deputy_id"], people["deputy"]))
    deputy_id = pick(ctx, st.sidebar, ctx.t("deputy_choose"), names, link.get("deputy"), "deputy_pick")
    ui.set_link(deputy=None if deputy_id is None else str(deputy_id))
    if deputy_id is None:
        st.title(ctx.t("page_deputy"))
        st.info(ctx.t("deputy_choose_hint"))
        return

    info = ui.run(ctx, deputies.deputy_info, deputy_id).row(0, named=True)
    header(ctx, info, ui.run(ctx, deputies.deputy_factions, deputy_id))
    period = figures(ui.run(ctx, deputies.deputy_attendance, filters, deputy_id), count_not_voting)
    if period is None:
        st.info(ctx.t("deputy_no_votes"))
    key_figures(ctx, period, figures(ui.run(ctx, deputies.deputy_attendance, career_filters, deputy_id),
                                     count_not_voting))

    other = pick(ctx, st, ctx.t("deputy_with"), {d: n for d, n in names.items() if d != deputy_id}, link.get("with"),
                 "deputy_with", optional=True)
    ui.set_link(**{"with": None if other is None else str(other)})
    colleagues = ui.run(ctx, deputies.deputy_colleagues, filters, deputy_id)
    compared = [deputy_id] if other is None else [deputy_id, other]
    if other is not None:
        side_by_side(ctx, (names[deputy_id], period),
                     (names[other], figures(ui.run(ctx, deputies.deputy_attendance, filters, other), count_not_voting)),
                     colleagues.filter(pl.col("deputy_id") == other))

    months = pl.concat([ui.run(ctx, deputies.deputy_months, filters, d).select(
        pl.lit(names[d]).alias("deputy"), pl.all()) for d in compared])
    attendance_chart(ctx, months)
    colleagues_section(ctx, colleagues)
    lines_section(ctx, ui.run(ctx, deputies.deputy_faction_lines, filters, deputy_id, count_not_voting),
                  link.get("line", (period or {}).get("faction_id")))
    rebellions_section(ctx, ui.run(ctx, deputies.deputy_rebellions, filters, deputy_id, count_not_voting,
                                   REBELLIONS_SHOWN), info["gender"])


ui.guarded(ui.context(), body)
