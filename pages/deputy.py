"""One deputy: factions over time, attendance, loyalty, agreeing colleagues, broken ranks, any faction's line.

Reached by link (`deputy=<id>`, optionally `with=<id>` for a second deputy side by side and `line=<faction id>`).
An unknown id in the link shows a notice and the chooser, never an error.
"""

import dataclasses

import polars as pl
import streamlit as st

from dashboard import charts, ui
from dashboard.filters import ALL_TIME
from dashboard.i18n import count_noun, format_date, format_number, format_percent, short_name
from dashboard.metrics.deputies import counted_columns, enough_together
from queries import deputies

REBELLIONS_SHOWN = 100
COLLEAGUES_LISTED = 5
FIGURES = ("attendance", "participation", "rebellions", "loyalty")


def pick(page: ui.Page, where, label: str, names: dict[int, str], wanted: int | None, key: str,
         optional: bool = False) -> int | None:
    """A deputy chooser (in `where`) bound to a link parameter; an id the database does not know gets a notice."""
    if wanted is not None and wanted not in names:
        st.warning(page.t("deputy_unknown", id=wanted), icon=":material/person_off:")
    options = [None, *names] if optional else list(names)
    index = options.index(wanted) if wanted in names else (0 if optional else None)
    return where.selectbox(label, options, index=index, key=key, placeholder=label,
                           format_func=lambda d: page.t("deputy_with_none") if d is None else names[d])


def figures(frame: pl.DataFrame, count_not_voting: bool) -> dict | None:
    """The deputy's row of the attendance dataset with rebellions and loyalty chosen by the switch."""
    if frame.is_empty():
        return None
    row = frame.row(0, named=True)
    return {**row, **{shown: row[column] for shown, column in counted_columns(count_not_voting).items()}}


def shown_figures(page: ui.Page, row: dict | None) -> dict[str, str]:
    """Attendance, participation, rebellions and loyalty as printed; dashes when there is nothing to count."""
    row = row or {}
    return {name: format_number(row.get(name), page.lang) if name == "rebellions"
            else format_percent(row.get(name), page.lang) for name in FIGURES}


def header(page: ui.Page, info: dict, memberships: pl.DataFrame) -> None:
    t, lang = page.t, page.lang
    st.title(info["deputy"])
    notes = [t("deputy_mayor")] if info["is_mayor"] else []
    if info["mandate_from"] or info["mandate_to"]:
        notes.append(t("deputy_mandate", start=format_date(info["mandate_from"], lang) if info["mandate_from"] else "…",
                       end=format_date(info["mandate_to"], lang) if info["mandate_to"] else t("deputy_until_now")))
    spans = [f"{row['faction']} ({format_date(row['from_on'], lang) if row['from_on'] else t('deputy_since_start')} — "
             f"{format_date(row['to_on'], lang) if row['to_on'] else t('deputy_until_now')})"
             for row in memberships.iter_rows(named=True)]
    notes.append(f"{t('deputy_factions')}: {'; '.join(spans)}" if spans else t("deputy_no_factions"))
    st.caption(ui.text(" · ".join(notes)))


def key_figures(page: ui.Page, period: dict | None, career: dict | None) -> None:
    shown = shown_figures(page, period)
    for column, name in zip(st.columns(4), FIGURES):
        column.metric(page.t(f"deputies_{name}"), shown[name],
                      help=page.t("deputy_rebellions_help") if name == "rebellions" else None)
    if career:
        whole = shown_figures(page, career)
        st.caption(page.t("deputy_career", attendance=whole["attendance"], participation=whole["participation"],
                          loyalty=whole["loyalty"], held=count_noun(career["held"], "deputy_votes_noun", page.lang)))


def side_by_side(page: ui.Page, first: tuple[str, dict | None], second: tuple[str, dict | None],
                 pair: pl.DataFrame) -> None:
    (name_a, row_a), (name_b, row_b) = first, second
    st.subheader(page.t("deputy_side_by_side", a=name_a, b=name_b))
    shown_a, shown_b = shown_figures(page, row_a), shown_figures(page, row_b)
    st.table({page.t("deputy_measure"): [page.t(f"deputies_{name}") for name in FIGURES],
              name_a: list(shown_a.values()), name_b if name_b != name_a else f"{name_b} (2)": list(shown_b.values())})
    if not pair.is_empty() and pair["share"][0] is not None:
        st.caption(page.t("deputy_pair_agreement", share=format_percent(pair["share"][0], page.lang),
                          same=format_number(pair["same"][0], page.lang),
                          both=format_number(pair["both_voted"][0], page.lang)))


def attendance_chart(page: ui.Page, deputy_id: int, other: int | None) -> None:
    months = page.dataset("deputy_attendance_by_month", deputy=deputy_id, **{"with": other})
    figure = charts.time_lines(months, "month", "attendance", page.lang, group="deputy", percent=True, full=True,
                               title=page.t("deputy_over_time"))
    ui.chart(page, figure)
    page.download("deputy_attendance_by_month", deputy=deputy_id, **{"with": other})


