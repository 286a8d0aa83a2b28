"""Hostile files (issue 7, point 6): each is refused or skipped with its file, line (or JSON path) and reason,
and a refused file leaves every table as it was, on SQLite and PostgreSQL.

Sizes are capped by the import_max_* settings; the tests lower the caps instead of writing 300 MB files.
"""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from dashboard.cli import app as cli
from dashboard.schema import vote_choices, votes
from dashboard.writer.importers import ImportFailed
from dashboard.writer.importers.files import MAX_JSON_DEPTH
from tests.test_import_votes import CSV835, SAMPLE, engine, load, scalar  # noqa: F401 - engine is a fixture

DAY = SAMPLE / "2021-12-16"
from tests.support import row_counts


def refused(db, path, source="votes") -> ImportFailed:
    """Import a file that must be refused; the database keeps every row count (a first day is in it)."""
    before = row_counts(db)
    with pytest.raises(ImportFailed) as failure:
        load(db, source, path)
    assert row_counts(db) == before
    return failure.value


@pytest.fixture
def loaded(engine):  # noqa: F811 - the imported fixture
    """A database already holding the 835 fixture, so a refusal must leave real rows alone."""
    load(engine, "votes", CSV835)
    return engine


@pytest.fixture
def pair(tmp_path):
    copy = tmp_path / "pair"
    shutil.copytree(CSV835, copy)
    return copy


