"""Votes queries (part A): a hand-made council with answers worked out on paper, and the demo on both backends.

The mini council: composition 9 (needed 5), faction A of five members, faction B of three, one unnamed
slot. Per faction and vote (Y, N, A; Rice; Agreement Index; line):
  v1 A 3-1-0 (one absent): 0.5, 0.625, for      B 3-0-0: 1, 1, for            + unnamed «за»
  v2 A 2-1-1 (+1 not voting): 1/3, 0.25, for    B 0-2-1: 1, 0.5, against
  v3 A 1-1-1: 0, 0, none (tie)                  B 1-1-0: 0, 0.25, none        procedural, tallies flagged
  v4 internal (is_public false): everyone «за».
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from sqlalchemy import func, insert, select, true

from dashboard.db import read_engine, write_engine
from dashboard.filters import Filters
from dashboard.metrics import votes as cohesion
from dashboard.schema import (
    convocations,
    deputies,
    faction_memberships,
    faction_month_stats,
    faction_pair_month_stats,
    factions,
    import_batches,
    import_problems,
    metadata,
    plenary_sessions,
    units,
    vote_choices,
    vote_faction_tallies,
    votes,
)
from dashboard.writer.vote_summaries import refresh_vote_summaries
from queries import data_quality as dq
from queries import factions as fq
from queries import votes as q
from tests.support import BACKENDS, postgres_database

YEAR = Filters.for_year(2017)
INTERNAL = Filters.for_year(2017, audience="internal")

DEPUTIES = {  # id: (name, gender, faction)
    1: ("Андрієнко А. А.", "m", "A"), 2: ("Бойко Б. Б.", "m", "A"), 3: ("Гнатюк В. В.", "m", "A"),
    4: ("Дорош Г. Г.", "m", "A"), 5: ("Євтух Д. Д.", "f", "A"),
    6: ("Жук Е. Е.", "m", "B"), 7: ("Заїка Є. Є.", "m", "B"), 8: ("Іваненко Ж. Ж.", "f", "B"),
}
CHOICES = {  # vote id: choices of deputies 1..8, then unnamed slots
    1: ["for", "for", "for", "against", "absent", "for", "for", "for", "for"],
    2: ["against", "abstain", "for", "not_voting", "for", "against", "against", "abstain"],
    3: ["for", "against", "abstain", "absent", "absent", "for", "against", "absent"],
    4: ["for"] * 8,
}


def _source_counts(choices: list[str]) -> dict:
    counts = {f"n_{name}": choices.count(name) for name in ("for", "against", "abstain", "not_voting")}
    return {**counts, "n_present": sum(counts.values())}


def build_mini_council(url: str) -> str:
    engine = write_engine(url)
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(units), [{"id": 1, "code": "finance", "name_uk": "Фінансове управління",
                                            "name_en": "Finance department"}])
        connection.execute(insert(convocations), [{"id": 1, "number": 7, "started_on": dt.date(2015, 11, 1),
                                                   "composition": 9}])
        connection.execute(insert(factions), [{"id": 1, "convocation_id": 1, "name": "Фракція А", "short_name": "А"},
                                              {"id": 2, "convocation_id": 1, "name": "Фракція Б", "short_name": "Б"}])
        connection.execute(insert(deputies), [
            {"id": i, "convocation_id": 1, "full_name": name, "name_key": name, "gender": gender}
            for i, (name, gender, _) in DEPUTIES.items()])
        connection.execute(insert(faction_memberships), [
            {"deputy_id": i, "faction_id": 1 if faction == "A" else 2} for i, (_, _, faction) in DEPUTIES.items()])
        connection.execute(insert(plenary_sessions), [{"id": 1, "convocation_id": 1, "held_on": dt.date(2017, 3, 15),
                                                       "name": "15 сесія"}])
        source = {vote_id: _source_counts(choices) for vote_id, choices in CHOICES.items()}
        source[3]["n_for"] = 3  # the source miscounted: its list holds two «за»
        connection.execute(insert(votes), [
            {"id": vote_id, "session_id": 1, "source_key": f"mini:{vote_id}",
             "voted_at": dt.datetime(2017, 3, 15, 10, vote_id), "title": title, "kind": kind, "adopted": adopted,
             "unit_id": 1 if vote_id == 1 else None, "tally_mismatch": vote_id == 3, "is_public": vote_id != 4,
             **source[vote_id]}
            for vote_id, title, kind, adopted in (
                (1, "Про міський бюджет на 2017 рік", "decision", True),
                (2, "Про оренду землі", "decision", False),
                (3, "Про порядок денний", "procedural", False),
                (4, "Про внутрішнє питання", "decision", True))])
        connection.execute(insert(vote_choices), [
            {"vote_id": vote_id, "slot": slot, "deputy_id": slot if slot <= len(DEPUTIES) else None, "choice": choice}
            for vote_id, choices in CHOICES.items() for slot, choice in enumerate(choices, start=1)])
        connection.execute(insert(import_batches), [
            {"id": 1, "source": "evoting", "format": "json", "file_name": "170315.zip", "sha256": "a" * 64,
             "rows_read": 5, "rows_written": 4, "rows_skipped": 1, "imported_at": dt.datetime(2017, 3, 16, 9)}])
        connection.execute(insert(import_problems), [
            {"batch_id": 1, "location": "170315_5.json", "reason": "not valid JSON"}])
        refresh_vote_summaries(connection)
    engine.dispose()
    return url


@pytest.fixture(scope="module", params=BACKENDS)
def mini(request, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('mini') / 'mini.sqlite'}"
    else:
        url = postgres_database("vidkryto_votes_mini")
    return read_engine(build_mini_council(url))


def _rows(frame: pl.DataFrame, *keys: str) -> dict:
    return {tuple(row[k] for k in keys): row for row in frame.iter_rows(named=True)}


def test_tallies_rice_agreement_and_lines_by_hand(mini):
    rows = _rows(fq.faction_tallies(mini, YEAR), "vote_id", "faction_id")
    expected = {  # (vote, faction): (for, against, abstain, not voting, absent, line, rice, agreement)
        (1, 1): (3, 1, 0, 0, 1, "for", 0.5, 0.625), (1, 2): (3, 0, 0, 0, 0, "for", 1.0, 1.0),
        (2, 1): (2, 1, 1, 1, 0, "for", 1 / 3, 0.25), (2, 2): (0, 2, 1, 0, 0, "against", 1.0, 0.5),
        (3, 1): (1, 1, 1, 0, 2, None, 0.0, 0.0), (3, 2): (1, 1, 0, 0, 1, None, 0.0, 0.25),
    }
    assert set(rows) == set(expected)  # v4 is internal: the summary holds published votes only
    for key, (y, n, a, nv, absent, line, rice, agreement) in expected.items():
        row = rows[key]
        assert (row["n_for"], row["n_against"], row["n_abstain"], row["n_not_voting"], row["n_absent"]) == (y, n, a, nv, absent)
        assert row["line"] == line == cohesion.faction_line(y, n, a)
        assert row["rice"] == pytest.approx(rice) == cohesion.rice(y, n)
        assert row["agreement_index"] == pytest.approx(agreement) == pytest.approx(cohesion.agreement_index(y, n, a))


def test_cohesion_counts_only_factions_of_five(mini):
    rows = _rows(fq.faction_cohesion(mini, YEAR), "faction_id")
    assert rows[(1,)]["votes"] == 3 and rows[(1,)]["members"] == 5
    assert rows[(1,)]["rice"] == pytest.approx((0.5 + 1 / 3 + 0) / 3)
    assert rows[(1,)]["agreement_index"] == pytest.approx((0.625 + 0.25 + 0) / 3)
    assert rows[(1,)]["with_line"] == pytest.approx(2 / 3)
    assert rows[(2,)]["votes"] == 0 and rows[(2,)]["rice"] is None and rows[(2,)]["members"] == 3
    monthly = fq.faction_cohesion_by_month(mini, YEAR)
    assert monthly.select("month", "faction_id", "votes").rows() == [(dt.date(2017, 3, 1), 1, 3)]


def test_factions_same_way_by_hand(mini):
    rows = _rows(fq.faction_same_way(mini, YEAR), "faction_a_id", "faction_b_id")
    assert set(rows) == {(1, 2), (2, 1)}
    for row in rows.values():  # v1 both «за»; v2 «за» vs «проти»; v3 no lines
        assert (row["both_lines"], row["same"], row["share_same"], row["both_for"]) == (2, 1, 0.5, 1)


def test_overview_counts_and_margins(mini):
    summary = q.votes_summary(mini, YEAR).row(0, named=True)
    assert summary == {"sessions": 1, "votes": 3, "adopted": 1, "share_adopted": pytest.approx(1 / 3),
                       "adopted_below_majority": 0, "tally_mismatches": 1}
    listed = q.vote_list(mini, YEAR, order="closest")
    assert listed["vote_id"].to_list() == [3, 1, 2]  # |margin| against 5 needed: v3 2 (the source's 3 «за»), v1 2, v2 3
    by_id = _rows(listed, "vote_id")
    assert by_id[(1,)]["needed"] == cohesion.majority_needed(9) == 5
    assert by_id[(1,)]["margin"] == cohesion.majority_margin(7, 9) == 2
    assert by_id[(2,)]["for_against"] == -1
    assert q.vote_list(mini, YEAR, order="closest_for_against")["vote_id"].to_list()[0] == 3
    assert q.vote_list(mini, YEAR, order="turnout")["vote_id"].to_list()[0] == 3
    months = q.votes_by_month(mini, YEAR)
    assert months.rows() == [(dt.date(2017, 3, 1), 1, 3, 1, 2)]
    assert q.margin_distribution(mini, YEAR).rows() == [(-3, False, 1), (-2, False, 1), (2, True, 1)]
    units_frame = q.votes_by_unit(mini, YEAR)
    assert dict(zip(units_frame["unit"], units_frame["votes"])) == {None: 2, "finance": 1}  # unit codes: names are the page's business


def test_search_kind_and_audience(mini):
    assert q.vote_list(mini, YEAR, q="бюджет")["vote_id"].to_list() == [1]
    assert q.vote_list(mini, YEAR, q="ПРО ОРЕНДУ")["vote_id"].to_list() == [2]
    assert q.vote_list(mini, YEAR, q="%")["vote_id"].to_list() == []
    assert q.vote_list(mini, YEAR, kind="procedural")["vote_id"].to_list() == [3]
    assert 4 not in q.vote_list(mini, YEAR)["vote_id"].to_list()
    assert 4 in q.vote_list(mini, INTERNAL)["vote_id"].to_list()
    assert q.vote_detail(mini, YEAR, 4).is_empty() and q.vote_breakdown(mini, YEAR, 4).is_empty()
    assert q.vote_detail(mini, INTERNAL, 4).height == 1


def test_one_vote(mini):
    detail = q.vote_detail(mini, YEAR, 1).row(0, named=True)
    assert (detail["n_for"], detail["needed"], detail["margin"], detail["adopted"]) == (7, 5, 2, True)
    breakdown = _rows(q.vote_breakdown(mini, YEAR, 1), "faction_id")
    assert breakdown[(None,)]["n_for"] == 1 and breakdown[(None,)]["line"] is None  # the unnamed slot
    assert (breakdown[(1,)]["members"], breakdown[(1,)]["line"], breakdown[(1,)]["agreement_index"]) == (5, "for", 0.625)
    choices = q.vote_choice_list(mini, YEAR, 1)
    assert choices.height == 9
    assert choices.filter(pl.col("deputy_id").is_null())["slot"].to_list() == [9]
    assert choices.filter(pl.col("deputy_id") == 5).select("gender", "faction", "choice").row(0) == ("f", "А", "absent")


def test_data_quality(mini):
    mismatch = dq.tally_mismatches(mini, YEAR).row(0, named=True)
    assert (mismatch["vote_id"], mismatch["n_for"], mismatch["recount_for"], mismatch["recount_present"]) == (3, 3, 2, 5)
    unnamed = dq.unnamed_slots(mini, YEAR)
    assert unnamed.select("vote_id", "slots", "voted", "voted_for").rows() == [(1, 1, 1, 1)]
    problems = dq.import_problems_by_file(mini, None).row(0, named=True)
    assert (problems["file_name"], problems["problems"], problems["example_reason"]) == ("170315.zip", 1, "not valid JSON")
    assert dq.last_imports(mini, None).select("source", "rows_skipped", "problems").rows() == [("evoting", 1, 1)]


# --- The demo council, on both backends ---------------------------------------------------------------

def _demo_filters(engine) -> Filters:
    with engine.connect() as connection:
        first, last = connection.execute(select(func.min(votes.c.voted_at), func.max(votes.c.voted_at))).one()
    first, last = (value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value) for value in (first, last))
    return Filters(first.date(), last.date())


def test_demo_tallies_add_up_to_the_recount(demo_engine):
    """Faction tallies plus the choices of deputies outside factions equal the recount of every published vote."""
    filters = _demo_filters(demo_engine)
    tallies = fq.faction_tallies(demo_engine, filters)
    assert tallies.height > 0
    by_vote = tallies.group_by("vote_id").agg(pl.col(f"n_{name}").sum() for name in q.CHOICES)
    sample = by_vote.sort("vote_id").head(40)
    for row in sample.iter_rows(named=True):
        breakdown = q.vote_breakdown(demo_engine, filters, row["vote_id"])
        outside = breakdown.filter(pl.col("faction_id").is_null())
        recount = breakdown.select(pl.col(f"n_{name}").sum() for name in q.CHOICES).row(0)
        outside_counts = outside.select(pl.col(f"n_{name}").sum() for name in q.CHOICES).row(0)
        assert tuple(row[f"n_{name}"] + extra for name, extra in zip(q.CHOICES, outside_counts)) == recount
    with demo_engine.connect() as connection:
        choices = connection.execute(select(func.count()).select_from(vote_choices).join(votes)
                                     .where(votes.c.is_public == true(), votes.c.id.in_(sample["vote_id"].to_list()))).scalar_one()
    assert sum(q.vote_breakdown(demo_engine, filters, v)["members"].sum() for v in sample["vote_id"]) == choices


def test_demo_indices_match_the_pure_functions(demo_engine):
    tallies = fq.faction_tallies(demo_engine, _demo_filters(demo_engine)).head(500)
    for row in tallies.iter_rows(named=True):
        y, n, a = row["n_for"], row["n_against"], row["n_abstain"]
        assert row["rice"] == pytest.approx(cohesion.rice(y, n))
        assert row["agreement_index"] == pytest.approx(cohesion.agreement_index(y, n, a))


def test_demo_public_never_sees_internal_votes(demo_engine):
    public = _demo_filters(demo_engine)
    internal = Filters(public.date_from, public.date_to, audience="internal")
    with demo_engine.connect() as connection:
        hidden = connection.execute(select(votes.c.id).where(votes.c.is_public == False)).scalars().all()  # noqa: E712
    assert hidden, "the demo should hold internal votes"
    public_ids = set(q.vote_list(demo_engine, public)["vote_id"])
    assert public_ids.isdisjoint(hidden)
    assert set(hidden) <= set(q.vote_list(demo_engine, internal)["vote_id"])
    assert set(fq.faction_tallies(demo_engine, public)["vote_id"]).isdisjoint(hidden)
    assert q.vote_detail(demo_engine, public, hidden[0]).is_empty()
    assert q.vote_choice_list(demo_engine, public, hidden[0]).is_empty()
    assert q.votes_summary(demo_engine, public)["votes"][0] == len(public_ids)



def _tallies_with_months(engine) -> pl.DataFrame:
    """Every faction tally of a vote with a position (registration left out), with its session's month."""
    t = vote_faction_tallies.c
    with engine.connect() as connection:
        rows = connection.execute(
            select(t.vote_id, plenary_sessions.c.held_on, t.faction_id, t.n_for, t.n_against, t.n_abstain,
                   t.n_not_voting, t.n_absent, t.line)
            .select_from(vote_faction_tallies.join(votes).join(plenary_sessions))
            .where(votes.c.kind != "registration")).all()
    frame = pl.DataFrame([row._asdict() for row in rows], infer_schema_length=None)
    return frame.with_columns(month=pl.col("held_on").cast(pl.Date).dt.truncate("1mo"))


