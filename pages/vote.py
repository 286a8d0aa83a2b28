"""One vote (reached by a link `vote=<id>`): title, time, the source's result, the margin against the majority
of the whole composition, tallies by faction with their cohesion, and every deputy's choice.

A link to a vote opens it whatever the period says: only the audience narrows what may be seen."""

import polars as pl
import streamlit as st

from dashboard import charts, ui
from dashboard.i18n import (
    abbreviation_key,
    format_datetime,
    format_number,
    format_signed,
    names_convocation,
    session_name,
)
from dashboard.metrics.votes import CHOICES
from queries import votes as q
from queries.deputies import faction_list


def back_link(page: ui.Page) -> None:
    st.page_link("pages/votes.py", label=page.t("vote_back"), icon=":material/arrow_back:",
                 query_params={key: value for key, value in st.query_params.items() if key != "vote"})


def draw_header(page: ui.Page, vote: dict) -> None:
    t, lang = page.t, page.lang
    st.subheader(ui.text(vote["title"]))
    unit = vote[f"unit_{lang}"] or t("no_unit")
    st.caption(" · ".join(filter(None, (
        format_datetime(vote["voted_at"], lang), session_name(vote["session"], lang),
        None if names_convocation(vote["session"]) else t("vote_convocation", number=vote["convocation"]),
        t("vote_agenda_item", item=vote["agenda_item"]) if vote["agenda_item"] else None,
        t(f"votes_kind_{vote['kind']}"), unit))))
    if not vote["is_public"]:
        st.info(t("vote_internal"), icon=":material/lock:")
    columns = st.columns(4)
    columns[0].metric(t("vote_result"), t("votes_adopted") if vote["adopted"] else t("votes_rejected"),
                      help=t("vote_result_help"))
    columns[1].metric(t("vote_for_of_needed", composition=vote["composition"]),
                      f"{format_number(vote['n_for'], lang)} / {format_number(vote['needed'], lang)}",
                      format_signed(vote["margin"], lang).replace("−", "-"), help=t("vote_margin_help"))
    columns[2].metric(t("votes_against"), format_number(vote["n_against"], lang))
    columns[3].metric(t("votes_present"), format_number(vote["n_present"], lang),
                      help=t("vote_present_help", abstain=vote["n_abstain"], not_voting=vote["n_not_voting"]))
    if vote["tally_mismatch"]:
        st.warning(t("vote_flagged"), icon=":material/warning:")


def draw_breakdown(page: ui.Page, vote_id: int) -> None:
    t = page.t
    breakdown = page.dataset("vote_breakdown", vote=vote_id)
    named = breakdown.with_columns(faction=pl.col("faction").fill_null(t("vote_outside_factions")))
    figure = charts.stacked_bars(named, "faction", [(f"n_{c}", t(f"vote_tally_{c}"), charts.COLORS[c]) for c in CHOICES],
                                 page.lang, title=t("vote_breakdown_title"), horizontal=True,
                                 value_title=t("vote_deputies"))
    ui.chart(page, figure)
    factions = page.run(faction_list).filter(pl.col("short_name").is_in(breakdown["faction"].to_list()))
    if key := abbreviation_key(zip(factions["short_name"], factions["name"])):
        st.caption(t("factions_key", names=ui.text(key)))
    page.table("vote_breakdown", breakdown)
    page.download("vote_breakdown", vote=vote_id)


def draw_choices(page: ui.Page, vote_id: int) -> None:
    t = page.t
    st.subheader(t("vote_choices"))
    choices = page.dataset("vote_choices", vote=vote_id)
    unnamed_count = choices["deputy_id"].null_count()
    if unnamed_count:
        st.caption(t("vote_unnamed_note", count=unnamed_count))
    page.table("vote_choices", choices)
    page.download("vote_choices", vote=vote_id)


def body(page: ui.Page) -> None:
    t = page.t
    st.title(t("page_vote"))
    vote_id = page.link.get("vote")
    if vote_id is None:
        st.info(t("vote_choose"), icon=":material/ballot:")
        back_link(page)
        return
    detail = page.run(q.vote_detail, page.filters, vote_id)
    if detail.is_empty():
        st.warning(t("vote_unknown", id=vote_id), icon=":material/search_off:")
        back_link(page)
        return
    back_link(page)
    draw_header(page, detail.row(0, named=True))
    draw_breakdown(page, vote_id)
    draw_choices(page, vote_id)


ui.show("vote", body, filter_bar=False)
