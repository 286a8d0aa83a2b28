"""Procurement imports over the real ProZorro sample in data/samples/prozorro-ocds (answers in its README), on SQLite
and PostgreSQL: the known values, every packaging (JSON, JSON Lines, ZIP; records or releases, spread over the file)
giving the same rows, records and releases in either order, an older file that overwrites nothing, buyers mapped
to units by ЄДРПОУ, contact points only in the internal table, ocdsmerge without the network, and malformed
packages refused at their JSON path (or line) with every table's row count unchanged."""

from __future__ import annotations

import copy
import datetime as dt
import json
import socket
import zipfile

import pytest
from sqlalchemy import delete, select

from dashboard.filters import Filters
from dashboard.schema import metadata, procurement_lots, procurements, units
from dashboard.writer.importers import ImportFailed, run_import
from dashboard.writer.importers.ocds import merger
from dashboard.writer.importers.procurement_rows import PARTS
from queries.data_quality import procurement_unknown_buyers
from tests.support import BACKENDS, PROJECT_ROOT, empty_database, row_counts, written

SAMPLE = PROJECT_ROOT / "data" / "samples" / "prozorro-ocds"
TENDER = "ocds-be6bcu-UA-2017-10-31-002726-a"
LOTS = ("604dc46c7d1a48ae89acf941b15a36e8", "e17f053a936043df84d7bdc6396c4783")
TABLES = ("procurements", *(table.name for table in PARTS.values()))


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    engine = empty_database(request.param, request.node.name, tmp_path, "vidkryto_procurement")
    yield engine
    engine.dispose()


def load(engine, path):
    return run_import(engine, "procurement", path, None, None)


def records() -> dict:
    return json.loads((SAMPLE / "records-10.json").read_text(encoding="utf-8"))


def snapshot(engine) -> dict[str, list]:
    """Every procurement table's rows, by the procedure's ocid, without ids and batches."""
    found = {}
    with engine.connect() as connection:
        ocids = dict(connection.execute(select(procurements.c.id, procurements.c.ocid)).all())
        for name in TABLES:
            table = metadata.tables[name]
            columns = [column for column in table.c if column.name not in ("id", "procurement_id", "batch_id")]
            rows = connection.execute(select(*columns, *(c for c in table.c if c.name in ("id", "procurement_id"))))
            found[name] = sorted(
                (ocids[row.procurement_id] if "procurement_id" in row._fields else row.ocid,
                 *(row._mapping[column.name] for column in columns)) for row in rows)
    return found


def cleared(engine) -> None:
    """An empty database again: no procedure, and no import remembered (the same file imports anew)."""
    with engine.begin() as connection:
        for name in (*reversed(TABLES), "import_problems", "import_batches"):
            connection.execute(delete(metadata.tables[name]))


def test_the_record_package_imports_with_its_known_answers(engine):
    summary = load(engine, SAMPLE / "records-10.json")
    assert (summary.rows_read, summary.rows_written) == (10, 10)
    rows = snapshot(engine)
    heads = {row[0]: row for row in rows["procurements"]}
    assert len(heads) == 10
    with engine.connect() as connection:
        tender = connection.execute(select(procurements).where(procurements.c.ocid == TENDER)).one()
        assert (tender.tender_id, tender.method, tender.method_type, tender.status, tender.expected_value,
                tender.currency, tender.published_on, tender.released_at, tender.buyer_edrpou, tender.unit_id) == (
            "UA-2017-10-31-002726-a", "open", "aboveThresholdUA", "complete", 323_540, "UAH", dt.date(2017, 10, 31),
            dt.datetime(2018, 6, 22, 10, 51, 56, 802440), "40081221", None)
    assert sorted(row[1] for row in rows["procurement_lots"] if row[0] == TENDER) == sorted(LOTS)
    bids = [row for row in rows["procurement_bids"] if row[0] == TENDER]
    assert len(bids) == 2 and {row[1] for row in bids} == {LOTS[1]}
    awards = [row for row in rows["procurement_awards"] if row[0] == TENDER]
    assert sum(row[4] for row in awards if row[3] == "active") == 322_700
    assert {row[1] for row in awards} == set(LOTS)
    with engine.connect() as connection:
        methods = [row.method for row in connection.execute(select(procurements.c.method))]
    assert methods.count("limited") == 9 and methods.count("open") == 1
    assert {row[1] for row in rows["procurement_lots"] if row[0] != TENDER} == {""}  # nine procedures of one lot
    assert {row[2] for row in rows["procurement_items"] if row[0] == TENDER} == {"80510000-2"}