def edit_line(path, number: int, edit) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[number - 1] = edit(lines[number - 1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def vote_file(tmp_path, edit, name="211216_1.json"):
    data = json.loads((DAY / name).read_text(encoding="utf-8"))
    edit(data)
    day = tmp_path / "day"
    day.mkdir(exist_ok=True)
    shutil.copy(DAY / "211216_2.json", day)
    (day / name).write_text(json.dumps(data), encoding="utf-8")  # \u escapes: a lone surrogate stays writable
    return day


def test_a_huge_count_skips_its_file_and_the_rest_of_the_day_imports(loaded, tmp_path):
    day = vote_file(tmp_path, lambda data: data.update(YESCnt=10**30))
    summary = load(loaded, "votes", day)
    assert summary.skipped == [("211216_1.json: YESCnt",
                                "vote not imported: not a count from 0 to 10,000: 1000000000000000000000000000000")]
    assert scalar(loaded, select(func.count()).select_from(votes).where(votes.c.source_key.like("evoting:%"))) == 1


def test_a_huge_count_in_motions_stops_the_pair(loaded, pair):
    edit_line(pair / "motions.csv", 2, lambda line: line.replace(",5,0,0,1,1,", f",{10**30},0,0,1,1,"))
    error = refused(loaded, pair)
    assert error.location == "motions.csv: line 2, votingFor" and "not a count" in error.reason


def test_deep_json_nesting_names_its_line(loaded, tmp_path):
    day = tmp_path / "day"
    day.mkdir()
    (day / "211216_1.json").write_text('{"DPList":\n' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    summary = load(loaded, "votes", day)
    assert summary.skipped == [("211216_1.json: line 2", f"vote not imported: JSON nested deeper than {MAX_JSON_DEPTH} levels")]
    factions = tmp_path / "factions.json"
    factions.write_text('{"FRACTION_MAP": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    error = refused(loaded, factions, "factions")
    assert (error.location, error.reason) == ("factions.json: line 1", f"JSON nested deeper than {MAX_JSON_DEPTH} levels")


def test_a_field_over_the_cap_names_its_line_and_the_setting(loaded, pair, monkeypatch):
    monkeypatch.setenv("VIDKRYTO_IMPORT_MAX_FIELD_KB", "1")
    edit_line(pair / "motions.csv", 3, lambda line: line.replace("Про затвердження", "Про " + "з" * 5000))
    error = refused(loaded, pair)
    assert error.location == "motions.csv: line 3"
    assert error.reason == "a field longer than 1 K characters (setting import_max_field_kb, VIDKRYTO_IMPORT_MAX_FIELD_KB)"


def test_a_50_mb_field_is_refused_at_its_line_with_the_default_cap(loaded, pair):
    edit_line(pair / "votings.csv", 4, lambda line: line.replace(",За", ',"' + "x" * (50 * 1024 * 1024) + '"'))
    error = refused(loaded, pair)
    assert error.location == "votings.csv: line 4" and error.reason.startswith("a field longer than 1,024 K characters")


@pytest.mark.parametrize("raw", [False, True], ids=["escaped", "raw byte"])
def test_a_nul_in_a_title_is_refused_on_every_backend(loaded, tmp_path, raw):
    day = vote_file(tmp_path, lambda data: data.update(GL_Text="Про бюджет\x00"))
    if raw:  # a raw NUL byte, read by the control-character repair, instead of the JSON escape
        file = day / "211216_1.json"
        file.write_text(file.read_text(encoding="utf-8").replace("\\u0000", "\x00"), encoding="utf-8")
    summary = load(loaded, "votes", day)
    assert summary.skipped == [("211216_1.json: GL_Text", "vote not imported: contains a NUL character (U+0000)")]


def test_a_nul_in_a_csv_title_stops_the_pair(loaded, pair):
    edit_line(pair / "motions.csv", 4, lambda line: line.replace("Про передачу", "Про\x00передачу"))
    error = refused(loaded, pair)
    assert (error.location, error.reason) == ("motions.csv: line 4, title", "contains a NUL character (U+0000)")


def test_a_lone_surrogate_is_refused(loaded, tmp_path):
    day = vote_file(tmp_path, lambda data: data["DPList"][3].update(DPName="Муха \ud800"))
    summary = load(loaded, "votes", day)
    assert summary.skipped == [("211216_1.json: DPList[3].DPName",
                                "vote not imported: contains a lone surrogate (not valid Unicode)")]


def test_a_zip_member_over_the_cap_is_refused_before_decompressing(loaded, tmp_path, monkeypatch):
    monkeypatch.setenv("VIDKRYTO_IMPORT_MAX_MEMBER_MB", "1")
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as packed:
        for i in range(3):
            packed.writestr(f"211216_{i}.json", b" " * (3 * 1024 * 1024))
    assert archive.stat().st_size < 100_000
    error = refused(loaded, archive)
    assert (error.location, error.reason) == (
        "211216_0.json", "3.0 MB is more than the cap of 1 MB (setting import_max_member_mb, VIDKRYTO_IMPORT_MAX_MEMBER_MB)")


def test_a_zip_whose_directory_lies_is_stopped_while_reading(loaded, tmp_path, monkeypatch):
    monkeypatch.setenv("VIDKRYTO_IMPORT_MAX_MEMBER_MB", "1")
    archive = tmp_path / "liar.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as packed:
        packed.writestr("211216_1.json", b" " * (2 * 1024 * 1024))
    raw = bytearray(archive.read_bytes())
    size = (2 * 1024 * 1024).to_bytes(4, "little")
    central = raw.rindex(b"PK\x01\x02")
    raw[central + 24:central + 28] = (1000).to_bytes(4, "little")  # the directory claims 1,000 bytes
    assert raw[central + 20:central + 24] == size
    archive.write_bytes(bytes(raw))
    error = refused(loaded, archive)
    assert error.location == "211216_1.json"


def test_a_file_over_the_cap_is_refused_before_it_is_read(loaded, tmp_path, monkeypatch):
    monkeypatch.setenv("VIDKRYTO_IMPORT_MAX_FILE_MB", "1")
    big = tmp_path / "factions.json"
    big.write_bytes(b" " * (2 * 1024 * 1024))
    error = refused(loaded, big, "factions")
    assert error.reason.startswith("2.0 MB is more than the cap of 1 MB (setting import_max_file_mb")


def test_a_duplicated_votings_line_is_one_choice_and_is_reported(loaded, pair):
    lines = (pair / "votings.csv").read_text(encoding="utf-8").splitlines()
    (pair / "votings.csv").write_text("\n".join(lines[:4] + [lines[3]] + lines[4:]) + "\n", encoding="utf-8")
    summary = load(loaded, "votes", pair)
    assert ("votings.csv: line 5", "repeats line 4: one deputy has one choice per vote") in summary.skipped
    assert summary.rows_written == 0  # the same choices as the first import


def test_one_voter_with_two_results_on_a_motion_stops_the_pair(loaded, pair):
    lines = (pair / "votings.csv").read_text(encoding="utf-8").splitlines()
    (pair / "votings.csv").write_text("\n".join(lines + [lines[3].rsplit(",", 1)[0] + ",Проти"]) + "\n", encoding="utf-8")
    error = refused(loaded, pair)
    assert error.location == f"votings.csv: line {len(lines) + 1}" and "already voted" in error.reason


def test_the_database_holds_one_choice_per_deputy_and_vote(loaded):
    with loaded.connect() as connection:
        vote_id, deputy_id = connection.execute(select(vote_choices.c.vote_id, vote_choices.c.deputy_id)
                                                .where(vote_choices.c.deputy_id.is_not(None))).first()
    with pytest.raises(Exception, match="(?i)unique|duplicate"), loaded.begin() as connection:
        connection.execute(vote_choices.insert().values(vote_id=vote_id, slot=999, deputy_id=deputy_id, choice="for"))


@pytest.mark.parametrize(("edit", "location", "reason"), [
    (lambda data: data.update(PD_NPP="1" * 41), "211216_1.json: PD_NPP", "an agenda item of more than 40 characters"),
    (lambda data: data.update(SName="Пленарне засідання 99999 скликання"), "211216_1.json: SName", "no «N скликання»"),
    (lambda data: data["DPList"].__setitem__(0, {"DPName": 5, "DPGolos": "За"}), "211216_1.json: DPList[0]",
     "not an object with DPName and DPGolos as text"),
    (lambda data: data.update(NOCnt=True), "211216_1.json: NOCnt", "not a count"),
    (lambda data: data.update(NOCnt="²"), "211216_1.json: NOCnt", "not a count"),
])
def test_odd_values_skip_their_file_with_the_json_path(loaded, tmp_path, edit, location, reason):
    summary = load(loaded, "votes", vote_file(tmp_path, edit))
    assert [skipped for skipped, _ in summary.skipped] == [location]
    assert reason in summary.skipped[0][1]


def test_an_unknown_format_is_refused_before_anything_is_written(loaded):
    before = row_counts(loaded)
    with pytest.raises(ImportFailed, match="unknown format"):
        load(loaded, "votes", CSV835, "x" * 100)
    assert row_counts(loaded) == before


def test_the_command_line_prints_the_reason_without_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("VIDKRYTO_IMPORT_MAX_MEMBER_MB", "1")
    archive = tmp_path / "[red]bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as packed:
        packed.writestr("[bold]211216_1.json", b" " * (2 * 1024 * 1024))
    result = CliRunner().invoke(cli, ["import", "votes", str(archive), "--db", f"sqlite:///{tmp_path / 'cli.sqlite'}"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Not imported: [bold]211216_1.json: 2.0 MB is more than the cap of 1 MB" in result.output
