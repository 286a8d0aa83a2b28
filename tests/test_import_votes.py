"""Roll-call vote and faction imports on the real Kyiv sample and hand-made fixtures, on SQLite and PostgreSQL.

Known answers come from data/samples/README.md (the files' own sums) and from tests/data/csv835, whose
answers are worked out in the comments below.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import case, func, select

from dashboard.schema import (
    convocations,
    deputies,
    deputy_month_stats,
    faction_memberships,
    factions,
    import_batches,
    plenary_sessions,
    vote_choices,
    vote_faction_tallies,
    votes,
)
from dashboard.writer.importers import ImportFailed, run_import
from dashboard.writer.importers.files import Limits
from dashboard.writer.importers.votes import vote_kind
from dashboard.writer.importers.votes_evoting import load_evoting_json
from tests.support import PROJECT_ROOT, empty_database

SAMPLE = PROJECT_ROOT / "data" / "samples" / "kyiv-council-votes"  # real files, kept in the repository
CSV835 = Path(__file__).parent / "data" / "csv835"
BROKEN_2023 = {"231109_81.json", "231109_82.json", "231109_119.json"}


@pytest.fixture(params=("sqlite", "postgresql"))
def engine(request, tmp_path):
    """An empty database with the schema, on each backend."""
    engine = empty_database(request.param, request.node.name, tmp_path, "vidkryto_imp")
    yield engine
    engine.dispose()


def load(engine, source, path, fmt=None):
    return run_import(engine, source, path, fmt, None)


def scalar(engine, query):
    with engine.connect() as connection:
        return connection.execute(query).scalar()


def per_day(engine):
    """Votes, adopted, Σ n_for, Σ n_present per plenary day."""
    query = (select(plenary_sessions.c.held_on, func.count(), func.sum(case((votes.c.adopted, 1), else_=0)),
                    func.sum(votes.c.n_for), func.sum(votes.c.n_present))
             .join(plenary_sessions, plenary_sessions.c.id == votes.c.session_id).group_by(plenary_sessions.c.held_on))
    with engine.connect() as connection:
        return {str(day): tuple(int(x) for x in rest) for day, *rest in connection.execute(query)}


def snapshot(engine):
    """Every row a vote import touches, ordered, for before / after comparisons."""
    tables = (convocations, plenary_sessions, deputies, votes, vote_choices, faction_memberships,
              vote_faction_tallies, deputy_month_stats)
    with engine.connect() as connection:
        return {table.name: connection.execute(select(table).order_by(*table.primary_key.columns or table.c)).all()
                for table in tables}


# --- the real sample ---------------------------------------------------------------------------------

def test_real_sample_imports_with_the_files_own_sums(engine):
    first = load(engine, "votes", SAMPLE / "2021-12-16")
    second = load(engine, "votes", SAMPLE / "2023-11-09")
    assert per_day(engine) == {"2021-12-16": (182, 167, 14_996, 18_282), "2023-11-09": (107, 82, 6_578, 7_508)}
    assert first.skipped == [] and second.skipped == []  # all three broken files recovered
    assert {location for location, reason in second.problems if "repaired" in reason} == BROKEN_2023
    assert scalar(engine, select(func.count()).select_from(vote_choices)) == 289 * 121
    title = scalar(engine, select(votes.c.title).where(votes.c.source_key == "evoting:231109_81"))
    assert title.startswith("Про зміну типу") and title.endswith("№ 08/231-718/ПР).")
    assert scalar(engine, select(convocations.c.number)) == 9
    assert scalar(engine, select(convocations.c.composition)) == 121
    assert scalar(engine, select(func.count()).select_from(import_batches)) == 2


def test_recounted_tallies_equal_every_files_counts(engine):
    load(engine, "votes", SAMPLE / "2021-12-16")
    load(engine, "votes", SAMPLE / "2023-11-09")
    choice = vote_choices.c.choice
    counted = {name: func.sum(case((choice == name, 1), else_=0)) for name in ("for", "against", "abstain", "not_voting")}
    query = (select(votes.c.source_key, *counted.values(), votes.c.tally_mismatch)
             .join(vote_choices, vote_choices.c.vote_id == votes.c.id).group_by(votes.c.source_key, votes.c.tally_mismatch))
    with engine.connect() as connection:
        recount = {row[0]: (tuple(int(x) for x in row[1:5]), row[5]) for row in connection.execute(query)}
    files = sorted((SAMPLE / "2021-12-16").glob("*.json")) + sorted((SAMPLE / "2023-11-09").glob("*.json"))
    assert len(recount) == len(files) == 289
    for file in files:
        data, _ = load_evoting_json(file.name, file.read_bytes(), Limits.from_settings())
        stated = (data["YESCnt"], data["NOCnt"], data["UTRCnt"], data["NGCnt"])
        assert recount[f"evoting:{file.stem}"] == (stated, False), file.name
        assert sum(stated) == data["TotalCnt"]


def test_a_second_import_changes_nothing(engine, tmp_path):
    load(engine, "votes", SAMPLE / "2023-11-09")
    load(engine, "factions", SAMPLE / "factions.json")
    before = snapshot(engine)
    assert load(engine, "votes", SAMPLE / "2023-11-09").unchanged  # the same folder: the framework's hash
    archive = tmp_path / "231109.zip"  # the same day as a ZIP: another hash, so the importer compares
    with zipfile.ZipFile(archive, "w") as packed:
        for file in (SAMPLE / "2023-11-09").glob("*.json"):
            packed.write(file, f"2023-11-09/{file.name}")
    again = load(engine, "votes", archive)
    assert again.rows_read == 107 and again.rows_written == 0
    assert snapshot(engine) == before


def test_a_corrected_file_replaces_its_earlier_version(engine, tmp_path):
    day = tmp_path / "2021-12-16"
    shutil.copytree(SAMPLE / "2021-12-16", day)
    load(engine, "votes", day)
    vote_id = scalar(engine, select(votes.c.id).where(votes.c.source_key == "evoting:211216_1"))
    file = day / "211216_1.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    first_for = next(i for i, slot in enumerate(data["DPList"]) if slot["DPGolos"].strip() == "За")
    data["DPList"][first_for]["DPGolos"] = "Проти    "
    data["YESCnt"] -= 1
    data["NOCnt"] += 1
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    summary = load(engine, "votes", day)
    assert summary.rows_written == 1
    assert scalar(engine, select(func.count()).select_from(votes)) == 182
    assert scalar(engine, select(votes.c.id).where(votes.c.source_key == "evoting:211216_1")) == vote_id
    assert scalar(engine, select(vote_choices.c.choice).where(
        vote_choices.c.vote_id == vote_id, vote_choices.c.slot == first_for)) == "against"
    assert scalar(engine, select(func.count()).select_from(vote_choices).where(vote_choices.c.vote_id == vote_id)) == 121
    assert scalar(engine, select(votes.c.tally_mismatch).where(votes.c.id == vote_id)) is False


def test_name_variants_collapse_and_namesakes_stay_apart(engine):
    load(engine, "votes", SAMPLE / "2021-12-16")
    load(engine, "votes", SAMPLE / "2023-11-09")
    with engine.connect() as connection:
        keys = dict(connection.execute(select(deputies.c.name_key, func.count()).group_by(deputies.c.name_key)).all())
        mukha = connection.execute(select(func.count()).select_from(vote_choices.join(deputies))
                                   .where(deputies.c.name_key == "муха в.в.")).scalar()
        unnamed = connection.execute(select(vote_choices.c.slot, vote_choices.c.choice, func.count())
                                     .where(vote_choices.c.deputy_id.is_(None))
                                     .group_by(vote_choices.c.slot, vote_choices.c.choice)).all()
        mandate = connection.execute(select(deputies.c.mandate_from, deputies.c.mandate_to)
                                     .where(deputies.c.name_key == "глімбовська к.о.")).one()
    assert len(keys) == 128 and set(keys.values()) == {1}  # 121 in 2021, 7 who joined by 2023
    assert mukha == 289  # "Муха  В. В." (2021) and "Муха  В.В." (2023): one deputy, on every vote
    assert {"гончаров в.в.", "гончаров о.в.", "ярмоленко ю.о.", "ярмоленко і.о."} <= set(keys)
    assert unnamed == [(0, "absent", 107)]  # the 2023 list's empty slot, kept on every vote
    assert [str(day) for day in mandate] == ["2023-11-09", "2023-11-09"]


def test_an_unnamed_slot_with_a_vote_is_kept_and_flagged(engine, tmp_path):
    data = json.loads((SAMPLE / "2021-12-16" / "211216_1.json").read_text(encoding="utf-8"))
    assert data["DPList"][1]["DPGolos"].strip() == "За"
    data["DPList"][1]["DPName"] = ". .. .."
    (tmp_path / "211216_1.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    summary = load(engine, "votes", tmp_path / "211216_1.json")
    assert ("211216_1.json: DPList[1]", "a slot with no name carries a vote (for)") in summary.problems
    assert scalar(engine, select(vote_choices.c.choice).where(vote_choices.c.deputy_id.is_(None))) == "for"
    assert scalar(engine, select(votes.c.tally_mismatch)) is False  # the unnamed vote counts in the recount


def test_an_unrepairable_file_is_named_and_the_rest_of_the_day_imports(engine, tmp_path):
    day = tmp_path / "2021-12-16"
    shutil.copytree(SAMPLE / "2021-12-16", day)
    broken = day / "211216_50.json"
    broken.write_bytes(broken.read_bytes()[:2000])
    summary = load(engine, "votes", day)
    assert [location.split(":")[0] for location, _ in summary.skipped] == ["211216_50.json"]
    assert "not valid JSON" in summary.skipped[0][1]
    assert scalar(engine, select(func.count()).select_from(votes)) == 181
    assert scalar(engine, select(import_batches.c.rows_skipped)) == 1


def test_unescaped_quotes_in_text_fields_are_repaired():
    raw = (SAMPLE / "2021-12-16" / "211216_3.json").read_bytes().decode("utf-8")
    broken = raw.replace("про Кодекс етики депутата", 'про "Кодекс етики" депутата')
    assert broken != raw
    data, repair = load_evoting_json("211216_3.json", broken.encode("utf-8"), Limits.from_settings())
    assert repair and "quotes" in repair
    assert 'про "Кодекс етики" депутата' in data["GL_Text"] and len(data["DPList"]) == 121


@pytest.mark.parametrize(("title", "kind"), [
    ("За прийняття порядку денного за основу", "procedural"),
    ("За основу питання порядку денного про Кодекс етики депутата", "decision"),
    ("За правку до питання порядку денного про Кодекс етики депутата", "amendment"),
    ("За поправку депутата Ємця Л. О.", "amendment"),
    ("За включення до порядку дленного про заборону", "procedural"),
    ("За зміну черговості питань порядку денного", "procedural"),
    ("Реєстрація депутатів", "registration"),
    ("За оголошення перерви", "procedural"),
    ("Про перенесення пам'ятника", "decision"),
    ("За всі питання розділу 3.2 порядку денного окрім другого", "decision"),
])
def test_vote_kind_rules(title, kind):
    assert vote_kind(title) == kind


# --- the Resolution 835 CSV pair ---------------------------------------------------------------------

def test_the_835_csv_pair_imports(engine):
    summary = load(engine, "votes", CSV835)
    # motions 1..4 are votes, 5 was not considered; motion 4 states 4 for / 0 abstain, its list has 3 / 1
    assert summary.rows_read == 5 and summary.rows_written == 4
    assert summary.skipped == [("motions.csv: 2019-05-30-5", "no vote held (Не розглядали); 0 votings lines")]
    assert [location for location, _ in summary.problems] == ["motions.csv: line 5"]
    with engine.connect() as connection:
        rows = connection.execute(select(votes.c.source_key, votes.c.kind, votes.c.adopted, votes.c.n_for,
                                         votes.c.n_against, votes.c.n_abstain, votes.c.n_not_voting, votes.c.n_present,
                                         votes.c.tally_mismatch).order_by(votes.c.source_key)).all()
        choices = connection.execute(select(deputies.c.name_key, vote_choices.c.choice)
                                     .join(deputies).join(votes).where(votes.c.source_key == "csv835:2019-05-30-2")
                                     .order_by(vote_choices.c.slot)).all()
        genders = dict(connection.execute(select(deputies.c.name_key, deputies.c.gender)).all())
        session = connection.execute(select(plenary_sessions.c.held_on, plenary_sessions.c.name)).one()
    assert [tuple(row) for row in rows] == [
        ("csv835:2019-05-30-1", "procedural", True, 5, 0, 0, 1, 6, False),
        ("csv835:2019-05-30-2", "decision", True, 2, 1, 2, 1, 6, False),
        ("csv835:2019-05-30-3", "decision", False, 1, 3, 1, 1, 6, False),  # counts left empty: the list's
        ("csv835:2019-05-30-4", "decision", True, 4, 0, 0, 1, 5, True),
    ]
    assert choices == [("коваленко с.о.", "for"), ("петренко о.і.", "against"), ("петренко о.в.", "abstain"),
                       ("шевчук г.п.", "abstain"), ("бойко і.м.", "not_voting"), ("мельник о.в.", "absent"),
                       ("ар'єва я.в.", "for")]
    assert genders == {"коваленко с.о.": None, "петренко о.і.": None, "петренко о.в.": "m", "шевчук г.п.": "f",
                       "бойко і.м.": "f", "мельник о.в.": "f", "ар'єва я.в.": "f"}
    assert (str(session.held_on), session.name) == ("2019-05-30", "3 сесія")


def test_a_bad_csv_line_stops_the_import_and_writes_nothing(engine, tmp_path):
    pair = tmp_path / "pair"
    shutil.copytree(CSV835, pair)
    lines = (pair / "votings.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",Може"
    (pair / "votings.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        load(engine, "votes", pair)
    assert failure.value.location == "votings.csv: line 4"
    assert "Може" in failure.value.reason
    for table in (import_batches, votes, vote_choices, deputies, convocations):
        assert scalar(engine, select(func.count()).select_from(table)) == 0


# --- factions ----------------------------------------------------------------------------------------

def test_factions_json_map(engine):
    load(engine, "votes", SAMPLE / "2023-11-09")
    summary = load(engine, "factions", SAMPLE / "factions.json")
    two_groups = [note for note in summary.notes if "(the later group)" in note]
    assert len(two_groups) == 6 and any(note.startswith("Богатов К.В. is in ГОЛОС and Позафракційні") for note in two_groups)
    with engine.connect() as connection:
        sizes = dict(connection.execute(select(factions.c.name, func.count()).join(faction_memberships)
                                        .group_by(factions.c.name)).all())
        undated = connection.execute(select(func.count()).select_from(faction_memberships)
                                     .where(faction_memberships.c.from_on.is_not(None) | faction_memberships.c.to_on.is_not(None))).scalar()
        mayor = connection.execute(select(deputies.c.name_key).where(deputies.c.is_mayor)).scalar_one()
        per_deputy = (select(func.count().label("n")).select_from(faction_memberships)
                      .group_by(faction_memberships.c.deputy_id).subquery())
        one_each = connection.execute(select(func.max(per_deputy.c.n))).scalar()
    # 31 + 30 + 15 + 12 + 12 + 12 + 9 listed; ОП-ЗЖ loses 5 and ГОЛОС 1 to «Позафракційні»
    assert sizes == {"Європейська Солідарність": 31, "УДАР Віталія Кличка": 30, "Єдність": 15, "ВО «Батьківщина»": 12,
                     "ОП-ЗЖ": 7, "Слуга народу": 12, "ГОЛОС": 8}
    assert undated == 0 and one_each == 1 and mayor == "кличко в.в."
    assert any("Петрівська Л.С." in note for note in summary.notes)  # in the map, in no vote of the sample
    assert scalar(engine, select(func.count()).select_from(vote_faction_tallies)) > 0


def test_factions_dated_csv_replaces_and_rejects_overlaps(engine, tmp_path):
    load(engine, "votes", SAMPLE / "2021-12-16")
    load(engine, "factions", SAMPLE / "factions.json")
    dated = tmp_path / "factions.csv"
    dated.write_text("deputy,faction,from,to\n"
                     "Богатов К. В.,ГОЛОС,,2022-06-30\n"
                     "Богатов К.В.,Позафракційні,2022-07-01,\n"
                     "Букало О. Ю.,ОП-ЗЖ,2020-12-01,31.03.2022\n", encoding="utf-8")
    summary = load(engine, "factions", dated)
    assert summary.rows_written == 2
    with engine.connect() as connection:
        rows = connection.execute(select(deputies.c.name_key, factions.c.name, faction_memberships.c.from_on,
                                         faction_memberships.c.to_on).join(deputies).join(factions)
                                  .where(deputies.c.name_key.in_(["богатов к.в.", "букало о.ю."]))
                                  .order_by(deputies.c.name_key)).all()
    assert [(key, name, str(start) if start else None, str(end)) for key, name, start, end in rows] == [
        ("богатов к.в.", "ГОЛОС", None, "2022-06-30"), ("букало о.ю.", "ОП-ЗЖ", "2020-12-01", "2022-03-31")]

    dated.write_text("deputy,faction,from,to\nМуха В.В.,Єдність,2020-12-01,\nМуха В. В.,ГОЛОС,2022-01-01,\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        load(engine, "factions", dated)
    assert failure.value.location == "factions.csv: line 3"


# --- every real export imports, as its source says (issue 8) ------------------------------------------

NAMESAKES = Path(__file__).parent / "data" / "csv835-namesakes"


def test_the_earlier_export_with_two_digit_years_imports(engine):
    summary = load(engine, "votes", SAMPLE / "2021-02-11")
    assert summary.skipped == []
    assert per_day(engine) == {"2021-02-11": (84, 61, 6_324, 8_813)}
    with engine.connect() as connection:
        first = connection.execute(select(votes.c.voted_at).where(votes.c.source_key == "evoting:210211_1")).scalar()
        flagged = connection.execute(select(func.count()).select_from(votes).where(votes.c.date_disagrees)).scalar()
    assert str(first)[:16] == "2021-02-11 11:17" and flagged == 0
    assert scalar(engine, select(func.count()).select_from(vote_choices)) == 84 * 122


def test_a_date_alone_and_a_disagreeing_file_name_are_kept_and_flagged(engine, tmp_path):
    data = json.loads((SAMPLE / "2021-02-11" / "210211_1.json").read_text(encoding="utf-8-sig"))
    data["GLTime"] = "11.02.21"
    (tmp_path / "210211_1.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    data["GLTime"] = "12.02.2021 10:00:00"
    (tmp_path / "210211_2.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    summary = load(engine, "votes", tmp_path)
    assert ("210211_2.json", "GLTime gives 2021-02-12, the file name 2021-02-11: kept GLTime's day") in summary.problems
    with engine.connect() as connection:
        rows = dict(connection.execute(select(votes.c.source_key, votes.c.date_disagrees)).all())
        midnight = connection.execute(select(votes.c.voted_at).where(votes.c.source_key == "evoting:210211_1")).scalar()
    assert rows == {"evoting:210211_1": False, "evoting:210211_2": True}
    assert str(midnight)[:16] == "2021-02-11 00:00"


def attendance(engine) -> dict[str, tuple[int, int]]:
    """Deputy full name -> (votes held, present), registration left out."""
    with engine.connect() as connection:
        return {name: (int(held), int(present)) for name, held, present in connection.execute(
            select(deputies.c.full_name, func.sum(deputy_month_stats.c.held), func.sum(deputy_month_stats.c.present))
            .join(deputies).group_by(deputies.c.full_name))}


def test_namesakes_with_voter_ids_are_two_deputies_with_their_own_figures(engine):
    summary = load(engine, "votes", NAMESAKES)
    load(engine, "factions", NAMESAKES / "factions.csv")
    assert not [reason for _, reason in summary.problems if "two slots" in reason]
    with engine.connect() as connection:
        people = connection.execute(select(deputies.c.name_key, deputies.c.voter_id, deputies.c.full_name)
                                    .order_by(deputies.c.voter_id)).all()
        tallies = connection.execute(select(votes.c.source_key, factions.c.name, vote_faction_tallies.c.n_for,
                                            vote_faction_tallies.c.n_against, vote_faction_tallies.c.n_abstain)
                                     .join(votes).join(factions).order_by(votes.c.source_key, factions.c.name)).all()
    assert [tuple(row) for row in people] == [("петренко о.і.", "d1", "Петренко Олег Іванович"),
                                              ("петренко о.і. #2", "d2", "Петренко Ольга Іванівна (2)"),
                                              ("шевчук г.п.", "d3", "Шевчук Ганна Петрівна")]
    assert [tuple(row) for row in tallies] == [
        ("csv835:n-1", "Зелені", 1, 0, 0), ("csv835:n-1", "Сині", 2, 0, 0),
        ("csv835:n-2", "Зелені", 1, 0, 0), ("csv835:n-2", "Сині", 1, 1, 0),
        ("csv835:n-3", "Зелені", 0, 1, 0), ("csv835:n-3", "Сині", 1, 0, 1)]
    assert attendance(engine) == {"Петренко Олег Іванович": (2, 2), "Петренко Ольга Іванівна (2)": (2, 2),
                                  "Шевчук Ганна Петрівна": (2, 2)}


def without_ids(folder: Path, tmp_path: Path) -> Path:
    """The namesakes pair with its voterId column emptied."""
    pair = tmp_path / "no-ids"
    shutil.copytree(folder, pair)
    votings = (pair / "votings.csv").read_text(encoding="utf-8")
    (pair / "votings.csv").write_text(re.sub(r"^([^,]+),d\d,", r"\1,,", votings, flags=re.MULTILINE), encoding="utf-8")
    return pair


def test_namesakes_without_ids_are_kept_apart_and_reported(engine, tmp_path):
    summary = load(engine, "votes", without_ids(NAMESAKES, tmp_path))
    reported = [(location, reason) for location, reason in summary.problems if "two slots" in reason]
    assert reported == [("motions.csv: line 2", "two slots on one vote print as 'Петренко Ольга Іванівна' and the "
                         "source gives no voterId: kept as two deputies, 'Петренко Ольга Іванівна' and "
                         "'Петренко Ольга Іванівна (2)'")]
    assert scalar(engine, select(func.count()).select_from(deputies)) == 3
    assert scalar(engine, select(func.count()).select_from(vote_choices)) == 9


def test_untitled_motions_import_as_registration_or_procedural_and_are_listed(engine):
    summary = load(engine, "votes", NAMESAKES)
    assert summary.rows_written == 3
    with engine.connect() as connection:
        rows = connection.execute(select(votes.c.source_key, votes.c.kind, votes.c.untitled, votes.c.title)
                                  .order_by(votes.c.source_key)).all()
    assert [tuple(row) for row in rows] == [
        ("csv835:n-1", "registration", True, "Реєстрація (у джерелі без назви)"),
        ("csv835:n-2", "decision", False, "Про бюджет"),
        ("csv835:n-3", "procedural", True, "Процедурне голосування (у джерелі без назви)")]
    assert [location for location, reason in summary.problems if reason.startswith("no title")] == [
        "motions.csv: line 2", "motions.csv: line 4"]


@pytest.mark.parametrize(("encoding", "note"), [("cp1251", "Windows-1251"), ("utf-8-sig", "UTF-8 with a byte-order mark")])
def test_excel_encodings_import_the_same_as_utf8(engine, tmp_path, encoding, note):
    load(engine, "votes", CSV835)
    before = snapshot(engine)
    pair = tmp_path / "pair"
    pair.mkdir()
    for name in ("motions.csv", "votings.csv"):
        (pair / name).write_bytes((CSV835 / name).read_text(encoding="utf-8").encode(encoding))
    summary = load(engine, "votes", pair)
    assert f"votings.csv read as {note}" in summary.notes and summary.rows_written == 0
    assert snapshot(engine) == before


def test_broken_utf8_is_not_read_as_windows_1251(engine, tmp_path):
    pair = tmp_path / "pair"
    shutil.copytree(CSV835, pair)
    raw = (pair / "votings.csv").read_bytes()
    at = raw.index(b"\n", 300) + 1  # a line's start, so no letter is cut in two
    (pair / "votings.csv").write_bytes(raw[:at] + b"\xff" + raw[at:])
    with pytest.raises(ImportFailed) as failure:
        load(engine, "votes", pair)
    assert failure.value.location == "votings.csv" and failure.value.reason == f"broken UTF-8 at byte {at}"


def test_835_source_counts_are_kept_beside_the_list(engine):
    load(engine, "votes", CSV835)
    with engine.connect() as connection:
        row = connection.execute(select(votes.c.n_for, votes.c.n_abstain, votes.c.n_absent, votes.c.tally_mismatch)
                                 .where(votes.c.source_key == "csv835:2019-05-30-4")).one()
    assert tuple(row) == (4, 0, 2, True)


def test_factions_may_come_before_votes(engine, tmp_path):
    with pytest.raises(ImportFailed, match="no convocation in the database yet"):
        load(engine, "factions", SAMPLE / "factions.json")
    run_import(engine, "factions", SAMPLE / "factions.json", None, None, convocation=9)
    load(engine, "votes", SAMPLE / "2023-11-09")
    with engine.connect() as connection:
        convocation = connection.execute(select(convocations.c.number, convocations.c.started_on)).one()
        members = connection.execute(select(func.count()).select_from(faction_memberships)).scalar()
    assert convocation.number == 9 and str(convocation.started_on) == "2023-11-09"
    assert members == 31 + 30 + 15 + 12 + 7 + 12 + 8
    assert scalar(engine, select(func.count()).select_from(vote_faction_tallies)) > 0
    dated = tmp_path / "factions.csv"
    dated.write_text("deputy,faction,from,to,convocation\nМуха В.В.,Єдність,2020-12-01,,8 скликання\n", encoding="utf-8")
    load(engine, "factions", dated)
    assert scalar(engine, select(convocations.c.started_on).where(convocations.c.number == 8)).isoformat() == "2020-12-01"


def test_dated_factions_move_a_named_convocations_start_earlier(engine, tmp_path):
    load(engine, "votes", CSV835)  # convocation 8, first seen on 30 May 2019
    dated = tmp_path / "factions.csv"
    dated.write_text("deputy,faction,from,to\nКоваленко Сергій Олександрович,Громада,2018-11-20,\n", encoding="utf-8")
    run_import(engine, "factions", dated, None, None, convocation=8)
    assert scalar(engine, select(convocations.c.started_on).where(convocations.c.number == 8)).isoformat() == "2018-11-20"
    later = tmp_path / "later.csv"
    later.write_text("deputy,faction,from,to\nКоваленко Сергій Олександрович,Громада,2019-12-01,\n", encoding="utf-8")
    run_import(engine, "factions", later, None, None, convocation=8)
    assert scalar(engine, select(convocations.c.started_on).where(convocations.c.number == 8)).isoformat() == "2018-11-20"
