"""Data quality: what is loaded (per source, per overview card), votes whose source counts disagree with their own list, unnamed slots, votes imported with a
flag (untitled, a date that disagrees with its file name), files that could not be read, the last import of
each source, and the votes as the open-data standard's pair. Flagged, never hidden."""

import polars as pl
import streamlit as st

from dashboard import ui
from dashboard.i18n import format_number
from dashboard.metrics.votes import CHOICES


def vote_columns(page: ui.Page) -> dict[str, ui.Column]:
    t = page.t
    return {"open": ui.Column(t("votes_open"), "link", t("votes_open_text"), "small"),
            "voted_at": ui.Column(t("votes_time"), "datetime"), "title": ui.Column(t("votes_title"), width="large")}


def draw_mismatches(page: ui.Page, mismatches: pl.DataFrame) -> None:
    t = page.t
    st.subheader(t("quality_mismatches"))
    st.caption(t("quality_mismatches_help"))
    if mismatches.is_empty():
        st.success(t("quality_no_mismatches"), icon=":material/check_circle:")
        return
    counts = {}
    for name in (*CHOICES[:4], "present"):
        counts[f"n_{name}"] = ui.Column(t("quality_source", what=t(f"vote_tally_{name}")))
        counts[f"recount_{name}"] = ui.Column(t("quality_recount", what=t(f"vote_tally_{name}")))
    ui.table(page, page.with_links(mismatches, "vote", "vote_id"), {**vote_columns(page), **counts})
    page.download("vote_tally_mismatches")


def draw_unnamed(page: ui.Page, unnamed: pl.DataFrame) -> None:
    t = page.t
    st.subheader(t("quality_unnamed"))
    st.caption(t("quality_unnamed_help"))
    if unnamed.is_empty():
        st.success(t("quality_no_unnamed"), icon=":material/check_circle:")
        return
    ui.table(page, page.with_links(unnamed, "vote", "vote_id"), {
        **vote_columns(page), "slots": ui.Column(t("quality_slots")), "voted": ui.Column(t("quality_slots_voted")),
        "voted_for": ui.Column(t("quality_slots_for"))})
    page.download("vote_unnamed_slots")


def draw_flags(page: ui.Page, flags: pl.DataFrame) -> None:
    t = page.t
    st.subheader(t("quality_flags"))
    st.caption(t("quality_flags_help"))
    if flags.is_empty():
        st.success(t("quality_no_flags"), icon=":material/check_circle:")
        return
    ui.table(page, page.with_links(flags, "vote", "vote_id"), {
        **vote_columns(page), "untitled": ui.Column(t("quality_flag_untitled"), "flag"),
        "date_disagrees": ui.Column(t("quality_flag_date"), "flag")})
    page.download("vote_flags")


def draw_unknown_timing(page: ui.Page) -> None:
    """Petitions left out of the petitions page's medians and on-time share, with every date the source gave."""
    t = page.t
    st.subheader(t("quality_petitions_timing"))
    st.caption(t("quality_petitions_timing_help"))
    listed = page.dataset("petitions_unknown_timing")
    if listed.is_empty():
        st.success(t("quality_no_petitions_timing"), icon=":material/check_circle:")
    else:
        ui.table(page, listed.with_columns(unit=pl.Series([page.unit_name(code) for code in listed["unit"]],
                                                          dtype=pl.String)), {
            "url": ui.Column(t("petitions_col_url"), "link", t("petitions_col_url_text"), "small"),
            "number": ui.Column(t("petitions_col_number"), "text", width="small"),
            "title": ui.Column(t("petitions_col_title"), width="large"),
            "status": ui.Column(t("petitions_col_status"), labels="petitions_status_"),
            "submitted_on": ui.Column(t("petitions_col_submitted_on"), "date"),
            "threshold_reached_on": ui.Column(t("petitions_col_reached_on"), "date"),
            "consideration_started_on": ui.Column(t("petitions_col_started_on"), "date"),
            "responded_on": ui.Column(t("petitions_col_responded_on"), "date"),
            "unit": ui.Column(t("petitions_col_unit"))})
    page.download("petitions_unknown_timing")


def draw_unknown_buyers(page: ui.Page) -> None:
    """Buyers whose procedures have no unit: their ЄДРПОУ is not a unit's (`import procurement` keeps them)."""
    t = page.t
    st.subheader(t("quality_unknown_buyers"))
    st.caption(t("quality_unknown_buyers_help"))
    listed = page.dataset("procurement_unknown_buyers")
    if listed.is_empty():
        st.success(t("quality_no_unknown_buyers"), icon=":material/check_circle:")
    else:
        ui.table(page, listed, {
            "buyer_id": ui.Column(t("quality_buyer_id"), "text"),
            "buyer_edrpou": ui.Column(t("quality_buyer_edrpou"), "text", width="small"),
            "buyer_name": ui.Column(t("quality_buyer_name"), width="large"),
            "procedures": ui.Column(t("quality_buyer_procedures")),
            "first_published_on": ui.Column(t("quality_buyer_first"), "date"),
            "last_published_on": ui.Column(t("quality_buyer_last"), "date")})
    page.download("procurement_unknown_buyers")


