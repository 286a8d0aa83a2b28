"""Traffic, stream and path-rule imports over the hand-written files in tests/data/website (answers in its README),
on SQLite and PostgreSQL: Matomo's reports recognised from their rows (bounce "54%", `[]` days, unique visitors
per day, the nested page tree, UTF-16 CSV), Plausible's versions and its monthly rule, later exports replacing
the days they overlap, re-imports that change nothing, path rules re-applied, and bad files refused at their
line or JSON path with every table's row count unchanged."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from dashboard import vocabularies
from dashboard.schema import (
    broadcasts,
    channel_traffic_daily,
    channel_traffic_monthly,
    device_traffic_daily,
    device_traffic_monthly,
    page_traffic_daily,
    page_traffic_monthly,
    site_pages,
    site_traffic_daily,
    units,
)
from dashboard.writer.importers import ImportFailed, run_import
from tests.support import empty_database, row_counts

DATA = Path(__file__).parent / "data" / "website"
CODES = sorted({row["unit"] for row in vocabularies.rows("page_units")})
UNITS = [{"code": code, "name_uk": code.title(), "name_en": code.title()} for code in CODES]
D = dt.date


@pytest.fixture(params=("sqlite", "postgresql"))
def engine(request, tmp_path):
    """An empty database with the schema and every unit the shipped path rules name, on each backend."""
    engine = empty_database(request.param, request.node.name, tmp_path, "vidkryto_website", {units: UNITS})
    yield engine
    engine.dispose()


def rows(engine, table, *columns) -> list[tuple]:
    with engine.connect() as connection:
        return sorted(tuple(row) for row in connection.execute(select(*(table.c[c] for c in columns))))


def page_views(engine, table=page_traffic_daily, period="day") -> dict[tuple, int]:
    stmt = select(table.c[period], site_pages.c.path, table.c.pageviews).join_from(
        table, site_pages, site_pages.c.id == table.c.page_id)
    with engine.connect() as connection:
        return {(row[0], row.path): row.pageviews for row in connection.execute(stmt)}


def page_units(engine) -> dict[str, str | None]:
    stmt = select(site_pages.c.path, units.c.code).join_from(site_pages, units, units.c.id == site_pages.c.unit_id,
                                                            isouter=True)
    with engine.connect() as connection:
        return dict(connection.execute(stmt).all())


def zipped(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for member, body in files.items():
            archive.writestr(member, body)
    return path


def plausible(tmp_path: Path, folder: str) -> Path:
    return zipped(tmp_path, f"{folder}.zip", {p.name: p.read_text(encoding="utf-8") for p in (DATA / folder).iterdir()})


SITE = ("day", "visitors", "visits", "pageviews", "bounce_rate", "avg_visit_seconds")


# --- Matomo -------------------------------------------------------------------------------------

def test_visits_summary_per_day_with_bounce_as_percent_and_empty_days(engine):
    summary = run_import(engine, "traffic", DATA / "visits.json", None, None)
    assert rows(engine, site_traffic_daily, *SITE) == [
        (D(2017, 1, 2), 120, 150, 420, 0.54, 160.0), (D(2017, 1, 3), 100, 130, 300, 0.4, 120.0),
        (D(2017, 1, 5), 90, 110, 250, 0.5, 100.0), (D(2017, 1, 6), 80, 95, 200, 0.4, 90.0)]  # 4 January: [] -> no row
    assert any("recognised from its rows" in note and "VisitsSummary.get" in note for note in summary.notes)
    assert any("nb_actions" in note and "downloads and outlinks" in note for note in summary.notes)
    assert summary.rows_read == 4 and summary.rows_written == 4


def test_a_later_export_replaces_the_days_it_covers(engine):
    run_import(engine, "traffic", DATA / "visits.json", None, None)
    summary = run_import(engine, "traffic", DATA / "visits-later.json", None, None)
    assert rows(engine, site_traffic_daily, "day", "visitors", "pageviews", "bounce_rate") == [
        (D(2017, 1, 2), 120, 420, 0.54), (D(2017, 1, 3), 100, 300, 0.4),
        (D(2017, 1, 5), 95, 240, 0.52),  # nb_pageviews where the export has it
        (D(2017, 1, 7), 60, 140, 0.6), (D(2017, 1, 8), 55, 120, 0.0)]  # 6 January: [] in the later export
    assert not any("nb_actions" in note for note in summary.notes)


def test_importing_again_changes_nothing(engine, tmp_path):
    run_import(engine, "traffic", DATA / "pages.json", None, None)
    before = row_counts(engine)
    assert run_import(engine, "traffic", DATA / "pages.json", None, None).unchanged
    copy = Path(shutil.copy(DATA / "pages.json", tmp_path / "copy.json"))
    again = run_import(engine, "traffic", copy, None, None)
    assert again.rows_written == 0
    assert {k: v for k, v in row_counts(engine).items() if k != "import_batches"} == \
           {k: v for k, v in before.items() if k != "import_batches"}


def test_visits_summary_csv_in_utf16_and_utf8(engine, tmp_path):
    summary = run_import(engine, "traffic", DATA / "visits-utf16.csv", None, None)
    assert "visits-utf16.csv read as UTF-16LE with a byte-order mark" in summary.notes
    expected = [(D(2017, 2, 1), 70, 84, 190, 0.5, 120.0), (D(2017, 2, 3), 66, 75, 160, 0.36, 100.0)]
    assert rows(engine, site_traffic_daily, *SITE) == expected  # 2 February has no figures: no row
    utf8 = tmp_path / "visits-utf8.csv"
    utf8.write_text((DATA / "visits-utf16.csv").read_bytes().decode("utf-16").replace("84,190", "85,190"),
                    encoding="utf-8")
    run_import(engine, "traffic", utf8, None, None)
    assert rows(engine, site_traffic_daily, "day", "visits") == [(D(2017, 2, 1), 85), (D(2017, 2, 3), 75)]


PAGE_DAYS = {(D(2017, 1, 2), "/"): 50, (D(2017, 1, 2), "/council"): 5, (D(2017, 1, 2), "/council/sessions/2017"): 20,
             (D(2017, 1, 2), "/council/sessions/2016"): 5, (D(2017, 1, 2), "/news/city-budget"): 12,
             (D(2017, 1, 2), "/units/edu"): 4, (D(2017, 1, 2), "/units/edu/schools"): 3,
             (D(2017, 1, 2), "/contacts"): 2, (D(2017, 2, 1), "/"): 33, (D(2017, 2, 1), "/news/city-budget"): 6}


@pytest.mark.parametrize("name", ["pages.json", "pages-flat.json"])
def test_the_page_tree_flattens_to_leaves_with_full_paths(engine, name):
    summary = run_import(engine, "traffic", DATA / name, None, None)
    assert page_views(engine) == PAGE_DAYS  # folders' own sums are not pages; /index is the folder; ?print=1 joins /2016
    assert sum(PAGE_DAYS.values()) == 140 and "8 pages created" in summary.notes
    assert page_views(engine, page_traffic_monthly, "month") == {
        (D(2017, 1, 1), path): views for (day, path), views in PAGE_DAYS.items() if day.month == 1} | {
        (D(2017, 2, 1), "/"): 33, (D(2017, 2, 1), "/news/city-budget"): 6}
    assert page_units(engine) == {"/": None, "/contacts": None, "/council": "COUNCIL", "/council/sessions/2017": "COUNCIL",
                                  "/council/sessions/2016": "COUNCIL", "/news/city-budget": "PRESS",
                                  "/units/edu": "EDU", "/units/edu/schools": "EDU"}


def test_referrer_types_and_device_types_map_to_keys(engine):
    run_import(engine, "traffic", DATA / "referrers.json", None, None)
    run_import(engine, "traffic", DATA / "devices.json", None, None)
    day = D(2017, 1, 2)
    assert rows(engine, channel_traffic_daily, "day", "channel", "visits") == sorted([
        (day, "search", 55), (day, "direct", 40), (day, "social", 20), (day, "referral", 8), (day, "campaign", 2)])
    assert rows(engine, device_traffic_daily, "day", "device", "visits") == sorted([
        (day, "desktop", 60), (day, "mobile", 55), (day, "tablet", 8), (day, "other", 2)])  # smartphone + phablet
    assert rows(engine, device_traffic_monthly, "device", "visits") == [("desktop", 60), ("mobile", 55), ("other", 2),
                                                                       ("tablet", 8)]


@pytest.mark.parametrize(("name", "edit", "reason"), [
    ("pages.json", lambda d: d["2017-01-02"][1]["subtable"][1]["subtable"][0].update(nb_hits="lots"),
     'bad.json: $["2017-01-02"][1].subtable[1].subtable[0].nb_hits: not a count from 0 to 999,999,999'),
    ("pages.json", lambda d: d["2017-01-02"][2].pop("subtable"),
     'bad.json: $["2017-01-02"][2]: folder \'news\' without its pages: export with expanded=1'),
    ("visits.json", lambda d: d["2017-01-03"].update(bounce_rate="140%"),
     'bad.json: $["2017-01-03"].bounce_rate: not a percent from 0 to 100'),
    ("visits.json", lambda d: d["2017-01-05"].pop("nb_uniq_visitors"), 'bad.json: $["2017-01-05"].nb_uniq_visitors: missing'),
    ("visits.json", lambda d: d.update({"2017-13-01": []}), 'bad.json: $["2017-13-01"]: not a date'),
    ("referrers.json", lambda d: d["2017-01-02"][3].update(label="Carrier pigeons"),
     "bad.json: $[\"2017-01-02\"][3].label: unknown channel 'Carrier pigeons'; add it to dashboard/vocabularies/"
     "traffic_channel_sources.csv"),
    ("devices.json", lambda d: d["2017-01-02"].append({"label": "Hologram", "nb_visits": 1}),
     "bad.json: $[\"2017-01-02\"][5].label: unknown device 'Hologram'"),
])
def test_a_bad_value_stops_the_file_at_its_json_path_and_writes_nothing(engine, tmp_path, name, edit, reason):
    run_import(engine, "traffic", DATA / "visits.json", None, None)
    before = row_counts(engine)
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportFailed) as refused:
        run_import(engine, "traffic", path, None, None)
    assert str(refused.value).startswith(reason)
    assert row_counts(engine) == before


def test_broken_json_names_its_line_and_an_unknown_shape_asks_for_a_format(engine, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "2017-01-02": [\n    {"label": "/index", "nb_hits": 5,}\n  ]\n}\n', encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"broken.json: line 3, column \d+: not valid JSON"):
        run_import(engine, "traffic", broken, None, None)
    odd = tmp_path / "odd.json"
    odd.write_text('{"2017-01-02": [{"label": "Ukraine", "nb_visits": 5}]}', encoding="utf-8")
    with pytest.raises(ImportFailed, match="cannot tell which Matomo report this is"):
        run_import(engine, "traffic", odd, None, None)
    with pytest.raises(ImportFailed, match=r'\$\["2017-01-02"\]\[0\].label: unknown channel \'Ukraine\''):
        run_import(engine, "traffic", odd, "matomo-referrers", None)


# --- Plausible ----------------------------------------------------------------------------------

def test_plausible_month_daily_visitors_and_monthly_totals(engine, tmp_path):
    summary = run_import(engine, "traffic", plausible(tmp_path, "plausible-2017-03"), None, None)
    site = rows(engine, site_traffic_daily, *SITE)
    assert len(site) == 29 and sum(row[1] for row in site) == 3365  # 12 and 19 March: no visitors, no rows
    assert site[0] == (D(2017, 3, 1), 101, 121, 303, 0.5, 120.0)
    march = D(2017, 3, 1)
    assert page_views(engine, page_traffic_monthly, "month") == {
        (march, "/"): 4000, (march, "/news"): 620, (march, "/council/sessions"): 400, (march, "/petitions"): 60}
    assert rows(engine, channel_traffic_monthly, "channel", "visits") == [
        ("direct", 1000), ("email", 25), ("referral", 110), ("search", 1400), ("social", 350)]  # channels.csv, not sources
    assert rows(engine, device_traffic_monthly, "device", "visits") == [
        ("desktop", 1700), ("mobile", 1100), ("other", 5), ("tablet", 80)]
    assert rows(engine, page_traffic_daily, "day") == []  # totals are never split into days
    assert any("ignored countries.csv, sources.csv" in note for note in summary.notes)
    assert page_units(engine)["/petitions"] == "DIGITAL"


def test_an_older_plausible_export_stores_what_it_has(engine, tmp_path):
    summary = run_import(engine, "traffic", plausible(tmp_path, "plausible-old-2017-04"), None, None)
    site = rows(engine, site_traffic_daily, "day", "visitors", "visits", "pageviews")
    assert len(site) == 30 and site[0] == (D(2017, 4, 1), 201, None, 402)
    assert any("visitors.csv has no visits column" in note and "visits left empty" in note for note in summary.notes)
    assert any("sources.csv has no visits column" in note for note in summary.notes)
    assert any("devices.csv has no visits column" in note for note in summary.notes)
    assert page_views(engine, page_traffic_monthly, "month") == {(D(2017, 4, 1), "/"): 5200,
                                                                (D(2017, 4, 1), "/news/city-budget"): 700}
    assert rows(engine, channel_traffic_monthly, "channel") == [] == rows(engine, device_traffic_monthly, "device")


def test_plausible_sources_map_to_channels_and_other_sites_are_referrals(engine, tmp_path):
    visitors = (DATA / "plausible-2017-03" / "visitors.csv").read_text(encoding="utf-8")
    sources = "name,visitors,visits\nDirect / None,90,100\nGoogle,50,60\nBing,5,6\nFacebook,7,8\nnews.example,3,4\n"
    summary = run_import(engine, "traffic", zipped(tmp_path, "s.zip", {"visitors.csv": visitors, "sources.csv": sources}),
                         None, None)
    assert rows(engine, channel_traffic_monthly, "channel", "visits") == [
        ("direct", 100), ("referral", 4), ("search", 66), ("social", 8)]
    assert any("1 sources not in traffic_channel_sources.csv counted as referral: news.example" in n for n in summary.notes)


def test_plausible_totals_over_a_period_that_is_not_a_month_are_refused(engine, tmp_path):
    lines = (DATA / "plausible-2017-03" / "visitors.csv").read_text(encoding="utf-8").splitlines()[:16]  # 1-15 March
    pages = (DATA / "plausible-2017-03" / "pages.csv").read_text(encoding="utf-8")
    before = row_counts(engine)
    half = zipped(tmp_path, "half.zip", {"visitors.csv": "\n".join(lines) + "\n", "pages.csv": pages})
    with pytest.raises(ImportFailed, match=r"pages.csv: totals over 2017-03-01 … 2017-03-15, which is not one "
                                           r"calendar month: a daily split cannot be invented"):
        run_import(engine, "traffic", half, None, None)
    assert row_counts(engine) == before
    alone = zipped(tmp_path, "alone.zip", {"visitors.csv": "\n".join(lines) + "\n"})
    run_import(engine, "traffic", alone, None, None)
    assert len(rows(engine, site_traffic_daily, "day")) == 14  # 12 March had no visitors


def test_plausible_days_must_follow_each_other(engine, tmp_path):
    monthly = "date,visitors,pageviews,visits\n2017-01-01,900,2000,1000\n2017-02-01,800,1900,950\n"
    with pytest.raises(ImportFailed, match=r"visitors.csv: line 3, date: 2017-02-01 is not the day after 2017-01-01: "
                                           "export with a daily interval"):
        run_import(engine, "traffic", zipped(tmp_path, "m.zip", {"visitors.csv": monthly}), None, None)


def test_a_zip_with_a_path_outside_it_or_too_big_a_member_is_refused(engine, tmp_path, monkeypatch):
    visitors = (DATA / "plausible-2017-03" / "visitors.csv").read_text(encoding="utf-8")
    evil = zipped(tmp_path, "evil.zip", {"visitors.csv": visitors, "../../etc/pages.csv": "name,pageviews\n/,1\n"})
    with pytest.raises(ImportFailed, match=r"evil.zip: member '../../etc/pages.csv' points outside the ZIP"):
        run_import(engine, "traffic", evil, None, None)
    monkeypatch.setenv("VIDKRYTO_IMPORT_MAX_MEMBER_MB", "1")
    big = zipped(tmp_path, "big.zip", {"visitors.csv": visitors, "pages.csv": "name,pageviews\n" + "/a,1\n" * 400_000})
    with pytest.raises(ImportFailed, match=r"pages.csv: 1.9 MB is more than the cap of 1 MB"):
        run_import(engine, "traffic", big, None, None)
    assert rows(engine, site_traffic_daily, "day") == []


# --- Path rules ---------------------------------------------------------------------------------

def test_imported_rules_are_applied_to_every_page_and_to_later_imports(engine, tmp_path):
    run_import(engine, "traffic", DATA / "pages.json", None, None)
    assert page_units(engine)["/news/city-budget"] == "PRESS"
    summary = run_import(engine, "page_units", DATA / "page-units.csv", None, None)
    assert page_units(engine)["/news/city-budget"] == "EXEC"  # /news/ -> EXEC now
    assert any("page_units` applied to every page: 1 changed unit" in note for note in summary.notes)
    run_import(engine, "traffic", plausible(tmp_path, "plausible-2017-03"), None, None)
    found = page_units(engine)
    assert found["/news"] == "EXEC" and found["/petitions"] is None  # the imported rules replace the shipped ones


def test_rules_naming_units_the_database_lacks_are_skipped_and_an_empty_file_clears_them(engine, tmp_path):
    run_import(engine, "traffic", DATA / "pages.json", None, None)
    rules = tmp_path / "rules.csv"
    rules.write_text("prefix,unit\n/news,PRESS\n/units/edu,NOWHERE\n", encoding="utf-8")
    summary = run_import(engine, "page_units", rules, None, None)
    assert summary.skipped == [("rules.csv: line 3, unit", "unit 'NOWHERE' is not in the database: rule skipped")]
    assert summary.rows_read == 2 and summary.rows_written == 1
    assert page_units(engine)["/news/city-budget"] == "PRESS" and page_units(engine)["/units/edu"] is None
    empty = tmp_path / "no-rules.csv"
    empty.write_text("prefix,unit\n", encoding="utf-8")
    summary = run_import(engine, "page_units", empty, None, None)
    assert "no-rules.csv holds no rule: the path rules are cleared, pages belong to no unit by path" in summary.notes
    assert set(page_units(engine).values()) == {None}
    run_import(engine, "traffic", DATA / "referrers.json", None, None)  # the shipped rules stay out once cleared
    assert set(page_units(engine).values()) == {None}


def test_a_visits_summary_imports_into_a_database_without_units(tmp_path):
    engine = empty_database("sqlite", "no_units", tmp_path, "vidkryto_no_units")
    summary = run_import(engine, "traffic", DATA / "visits.json", None, None)
    assert len(rows(engine, site_traffic_daily, "day")) == 4
    skipped = [note for note in summary.notes if "name units the database does not have, skipped" in note]
    assert skipped and skipped[0].startswith(f"{len(vocabularies.rows('page_units'))} path rules of ")
    run_import(engine, "traffic", DATA / "pages.json", None, None)
    assert set(page_units(engine).values()) == {None}
    engine.dispose()


@pytest.mark.parametrize(("body", "reason"), [
    ("prefix,unit\nnews,PRESS\n", "rules.csv: line 2, prefix: a path from the site root starts with '/'"),
    ("prefix,unit\n/news,PRESS\n/news/,EXEC\n", "rules.csv: line 3, prefix: /news is also the rule of line 2"),
])
def test_bad_rules_stop_at_their_line_and_change_no_page(engine, tmp_path, body, reason):
    run_import(engine, "traffic", DATA / "pages.json", None, None)
    before, units_before = row_counts(engine), page_units(engine)
    path = tmp_path / "rules.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ImportFailed) as refused:
        run_import(engine, "page_units", path, None, None)
    assert str(refused.value).startswith(reason)
    assert row_counts(engine) == before and page_units(engine) == units_before


# --- Live streams -------------------------------------------------------------------------------

def streams(engine) -> dict[str, tuple]:
    stmt = select(broadcasts.c.identity, broadcasts.c.started_at, broadcasts.c.kind, broadcasts.c.platform,
                  broadcasts.c.views, units.c.code, broadcasts.c.is_public).join_from(
        broadcasts, units, units.c.id == broadcasts.c.unit_id, isouter=True)
    with engine.connect() as connection:
        return {row.identity: tuple(row)[1:] for row in connection.execute(stmt)}


def test_streams_kinds_times_units_and_a_stream_listed_twice(engine):
    summary = run_import(engine, "streams", DATA / "streams.csv", None, None)
    assert streams(engine) == {
        "url:https://youtube.example/watch?v=aaa": (dt.datetime(2017, 3, 2, 10), "plenary", "youtube", 185, "COUNCIL", True),
        "url:https://youtube.example/watch?v=bbb": (dt.datetime(2017, 3, 8, 14), "executive_committee", "youtube", 45,
                                                    "EXEC", True),  # 12:00 UTC is 14:00 in Kyiv
        "at:2017-03-09T15:00|прес-конференція міського голови": (dt.datetime(2017, 3, 9, 15), "press_conference",
                                                                  "facebook", 90, None, True),
        "url:https://youtube.example/watch?v=ccc": (dt.datetime(2017, 3, 15, 11, 30), "other", "youtube", 3, None, False)}
    assert summary.skipped == [("streams.csv: line 2", "the same stream as line 6: one broadcast")]


def test_a_stream_listed_again_updates_its_views(engine):
    run_import(engine, "streams", DATA / "streams.csv", None, None)
    summary = run_import(engine, "streams", DATA / "streams-later.csv", None, None)
    found = streams(engine)
    assert len(found) == 5 and found["url:https://youtube.example/watch?v=aaa"][3] == 260
    assert found["url:https://youtube.example/watch?v=ddd"][1] == "executive_committee"
    assert summary.rows_written == 2 and "1 rows updated" in summary.notes
    with engine.connect() as connection:
        live = dict(connection.execute(select(broadcasts.c.identity, broadcasts.c.live_views)).all())
    assert live["url:https://youtube.example/watch?v=aaa"] == 150  # of its 260 views; the rest on demand
    assert live["url:https://youtube.example/watch?v=ddd"] is None  # no split in the export
    assert live["url:https://youtube.example/watch?v=bbb"] is None  # the first file had no live_views column


@pytest.mark.parametrize(("line", "reason"), [
    ("2017-03-01 10:00,webinar,Щось,youtube,,5", "line 3, kind: unknown kind 'webinar'; one of plenary, "
                                                 "executive_committee, press_conference, other"),
    ("2017-03-01 25:00,plenary,Щось,youtube,,5", "line 3, started_at: not a date and time"),
    ("2017-03-01 10:00,plenary,Щось,youtube,,-5", "line 3, views: not a count"),
    ("2017-03-01 10:00,plenary,Щось,youtube,,5,NOWHERE", "line 3, unit: unknown unit 'NOWHERE'"),
    ("2017-03-01 10:00,plenary,Щось,youtube,,5,,9", "line 3, live_views: 9 live views, more than the stream's 5"),
])
def test_a_bad_stream_line_stops_the_file_and_writes_nothing(engine, tmp_path, line, reason):
    before = row_counts(engine)
    header = "started_at,kind,title,platform,url,views" + {6: ",unit", 7: ",unit,live_views"}.get(line.count(","), "")
    good = "2017-03-01 09:00,plenary,Добре,youtube,https://youtube.example/good,1" + "," * (line.count(",") - 5)
    path = tmp_path / "bad.csv"
    path.write_text(f"{header}\n{good}\n{line}\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as refused:
        run_import(engine, "streams", path, None, None)
    assert str(refused.value).startswith(f"bad.csv: {reason}")
    assert row_counts(engine) == before


def test_a_source_refuses_another_sources_format(engine):
    with pytest.raises(ImportFailed, match="streams takes a CSV file, not matomo-json"):
        run_import(engine, "streams", DATA / "visits.json", None, None)


def test_a_councils_own_path_rules_replace_the_shipped_ones(engine, tmp_path, monkeypatch):
    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "page_units.csv").write_text("prefix,unit\n/news,EDU\n", encoding="utf-8")
    monkeypatch.setenv("VIDKRYTO_VOCABULARY_DIR", str(folder))
    vocabularies.reload()
    try:
        summary = run_import(engine, "traffic", DATA / "pages.json", None, None)
    finally:
        monkeypatch.delenv("VIDKRYTO_VOCABULARY_DIR")
        vocabularies.reload()
    found = page_units(engine)
    assert found["/news/city-budget"] == "EDU" and found["/units/edu"] is None and found["/council"] is None
    assert any(note.startswith(f"path rules from {folder / 'page_units.csv'} applied") for note in summary.notes)