def colleagues_section(page: ui.Page, colleagues: pl.DataFrame, deputy_id: int) -> None:
    t, lang = page.t, page.lang
    st.caption(t("deputy_colleagues_help"))
    if colleagues.is_empty():
        st.info(t("no_data_for_filters"))
        return
    enough = colleagues.filter(pl.col("both_voted") >= enough_together(colleagues["both_voted"].max())).drop_nulls("share")
    for column, title, rows in zip(st.columns(2), ("deputy_most_alike", "deputy_least_alike"),
                                   (enough.head(COLLEAGUES_LISTED), enough.reverse().head(COLLEAGUES_LISTED))):
        column.markdown(f"**{t(title)}**")
        column.markdown("\n".join(f"- {ui.text(row['deputy'])} ({ui.text(row['faction'] or t('deputies_no_faction'))}): "
                                  f"{format_percent(row['share'], lang)}" for row in rows.iter_rows(named=True)))
    ordered = colleagues.drop_nulls("share").sort("share", descending=True)
    ordered = ordered.with_columns(label=pl.Series([short_name(n) for n in ordered["deputy"]], dtype=pl.String))
    figure = charts.ranked_bars(ordered, "label", "share", lang, color="color", percent=True,
                                value_title=t("deputy_agreement"))  # the part's label is its title
    ui.chart(page, figure)
    page.download("deputy_colleagues", deputy=deputy_id)


def lines_section(page: ui.Page, deputy_id: int, count_not_voting: bool, wanted: int | None) -> None:
    """The deputy against each faction's line; the select starts on the link's faction, else the own one."""
    t, lang = page.t, page.lang
    st.caption(t("deputy_lines_help"))
    lines = page.dataset("deputy_faction_lines", deputy=deputy_id, nv=count_not_voting)
    if lines.is_empty():
        st.info(t("no_data_for_filters"))
        return
    names = dict(zip(lines["faction_id"], lines["faction"]))
    chosen = st.selectbox(t("deputy_line_faction"), list(names), format_func=names.get, key="deputy_line",
                          index=list(names).index(wanted) if wanted in names else 0)
    ui.set_link(line=chosen)
    row = lines.filter(pl.col("faction_id") == chosen).row(0, named=True)
    st.metric(t("deputy_line_share", faction=row["faction"]), format_percent(row["share"], lang),
              help=t("deputy_line_detail", same=format_number(row["same"], lang), votes=format_number(row["votes"], lang)))
    figure = charts.ranked_bars(lines.with_columns(pl.col("color").fill_null(charts.COLORS["none"])), "faction",
                                "share", lang, color="color", percent=True)
    ui.chart(page, figure)
    page.download("deputy_faction_lines", deputy=deputy_id, nv=count_not_voting)


def rebellions_section(page: ui.Page, deputy_id: int, count_not_voting: bool) -> None:
    t = page.t
    rebellions = page.dataset("deputy_rebellions", deputy=deputy_id, nv=count_not_voting)
    if rebellions.is_empty():
        st.info(t("deputy_no_rebellions"))
        return
    st.caption(t("deputy_broke_ranks_limit", limit=REBELLIONS_SHOWN))
    page.table("deputy_rebellions", rebellions)
    page.download("deputy_rebellions", deputy=deputy_id, nv=count_not_voting)


def body(page: ui.Page) -> None:
    t = page.t
    count_not_voting = ui.not_voting_switch(page)
    people = page.run(deputies.deputy_directory)
    names = dict(zip(people["deputy_id"], people["deputy"]))
    deputy_id = pick(page, st.sidebar, t("deputy_choose"), names, page.link.get("deputy"), "deputy_pick")
    ui.set_link(deputy=deputy_id)
    if deputy_id is None:
        st.title(t("page_deputy"))
        st.info(t("deputy_choose_hint"))
        return

    info = page.run(deputies.deputy_info, deputy_id).row(0, named=True)
    header(page, info, page.run(deputies.deputy_factions, deputy_id))
    period = figures(page.run(deputies.deputy_attendance, page.filters, deputy=deputy_id), count_not_voting)
    if period is None:
        st.info(t("deputy_no_votes"))
    career = dataclasses.replace(page.filters, date_from=ALL_TIME[0], date_to=ALL_TIME[1])
    key_figures(page, period, figures(page.run(deputies.deputy_attendance, career, deputy=deputy_id),
                                      count_not_voting))

    other = pick(page, st, t("deputy_with"), {d: n for d, n in names.items() if d != deputy_id},
                 page.link.get("with"), "deputy_with", optional=True)
    ui.set_link(**{"with": other})
    colleagues = page.dataset("deputy_colleagues", deputy=deputy_id)
    if other is not None:
        side_by_side(page, (names[deputy_id], period),
                     (names[other], figures(page.run(deputies.deputy_attendance, page.filters, deputy=other), count_not_voting)),
                     colleagues.filter(pl.col("deputy_id") == other))
    attendance_chart(page, deputy_id, other)
    ui.part(page, "colleagues", colleagues_section, page, colleagues, deputy_id)
    ui.part(page, "lines", lines_section, page, deputy_id, count_not_voting,
            page.link.get("line", (period or {}).get("faction_id")))
    ui.part(page, "rebellions", rebellions_section, page, deputy_id, count_not_voting)


ui.show("deputy", body)
