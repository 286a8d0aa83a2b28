"""A real council from an empty database: each import source alone (and none) imported into an empty database,
then every page and every tab walked in both languages and both audiences. No exception, no error box, no
`None` or message key on screen, no empty chart (the page says «даних немає» instead), count axes tick at
whole numbers and a month or day axis never prints one label twice.

One database per source, built once per module; the walk is SQLite (a page test)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select, update

from dashboard.navigation import BY_NAME, PAGES
from dashboard.schema import media_mentions, petitions, units
from dashboard.writer.importers import run_import
from dashboard.writer.public_database import publish
from tests.page_checks import check_page, texts
from tests.support import PROJECT_ROOT, empty_database, run_app

SOURCES = {  # source -> (a small real file, importer options); one line adds a source to the walk
    "units": ("tests/data/reference/units.csv", {}),
    "targets": ("tests/data/reference/targets.csv", {}),
    "decisions": ("tests/data/reference/decisions.csv", {}),
    "votes": ("tests/data/csv835", {}),
    "factions": ("data/samples/kyiv-council-votes/factions.json", {"convocation": 9}),
    "petitions": ("tests/data/petitions/petitions.csv", {}),
    "media": ("tests/data/media/mentions.csv", {}),
    "events": ("tests/data/media/events.csv", {}),
    "traffic": ("tests/data/website/visits.json", {}),
    "streams": ("tests/data/website/streams.csv", {}),
    "page_units": ("tests/data/website/page-units.csv", {}),
    "consultations": ("tests/data/consultations/register.csv", {}),
    "procurement": ("data/samples/prozorro-ocds/records-10.json", {}),
}
ODD = {"media": dt.date(9999, 12, 31), "petitions": dt.date(2917, 5, 1)}
"""Sources walked a second time as an old import may have left them: one row moved to an impossible date, and
every other mention without a title, every answered petition without its clock (back-filled)."""
CODES = {line.split(",")[1].strip() for line in (PROJECT_ROOT / "dashboard/vocabularies/page_units.csv").read_text().splitlines()[1:]}
UNITS = [{"code": code, "name_uk": f"Підрозділ {code}", "name_en": f"Unit {code}"} for code in sorted(CODES)] + [
    {"code": code, "name_uk": f"Підрозділ {code}", "name_en": f"Unit {code}"} for code in ("01", "02", "02.1", "03")]
"""The units the files and the shipped path rules name: the council's structure every other source starts from."""
WALKS = [(entry.name, tab) for entry in PAGES for tab in entry.sections or (None,)]
VIEWS = (("uk", "public"), ("en", "internal"))
"""Both languages and both audiences, each once (the language walk and each page's tests cover the other pairs)."""
PUBLIC_WALKS = [(page, tab) for page, tab in WALKS if not BY_NAME[page].internal]
VIEWED = [(page, tab, lang, audience) for page, tab in WALKS for lang, audience in VIEWS
          if audience == "internal" or not BY_NAME[page].internal]
"""Every page and tab in each view; an internal page in the internal view alone (the public edition has none)."""


def _odd_rows(engine, source: str) -> None:
    table, column = (media_mentions, "published_on") if source == "media" else (petitions, "submitted_on")
    with engine.begin() as connection:
        first = connection.execute(select(table.c.id).order_by(table.c.id).limit(1)).scalar_one()
        connection.execute(update(table).where(table.c.id == first).values({column: ODD[source]}))
        if source == "media":
            connection.execute(update(table).where(table.c.id != first).values(title=None))
        else:  # back-filled: answered, with neither a threshold date nor a start of consideration
            connection.execute(update(table).where(table.c.status == "answered")
                               .values(threshold_reached_on=None, consideration_started_on=None))


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """`database(name)`: the URL of the database holding that source alone (built on first use), `none` for
    an empty one and `<source>_odd` for a source with odd rows (`ODD`); `<name>/public` its public database, which
    the public edition reads (`vidkryto publish`)."""
    built: dict[str, str] = {}

    def get(name: str) -> str:
        if name.endswith("/public"):
            get(name.removesuffix("/public"))
        elif name not in built:
            source = name.removesuffix("_odd")
            engine = empty_database("sqlite", name, tmp_path_factory.mktemp("sparse"), name,
                                    {units: UNITS} if source in SOURCES and source != "units" else None)
            if source in SOURCES:
                path, options = SOURCES[source]
                run_import(engine, source, PROJECT_ROOT / path, None, None, **options)
            if name.endswith("_odd"):
                _odd_rows(engine, source)
            built[name] = str(engine.url.render_as_string(hide_password=False))
            published = str(engine.url.database).replace(".sqlite", "-public.sqlite")
            publish(engine, f"sqlite:///{published}")
            built[f"{name}/public"] = f"sqlite:///{published}"
            engine.dispose()
        return built[name]

    return get


def walk(database, environment, name: str, page: str, tab: str | None, lang: str, audience: str):
    environment(database(name if audience == "internal" else f"{name}/public"), audience)
    app = run_app(f"pages/{page}.py", {"lang": lang, **({"tab": tab} if tab else {})})
    check_page(app, f"{name}/{page}/{tab or '-'}/{lang}/{audience}")
    return app


@pytest.fixture
def environment(monkeypatch):
    def set_up(url: str, audience: str) -> None:
        monkeypatch.setenv("VIDKRYTO_DATABASE_URL", url)
        monkeypatch.setenv("VIDKRYTO_AUDIENCE", audience)
        monkeypatch.setenv("VIDKRYTO_LOCAL_DEMO", str(audience == "internal"))
    return set_up


@pytest.mark.parametrize(("page", "tab", "lang", "audience"), VIEWED,
                         ids=[f"{p}-{t}-{lang}-{a}" if t else f"{p}-{lang}-{a}" for p, t, lang, a in VIEWED])
@pytest.mark.parametrize("source", [*SOURCES, "none"])
def test_every_page_draws_with_one_source(database, environment, source, page, tab, lang, audience):
    walk(database, environment, source, page, tab, lang, audience)


@pytest.mark.parametrize(("page", "tab"), PUBLIC_WALKS, ids=[f"{p}-{t}" if t else p for p, t in PUBLIC_WALKS])
@pytest.mark.parametrize("source", ODD)
def test_odd_rows_break_no_page(database, environment, source, page, tab):
    """A row dated 9999-12-31 or 2917 is no year of the filter (nor its default); an untitled mention says so."""
    app = walk(database, environment, f"{source}_odd", page, tab, "uk", "public")
    years = [option for box in app.selectbox if box.key == "filter_year" for option in box.options]
    assert all(1991 <= int(year) <= dt.date.today().year + 1 for year in years), years
    assert years or page in ("vote", "methodology")  # the pages without a year to choose
    if (source, page, tab) == ("media", "media", "outlets"):
        assert "(без назви)" in texts(app)
    if (source, page) == ("petitions", "petitions"):
        assert re.search(r"Не враховано в медіанах і частці відповідей вчасно: \d+ петиці[яї] без", texts(app))
        assert "−" not in " ".join(metric.value for metric in app.metric)  # no negative count of days


@pytest.mark.parametrize(("lang", "title"), [("uk", "Потік згадок: 4 ЗМІ"), ("en", "Stream of mentions: 4 outlets")])
def test_the_stream_says_how_many_outlets_it_draws(database, environment, lang, title):
    """Four outlets in the monitoring file: the stream draws four and says so, not «8 ЗМІ»."""
    app = walk(database, environment, "media", "media", "time", lang, "public")
    assert title in [element.value for element in app.subheader]
