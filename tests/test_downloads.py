"""The reader's shape, page by page in both languages: every table a page draws shows rows of its dataset's reader
download (the same headers, words and rounding), and that download is `export --shape reader`, CSV and XLSX."""

import io

import openpyxl
import polars as pl
import pytest
from typer.testing import CliRunner

from dashboard import links
from dashboard.cli import app as cli
from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.settings import LANGUAGES
from dashboard.ui import DOWNLOADS_KEY, TABLES_KEY
from queries import encode
from queries.datasets import all_datasets
from tests.test_datasets import CASES

IDS = [f"{e.name}-{link.get('tab', '')}".rstrip("-") for e, link in CASES]


def shows(sheet: pl.DataFrame, table: pl.DataFrame) -> bool:
    """Every row of the table is a row of the sheet, under the same headers."""
    if not set(table.columns) <= set(sheet.columns) or table.height > sheet.height:
        return False
    return table.join(sheet.select(table.columns).unique(), on=table.columns, how="anti", nulls_equal=True).is_empty()


def reader_args(name: str, filters, params: dict, lang: str, base: str, url: str, out, file_format: str) -> list[str]:
    args = ["export", name, "--db", url, "--audience", filters.audience, "--shape", "reader", "--lang", lang,
            "--format", file_format, "--base-url", base, "--out", str(out)]
    if filters.year is not None:
        args += ["--year", str(filters.year)]
    elif filters.date_from.year >= 2000:
        args += ["--from", filters.date_from.isoformat(), "--to", filters.date_to.isoformat()]
    for code in filters.units:
        args += ["--unit", code]
    for key, value in params.items():
        args += ["--param", f"{key}={('1' if value else '0') if isinstance(value, bool) else value}"]
    return args


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("entry", "link"), CASES, ids=IDS)
def test_every_table_is_its_reader_download_and_that_is_export(run_page, demo_sqlite_url, tmp_path, entry, link, lang):
    app = run_page(entry.path, "public", year="2017", **link, **({"lang": lang} if lang != "uk" else {}))
    assert not app.exception
    tables, offered = app.session_state[TABLES_KEY], app.session_state[DOWNLOADS_KEY]
    assert len(app.dataframe) == len(tables), "every table a page draws reads its dataset's declaration"
    datasets, engine = all_datasets(), read_engine(demo_sqlite_url)
    carried = links.carried(dict(app.query_params.items()))
    for name, shown, base, table_carried in tables:
        assert table_carried == carried
        sheets = [datasets[name].sheet(engine, filters, params, lang, base, carried).frame
                  for offered_name, filters, params in offered if offered_name == name]
        assert sheets, f"{name}: a table without its download"
        assert any(shows(sheet, shown) for sheet in sheets), name
    base = tables[0][2] if tables else "http://localhost:8501"
    for name, filters, params in offered:
        if not datasets[name].columns:
            continue
        sheet = datasets[name].sheet(engine, filters, params, lang, base, carried)
        for file_format in encode.READER:
            out = tmp_path / f"{name}.{file_format}"
            result = CliRunner().invoke(cli, reader_args(name, filters, params, lang, base, demo_sqlite_url, out,
                                                         file_format))
            assert result.exit_code == 0, result.output
            assert out.read_bytes() == encode.reader(sheet, file_format, name), (name, file_format)


def test_the_reader_csv_prints_numbers_and_dates_as_the_page_and_the_xlsx_types_them(demo_sqlite_url, tmp_path):
    engine = read_engine(demo_sqlite_url)
    votes = all_datasets()["votes"]
    filters = Filters.for_year(2017)
    uk = votes.sheet(engine, filters, {}, "uk", "https://rada.example", {"year": "2017"})
    text = encode.reader(uk, "csv", "votes").decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.startswith("Деталі;Час;Питання;Вид;Результат;За;") and "Явка, %" in header
    cells = dict(zip(header.split(";"), first.split(";")))
    assert cells["Деталі"].startswith("https://rada.example/vote?vote=") and cells["Деталі"].endswith("&year=2017")
    assert cells["Час"][2] == "." and cells["Час"][5] == "." and len(cells["Час"]) == 16  # DD.MM.YYYY HH:MM
    assert "," in cells["Явка, %"] and cells["Підрахунок не збігається"] in ("так", "ні")
    en = votes.sheet(engine, filters, {}, "en", "https://rada.example", {"year": "2017", "lang": "en"})
    book = openpyxl.load_workbook(io.BytesIO(encode.reader(en, "xlsx", "votes")))
    sheet = book["votes"]
    headers = [cell.value for cell in sheet[1]]
    row = {header: cell for header, cell in zip(headers, sheet[2])}
    assert row["Time"].is_date and row["Time"].number_format == "yyyy-mm-dd hh:mm"
    assert isinstance(row["For"].value, int) and row["Turnout, %"].number_format == "0.0"
    assert row["Details"].hyperlink.target.endswith("&lang=en") and row["Tally flagged"].data_type == "b"
    assert sheet.freeze_panes == "A2" and sheet.max_row == en.frame.height + 1
    assert "vote_id" not in headers and "color" not in headers


def test_every_dataset_reads_in_both_shapes_on_both_backends(demo_engine):
    """The reader's shape of every dataset a period shows, on SQLite and PostgreSQL alike: its declared headers in
    each language, in order, nothing internal, and both files written."""
    filters = Filters.for_year(2017)
    for name, dataset in all_datasets().items():
        if not dataset.columns or set(dataset.params) & {"vote", "deputy", "line"}:
            continue
        for lang in LANGUAGES:
            sheet = dataset.sheet(demo_engine, filters, {}, lang, "https://rada.example")
            optional = {"author", "is_public"}  # the internal audience's columns
            declared = [field.header(lang) for field in dataset.columns if field.name not in optional]
            assert sheet.frame.columns == declared, (name, lang)
            assert not {"vote_id", "deputy_id", "faction_id", "color", "gender"} & set(sheet.frame.columns), name
            assert len(encode.reader(sheet, "csv", name)) > 3 and encode.reader(sheet, "xlsx", name)[:2] == b"PK"
