"""Deputies queries on the demo council, both backends: every summary figure recounted by hand from the choices.

The demo (dashboard/writer/demo.py) has a coalition (РГ, НМ), a swing group (ВІД) and an opposition
(ГП, ЄВ) that votes against contested drafts; 2016 has no faction switches, so every deputy's faction is
the same all year. A few decision votes are internal.
"""

from __future__ import annotations

from collections import Counter

import polars as pl
import pytest
from sqlalchemy import select

from dashboard.filters import Filters
from dashboard.schema import deputies as deputies_table
from dashboard.schema import plenary_sessions, vote_choices, votes
from queries import agreement as aq
from queries import deputies as q
from queries.datasets import all_datasets

YEAR = Filters.for_year(2016)
COALITION, OPPOSITION = ("Розвиток громади", "Наше місто"), ("Громадянська платформа", "Європейський вибір")
VOTED = ("for", "against", "abstain")


def deputy_id(engine, full_name: str) -> int:
    with engine.connect() as connection:
        return connection.execute(
            select(deputies_table.c.id).where(deputies_table.c.full_name == full_name)).scalar_one()


def choices_by_hand(engine, deputy: int, year: int) -> dict[int, str]:
    """The deputy's choice on every published, non-registration vote of the year: {vote id: choice}."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(votes.c.id, votes.c.kind, votes.c.is_public, plenary_sessions.c.held_on, vote_choices.c.choice)
            .join(votes, votes.c.id == vote_choices.c.vote_id)
            .join(plenary_sessions, plenary_sessions.c.id == votes.c.session_id)
            .where(vote_choices.c.deputy_id == deputy)).all()
    return {row.id: row.choice for row in rows
            if row.is_public and row.kind != "registration" and str(row.held_on)[:4] == str(year)}


def test_attendance_is_present_over_held_recounted_by_hand(demo_engine):
    absentee = deputy_id(demo_engine, "Онищенко Роман Вікторович")
    choices = Counter(choices_by_hand(demo_engine, absentee, 2016).values())
    held = sum(choices.values())
    row = q.deputy_attendance(demo_engine, YEAR).filter(pl.col("deputy_id") == absentee).row(0, named=True)
    assert held > 300
    assert row["held"] == held
    assert row["present"] == held - choices["absent"]
    assert row["attendance"] == pytest.approx((held - choices["absent"]) / held)
    assert row["participation"] == pytest.approx(sum(choices[c] for c in VOTED) / held)
    assert row["faction"] == "Наше місто"
    # An absentee attends less than the council's median deputy.
    assert row["attendance"] < q.deputy_attendance(demo_engine, YEAR)["attendance"].median()


def test_agreement_of_a_pair_recounted_by_hand(demo_engine):
    a = deputy_id(demo_engine, "Кириленко Василь Степанович")  # a rebel of РГ
    b = deputy_id(demo_engine, "Харченко Олександр Іванович")  # ГП, the opposition
    first, second = choices_by_hand(demo_engine, a, 2016), choices_by_hand(demo_engine, b, 2016)
    both = [v for v in first.keys() & second.keys() if first[v] in VOTED and second[v] in VOTED]
    same = sum(first[v] == second[v] for v in both)
    pairs = aq.agreement_matrix(demo_engine, YEAR)
    row = pairs.filter(pl.col("deputy_a") == min(a, b), pl.col("deputy_b") == max(a, b)).row(0, named=True)
    assert (row["both_voted"], row["same"]) == (len(both), same)
    assert row["share"] == pytest.approx(same / len(both))
    colleague = q.deputy_colleagues(demo_engine, YEAR, a).filter(pl.col("deputy_id") == b).row(0, named=True)
    assert (colleague["both_voted"], colleague["same"]) == (len(both), same)


def test_colleagues_of_the_own_faction_agree_more(demo_engine):
    member = deputy_id(demo_engine, "Антоненко Віктор Іванович")  # РГ
    colleagues = q.deputy_colleagues(demo_engine, YEAR, member)
    own = colleagues.filter(pl.col("faction") == "Розвиток громади")["share"].mean()
    opposition = colleagues.filter(pl.col("faction").is_in(OPPOSITION))["share"].mean()
    assert own > opposition + 0.2
    assert colleagues.height == 36  # every other member of 2016 (the mayor included)


def test_rebellions_list_matches_the_summary(demo_engine):
    rebel = deputy_id(demo_engine, "Тимошенко Володимир Петрович")
    row = q.deputy_attendance(demo_engine, YEAR, rebel).row(0, named=True)
    for counted, expected in ((False, row["rebellions"]), (True, row["rebellions_with_not_voting"])):
        listed = q.deputy_rebellions(demo_engine, YEAR, rebel, counted, limit=10_000)
        assert listed.height == expected > 0
        assert (listed["choice"] != listed["line"]).all()
        assert listed["choice"].is_in(["for", "against", "abstain", "not_voting"] if counted else list(VOTED)).all()
    assert q.deputy_rebellions(demo_engine, YEAR, rebel, True, limit=5).height == 5


def test_own_faction_line_share_is_loyalty(demo_engine):
    rebel = deputy_id(demo_engine, "Тимошенко Володимир Петрович")  # ВІД all of 2016
    row = q.deputy_attendance(demo_engine, YEAR, rebel).row(0, named=True)
    for counted, loyalty in ((False, row["loyalty"]), (True, row["loyalty_with_not_voting"])):
        lines = q.deputy_faction_lines(demo_engine, YEAR, rebel, counted)
        own = lines.filter(pl.col("faction") == "Відповідальні").row(0, named=True)
        assert own["share"] == pytest.approx(loyalty)
        assert set(lines["faction"]) == {"Розвиток громади", "Наше місто", "Відповідальні", *OPPOSITION}
    assert row["loyalty"] < 0.97  # a rebel


def test_no_loyalty_without_a_faction(demo_engine):
    frame = q.deputy_attendance(demo_engine, YEAR)
    mayor = frame.filter(pl.col("faction").is_null())
    assert mayor.height == 1
    assert mayor["loyalty"].is_null().all() and mayor["rebellions"].is_null().all()
    assert mayor["attendance"][0] > 0
    assert frame.filter(pl.col("faction").is_not_null())["loyalty"].is_not_null().all()


def test_map_separates_coalition_from_opposition(demo_engine):
    positions = aq.positions_map(demo_engine, YEAR)
    assert positions.height == 37
    coalition = positions.filter(pl.col("faction").is_in(COALITION))["x"]
    opposition = positions.filter(pl.col("faction").is_in(OPPOSITION))["x"]
    assert coalition.min() > opposition.max()
    assert coalition.mean() - opposition.mean() > 3 * max(coalition.std(), opposition.std())
    assert 0.2 < positions["explained_x"][0] < 1 and positions["explained_y"][0] < positions["explained_x"][0]


def test_heatmap_is_square_and_ordered_by_blocs(demo_engine):
    square = aq.agreement_heatmap(demo_engine, YEAR)
    labels = square["label"].to_list()
    assert square.height == 37 and square.columns[-37:] == labels
    assert [square[label][i] for i, label in enumerate(labels)] == [1.0] * 37
    camp = ["coalition" if f in COALITION else "opposition" if f in OPPOSITION else "other" for f in square["faction"]]
    opposition_at = [i for i, c in enumerate(camp) if c == "opposition"]
    assert opposition_at == list(range(opposition_at[0], opposition_at[0] + len(opposition_at)))  # one block


def contested_by_hand(engine, filters: Filters) -> int:
    """Votes of the period, not registration, whose smaller side of «за» / not «за» is 2.5 % of those present."""
    with engine.connect() as connection:
        rows = connection.execute(select(votes.c.kind, votes.c.is_public, votes.c.voted_at, votes.c.n_for,
                                         votes.c.n_present)).all()
    return sum(1 for r in rows
               if r.kind != "registration" and (r.is_public or not filters.public_only)
               and filters.date_from <= r.voted_at.date() <= filters.date_to and r.n_present
               and min(r.n_for, r.n_present - r.n_for) >= 0.025 * r.n_present)


def test_public_audience_never_sees_internal_votes(demo_engine):
    with demo_engine.connect() as connection:
        internal = connection.execute(select(votes.c.id, votes.c.voted_at).where(votes.c.is_public.is_(False))).all()
    assert internal, "the demo has internal votes"
    public = Filters.for_year(internal[0].voted_at.year)
    insider = Filters.for_year(internal[0].voted_at.year, audience="internal")
    assert contested_by_hand(demo_engine, insider) > contested_by_hand(demo_engine, public)
    assert aq.positions_map(demo_engine, public)["votes_used"][0] == contested_by_hand(demo_engine, public)
    assert aq.positions_map(demo_engine, insider)["votes_used"][0] == contested_by_hand(demo_engine, insider)
    internal_ids = {row.id for row in internal}
    for name in ("Антоненко Віктор Іванович", "Харченко Олександр Іванович"):
        for counted in (False, True):
            listed = q.deputy_rebellions(demo_engine, public, deputy_id(demo_engine, name), counted, 10_000)
            assert not set(listed["vote_id"]) & internal_ids


def test_unknown_deputy_is_empty(demo_engine):
    assert q.deputy_info(demo_engine, 999_999).is_empty()
    assert q.deputy_attendance(demo_engine, YEAR, 999_999).is_empty()
    assert q.deputy_colleagues(demo_engine, YEAR, 999_999).is_empty()


def test_datasets_are_registered(demo_engine):
    datasets = all_datasets()
    for name in ("deputy_attendance", "agreement_matrix", "positions_map"):
        frame = datasets[name].query(demo_engine, YEAR)
        assert frame.height > 30, name


def test_any_faction_line_share_equals_a_recount_of_the_choices(demo_engine):
    from dashboard.schema import vote_faction_tallies

    rebel = deputy_id(demo_engine, "Тимошенко Володимир Петрович")
    lines = q.deputy_faction_lines(demo_engine, YEAR, rebel, True)
    with demo_engine.connect() as connection:
        rows = connection.execute(
            select(vote_faction_tallies.c.faction_id, vote_choices.c.choice, vote_faction_tallies.c.line)
            .select_from(vote_choices.join(votes, votes.c.id == vote_choices.c.vote_id)
                         .join(plenary_sessions, plenary_sessions.c.id == votes.c.session_id)
                         .join(vote_faction_tallies, vote_faction_tallies.c.vote_id == votes.c.id))
            .where(vote_choices.c.deputy_id == rebel, votes.c.is_public, votes.c.kind != "registration",
                   plenary_sessions.c.held_on.between(YEAR.date_from, YEAR.date_to),
                   vote_faction_tallies.c.line.is_not(None),
                   vote_choices.c.choice.in_(["for", "against", "abstain", "not_voting"]))).all()
    base = Counter(faction for faction, _, _ in rows)
    same = Counter(faction for faction, choice, line in rows if choice == line)
    assert {r["faction_id"]: (r["votes"], r["same"]) for r in lines.iter_rows(named=True)} == {
        faction: (base[faction], same[faction]) for faction in base}
