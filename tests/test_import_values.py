"""One date parser for every importer (dashboard/writer/importers/values.py): the forms the importers accept, and the
window of plausible years (settings import_first_year, import_last_year) that stops a file at its line, in each
importer, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from dashboard.writer.importers import ImportFailed, run_import
from dashboard.writer.importers.files import Limits
from dashboard.writer.importers.values import parse_date, parse_datetime
from tests.support import PROJECT_ROOT, empty_database, row_counts

DATA = Path(__file__).parent / "data"
LIMITS = Limits(1, 1, 1, 1991, 2027)


@pytest.mark.parametrize(("text", "moment"), [
    ("2017-03-01", dt.datetime(2017, 3, 1)),
    ("2017-03-01 10:15", dt.datetime(2017, 3, 1, 10, 15)),
    ("2017-03-01T08:00:00Z", dt.datetime(2017, 3, 1, 10)),  # UTC -> Kyiv
    ("2017-07-01T08:00:00+00:00", dt.datetime(2017, 7, 1, 11)),  # summer time
    ("01.03.2017", dt.datetime(2017, 3, 1)),
    ("01.03.2017 10:15:30", dt.datetime(2017, 3, 1, 10, 15, 30)),
    ("01.03.17", dt.datetime(2017, 3, 1)),
    ("16.12.21 10:03", dt.datetime(2021, 12, 16, 10, 3)),
    (" 01.03.2017   10:15 ", dt.datetime(2017, 3, 1, 10, 15)),
    (1546300800, dt.datetime(2019, 1, 1, 2)),  # e-dem's Unix time
])
def test_every_form_the_importers_accept(text, moment):
    assert parse_datetime(text, "f.csv: line 2", LIMITS) == moment
    assert parse_date(text, "f.csv: line 2", LIMITS) == moment.date()


@pytest.mark.parametrize(("value", "reason"), [
    ("31/03/2017", "not a date (YYYY-MM-DD, DD.MM.YYYY or DD.MM.YY, a time allowed): '31/03/2017'"),
    ("2017-02-30", "not a date"),
    ("01.03.2017 25:00", "not a date"),
    (True, "not a date"),
    (10 ** 30, "not a date"),
    ("1990-12-31", "1990-12-31 is outside the years an import accepts, 1991 to 2027 (settings import_first_year, "
                   "import_last_year)"),
    ("01.01.2028", "2028-01-01 is outside the years an import accepts"),
    ("0001-01-01", "0001-01-01 is outside"),
    ("", "empty date"),
])
def test_what_is_not_a_plausible_date_names_its_place(value, reason):
    with pytest.raises(ImportFailed) as failure:
        parse_date(value, "f.csv: line 2, date", LIMITS, required=True)
    assert failure.value.location == "f.csv: line 2, date" and failure.value.reason.startswith(reason)
    assert parse_date("", "f.csv: line 2", LIMITS) is None


def test_the_window_follows_the_settings(monkeypatch):
    monkeypatch.delenv("VIDKRYTO_IMPORT_FIRST_YEAR", raising=False)
    monkeypatch.delenv("VIDKRYTO_IMPORT_LAST_YEAR", raising=False)
    limits = Limits.from_settings()
    assert (limits.first_year, limits.last_year) == (1991, dt.date.today().year + 1)
    monkeypatch.setenv("VIDKRYTO_IMPORT_FIRST_YEAR", "2015")
    monkeypatch.setenv("VIDKRYTO_IMPORT_LAST_YEAR", "2020")
    limits = Limits.from_settings()
    assert (limits.first_year, limits.last_year) == (2015, 2020)
    monkeypatch.setenv("VIDKRYTO_IMPORT_FIRST_YEAR", "2021")
    with pytest.raises(ImportFailed, match="import_first_year 2021 is after import_last_year 2020"):
        Limits.from_settings()


# --- Every importer -----------------------------------------------------------------------------

@pytest.fixture(params=("sqlite", "postgresql"))
def engine(request, tmp_path):
    engine = empty_database(request.param, request.node.name, tmp_path, "vidkryto_values")
    yield engine
    engine.dispose()


def refused(engine, source, path) -> ImportFailed:
    before = row_counts(engine)
    with pytest.raises(ImportFailed) as failure:
        run_import(engine, source, path, None, None)
    assert row_counts(engine) == before
    return failure.value


def csv835_pair(tmp_path, date: str) -> Path:
    pair = tmp_path / "pair"
    shutil.copytree(DATA / "csv835", pair)
    motions = pair / "motions.csv"
    motions.write_text(motions.read_text(encoding="utf-8").replace(",2019-05-30,", f",{date},", 1), encoding="utf-8")
    return pair


def test_a_date_outside_the_window_stops_every_csv_importer(engine, tmp_path):
    error = refused(engine, "votes", csv835_pair(tmp_path, "2917-05-30"))
    assert error.location == "motions.csv: line 2, date" and "2917-05-30 is outside" in error.reason
    factions = tmp_path / "factions.csv"
    factions.write_text("deputy,faction,from,to\nКоваленко Сергій,Громада,01.01.1900,\n", encoding="utf-8")
    error = refused(engine, "factions", factions)
    assert error.location == "factions.csv: line 2, from" and "1900-01-01 is outside" in error.reason
    streams = tmp_path / "streams.csv"
    streams.write_text("started_at,kind,title\n9999-12-31 10:00,plenary,Сесія\n", encoding="utf-8")
    error = refused(engine, "streams", streams)
    assert error.location == "streams.csv: line 2, started_at" and "9999-12-31 is outside" in error.reason


def test_a_date_outside_the_window_stops_json_at_its_path(engine, tmp_path):
    visits = json.loads((DATA / "website" / "visits.json").read_text(encoding="utf-8"))
    visits["2917-01-02"] = visits.pop("2017-01-02")
    path = tmp_path / "visits.json"
    path.write_text(json.dumps(visits), encoding="utf-8")
    error = refused(engine, "traffic", path)
    assert error.location == 'visits.json: $["2917-01-02"]' and "outside the years" in error.reason
    edem = json.loads((DATA / "petitions" / "edem.json").read_text(encoding="utf-8"))
    edem["projects"][1]["time_end"] = 99999999999  # year 5138 as a Unix time
    path = tmp_path / "edem.json"
    path.write_text(json.dumps(edem), encoding="utf-8")
    error = refused(engine, "petitions", path)
    assert error.location == "edem.json: projects[1].time_end" and "is outside the years" in error.reason


def test_an_evoting_file_dated_outside_the_window_is_skipped_and_named(engine, tmp_path):
    day = PROJECT_ROOT / "data" / "samples" / "kyiv-council-votes" / "2021-12-16"
    folder = tmp_path / "day"
    folder.mkdir()
    for name in ("211216_1.json", "211216_2.json"):
        shutil.copy(day / name, folder)
    data = json.loads((folder / "211216_1.json").read_text(encoding="utf-8"))
    data["GLTime"] = "16.12.2917 10:00:00"
    (folder / "211216_1.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    summary = run_import(engine, "votes", folder, None, None)
    assert [location for location, _ in summary.skipped] == ["211216_1.json: GLTime"]
    assert "2917-12-16 is outside the years an import accepts" in summary.skipped[0][1]
    assert summary.rows_written == 1
