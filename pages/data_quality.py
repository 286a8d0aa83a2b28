"""Data quality: votes whose source counts disagree with their own list, unnamed slots, files that could not
be read, and the last import of each source. Flagged, never hidden."""

import streamlit as st

from dashboard import ui
from dashboard.i18n import format_number
from dashboard.vote_views import with_vote_links
from queries import votes as q
from queries.periods import data_years
from queries.units import unit_list

ctx = ui.context()


def vote_columns() -> dict:
    t = ctx.t
    return {
        "link": st.column_config.LinkColumn(t("votes_open"), display_text=t("votes_open_text"), width="small"),
        "voted_at": st.column_config.DatetimeColumn(t("votes_time"), format="DD.MM.YYYY HH:mm"),
        "title": st.column_config.TextColumn(t("votes_title"), width="large"), "vote_id": None,
    }


def draw_mismatches(mismatches) -> None:
    t = ctx.t
    st.subheader(t("quality_mismatches"))
    st.caption(t("quality_mismatches_help"))
    if mismatches.is_empty():
        st.success(t("quality_no_mismatches"), icon=":material/check_circle:")
        return
    labels = {}
    for name in ("for", "against", "abstain", "not_voting", "present"):
        labels[f"n_{name}"] = t("quality_source", what=t(f"vote_tally_{name}"))
        labels[f"recount_{name}"] = t("quality_recount", what=t(f"vote_tally_{name}"))
    ui.table(ctx, with_vote_links(mismatches, ctx.lang), "vote_tally_mismatches",
             column_config={**vote_columns(), **labels})


def draw_unnamed(unnamed) -> None:
    t = ctx.t
    st.subheader(t("quality_unnamed"))
    st.caption(t("quality_unnamed_help"))
    if unnamed.is_empty():
        st.success(t("quality_no_unnamed"), icon=":material/check_circle:")
        return
    ui.table(ctx, with_vote_links(unnamed, ctx.lang), "vote_unnamed_slots", column_config={
        **vote_columns(), "slots": t("quality_slots"), "voted": t("quality_slots_voted"),
        "voted_for": t("quality_slots_for")})


def draw_imports() -> None:
    t = ctx.t
    st.subheader(t("quality_imports"))
    st.caption(t("quality_imports_help"))
    batch_columns = {
        "source": t("quality_source_name"), "format": t("quality_format"), "file_name": t("quality_file"),
        "imported_at": st.column_config.DatetimeColumn(t("quality_imported_at"), format="DD.MM.YYYY HH:mm"),
        "rows_read": t("quality_rows_read"), "rows_written": t("quality_rows_written"),
        "rows_skipped": t("quality_rows_skipped"), "problems": t("quality_problems"), "batch_id": None,
        "first_location": t("quality_location"), "example_reason": t("quality_reason"),
        "location": t("quality_location"), "reason": t("quality_reason"),
    }
    last = ui.run(ctx, q.last_imports)
    st.markdown(f"**{t('quality_last_imports')}**")
    if last.is_empty():
        st.info(t("quality_no_imports"))
        return
    ui.table(ctx, last, "import_last_per_source", column_config=batch_columns)
    st.markdown(f"**{t('quality_problem_files')}**")
    files = ui.run(ctx, q.import_problems_by_file)
    if files.is_empty():
        st.success(t("quality_no_problems"), icon=":material/check_circle:")
        return
    ui.table(ctx, files, "import_problems_by_file", column_config=batch_columns)
    with st.expander(t("quality_problem_list")):
        ui.table(ctx, ui.run(ctx, q.import_problem_list), "import_problems", column_config=batch_columns)


def body() -> None:
    t = ctx.t
    st.title(t("page_data_quality"))
    link = ui.read_link(ctx)
    units = ui.run(ctx, unit_list)
    filters = ui.filter_bar(ctx, ui.run(ctx, data_years), units, link)
    mismatches = ui.run(ctx, q.tally_mismatches, filters)
    unnamed = ui.run(ctx, q.unnamed_slots, filters)
    files = ui.run(ctx, q.import_problems_by_file)

    columns = st.columns(3)
    columns[0].metric(t("quality_mismatch_count"), format_number(mismatches.height, ctx.lang))
    columns[1].metric(t("quality_unnamed_count"), format_number(unnamed["slots"].sum(), ctx.lang),
                      help=t("quality_unnamed_count_help", votes=format_number(unnamed.height, ctx.lang)))
    columns[2].metric(t("quality_problem_count"), format_number(files["problems"].sum(), ctx.lang),
                      help=t("quality_problem_count_help", files=format_number(files.height, ctx.lang)))
    draw_mismatches(mismatches)
    draw_unnamed(unnamed)
    draw_imports()


ui.guarded(ctx, body)