def _stored(engine, table, *keys: str) -> dict:
    """A monthly summary's rows by month and keys (SQLite returns dates as text)."""
    with engine.connect() as connection:
        rows = connection.execute(select(table)).mappings().all()
    month = (lambda value: value if isinstance(value, dt.date) else dt.date.fromisoformat(value))
    return {(month(row["month"]), *(row[k] for k in keys)): {k: v for k, v in row.items() if k not in ("month", *keys)}
            for row in rows}


def test_demo_faction_month_stats_equal_a_recount_of_the_tallies(demo_engine):
    expected = {}
    for (month, faction_id), group in _tallies_with_months(demo_engine).group_by("month", "faction_id"):
        rows = list(group.iter_rows(named=True))
        members = [sum(row[f"n_{name}"] for name in q.CHOICES) for row in rows]
        counted = [row for row, n in zip(rows, members) if n >= cohesion.MIN_COHESION_MEMBERS]
        rice = [v for row in counted if (v := cohesion.rice(row["n_for"], row["n_against"])) is not None]
        agreement = [v for row in counted
                     if (v := cohesion.agreement_index(row["n_for"], row["n_against"], row["n_abstain"])) is not None]
        expected[(month, faction_id)] = {
            "members": max(members), "votes": len(counted), "rice_sum": pytest.approx(sum(rice)), "rice_n": len(rice),
            "agreement_sum": pytest.approx(sum(agreement)), "agreement_n": len(agreement),
            "with_line": sum(row["line"] is not None for row in counted)}
    assert sum(value["votes"] for value in expected.values()) > 0
    assert _stored(demo_engine, faction_month_stats, "faction_id") == expected


