"""The open-data page, in both languages and audiences: every published dataset in its words with its page and
years; links to the files where `open_data_url` names the served folder, else a dataset's downloads."""

import tomllib

import pytest

from dashboard.settings import AUDIENCES, LANGUAGES
from dashboard.ui import DOWNLOADS_KEY
from queries import publish
from tests.support import PROJECT_ROOT

SERVED = "https://data.rada.example/open"


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_lists_every_published_dataset_and_offers_its_downloads(run_page, audience, lang):
    app = run_page("pages/open_data.py", audience, year="2017", **({"lang": lang} if lang == "en" else {}))
    assert not app.exception
    assert app.title[0].value == ("Відкриті дані" if lang == "uk" else "Open data")
    listed = app.dataframe[0].value
    assert len(listed) == len(publish.published()) and set(listed["name"]) == {d.name for d in publish.published()}
    assert ("Кожна петиція" if lang == "uk" else "Every petition") in " ".join(listed["dataset"])
    assert listed["first_year"].min() == 2015 and listed["last_year"].max() == 2020
    offered = [name for name, _filters, _params in app.session_state[DOWNLOADS_KEY]]
    assert offered == ["open_data_catalogue", publish.published()[0].name]
    assert not any(SERVED in markdown.value for markdown in app.markdown)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_where_the_folder_is_served_the_page_links_to_the_period_s_files(run_page, monkeypatch, lang):
    monkeypatch.setenv("VIDKRYTO_OPEN_DATA_URL", SERVED)
    app = run_page("pages/open_data.py", "public", year="2017", **({"lang": lang} if lang == "en" else {}))
    assert not app.exception
    text = "\n".join(markdown.value for markdown in app.markdown)
    assert f"({SERVED}/index.html)" in text and f"({SERVED}/datapackage.json)" in text
    assert f"({SERVED}/2017/{lang}/petitions.xlsx)" in text and f"({SERVED}/2017/petitions.parquet)" in text
    assert f"({SERVED}/2017/votes-835/motions.csv)" in text
    assert [name for name, _f, _p in app.session_state[DOWNLOADS_KEY]] == ["open_data_catalogue"]
    ranged = run_page("pages/open_data.py", "public", **{"from": "2017-03-01", "to": "2018-02-28"})
    assert f"({SERVED}/all/uk/petitions.csv)" in "\n".join(markdown.value for markdown in ranged.markdown)


def test_streamlit_s_own_table_download_is_off():
    """A table's toolbar would write raw cells; the datasets' own downloads beside every table are neutralised."""
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
