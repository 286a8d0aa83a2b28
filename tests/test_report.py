"""The yearly report: on the demo council the 2017 section states the seed report's figures, in the seed's
Ukrainian (both backends); plural forms and cases for 1, 2, 5, 11, 21, 22, 25, 101, 111 and fractions; a year
without data says so and prints no zero; a unit's report; every note resolves to a dataset whose export holds
its figure; the files escape what the data says; `vidkryto report`; the DOCX round trip through LibreOffice."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess

import polars as pl
import pytest
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.db import read_engine
from dashboard.filters import Filters
from dashboard.i18n import NBSP
from dashboard.settings import load_settings
from queries.datasets import all_datasets
from report import render
from report.document import report_file
from report.figures import Figure, gather
from report.text import Ref, figure_text, over_bound, write

SEED_2017 = ("12 прес-конференцій", "5 ефірів телепередачі «Гість в студії»", "2 зустрічі міського голови",
             "понад 500 користувачів", "понад 300 прямих трансляцій", f"21{NBSP}тис. переглядів", "900 закупівель",
             "понад 220 петицій", "30 петицій набрали", "31 пленарного засідання", f"понад 1{NBSP}000 рішень",
             "7 скликання", "3 консультації")


def plain(section) -> str:
    return "\n".join("".join(part.text if isinstance(part, Ref) else part for part in paragraph)
                     for paragraph in section.paragraphs)


def test_the_2017_report_says_what_the_seed_says(demo_engine):
    text = plain(write(gather(demo_engine, Filters.for_year(2017)), "uk"))
    for phrase in SEED_2017:
        assert phrase in text, phrase
    english = plain(write(gather(demo_engine, Filters.for_year(2017)), "en"))
    assert "12 press conferences" in english and "over 220 petitions" in english and "7th convocation" in english


def _figure(key: str, value: float) -> Figure:
    return Figure(key, value, None, None, "kpi", {"year": "2017"}, ())


@pytest.mark.parametrize(("key", "case", "expected"), [
    ("press_conferences", "acc", {1: "1 прес-конференцію", 2: "2 прес-конференції", 5: "5 прес-конференцій",
                                  11: "11 прес-конференцій", 21: "21 прес-конференцію", 22: "22 прес-конференції",
                                  25: "25 прес-конференцій", 101: "101 прес-конференцію", 111: "111 прес-конференцій"}),
    ("plenary_sessions", "gen", {1: "1 пленарного засідання", 2: "2 пленарних засідань", 5: "5 пленарних засідань",
                                 21: "21 пленарного засідання", 111: "111 пленарних засідань"}),
    ("petitions_considered", "nom", {1: "1 петиція", 3: "3 петиції", 11: "11 петицій", 22: "22 петиції"}),
    ("website_daily_visitors", "nom", {45.5: "45,5 користувача", 21: "21 користувач", 99: "99 користувачів",
                                       545: "понад 500 користувачів", 100: "100 користувачів"}),
    ("live_stream_views", "nom", {9_999: f"9{NBSP}999 переглядів", 21_040: f"21{NBSP}тис. переглядів",
                                  21_600: f"22{NBSP}тис. переглядів"}),
])
def test_plural_forms_and_cases(key, case, expected):
    for value, words in expected.items():
        assert figure_text(_figure(key, value), case, "uk", 2017)[0] == words, value


def test_over_is_the_round_number_below_the_figure():
    assert [over_bound(value, 100) for value in (545, 500, 501, 99, 1_046)] == [500, 400, 500, 0, 1_000]
    assert over_bound(230, 10) == 220  # «понад 220», never «понад 230» for 230


def test_a_year_without_data_says_so_and_prints_no_zero(demo_engine):
    report = gather(demo_engine, Filters.for_year(2012))
    section = write(report, "uk")
    text = plain(section)
    assert not section.notes and "даних про прес-конференції за 2012 рік немає" in text
    assert " 0 " not in text and not any(isinstance(part, Ref) for p in section.paragraphs for part in p)


def test_a_units_report(demo_engine):
    filters = Filters.for_year(2017, units=("EDU",))
    report = gather(demo_engine, filters)
    section = write(report, "uk", "Управління освіти")
    assert section.title.endswith("2017, Управління освіти")
    council = gather(demo_engine, Filters.for_year(2017))
    assert 0 < report.figures["procurements"].value < council.figures["procurements"].value
    assert report.figures["website_daily_visitors"].value == council.figures["website_daily_visitors"].value


def test_every_note_resolves_to_an_export_that_holds_its_figure(demo_engine):
    for filters in (Filters.for_year(2017), Filters.for_year(2018, units=("HOUSING",))):
        report = gather(demo_engine, filters)
        section = write(report, "uk")
        for key in section.notes:
            figure = report.figures[key]
            params = dict(figure.params)
            export = all_datasets()[figure.dataset].rows(
                demo_engine, Filters.for_year(int(params["year"]), units=tuple(params.get("unit", "").split(",")
                                                                               if params.get("unit") else ())),
                {}, load_settings().base_url)
            row = export.filter(kpi=key, year=int(params["year"]))
            assert row["value"].to_list() == [figure.value], key


def test_files_escape_what_the_data_says(demo_engine):
    report = gather(demo_engine, Filters.for_year(2017))
    names = ["<script>alert(1)</script> [x](http://e.vil) *Б*", *report.outlets["outlet"][1:]]
    hostile = report.outlets.with_columns(outlet=pl.Series(names, dtype=pl.String))
    report = dataclasses.replace(report, outlets=hostile)
    section = write(report, "uk")
    page = render.render(report, section, "uk", "html", []).decode()
    assert "<script>" not in page and "&lt;script&gt;" in page
    markdown = render.render(report, section, "uk", "md", []).decode()
    assert "\\[x\\](http://e.vil)" in markdown and "\\*Б\\*" in markdown
    numbers = markdown.count("[^")
    assert numbers == 2 * len(section.notes)  # a marker in the text and a note for each


def test_the_command_writes_each_format(demo_sqlite_url, tmp_path):
    runner = CliRunner()
    for fmt in render.FORMATS:
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(app, ["report", "--year", "2017", "--format", fmt, "--out", str(out), "--db",
                                     demo_sqlite_url, "--no-charts"])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    assert "12 прес-конференцій" in (tmp_path / "report.md").read_text("utf-8")
    bad = runner.invoke(app, ["report", "--year", "2017", "--out", str(tmp_path / "x.md"), "--db", demo_sqlite_url,
                              "--unit", "NOPE", "--no-charts"])
    assert bad.exit_code == 2 and "NOPE" in bad.output


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice and poppler come from Debian (`make office`)")
def test_the_docx_opens_in_libreoffice_with_its_endnotes_and_charts(demo_sqlite_url, tmp_path):
    written = report_file(read_engine(demo_sqlite_url), Filters.for_year(2017), "uk", "docx")
    (tmp_path / "report.docx").write_bytes(written)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "report.docx")], check=True, capture_output=True,
                   timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], check=True, capture_output=True,
                          timeout=60).stdout.decode()
    assert "12 прес-конференцій" in text and "тис. переглядів" in text
    assert text.count("Набір даних «kpi»") == 13  # every figure's endnote, read back from the drawn pages
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(tmp_path / "report.pdf"),
                    str(tmp_path / "page")], check=True, timeout=60)
    first = next(tmp_path.glob("page*.png"))
    assert first.stat().st_size > 10_000  # a drawn page, not a blank one
    assert written.count(b"image/png") >= 1 or b"media/image" in written  # the charts are in the document


def test_the_councils_template_comes_first(demo_engine, tmp_path):
    from docx import Document

    template = Document()
    template.add_paragraph("Вишнева міська рада · Річний звіт")
    template.save(tmp_path / "template.docx")
    report = gather(demo_engine, Filters.for_year(2017))
    written = render.render(report, write(report, "uk"), "uk", "docx", [], str(tmp_path / "template.docx"))
    (tmp_path / "report.docx").write_bytes(written)
    paragraphs = [paragraph.text for paragraph in Document(tmp_path / "report.docx").paragraphs]
    assert paragraphs[0] == "Вишнева міська рада · Річний звіт"
    assert paragraphs[1] == "Розвиток інформаційного простору: 2017"
