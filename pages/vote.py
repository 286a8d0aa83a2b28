"""One vote (reached by a link `vote=<id>`): title, time, the source's result, the margin against the majority
of the whole composition, tallies by faction with their cohesion, and every deputy's choice."""

import datetime as dt

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboard import ui
from dashboard.auth import own_units
from dashboard.filters import Filters
from dashboard.i18n import format_datetime, format_number
from dashboard.vote_views import CHOICE_COLORS, choice_label
from queries import votes as q
from queries.units import unit_list

ctx = ui.context()


def parse_vote_id(text: str) -> int:
    vote_id = int(text)
    if vote_id <= 0:
        raise ValueError(text)
    return vote_id


def back_link() -> None:
    st.page_link("pages/votes.py", label=ctx.t("vote_back"), icon=":material/arrow_back:",
                 query_params={"lang": ctx.lang} if ctx.lang != "uk" else None)


def draw_header(vote: dict) -> None:
    t = ctx.t
    st.subheader(vote["title"])
    unit = vote[f"unit_{ctx.lang}"] or t("votes_no_unit")
    st.caption(" · ".join(filter(None, (
        format_datetime(vote["voted_at"], ctx.lang), vote["session"], t("vote_convocation", number=vote["convocation"]),
        t("vote_agenda_item", item=vote["agenda_item"]) if vote["agenda_item"] else None,
        t(f"votes_kind_{vote['kind']}"), unit))))
    if not vote["is_public"]:
        st.info(t("vote_internal"), icon=":material/lock:")
    columns = st.columns(4)
    columns[0].metric(t("vote_result"), t("votes_adopted") if vote["adopted"] else t("votes_rejected"),
                      help=t("vote_result_help"))
    # ASCII sign: Streamlit colours the delta by its leading "-".
    columns[1].metric(t("vote_for_of_needed", composition=vote["composition"]),
                      f"{vote['n_for']} / {vote['needed']}", f"{vote['margin']:+d}", help=t("vote_margin_help"))
    columns[2].metric(t("votes_against"), format_number(vote["n_against"], ctx.lang))
    columns[3].metric(t("votes_present"), format_number(vote["n_present"], ctx.lang),
                      help=t("vote_present_help", abstain=vote["n_abstain"], not_voting=vote["n_not_voting"]))
    if vote["tally_mismatch"]:
        st.warning(t("vote_flagged"), icon=":material/warning:")


def draw_breakdown(breakdown: pl.DataFrame) -> None:
    t = ctx.t
    lines = {choice: t(f"vote_line_{choice}") for choice in ("for", "against", "abstain")}
    breakdown = breakdown.with_columns(
        faction=pl.col("faction").fill_null(t("vote_outside_factions")),
        line=pl.when(pl.col("faction_id").is_not_null())
        .then(pl.col("line").fill_null("none").replace_strict({**lines, "none": t("vote_no_line")})),
    )
    shown = breakdown.reverse()
    figure = go.Figure()
    for choice in q.CHOICES:
        figure.add_bar(y=shown["faction"], x=shown[f"n_{choice}"], name=t(f"vote_tally_{choice}"), orientation="h",
                       marker_color=CHOICE_COLORS[choice])
    figure.update_layout(barmode="stack", title=t("vote_breakdown_title"), xaxis_title=t("vote_deputies"),
                         height=max(300, 40 * shown.height + 140),
                         legend=dict(orientation="h", y=-0.2, traceorder="normal"))
    ui.chart(ctx, figure, breakdown.drop("color"), "vote_tallies_by_faction")
    st.dataframe(
        breakdown.select("faction", "members", *(f"n_{c}" for c in q.CHOICES), "line", "rice", "agreement_index"),
        hide_index=True, width="stretch",
        column_config={
            "faction": t("vote_faction"), "members": t("vote_members"), "line": t("vote_line"),
            **{f"n_{c}": t(f"vote_tally_{c}") for c in q.CHOICES},
            "rice": st.column_config.NumberColumn(t("factions_rice"), format="%.3f", help=t("factions_rice_help")),
            "agreement_index": st.column_config.NumberColumn(t("factions_agreement"), format="%.3f",
                                                             help=t("factions_agreement_help")),
        })


def draw_choices(choices: pl.DataFrame) -> None:
    t = ctx.t
    st.subheader(t("vote_choices"))
    printed = pl.Series([choice_label(c, g, ctx.lang) for c, g in zip(choices["choice"], choices["gender"])],
                        dtype=pl.String)
    unnamed = t("vote_unnamed_slot")
    shown = choices.with_columns(
        deputy=pl.col("full_name").fill_null(pl.format(unnamed, pl.col("slot"))),
        faction=pl.col("faction").fill_null(t("vote_outside_factions")),
        printed=printed,
    ).select("slot", "deputy", "faction", "printed", "choice")
    unnamed_count = choices["deputy_id"].null_count()
    if unnamed_count:
        st.caption(t("vote_unnamed_note", count=unnamed_count))
    ui.table(ctx, shown, "vote_choices", column_config={
        "slot": t("vote_slot"), "deputy": t("vote_deputy"), "faction": t("vote_faction"), "printed": t("vote_choice"),
        "choice": None})


def body() -> None:
    t = ctx.t
    st.title(t("page_vote"))
    link = ui.read_link(ctx, {"vote": parse_vote_id})
    units = ui.run(ctx, unit_list)
    # A link to a vote opens it whatever the period: only the audience narrows what may be seen.
    audience = Filters(dt.date.min, dt.date.max, (), ctx.settings.audience, tuple(own_units(units)))
    vote_id = link.get("vote")
    if vote_id is None:
        st.info(t("vote_choose"), icon=":material/ballot:")
        back_link()
        return
    detail = ui.run(ctx, q.vote_detail, audience, vote_id)
    if detail.is_empty():
        st.warning(t("vote_unknown", id=vote_id), icon=":material/search_off:")
        back_link()
        return
    back_link()
    draw_header(detail.row(0, named=True))
    draw_breakdown(ui.run(ctx, q.vote_breakdown, audience, vote_id))
    draw_choices(ui.run(ctx, q.vote_choice_list, audience, vote_id))


ui.guarded(ctx, body)