def test_contact_points_are_only_in_the_internal_table(engine):
    load(engine, SAMPLE / "records-10.json")
    rows = snapshot(engine)
    contacts = rows.pop("procurement_contacts_internal")
    emails = {row[4] for row in contacts if row[4]}
    phones = {row[5] for row in contacts if row[5]}
    assert len(emails) >= 10 and phones
    elsewhere = {value for table in rows.values() for row in table for value in row if isinstance(value, str)}
    assert not elsewhere & (emails | phones)
    assert not [name for name, table in metadata.tables.items() if "email" in table.c and not name.endswith("_internal")]


def packagings(tmp_path) -> dict:
    """The sample's ten procedures in every shape the importer reads."""
    package = records()
    compiled = [record["compiledRelease"] for record in package["records"]]
    head = {key: value for key, value in package.items() if key != "records"}
    split = []  # each procedure as a tender release a day early and an award release, spread over the file
    for release in compiled:
        early = (dt.datetime.fromisoformat(release["date"]) - dt.timedelta(days=1)).isoformat()
        split.append({"ocid": release["ocid"], "id": "tender", "date": early, "tag": ["tender"],
                      "tender": release["tender"], "buyer": release["buyer"], "parties": release["parties"]})
    split += [{**{key: value for key, value in release.items() if key != "tender"}, "id": "award"} for release in compiled]
    split = split[10:] + split[:10]
    lines = lambda items: "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)  # noqa: E731
    shapes = {
        "records.jsonl": lines(package["records"]),
        "release-package.json": json.dumps({**head, "releases": compiled}, ensure_ascii=False),
        "releases.jsonl": lines(compiled),
        "packages.jsonl": lines([{**head, "records": package["records"][:4]}, {**head, "releases": compiled[4:]}]),
        "split.jsonl": lines(split),
    }
    paths = {name: written(tmp_path, name, body) for name, body in shapes.items()}
    for name, members in (("records.zip", ["records-10.json"]), ("releases.zip", ["releases.jsonl", "split.jsonl"])):
        paths[name] = tmp_path / name
        with zipfile.ZipFile(paths[name], "w", zipfile.ZIP_DEFLATED) as archive:
            for member in members:
                archive.write(SAMPLE / member if member.endswith(".json") else paths[member], member)
            archive.writestr("README.txt", "not OCDS")
    return paths


def test_every_packaging_gives_the_same_rows(engine, tmp_path):
    load(engine, SAMPLE / "records-10.json")
    expected = snapshot(engine)
    for name, path in packagings(tmp_path).items():
        cleared(engine)
        summary = load(engine, path)
        assert snapshot(engine) == expected, name
        assert summary.rows_read == 10, name
        if name.endswith(".zip"):
            assert summary.skipped == [("README.txt", "neither .json nor JSON Lines")]


@pytest.mark.parametrize("first", ["records-10.json", "releases-10.json"])
def test_records_and_releases_in_either_order_end_in_the_same_rows(engine, first):
    load(engine, SAMPLE / "records-10.json")
    records_alone = snapshot(engine)
    cleared(engine)
    second = "releases-10.json" if first == "records-10.json" else "records-10.json"
    load(engine, SAMPLE / first)
    load(engine, SAMPLE / second)
    assert snapshot(engine) == records_alone
    if first == "records-10.json":  # the releases said nothing new: nothing written
        assert load(engine, SAMPLE / "releases-10.json").unchanged


def test_an_older_file_overwrites_nothing_and_a_newer_one_updates(engine, tmp_path):
    load(engine, SAMPLE / "records-10.json")
    before = snapshot(engine)
    assert load(engine, written(tmp_path, "copy.json", (SAMPLE / "records-10.json").read_text("utf-8"))).rows_written == 0
    package = records()
    older, newer = copy.deepcopy(package), copy.deepcopy(package)
    older["records"][5]["compiledRelease"].update(date="2018-06-01T10:00:00+03:00")
    older["records"][5]["compiledRelease"]["tender"]["title"] = "Старша назва"
    assert load(engine, written(tmp_path, "older.json", json.dumps(older))).rows_written == 0
    assert snapshot(engine) == before
    newer["records"][5]["compiledRelease"].update(date="2018-07-01T10:00:00+03:00")
    newer["records"][5]["compiledRelease"]["tender"]["title"] = "Нова назва"
    summary = load(engine, written(tmp_path, "newer.json", json.dumps(newer)))
    assert (summary.rows_read, summary.rows_written) == (10, 1)
    with engine.connect() as connection:
        title, released = connection.execute(select(procurements.c.title, procurements.c.released_at)
                                             .where(procurements.c.ocid == TENDER)).one()
    assert (title, released) == ("Нова назва", dt.datetime(2018, 7, 1, 7, 0))
    assert len(snapshot(engine)["procurements"]) == 10


