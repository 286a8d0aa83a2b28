"""The demo council: deterministic for a seed, scaled by --scale, consistent, and calibrated to docs/kpis.md.

Calibrations are checked with plain SQL counts, independently of the overview's own queries.
"""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import insert, text

from dashboard.db import write_engine
from dashboard.schema import PUBLIC_FILTERED_TABLES, metadata, units
from dashboard.writer import demo
from dashboard.writer.demo.media import REPORT_OUTLETS
from tests.support import DEMO_SEED

YEAR_2017 = "BETWEEN '2017-01-01' AND '2017-12-31'"


def scalar(engine, sql: str):
    with engine.connect() as connection:
        return connection.execute(text(sql)).scalar_one()


def build(path, seed: int = DEMO_SEED, scale: int = 1):
    engine = write_engine(f"sqlite:///{path}")
    metadata.create_all(engine)
    counts = demo.build(engine, scale=scale, seed=seed)
    return engine, counts


def table_digest(engine, table) -> str:
    """SHA-256 of a table's rows in primary-key order (every column, as the database returns them)."""
    order = ", ".join(c.name for c in (table.primary_key.columns or table.columns))
    digest = hashlib.sha256()
    with engine.connect() as connection:
        for row in connection.execute(text(f"SELECT * FROM {table.name} ORDER BY {order}")):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def other_seed_double_scale(tmp_path_factory):
    """Seed 2018 at scale 2: for "another seed differs" (tables that do not scale) and for the volumes."""
    return build(tmp_path_factory.mktemp("demo2") / "demo.sqlite", seed=2018, scale=2)


def test_same_seed_gives_identical_tables(demo_sqlite_url, tmp_path):
    first = write_engine(demo_sqlite_url)
    second, _counts = build(tmp_path / "again.sqlite")
    for table in metadata.sorted_tables:
        assert table_digest(first, table) == table_digest(second, table), table.name


def test_another_seed_gives_another_council(demo_sqlite_url, other_seed_double_scale):
    ours = write_engine(demo_sqlite_url)
    theirs, _counts = other_seed_double_scale
    for name in ("public_events", "site_traffic_daily", "broadcasts"):
        assert table_digest(ours, metadata.tables[name]) != table_digest(theirs, metadata.tables[name]), name


def test_scale_multiplies_volumes(demo_sqlite_url, other_seed_double_scale):
    ours = write_engine(demo_sqlite_url)
    theirs, counts = other_seed_double_scale
    for name in ("vote_choices", "votes", "page_traffic_daily", "media_mentions", "petitions", "procurements"):
        single = scalar(ours, f"SELECT count(*) FROM {name}")
        assert counts[name] == scalar(theirs, f"SELECT count(*) FROM {name}")
        assert 1.7 < counts[name] / single < 2.3, name
    for name in ("plenary_sessions", "deputies", "units", "site_traffic_daily"):
        assert scalar(theirs, f"SELECT count(*) FROM {name}") == scalar(ours, f"SELECT count(*) FROM {name}"), name


# Plausible volumes at scale 1: table -> (at least, at most).
VOLUMES = {
    "units": (14, 18), "outlets": (24, 40), "media_mentions": (4_000, 9_000), "public_events": (150, 300),
    "broadcasts": (500, 900), "site_traffic_daily": (2_150, 2_192), "page_traffic_daily": (170_000, 240_000),
    "channel_traffic_daily": (10_000, 11_000), "device_traffic_daily": (6_000, 6_600), "site_pages": (90, 120),
    "site_page_rules": (25, 40),
    "page_traffic_monthly": (6_000, 9_000), "channel_traffic_monthly": (300, 450), "device_traffic_monthly": (200, 250), "petitions": (450, 700),
    "petition_signature_snapshots": (8_000, 20_000), "petition_authors_internal": (450, 700),
    "petition_working_days": (4_300, 5_200),  # 2015 to the end of next year: the law's clock's calendar
    "convocations": (1, 1),
    "factions": (4, 6), "deputies": (38, 40), "faction_memberships": (38, 45), "plenary_sessions": (60, 75),
    "votes": (2_400, 3_600), "vote_choices": (70_000, 130_000), "decisions": (1_700, 2_300), "procurements": (4_500, 5_500),
    "procurement_lots": (4_800, 5_800), "procurement_items": (4_800, 5_800), "procurement_bids": (5_000, 8_000),
    "procurement_awards": (4_000, 5_500), "procurement_contracts": (4_000, 5_500),
    "procurement_contacts_internal": (4_500, 5_500), "consultations": (30, 60), "kpi_targets": (40, 80),
    "vote_faction_tallies": (10_000, 20_000), "deputy_month_stats": (1_500, 3_000), "deputy_pair_month_stats": (20_000, 45_000),
    "faction_month_stats": (200, 400), "faction_pair_month_stats": (300, 800), "deputy_line_month_stats": (8_000, 12_000),
}