ROW_PX = 35  # a table row's height: the two «what is loaded» tables show every row without scrolling


def draw_loaded(page: ui.Page) -> None:
    """What a council has loaded so far, and why an overview card is empty (the same as `vidkryto status`)."""
    t = page.t
    st.subheader(t("quality_loaded"))
    st.caption(t("quality_loaded_help"))
    st.markdown(f"**{t('quality_loaded_sources')}**")
    sources, cards = page.dataset("status_sources"), page.dataset("status_cards")
    ui.table(page, sources, {
        "source": ui.Column(t("quality_source_name"), labels="source_"), "rows": ui.Column(t("quality_rows")),
        "first_year": ui.Column(t("quality_first_year"), "year"),
        "last_year": ui.Column(t("quality_last_year"), "year"),
        "batches": ui.Column(t("quality_batches")),
        "last_import": ui.Column(t("quality_last_import"), "datetime"),
        "last_file": ui.Column(t("quality_file"))}, height=ROW_PX * (sources.height + 1) + 3)
    page.download("status_sources")
    st.markdown(f"**{t('quality_loaded_cards')}**")
    ui.table(page, cards, {
        "kpi": ui.Column(t("quality_card"), labels="kpi_"), "source": ui.Column(t("quality_source_name"), labels="source_"),
        "first_year": ui.Column(t("quality_first_year"), "year"),
        "last_year": ui.Column(t("quality_last_year"), "year"),
        "target_years": ui.Column(t("quality_target_years")),
        "state": ui.Column(t("quality_card_state"), width="large", labels="quality_card_state_")},
             height=ROW_PX * (cards.height + 1) + 3)
    page.download("status_cards")


def draw_open_data(page: ui.Page) -> None:
    t = page.t
    st.subheader(t("quality_open_data"))
    st.caption(t("quality_open_data_help"))
    motions, votings = st.columns(2)
    with motions:
        st.markdown(f"**{t('quality_open_data_motions')}**")
        page.download("open_data_motions")
    with votings:
        st.markdown(f"**{t('quality_open_data_votings')}**")
        page.download("open_data_votings")


def batch_columns(page: ui.Page, *names: str) -> dict[str, ui.Column]:
    t = page.t
    every = {
        "source": ui.Column(t("quality_source_name"), labels="source_"), "format": ui.Column(t("quality_format")),
        "file_name": ui.Column(t("quality_file")), "imported_at": ui.Column(t("quality_imported_at"), "datetime"),
        "rows_read": ui.Column(t("quality_rows_read")), "rows_written": ui.Column(t("quality_rows_written")),
        "rows_skipped": ui.Column(t("quality_rows_skipped")), "problems": ui.Column(t("quality_problems")),
        "first_location": ui.Column(t("quality_location")), "example_reason": ui.Column(t("quality_reason")),
        "location": ui.Column(t("quality_location")), "reason": ui.Column(t("quality_reason")),
    }
    return {name: every[name] for name in names}


def draw_imports(page: ui.Page, files: pl.DataFrame) -> None:
    t = page.t
    st.subheader(t("quality_imports"))
    st.caption(t("quality_imports_help"))
    last = page.dataset("imports_last")
    st.markdown(f"**{t('quality_last_imports')}**")
    if last.is_empty():
        st.info(t("quality_no_imports"))
        return
    ui.table(page, last, batch_columns(page, "source", "format", "file_name", "imported_at", "rows_read",
                                       "rows_written", "rows_skipped", "problems"))
    page.download("imports_last")
    st.markdown(f"**{t('quality_problem_files')}**")
    if files.is_empty():
        st.success(t("quality_no_problems"), icon=":material/check_circle:")
        return
    ui.table(page, files, batch_columns(page, "source", "format", "file_name", "imported_at", "rows_skipped",
                                        "problems", "first_location", "example_reason"))
    page.download("import_problem_files")
    with st.expander(t("quality_problem_list")):
        ui.table(page, page.dataset("import_problems"), batch_columns(page, "source", "file_name", "location", "reason"))
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
    draw_mismatches(page, mismatches)
    draw_unnamed(page, unnamed)
    draw_flags(page, page.dataset("vote_flags"))
    draw_unknown_timing(page)
    draw_unknown_buyers(page)
    draw_imports(page, files)
    draw_open_data(page)


ui.show("data_quality", body)
