"""The overview's KPI queries on the demo council, on SQLite and PostgreSQL.

The 2017 figures must equal the programme's report as docs/kpis.md calibrates them, through the same
functions the overview page calls.
"""

import datetime as dt

import polars as pl
import pytest
from sqlalchemy import event, func, select

from dashboard.filters import Filters
from dashboard.metrics.overview import KPIS
from dashboard.schema import media_mentions, outlets, public_events, units
from queries.data_quality import last_imports
from queries.overview import DATASETS, kpi_table, kpi_targets, kpi_values, outlets_by_kind, over_years

DEMO_YEARS = Filters(dt.date(2015, 1, 1), dt.date(2020, 12, 31))

# docs/kpis.md: the 2017 value, exactly or as an inclusive range, for the public audience
SEED_2017 = {
    "press_conferences": (12, 12), "guest_in_studio": (5, 5), "foreign_journalists": (2, 2),
    "website_daily_visitors": (500.01, 600), "live_streams": (301, 330), "live_stream_views": (20_500, 21_499),
    "procurements": (900, 900), "petitions_submitted": (221, 240), "petitions_considered": (30, 30),
    "plenary_sessions": (31, 31), "decisions": (1_001, 1_100), "consultations_online": (3, 3),
}
SEED_OUTLETS = {
    "tv": {"С-плюс", "САТ", "112 канал", "Україна", "Еспрессо ТВ", "Інтер", "Донбасс", "ДоТБ",
           "Громадське ТБ Донеччини", "СТБ", "Новий канал", "1+1"},
    "print": {"Урядовий кур'єр", "Голос України", "Знамя Индустрии", "Вести", "ТВ+",
              "Газета обьявлений / Славянские ведомости"},
}


def values_of(engine, filters: Filters, year: int = 2017) -> dict[str, float]:
    """The KPIs of `year` as the overview gets them: the `kpi` table over the filter's years."""
    frame = kpi_table(engine, filters)
    return dict(frame.filter(pl.col("year") == year).select("kpi", "value").iter_rows())


def simplified(name: str) -> str:
    """Outlet names compared without quotes, case and the «ТРК» prefix (the report writes «ТРК «С-плюс»»)."""
    name = name.lower().replace("’", "'").replace("«", "").replace("»", "").replace('"', "")
    return name.removeprefix("трк ").strip()


def test_2017_equals_the_seed_report(demo_engine):
    found = values_of(demo_engine, DEMO_YEARS)
    for kpi, (low, high) in SEED_2017.items():
        assert low <= found[kpi] <= high, (kpi, found[kpi])


def test_2017_outlets_cover_every_outlet_the_report_names(demo_engine):
    the_year = Filters.for_year(2017)
    kinds = dict(outlets_by_kind(demo_engine, the_year).iter_rows())
    assert kinds["tv"] >= 12 and kinds["print"] >= 6 and kinds["radio"] >= 1 and kinds["online"] >= 5
    assert values_of(demo_engine, DEMO_YEARS)["outlets_covering"] == sum(kinds.values())

    stmt = (select(outlets.c.name, outlets.c.kind).distinct()
            .join_from(media_mentions, outlets, media_mentions.c.outlet_id == outlets.c.id)
            .where(media_mentions.c.published_on.between(the_year.date_from, the_year.date_to),
                   media_mentions.c.is_public))
    with demo_engine.connect() as connection:
        covering = {(simplified(name), kind) for name, kind in connection.execute(stmt)}
    for kind, names in SEED_OUTLETS.items():
        assert {(simplified(name), kind) for name in names} <= covering, kind
    assert any("классн" in name and kind == "radio" for name, kind in covering)


def test_the_export_of_one_year_is_the_pages_history_cut(demo_engine):
    """`export kpi --from 2017-01-01 --to 2017-12-31` holds the rows the page cuts from its history."""
    table = kpi_table(demo_engine, Filters.for_year(2017))
    assert table.columns == ["year", "kpi", "unit", "value", "target"]
    assert table["kpi"].to_list() == [kpi.key for kpi in KPIS]
    assert table.equals(kpi_table(demo_engine, DEMO_YEARS).filter(pl.col("year") == 2017))
    assert dict(table.select("kpi", "value").iter_rows()) == values_of(demo_engine, DEMO_YEARS)
    assert table["unit"].null_count() == len(table)
    assert table["target"].drop_nulls().len() >= len(KPIS) // 2
    assert [dataset.name for dataset in DATASETS] == ["kpi"]


def test_one_query_for_every_kpi_and_year(demo_engine):
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731 - before_cursor_execute's statement
    event.listen(demo_engine, "before_cursor_execute", listener)
    try:
        frame = kpi_values(demo_engine, DEMO_YEARS)
    finally:
        event.remove(demo_engine, "before_cursor_execute", listener)
    assert len(statements) == 1
    assert set(frame["year"]) == set(range(2015, 2021))
    assert set(frame.filter(pl.col("year") == 2017)["kpi"]) == {kpi.key for kpi in KPIS}


def test_cumulative_figures_never_fall(demo_engine):
    frame = kpi_values(demo_engine, DEMO_YEARS)
    for kpi in KPIS:
        if kpi.basis == "cumulative":
            series = frame.filter(pl.col("kpi") == kpi.key).sort("year")["value"]
            assert series.is_sorted(), kpi.key