def test_releases_merge_without_the_network(engine, tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise OSError("the network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refused)
    monkeypatch.setattr(socket, "create_connection", refused)
    merger.cache_clear()
    summary = load(engine, packagings(tmp_path)["split.jsonl"])
    assert summary.rows_read == 10
    merger.cache_clear()


def test_buyers_map_to_units_by_edrpou_and_the_unknown_are_listed(engine):
    with engine.begin() as connection:
        connection.execute(units.insert().values(code="RAIL", name_uk="Залізниця", name_en="Railway", edrpou="40081221"))
    summary = load(engine, SAMPLE / "records-10.json")
    with engine.connect() as connection:
        unit_ids = dict(connection.execute(select(procurements.c.ocid, procurements.c.unit_id)).all())
    assert unit_ids[TENDER] is not None and sum(unit is None for unit in unit_ids.values()) == 9
    assert any(note.startswith("buyers that are no unit by ЄДРПОУ: 8 (") and "their procedures: 9;" in note
               for note in summary.notes)
    unknown = procurement_unknown_buyers(engine, Filters(date_from=dt.date(2017, 1, 1), date_to=dt.date(2018, 12, 31),
                                                         audience="internal"))
    assert unknown.height == 8 and unknown["procedures"].sum() == 9
    assert TENDER not in unknown["buyer_id"].to_list() and "UA-EDR-40081221" not in unknown["buyer_id"].to_list()


def test_units_imported_later_take_their_procedures(engine, tmp_path):
    load(engine, SAMPLE / "records-10.json")
    csv = written(tmp_path, "units.csv", "code,name_uk,name_en,parent,edrpou\nRAIL,Залізниця,Railway,,40081221\n")
    summary = run_import(engine, "units", csv, None, None)
    assert "1 procurement procedures now belong to a unit by their buyer's ЄДРПОУ" in summary.notes
    with engine.connect() as connection:
        linked = connection.execute(select(procurements.c.ocid).where(procurements.c.unit_id.is_not(None))).scalars().all()
    assert linked == [TENDER]


def edited(package: dict, edit) -> dict:
    package = copy.deepcopy(package)
    edit(package)
    return package


def _release_package() -> dict:
    package = records()
    return {"version": "1.1", "releases": [record["compiledRelease"] for record in package["records"]]}


def _compiled(n: int, path: str, value) -> callable:
    def edit(package):
        node = package["records"][n]["compiledRelease"]
        *parents, last = path.split(".")
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[last] = value
    return edit


MALFORMED = [
    ("amount", _compiled(3, "tender.value.amount", "багато"), "records[3].compiledRelease.tender.value.amount",
     "not a number"),
    ("year 1", _compiled(5, "awards.0.date", "0001-01-01T00:00:00+02:00"), "records[5].compiledRelease.awards[0].date",
     "outside the years an import accepts"),
    ("year 9999", _compiled(5, "tender.tenderPeriod.startDate", "9999-01-01T00:00:00+02:00"),
     "records[5].compiledRelease.tender.tenderPeriod.startDate", "outside the years an import accepts"),
    ("too long", _compiled(2, "tender.value.currency", "UAHS"), "records[2].compiledRelease.tender.value.currency",
     "longer than the 3 procurements.currency holds"),
    ("nul", _compiled(1, "tender.title", "Про\x00купівля"), "records[1].compiledRelease.tender.title",
     "contains a NUL character"),
    ("lots not a list", _compiled(5, "tender.lots", {"id": "x"}), "records[5].compiledRelease.tender.lots", "not a list"),
    ("repeated ocid", lambda package: package["records"][4].update(ocid=package["records"][3]["ocid"]),
     "records[4].ocid", "is the ocid of an earlier record of this package"),
]


@pytest.mark.parametrize(("edit", "where", "reason"), [case[1:] for case in MALFORMED], ids=[c[0] for c in MALFORMED])
def test_a_malformed_record_package_names_its_json_path_and_writes_nothing(engine, tmp_path, edit, where, reason):
    load(engine, SAMPLE / "releases-10.json")
    before = row_counts(engine)
    path = written(tmp_path, "bad.json", json.dumps(edited(records(), edit), ensure_ascii=False))
    with pytest.raises(ImportFailed) as error:
        load(engine, path)
    assert (error.value.location, reason in error.value.reason) == (f"bad.json: {where}", True), error.value
    assert row_counts(engine) == before


@pytest.mark.parametrize(("body", "where", "reason"), [
    (lambda text: text[:len(text) // 2], "bad.json: releases[4]", "not valid JSON"),
    (lambda text: text.replace('"ocid": "ocds-be6bcu-UA-2018-06-22-000522-c"', '"ocid": ""', 1),
     "bad.json: releases[3].ocid", "no ocid"),
    (lambda text: text.replace('"date": "2018-06-22T14:52:10.854406+03:00", "ocid"', '"ocid"', 1),
     "bad.json: releases[3].date", "empty date"),
    (lambda text: '{"releases": [{"ocid": "x", "date": "2018-01-01", "tender": ' + "[" * 100 + "]" * 100 + "}]}",
     "bad.json: releases[0]", "JSON nested deeper than 64 levels"),
    (lambda text: "[1, 2]", "bad.json", "not an OCDS package"),
])
def test_a_malformed_release_package_names_its_place(engine, tmp_path, body, where, reason):
    before = row_counts(engine)
    text = json.dumps(_release_package(), ensure_ascii=False)
    path = written(tmp_path, "bad.json", body(text))
    with pytest.raises(ImportFailed) as error:
        load(engine, path)
    assert (error.value.location, reason in error.value.reason) == (where, True), error.value
    assert row_counts(engine) == before


def test_json_lines_name_the_line(engine, tmp_path):
    releases = _release_package()["releases"]
    good = [json.dumps(release, ensure_ascii=False) for release in releases[:3]]
    cases = [("\n".join([*good[:2], '{"ocid": "x", ', good[2]]), "bad.jsonl: line 3, column 14", "not valid JSON"),
             ("\n".join([*good, json.dumps({**releases[4], "tender": {"value": {"amount": True}}})]),
              "bad.jsonl: line 4, tender.value.amount", "not a number")]
    for body, where, reason in cases:
        with pytest.raises(ImportFailed) as error:
            load(engine, written(tmp_path, "bad.jsonl", body + "\n"))
        assert (error.value.location, reason in error.value.reason) == (where, True), error.value
        assert row_counts(engine)["procurements"] == 0


def test_releases_that_cannot_be_merged_name_their_place(engine, tmp_path):
    release = {"ocid": "ocds-x-1", "date": "2024-01-01T10:00:00+02:00", "tag": ["planning"]}
    lines = [{**release, "id": "1", "planning": {"budget": {"id": "b"}}},
             {**release, "id": "2", "date": "2024-01-02T10:00:00+02:00", "planning": [{"id": "b"}]},
             {**release, "id": "3", "date": "2024-01-03T10:00:00+02:00", "documents": [{"id": ["a", "list"]}]}]
    for body, kept in ((lines[:2], "An earlier release had the object"), ([lines[0], lines[2]], "unhashable")):
        path = written(tmp_path, "merge.jsonl", "".join(json.dumps(line) + "\n" for line in body))
        with pytest.raises(ImportFailed) as error:
            load(engine, path)
        assert error.value.location == "merge.jsonl: line 1 (and 1 more releases of ocds-x-1)"
        assert error.value.reason.startswith("the releases cannot be merged") and kept in error.value.reason
        assert row_counts(engine)["procurements"] == 0


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_data_quality_page_lists_the_unknown_buyers(run_page, tmp_path, lang):
    engine = empty_database("sqlite", "page", tmp_path, "vidkryto_procurement_page")
    load(engine, SAMPLE / "records-10.json")
    page = run_page("pages/data_quality.py", "internal", database_url=str(engine.url), lang=lang, year="2018")
    assert not page.exception
    title = {"uk": "Замовники закупівель поза підрозділами", "en": "Procurement buyers outside the units"}[lang]
    assert title in [expander.label for expander in page.expander]
    buyers = [frame.value for frame in page.dataframe if "buyer_edrpou" in frame.value.columns]
    assert len(buyers) == 1 and buyers[0].shape[0] == 8  # the nine direct contracts of 2018, of eight buyers


def test_prozorro_stages_are_kept_as_ocds_statuses(engine, tmp_path):
    """ProZorro's `active.auction` and a lot's `active.qualification` are the status `active` the page filters by."""
    package = records()
    tender = package["records"][5]["compiledRelease"]["tender"]
    tender["status"], tender["lots"][0]["status"] = "active.auction", "active.qualification"
    load(engine, written(tmp_path, "stages.json", json.dumps(package)))
    with engine.connect() as connection:
        procedure = connection.execute(select(procurements.c.id, procurements.c.status)
                                       .where(procurements.c.ocid == TENDER)).one()
        lots = connection.execute(select(procurement_lots.c.status)
                                  .where(procurement_lots.c.procurement_id == procedure.id)).scalars().all()
    assert procedure.status == "active" and sorted(lots) == ["active", "complete"]
