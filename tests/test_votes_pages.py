"""Votes overview, one vote, factions and data quality under AppTest, in both audiences, on the demo council."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, true

from dashboard.db import read_engine
from dashboard.i18n import t
from dashboard.metrics.votes import choice_key
from dashboard.schema import vote_choices, vote_faction_tallies, votes

AUDIENCES = ("public", "internal")
YEAR = "2017"


def metric(app, label: str) -> str:
    values = [m.value for m in app.metric if m.label == label]
    assert values, f"no metric {label!r} among {[m.label for m in app.metric]}"
    return values[0]


def as_int(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


@pytest.fixture(scope="module")
def demo_votes(demo_sqlite_url):
    """A published vote with faction tallies (its n_for and choice count) and an internal vote."""
    engine = read_engine(demo_sqlite_url)
    with engine.connect() as connection:
        public_id = connection.execute(select(func.min(vote_faction_tallies.c.vote_id))).scalar_one()
        n_for = connection.execute(select(votes.c.n_for).where(votes.c.id == public_id)).scalar_one()
        slots = connection.execute(select(func.count()).select_from(vote_choices)
                                   .where(vote_choices.c.vote_id == public_id)).scalar_one()
        internal_id = connection.execute(select(func.min(votes.c.id)).where(votes.c.is_public != true())).scalar_one()
    return {"public": public_id, "n_for": n_for, "slots": slots, "internal": internal_id}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_votes_overview(run_page, audience):
    app = run_page("pages/votes.py", audience, year=YEAR)
    assert not app.exception
    assert as_int(metric(app, t("votes_votes", "uk"))) > 0
    assert as_int(metric(app, t("votes_sessions", "uk"))) > 0
    assert "%" in metric(app, t("votes_share_adopted", "uk"))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_votes_overview_search_kind_and_order_from_the_link(run_page, audience):
    app = run_page("pages/votes.py", audience, year=YEAR, kind="decision", order="closest", q="zzzz-no-such-title")
    assert not app.exception
    assert any(info.body == t("votes_search_none", "uk") for info in app.info)
    app = run_page("pages/votes.py", audience, year=YEAR, kind="no-such-kind")
    assert not app.exception
    assert any("kind" in info.body for info in app.info)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_one_vote(run_page, demo_votes, audience):
    app = run_page("pages/vote.py", audience, vote=str(demo_votes["public"]))
    assert not app.exception
    shown_for = metric(app, next(m.label for m in app.metric if m.label.startswith("«За»")))
    assert shown_for.split("/")[0].strip() == str(demo_votes["n_for"])
    roll_call = app.dataframe[-1].value
    assert len(roll_call) == demo_votes["slots"]


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("bad", ["abc", "-3", "0"])
def test_one_vote_with_a_bad_link_parameter(run_page, audience, bad):
    app = run_page("pages/vote.py", audience, vote=bad)
    assert not app.exception
    assert any("vote" in info.body for info in app.info)


def test_unknown_and_internal_votes(run_page, demo_votes):
    app = run_page("pages/vote.py", "public", vote="987654321")
    assert not app.exception and app.warning
    app = run_page("pages/vote.py", "public", vote=str(demo_votes["internal"]))
    assert not app.exception and app.warning and not app.metric
    app = run_page("pages/vote.py", "internal", vote=str(demo_votes["internal"]))
    assert not app.exception and app.metric


@pytest.mark.parametrize("audience", AUDIENCES)
def test_factions(run_page, audience):
    app = run_page("pages/factions.py", audience, year=YEAR)
    assert not app.exception
    assert as_int(metric(app, t("factions_count", "uk"))) > 1
    assert as_int(metric(app, t("factions_votes_counted", "uk"))) > 0
    app = run_page("pages/factions.py", audience, year=YEAR, metric="rice", lang="en")
    assert not app.exception and app.metric


@pytest.mark.parametrize("audience", AUDIENCES)
def test_data_quality(run_page, audience):
    app = run_page("pages/data_quality.py", audience, year=YEAR)
    assert not app.exception
    assert as_int(metric(app, t("quality_unnamed_count", "uk"))) >= 0
    assert as_int(metric(app, t("quality_mismatch_count", "uk"))) >= 0


def test_choices_are_printed_in_the_deputy_gender():
    def choice_label(choice, gender, lang):
        return t(choice_key(choice, gender), lang)

    assert choice_label("abstain", "f", "uk") == "утрималась"
    assert choice_label("abstain", "m", "uk") == "утримався"
    assert choice_label("not_voting", "f", "uk") == "не голосувала"
    assert choice_label("absent", "f", "uk") == "відсутня"
    assert choice_label("absent", None, "uk") == "відсутній"
    assert choice_label("for", "f", "uk") == "за"