def test_unit_filter_narrows_only_unit_kpis(demo_engine):
    with demo_engine.connect() as connection:
        unit_codes = [row.code for row in connection.execute(select(units.c.code).order_by(units.c.id))]
    council = values_of(demo_engine, DEMO_YEARS)
    one_unit = values_of(demo_engine, Filters(DEMO_YEARS.date_from, DEMO_YEARS.date_to, units=(unit_codes[0],)))
    for kpi in KPIS:
        if kpi.by_unit:
            assert one_unit.get(kpi.key, 0) <= council[kpi.key], kpi.key
        else:
            assert one_unit[kpi.key] == council[kpi.key], kpi.key
    assert sum(one_unit.get(kpi.key, 0) for kpi in KPIS if kpi.by_unit) < sum(
        council[kpi.key] for kpi in KPIS if kpi.by_unit)

    # the units partition the procurements: each unit's count adds up to all units chosen together
    each = sum(values_of(demo_engine, Filters.for_year(2017, units=(unit,))).get("procurements", 0)
               for unit in unit_codes)
    together = values_of(demo_engine, Filters.for_year(2017, units=tuple(unit_codes)))["procurements"]
    assert each == together <= council["procurements"]


def test_unit_without_rows_shows_zero_not_no_data(demo_engine):
    nobody = values_of(demo_engine, Filters.for_year(2017, units=("NO-SUCH-UNIT",)))
    assert nobody["press_conferences"] == 0 and nobody["procurements"] == 0
    assert nobody["website_daily_visitors"] > 500


def test_public_audience_leaves_out_internal_rows(demo_engine):
    public = kpi_values(demo_engine, DEMO_YEARS)
    internal = kpi_values(demo_engine, Filters(DEMO_YEARS.date_from, DEMO_YEARS.date_to, audience="internal"))
    both = public.join(internal, on=["year", "kpi"], suffix="_internal")
    assert len(both) == len(public)
    assert (both["value_internal"] >= both["value"]).all()
    assert (both["value_internal"] > both["value"]).sum() >= 5
    website = both.filter(pl.col("kpi") == "website_daily_visitors")
    assert (website["value_internal"] == website["value"]).all()

    hidden = (select(func.count()).select_from(public_events)
              .where(public_events.c.kind == "press_conference", ~public_events.c.is_public,
                     public_events.c.held_on.between(dt.date(2017, 1, 1), dt.date(2017, 12, 31))))
    with demo_engine.connect() as connection:
        internal_press = connection.execute(hidden).scalar_one()
    in_2017 = both.filter((pl.col("year") == 2017) & (pl.col("kpi") == "press_conferences"))
    assert in_2017["value_internal"][0] - in_2017["value"][0] == internal_press


def test_targets_follow_the_unit_filter(demo_engine):
    council = kpi_targets(demo_engine, Filters.for_year(2017))
    assert len(council) >= len(KPIS) // 2 and (council["target"] > 0).all()
    nobody = kpi_targets(demo_engine, Filters.for_year(2017, units=("NO-SUCH-UNIT",)))
    owned = {kpi.key for kpi in KPIS if kpi.by_unit}
    assert not set(nobody["kpi"]) & owned
    assert set(nobody["kpi"]) == set(council["kpi"]) - owned


def test_no_data_years_have_no_rows(demo_engine):
    later = over_years(DEMO_YEARS, 2030, 2031)
    assert kpi_values(demo_engine, later).is_empty()


def test_demo_has_no_imports(demo_engine):
    frame = last_imports(demo_engine, None)
    assert frame.columns == ["source", "format", "file_name", "imported_at", "rows_read", "rows_written",
                             "rows_skipped", "problems"]
    assert frame.is_empty()


@pytest.mark.parametrize("units", [(), ("EDU",)], ids=["council", "one-unit"])
def test_media_cards_agree_with_the_media_page(demo_engine, units):
    """The card «ЗМІ, що висвітлювали раду» and the three event cards give the media page's own figures."""
    from queries.media import by_outlet, events_by_year
    from queries.overview import EVENT_KINDS

    for year in (2016, 2017):
        filters = Filters(dt.date(year, 1, 1), dt.date(year, 12, 31), units)
        cards = values_of(demo_engine, filters, year)
        assert cards["outlets_covering"] == by_outlet(demo_engine, filters).height > 0
        events = dict(events_by_year(demo_engine, filters).filter(pl.col("year") == year)
                      .select("kind", "events").iter_rows())
        for kpi, kind in EVENT_KINDS.items():
            assert cards[kpi] == events.get(kind, 0), kpi


def test_website_cards_agree_with_the_website_page(demo_engine):
    """The cards «Відвідувачі сайту за день», «Прямі трансляції» and «Перегляди трансляцій» give the website
    page's own figures: its summary's visitors a day and its running totals at the year's end."""
    from queries.website import broadcasts_cumulative, summary

    for year in (2016, 2017):
        filters = Filters.for_year(year)
        cards = values_of(demo_engine, filters, year)
        assert cards["website_daily_visitors"] == round(summary(demo_engine, filters)["visitors_a_day"][0], 1)
        last = broadcasts_cumulative(demo_engine, filters).row(-1, named=True)
        assert (cards["live_streams"], cards["live_stream_views"]) == (last["broadcasts_so_far"], last["views_so_far"])
