"""Generated malformed files for every importer (issue 20, «Faults»): each variant of a valid sample is refused
naming its file, its line (or JSON path) and the reason, with every table's row count as it was, or it imports;
never a traceback. The valid sample imports after them. On SQLite and PostgreSQL.

Variants of one member of the sample: every CSV column (every JSON key path, its first value) oversized; a huge
number where a number stands; years 1 and 9999 where a date stands (refused); the first record repeated;
UTF-16 without a byte-order mark (refused, naming it); the file cut in half; a symlink to /proc/self/pagemap
given, in a folder or in a ZIP (refused). The faults an outside probe found are asserted by their reasons below.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dashboard.cli import app as cli
from dashboard.writer.importers import IMPORTERS, ImportFailed, ImportSummary, run_import
from dashboard.writer.importers.values import as_datetime
from tests.support import BACKENDS, PROJECT_ROOT, empty_database, row_counts

COUNCIL = PROJECT_ROOT / "data" / "samples" / "council"
DATA = PROJECT_ROOT / "tests" / "data"
KYIV_DAY = PROJECT_ROOT / "data" / "samples" / "kyiv-council-votes" / "2021-02-11"
LONG = "".join(random.Random(20).choices("абвгдеєжзиіїйклмнопрстуфхцчшщьюяABCDEFGHIJ0123456789", k=20_000))
HUGE = "9" * 5001
PAGEMAP = "/proc/self/pagemap"
OPTIONS = {"factions": {"convocation": 9}}
# (source, format) -> (the members of a valid sample: {name: bytes}, how they are given: file, folder or zip)
SAMPLES = {
    ("units", "csv"): ("file", [COUNCIL / "units.csv"]),
    ("targets", "csv"): ("file", [COUNCIL / "targets.csv"]),
    ("decisions", "csv"): ("file", [COUNCIL / "decisions.csv"]),
    ("votes", "csv-835"): ("folder", sorted((COUNCIL / "votes-2026-03-19").iterdir())),
    ("votes", "evoting-json"): ("folder", [KYIV_DAY / "210211_3.json"]),
    ("factions", "csv-dated"): ("file", [COUNCIL / "factions.csv"]),
    ("factions", "json-map"): ("file", [KYIV_DAY.parent / "factions.json"]),
    ("petitions", "csv"): ("file", [COUNCIL / "petitions.csv"]),
    ("petitions", "edem-json"): ("file", [DATA / "petitions" / "edem.json"]),
    ("media", "csv"): ("file", [COUNCIL / "media.csv"]),
    ("events", "csv"): ("file", [COUNCIL / "events.csv"]),
    ("traffic", "csv"): ("file", [DATA / "website" / "visits-utf16.csv"]),
    ("traffic", "matomo-visits"): ("file", [COUNCIL / "traffic-visits.json"]),
    ("traffic", "matomo-pages"): ("file", [DATA / "website" / "pages.json"]),
    ("traffic", "matomo-referrers"): ("file", [DATA / "website" / "referrers.json"]),
    ("traffic", "matomo-devices"): ("file", [DATA / "website" / "devices.json"]),
    ("traffic", "plausible"): ("zip", sorted((DATA / "website" / "plausible-2017-03").iterdir())),
    ("streams", "csv"): ("file", [COUNCIL / "streams.csv"]),
    ("page_units", "csv"): ("file", [DATA / "website" / "page-units.csv"]),
    ("consultations", "csv"): ("file", [COUNCIL / "consultations.csv"]),
    ("procurement", "ocds-json"): ("file", [COUNCIL / "procurement.json"]),
    ("procurement", "ocds-jsonl"): ("file", [COUNCIL / "procurement.json"]),
}


def test_every_importer_and_format_has_a_sample():
    modules = {module: source for source, module in IMPORTERS.items()}
    import importlib

    formats = {(module, fmt) for module in modules
               for fmt in importlib.import_module(f"dashboard.writer.importers.{module}").FORMATS}
    covered = {(IMPORTERS[source], fmt) for source, fmt in SAMPLES}
    assert set(IMPORTERS) <= {source for source, _ in SAMPLES}
    assert formats - covered == {("website", "matomo-json")}  # matomo-json is the four reports' detection


# --- Variants -----------------------------------------------------------------------------------------

def _text(path: Path) -> str:
    raw = path.read_bytes()
    return raw.decode("utf-16") if raw.startswith(b"\xff\xfe") else raw.decode("utf-8-sig")


def _jsonl(text: str) -> str:
    """The release package as JSON Lines: one release a line."""
    return "\n".join(json.dumps(release, ensure_ascii=False) for release in json.loads(text)["releases"]) + "\n"


def _year(value: str, year: int) -> str:
    return f"{year:04d}-01-01" + (" 10:00" if ":" in value else "")


def csv_variants(text: str) -> Iterator[tuple[str, str, bool]]:
    """(what, text, must be refused) for every column of the first row, and the row repeated."""
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))

    def written(body: list[list[str]]) -> str:
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(body)
        return out.getvalue()

    def with_cell(column: int, value: str) -> str:
        return written([rows[0], [value if i == column else cell for i, cell in enumerate(rows[1])], *rows[2:]])

    for column, name in enumerate(rows[0]):
        value = rows[1][column]
        yield f"{name}: oversized", with_cell(column, LONG), False
        if value.isdigit():
            yield f"{name}: huge number", with_cell(column, HUGE), False
        if not value.isdigit() and as_datetime(value):
            for year in (1, 9999):
                yield f"{name}: year {year}", with_cell(column, _year(value, year)), True
    yield "first row repeated", written([*rows, rows[1]]), False


def _leaves(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{index}]")
    else:
        yield path, value


def _replaced(data: object, path: str, value: object) -> object:
    copy = json.loads(json.dumps(data))
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    target = copy
    for part in parts[:-1]:
        target = target[int(part[1:-1])] if part.startswith("[") else target[part]
    last = parts[-1]
    target[int(last[1:-1]) if last.startswith("[") else last] = value
    return copy


def json_variants(text: str) -> Iterator[tuple[str, str, bool]]:
    """(what, text, must be refused) for the first value of every key path: oversized, huge, years 1 and 9999."""
    data, seen = json.loads(text), set()
    for path, value in _leaves(data):
        pattern = re.sub(r"\[\d+\]|\d{4}-\d\d-\d\d", "[]", path)
        if pattern in seen or isinstance(value, bool) or value is None:
            continue
        seen.add(pattern)
        if isinstance(value, str):
            yield f"{path}: oversized", json.dumps(_replaced(data, path, LONG), ensure_ascii=False), False
            if as_datetime(value):
                for year in (1, 9999):
                    yield f"{path}: year {year}", json.dumps(_replaced(data, path, _year(value, year).replace(" ", "T")),
                                                             ensure_ascii=False), False
        else:
            huge = json.dumps(_replaced(data, path, "@HUGE@"), ensure_ascii=False).replace('"@HUGE@"', HUGE)
            yield f"{path}: huge number", huge, True
    records = data.get("releases") or data.get("projects") if isinstance(data, dict) else None
    if records:
        yield "first record repeated", json.dumps({**data, **{k: [*v, v[0]] for k, v in data.items() if v is records}},
                                                  ensure_ascii=False), False


def variants(members: dict[str, str]) -> Iterator[tuple[str, dict[str, bytes], bool, str]]:
    """(what, members as bytes, must be refused, a word the reason must hold) for the sample's first member."""
    first, text = next(iter(members.items()))
    rest = {name: body.encode() for name, body in members.items() if name != first}
    shaped = json_variants if first.endswith(".json") else csv_variants
    for what, body, refuse in shaped(text) if not first.endswith(".jsonl") else ():
        yield what, {first: body.encode(), **rest}, refuse, ""
    for codec in ("utf-16-le", "utf-16-be"):
        yield f"{codec} without a byte-order mark", {first: text.encode(codec), **rest}, True, "UTF-16"
    raw = text.encode()
    yield "cut in half", {first: raw[:len(raw) // 2], **rest}, first.endswith(".json"), ""


def given(tmp: Path, shape: str, name: str, members: dict[str, bytes], link: str | None = None) -> Path:
    """The members as the importer takes them: one file, a folder or a ZIP; `link` adds a symlink to PAGEMAP."""
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    if shape == "zip":
        path = tmp / name
        with zipfile.ZipFile(path, "w") as packed:
            for member, body in members.items():
                packed.writestr(member, body)
            if link:
                info = zipfile.ZipInfo(link)
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                packed.writestr(info, PAGEMAP)
        return path
    folder = tmp / name if shape == "folder" else tmp
    folder.mkdir(exist_ok=True)
    for member, body in members.items():
        (folder / member).write_bytes(body)
    if link:
        (folder / link).unlink(missing_ok=True)
        (folder / link).symlink_to(PAGEMAP)
    return folder if shape == "folder" else folder / next(iter(members))


# --- The run ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=BACKENDS)
def database(request, tmp_path_factory):
    engine = empty_database(request.param, "import_faults", tmp_path_factory.mktemp("faults"), "faults")
    run_import(engine, "units", COUNCIL / "units.csv", None, None)
    yield engine
    engine.dispose()


def attempt(engine, source: str, fmt: str, path: Path) -> ImportFailed | ImportSummary:
    """The import's refusal (every row count as it was) or its summary; anything else fails the test."""
    before = row_counts(engine)
    try:
        return run_import(engine, source, path, fmt, None, **OPTIONS.get(source, {}))
    except ImportFailed as failure:
        assert row_counts(engine) == before, f"{path.name}: {failure} wrote rows"
        return failure


def _sample(source: str, fmt: str) -> tuple[str, str, dict[str, str]]:
    shape, files = SAMPLES[(source, fmt)]
    members = {file.name: _text(file) for file in files}
    if fmt == "ocds-jsonl":
        members = {"procurement.jsonl": _jsonl(members["procurement.json"])}
    name = {"folder": files[0].parent.name, "zip": "plausible.zip"}.get(shape, next(iter(members)))
    return shape, name, members


@pytest.mark.parametrize(("source", "fmt"), list(SAMPLES), ids=[f"{s}-{f}" for s, f in SAMPLES])
def test_malformed_files_are_refused_with_their_place_and_reason(database, tmp_path, source, fmt):
    shape, name, members = _sample(source, fmt)
    problems = []
    cases = list(variants(members))
    link = "evil" + Path(next(iter(members))).suffix
    cases.append(("a symlink", {n: b.encode() for n, b in members.items()}, True,
                  "symbolic link" if shape != "file" else "more bytes than its size"))
    for what, body, refuse, word in cases:
        path = given(tmp_path / "v", shape, name, body, link if what == "a symlink" else None)
        if what == "a symlink" and shape == "file":
            path.unlink()
            path.symlink_to(PAGEMAP)
        try:
            outcome = attempt(database, source, fmt, path)
        except Exception as error:  # noqa: BLE001 - a traceback is what the test looks for
            problems.append(f"{what}: {type(error).__name__}: {str(error)[:160]}")
            continue
        skipped = isinstance(outcome, ImportSummary) and fmt == "evoting-json" and outcome.skipped
        if isinstance(outcome, ImportFailed):
            located = outcome.location.split(":")[0] in (*body, name, link)
            if not located or not outcome.reason or word not in str(outcome):
                problems.append(f"{what}: refused as {outcome}")
        elif refuse and not skipped:
            problems.append(f"{what}: imported")
    valid = {n: (b + "\n").encode() for n, b in members.items()}
    outcome = attempt(database, source, fmt, given(tmp_path / "v", shape, name, valid))
    assert isinstance(outcome, ImportSummary), f"the valid sample after them: {outcome}"
    assert not problems, "\n".join(problems)


# --- The faults the outside probe found, by their reasons ----------------------------------------------

def _edited(tmp_path: Path, sample: Path, old: str, new: str, name: str | None = None) -> Path:
    path = tmp_path / (name or sample.name)
    text = _text(sample)
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


PROBED = [
    ("media", COUNCIL / "media.csv", "https://news.example/2026/03/budget", "https://x.example/" + LONG,
     "media.csv: line 3, identity", "more than the 2,000 that media_mentions.identity holds (a unique key"),
    ("streams", COUNCIL / "streams.csv", "https://youtube.example/watch?v=vys001", "https://x.example/" + LONG,
     "streams.csv: line 2, identity", "more than the 2,000 that broadcasts.identity holds"),
    ("petitions", COUNCIL / "petitions.csv", "Транспорт,02,2024", "Т" * 81 + ",02,2024",
     "petitions.csv: line 2, category", "81 characters, more than the 80 that petitions.category holds"),
    ("petitions", DATA / "petitions" / "edem.json", '"count_signs": 512', '"count_signs": ' + "5" * 5001,
     "edem.json: line 3", "not a number any figure here can be: 555555555555… (5,001 characters)"),
    ("petitions", COUNCIL / "petitions.csv", "2024-02-01", "9999-02-01",
     "petitions.csv: line 2, submitted_on", "9999-02-01 is outside the years an import accepts"),
    ("streams", COUNCIL / "streams.csv", "2026-02-10 11:00", "0001-01-01 11:00",
     "streams.csv: line 2, started_at", "0001-01-01 is outside the years an import accepts"),
    ("traffic", DATA / "website" / "visits-utf16.csv", "2017-02-02", "2017-02-01",
     "visits-utf16.csv: line 3, date", "2017-02-01 is also the day of line 2"),
]


@pytest.mark.parametrize(("source", "sample", "old", "new", "location", "reason"), PROBED,
                         ids=[f"{p[0]}-{p[4].split(', ')[-1]}" for p in PROBED])
def test_what_the_probe_found_is_refused_by_its_reason(database, tmp_path, source, sample, old, new, location, reason):
    outcome = attempt(database, source, None, _edited(tmp_path, sample, old, new))
    assert isinstance(outcome, ImportFailed) and outcome.location == location and reason in outcome.reason, outcome


def test_a_json_text_value_over_the_cap_names_its_path(database, tmp_path, monkeypatch):
    monkeypatch.setenv("VIDKRYTO_IMPORT_MAX_FIELD_KB", "1")
    path = _edited(tmp_path, DATA / "petitions" / "edem.json", "Зберегти історичну будівлю", LONG[:2000])
    outcome = attempt(database, "petitions", None, path)
    assert (outcome.location, outcome.reason) == ("edem.json: projects[0].title", "a text value longer than 1 K "
                                                  "characters (setting import_max_field_kb, VIDKRYTO_IMPORT_MAX_FIELD_KB)")


def test_the_command_says_not_imported_with_the_place_and_reason(tmp_path):
    folder, url = tmp_path / "day", f"sqlite:///{tmp_path / 'cli.sqlite'}"
    shutil.copytree(COUNCIL / "votes-2026-03-19", folder)
    (folder / "evil.csv").symlink_to(PAGEMAP)
    assert CliRunner().invoke(cli, ["init-db", "--db", url]).exit_code == 0
    result = CliRunner().invoke(cli, ["import", "votes", str(folder), "--db", url])
    assert result.exit_code == 1
    assert "Not imported: evil.csv: a symbolic link: refused (an import reads regular files only)" in " ".join(
        result.output.split())