def test_every_table_is_filled_with_plausible_volumes(demo_engine):
    only_imports_write = {"import_batches", "import_problems", "unit_history"}  # the demo writes directly, once
    assert set(VOLUMES) | only_imports_write == set(metadata.tables)
    for name, (low, high) in VOLUMES.items():
        assert low <= scalar(demo_engine, f"SELECT count(*) FROM {name}") <= high, name


def test_every_domain_has_internal_rows(demo_engine):
    for name in PUBLIC_FILTERED_TABLES:
        assert scalar(demo_engine, f"SELECT count(*) FROM {name} WHERE NOT is_public") >= 1, name


# docs/kpis.md, 2017, public audience: kpi -> (SQL, check).
CALIBRATIONS = {
    "press_conferences": (f"SELECT count(*) FROM public_events WHERE kind = 'press_conference' AND is_public AND held_on {YEAR_2017}",
                          lambda n: n == 12),
    "guest_in_studio": (f"SELECT count(*) FROM public_events WHERE kind = 'guest_in_studio' AND is_public AND held_on {YEAR_2017}",
                        lambda n: n == 5),
    "foreign_journalists": (f"SELECT count(*) FROM public_events WHERE kind = 'foreign_journalists' AND is_public "
                            f"AND held_on {YEAR_2017}", lambda n: n == 2),
    "website_daily_visitors": (f"SELECT avg(visitors) FROM site_traffic_daily WHERE day {YEAR_2017}", lambda n: 500 <= n <= 600),
    "live_streams": ("SELECT count(*) FROM broadcasts WHERE is_public AND started_at < '2018-01-01'", lambda n: 301 <= n <= 330),
    "live_stream_views": ("SELECT sum(views) FROM broadcasts WHERE is_public AND started_at < '2018-01-01'",
                          lambda n: 20_500 <= n <= 21_499),
    "procurements": (f"SELECT count(*) FROM procurements WHERE is_public AND published_on {YEAR_2017}", lambda n: n == 900),
    "petitions_submitted": ("SELECT count(*) FROM petitions WHERE is_public AND submitted_on <= '2017-12-31'",
                            lambda n: 221 <= n <= 240),
    "petitions_considered": ("SELECT count(*) FROM petitions WHERE is_public AND threshold_reached_on IS NOT NULL "
                             "AND responded_on <= '2017-12-31'", lambda n: n == 30),
    "plenary_sessions": ("SELECT count(DISTINCT s.id) FROM plenary_sessions s JOIN votes v ON v.session_id = s.id "
                         "JOIN convocations c ON c.id = s.convocation_id "
                         "WHERE c.number = 7 AND v.is_public AND s.held_on <= '2017-12-31'", lambda n: n == 31),
    "decisions": ("SELECT count(*) FROM decisions d JOIN convocations c ON c.id = d.convocation_id "
                  "WHERE c.number = 7 AND d.is_public AND d.adopted_on <= '2017-12-31'", lambda n: 1_001 <= n <= 1_100),
    "consultations_online": (f"SELECT count(*) FROM consultations WHERE is_public AND online_poll AND started_on {YEAR_2017}",
                             lambda n: n == 3),
}


@pytest.mark.parametrize("kpi", CALIBRATIONS)
def test_2017_calibration(demo_engine, kpi):
    sql, check = CALIBRATIONS[kpi]
    assert check(scalar(demo_engine, sql)), kpi


def test_2017_internal_rows_come_on_top(demo_engine):
    everyone = scalar(demo_engine, f"SELECT count(*) FROM public_events WHERE kind = 'press_conference' AND held_on {YEAR_2017}")
    assert everyone == 13


def test_2017_outlets_are_the_reports_plus_news_sites(demo_engine):
    with demo_engine.connect() as connection:
        covering = connection.execute(text(
            "SELECT DISTINCT o.name, o.kind, o.scope FROM media_mentions m JOIN outlets o ON o.id = m.outlet_id "
            f"WHERE m.is_public AND m.published_on {YEAR_2017}")).all()
    assert set(REPORT_OUTLETS) <= {tuple(row) for row in covering}
    kinds = [kind for _name, kind, _scope in REPORT_OUTLETS]
    assert (kinds.count("tv"), kinds.count("print"), kinds.count("radio")) == (12, 6, 1)
    assert sum(kind == "online" for _name, kind, _scope in covering) >= 5
    assert {"С-плюс", "112 канал", "Урядовий кур'єр", "Классное радио"} <= {name for name, *_ in covering}


def test_every_deputy_in_office_has_a_choice_on_every_vote(demo_engine):
    assert scalar(demo_engine, "SELECT count(*) FROM (SELECT vote_id FROM vote_choices GROUP BY vote_id "
                               "HAVING count(*) <> 37 OR count(DISTINCT deputy_id) <> 37) wrong") == 0
    assert scalar(demo_engine, "SELECT count(*) FROM vote_choices "
                               "WHERE choice NOT IN ('for', 'against', 'abstain', 'not_voting', 'absent')") == 0
    outside_mandate = ("SELECT count(*) FROM vote_choices vc JOIN votes v ON v.id = vc.vote_id "
                       "JOIN plenary_sessions s ON s.id = v.session_id JOIN deputies d ON d.id = vc.deputy_id "
                       "WHERE s.held_on < d.mandate_from OR s.held_on > d.mandate_to")
    assert scalar(demo_engine, outside_mandate) == 0


