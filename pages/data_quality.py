"""Data quality: what is loaded (per source, per overview card), votes whose source counts disagree with their own list, unnamed slots, votes imported with a
flag (untitled, a date that disagrees with its file name), files that could not be read, the last import of
each source, and the votes as the open-data standard's pair. Flagged, never hidden."""

import polars as pl
import streamlit as st

from dashboard import ui
from dashboard.i18n import format_number


def draw_mismatches(page: ui.Page, mismatches: pl.DataFrame) -> None:
    t = page.t
    st.caption(t("quality_mismatches_help"))
    if mismatches.is_empty():
        st.success(t("quality_no_mismatches"), icon=":material/check_circle:")
        return
    page.table("vote_tally_mismatches", mismatches)
    page.download("vote_tally_mismatches")


def draw_unnamed(page: ui.Page, unnamed: pl.DataFrame) -> None:
    t = page.t
    st.caption(t("quality_unnamed_help"))
    if unnamed.is_empty():
        st.success(t("quality_no_unnamed"), icon=":material/check_circle:")
        return
    page.table("vote_unnamed_slots", unnamed)
    page.download("vote_unnamed_slots")


def draw_flags(page: ui.Page) -> None:
    t = page.t
    flags = page.dataset("vote_flags")
    st.caption(t("quality_flags_help"))
    if flags.is_empty():
        st.success(t("quality_no_flags"), icon=":material/check_circle:")
        return
    page.table("vote_flags", flags, "vote_id", "voted_at", "title", "untitled", "date_disagrees")
    page.download("vote_flags")


def draw_unknown_timing(page: ui.Page) -> None:
    """Petitions left out of the petitions page's medians and on-time share, with every date the source gave."""
    t = page.t
    st.caption(t("quality_petitions_timing_help"))
    page.listing("petitions_unknown_timing", "quality_no_petitions_timing")


def draw_unknown_buyers(page: ui.Page) -> None:
    """Buyers whose procedures have no unit: their ЄДРПОУ is not a unit's (`import procurement` keeps them)."""
    t = page.t
    st.caption(t("quality_unknown_buyers_help"))
    page.listing("procurement_unknown_buyers", "quality_no_unknown_buyers")


ROW_PX = 35  # a table row's height: the two «what is loaded» tables show every row without scrolling


def draw_loaded(page: ui.Page) -> None:
    """What a council has loaded so far, and why an overview card is empty (the same as `vidkryto status`)."""
    t = page.t
    st.subheader(t("quality_loaded"))
    st.caption(t("quality_loaded_help"))
    st.markdown(f"**{t('quality_loaded_sources')}**")
    sources, cards = page.dataset("status_sources"), page.dataset("status_cards")
    page.table("status_sources", sources, height=ROW_PX * (sources.height + 1) + 3)
    page.download("status_sources")
    st.markdown(f"**{t('quality_loaded_cards')}**")
    page.table("status_cards", cards, height=ROW_PX * (cards.height + 1) + 3)
    page.download("status_cards")


def draw_open_data(page: ui.Page) -> None:
    t = page.t
    st.caption(t("quality_open_data_help"))
    motions, votings = st.columns(2)
    with motions:
        st.markdown(f"**{t('quality_open_data_motions')}**")
        page.download("open_data_motions")
    with votings:
        st.markdown(f"**{t('quality_open_data_votings')}**")
        page.download("open_data_votings")


def draw_imports(page: ui.Page, files: pl.DataFrame) -> None:
    t = page.t
    st.caption(t("quality_imports_help"))
    last = page.dataset("imports_last")
    st.markdown(f"**{t('quality_last_imports')}**")
    if last.is_empty():
        st.info(t("quality_no_imports"))
        return
    page.table("imports_last", last)
    page.download("imports_last")
    st.markdown(f"**{t('quality_problem_files')}**")
    if files.is_empty():
        st.success(t("quality_no_problems"), icon=":material/check_circle:")
        return
    page.table("import_problem_files", files)
    page.download("import_problem_files")
    with st.expander(t("quality_problem_list")):
        page.table("import_problems", page.dataset("import_problems"))
        page.download("import_problems")


def body(page: ui.Page) -> None:
    t, lang = page.t, page.lang
    st.title(t("page_data_quality"))
    mismatches = page.dataset("vote_tally_mismatches")
    unnamed = page.dataset("vote_unnamed_slots")
    files = page.dataset("import_problem_files")
    columns = st.columns(3)
    columns[0].metric(t("quality_mismatch_count"), format_number(mismatches.height, lang))
    columns[1].metric(t("quality_unnamed_count"), format_number(unnamed["slots"].sum(), lang),
                      help=t("quality_unnamed_count_help", votes=format_number(unnamed.height, lang)))
    columns[2].metric(t("quality_problem_count"), format_number(files["problems"].sum(), lang),
                      help=t("quality_problem_count_help", files=format_number(files.height, lang)))
    draw_loaded(page)
    ui.part(page, "mismatches", draw_mismatches, page, mismatches)
    ui.part(page, "unnamed", draw_unnamed, page, unnamed)
    ui.part(page, "flags", draw_flags, page)
    ui.part(page, "timing", draw_unknown_timing, page)
    ui.part(page, "buyers", draw_unknown_buyers, page)
    ui.part(page, "imports", draw_imports, page, files)
    ui.part(page, "open_data", draw_open_data, page)


ui.show("data_quality", body)