def test_demo_faction_pair_month_stats_equal_a_recount_of_the_lines(demo_engine):
    lines = _tallies_with_months(demo_engine).filter(pl.col("line").is_not_null()).select("vote_id", "month",
                                                                                         "faction_id", "line")
    pairs = (lines.join(lines.drop("month"), on="vote_id", suffix="_b").filter(pl.col("faction_id") < pl.col("faction_id_b"))
             .group_by("month", "faction_id", "faction_id_b")
             .agg(both_lines=pl.len(), same=(pl.col("line") == pl.col("line_b")).sum(),
                  both_for=((pl.col("line") == "for") & (pl.col("line_b") == "for")).sum()))
    expected = {(row["month"], row["faction_id"], row["faction_id_b"]):
                {"both_lines": row["both_lines"], "same": row["same"], "both_for": row["both_for"]}
                for row in pairs.iter_rows(named=True)}
    assert expected
    assert _stored(demo_engine, faction_pair_month_stats, "faction_a", "faction_b") == expected


def test_least_united_ranks_only_factions_of_five_lowest_first(mini):
    frame = fq.least_united(mini, YEAR)
    assert frame["faction"].to_list() == ["А", "А", "А"]
    assert frame["vote_id"].to_list() == [3, 2, 1]
    assert frame["agreement_index"].to_list() == pytest.approx([0, 0.25, 0.625])