def test_tallies_equal_the_choices_except_flagged_votes(demo_engine):
    recount = ("SELECT v.id, v.tally_mismatch, "
               "v.n_for = sum(CASE WHEN c.choice = 'for' THEN 1 ELSE 0 END) "
               "AND v.n_against = sum(CASE WHEN c.choice = 'against' THEN 1 ELSE 0 END) "
               "AND v.n_abstain = sum(CASE WHEN c.choice = 'abstain' THEN 1 ELSE 0 END) "
               "AND v.n_not_voting = sum(CASE WHEN c.choice = 'not_voting' THEN 1 ELSE 0 END) "
               "AND v.n_present = sum(CASE WHEN c.choice <> 'absent' THEN 1 ELSE 0 END) AS agrees "
               "FROM votes v JOIN vote_choices c ON c.vote_id = v.id "
               "GROUP BY v.id, v.tally_mismatch, v.n_for, v.n_against, v.n_abstain, v.n_not_voting, v.n_present")
    with demo_engine.connect() as connection:
        rows = connection.execute(text(recount)).all()
    assert all(bool(agrees) != bool(flagged) for _id, flagged, agrees in rows)
    assert 2 <= sum(bool(flagged) for _id, flagged, _agrees in rows) <= 3


def test_council_composition(demo_engine):
    assert scalar(demo_engine, "SELECT composition FROM convocations WHERE number = 7") == 37
    assert scalar(demo_engine, "SELECT count(*) FROM deputies WHERE is_mayor") == 1
    assert scalar(demo_engine, "SELECT count(*) FROM faction_memberships m JOIN deputies d ON d.id = m.deputy_id "
                               "WHERE d.is_mayor") == 0
    assert scalar(demo_engine, "SELECT count(*) FROM deputies WHERE mandate_to IS NOT NULL") == 2
    assert scalar(demo_engine, "SELECT count(*) FROM (SELECT deputy_id FROM faction_memberships GROUP BY deputy_id "
                               "HAVING count(DISTINCT faction_id) > 1) switched") == 3
    assert scalar(demo_engine, "SELECT count(*) FROM factions WHERE color IS NULL") == 0


def test_decisions_come_from_adopted_decision_votes(demo_engine):
    assert scalar(demo_engine, "SELECT count(*) FROM decisions d JOIN votes v ON v.id = d.vote_id "
                               "WHERE v.kind <> 'decision' OR NOT v.adopted OR d.unit_id IS NULL") == 0
    assert scalar(demo_engine, "SELECT count(*) FROM votes v WHERE v.kind = 'decision' AND v.adopted "
                               "AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.vote_id = v.id)") == 0
    assert scalar(demo_engine, "SELECT count(*) FROM votes WHERE kind = 'decision' AND adopted AND n_for < 19") == 0


def test_voting_patterns_are_realistic(demo_engine):
    """Cohesive factions, failed and close decisions, procedural votes passing with fewer than 19."""
    rice = scalar(demo_engine, "SELECT avg(abs(n_for - n_against) * 1.0 / (n_for + n_against)) FROM vote_faction_tallies "
                               "WHERE n_for + n_against > 0")
    assert rice > 0.85
    assert scalar(demo_engine, "SELECT count(*) FROM votes WHERE kind = 'decision' AND NOT adopted") > 100
    assert scalar(demo_engine, "SELECT count(*) FROM votes WHERE kind = 'decision' AND n_for BETWEEN 19 AND 20") > 20
    assert scalar(demo_engine, "SELECT count(*) FROM votes WHERE kind = 'procedural' AND adopted AND n_for < 19") > 20
    # The coalition's largest faction and the largest opposition faction take opposite lines on a fair share of votes.
    opposed = ("SELECT count(*) FROM vote_faction_tallies a JOIN vote_faction_tallies b ON a.vote_id = b.vote_id "
               "JOIN factions fa ON fa.id = a.faction_id JOIN factions fb ON fb.id = b.faction_id "
               "WHERE fa.short_name = 'РГ' AND fb.short_name = 'ГП' AND a.line = 'for' AND b.line = 'against'")
    assert scalar(demo_engine, opposed) > 400


def test_written_ids_leave_room_for_imports(demo_url):
    """Explicit ids must not block later inserts (PostgreSQL sequences are moved past them)."""
    engine = write_engine(demo_url)
    with engine.connect() as connection:
        transaction = connection.begin()
        new_id = connection.execute(insert(units).values(code="NEW", name_uk="Новий", name_en="New")
                                    .returning(units.c.id)).scalar_one()
        transaction.rollback()
    assert new_id > 17
