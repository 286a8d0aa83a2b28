"""What a table and its reader's download show (`queries.shapes.reader`), without a browser: shares as percent
points, indices rounded, keys as labels, units by name, links to the address served, headers in the language."""

import polars as pl

from queries.shapes import Field, Wide, reader


def sheet(frame, *fields, lang="uk", **options):
    return reader(frame, fields, lang, {"FIN": "Фінансове управління"}, "https://rada.example", **options)


def test_shares_and_indices_are_rounded_for_reading_and_a_share_says_percent():
    frame = pl.DataFrame({"share": [0.97649], "index": [0.12345], "money": [1234.56], "mean": [7.25]})
    shown = sheet(frame, Field("share", "votes_turnout", "share"), Field("index", "factions_rice", "index"),
                  Field("money", "procurement_col_expected", "money"), Field("mean", "col_visitors_7d"))
    assert shown.frame.columns[0] == "Явка, %"
    assert shown.frame.row(0) == (97.6, 0.123, 1235.0, 7.2)
    assert shown.kinds == ("share", "index", "money", "number")


def test_keys_are_shown_as_their_labels_in_the_page_language_and_unknown_ones_as_written():
    frame = pl.DataFrame({"source": ["votes", "factions", "a_new_source", None], "n": [1, 2, 3, 4]})
    field = Field("source", "quality_source_name", labels="source_")
    assert sheet(frame, field).frame["Джерело"].to_list() == [
        "Поіменні голосування", "Склад фракцій", "a_new_source", None]
    assert sheet(frame, field, lang="en").frame["Source"].to_list()[:2] == ["Roll-call votes", "Faction membership"]
    assert sheet(frame, field).frame.columns == ["Джерело"], "only the declared fields"


def test_units_by_name_the_whole_council_and_a_missing_cell_in_words():
    frame = pl.DataFrame({"unit": ["FIN", None, "FIN,GONE"], "title": [None, "Назва", None], "slot": [3, 4, 5]})
    shown = sheet(frame, Field("unit", "votes_unit", "unit"), Field("title", "votes_title", missing="untitled"),
                  Field("name", "vote_deputy", missing="vote_unnamed_slot", missing_with="slot",
                        value=pl.lit(None, dtype=pl.String)))
    assert shown.frame.rows() == [("Фінансове управління", "(без назви)", "Без імені (місце 3)"),
                                  ("Без підрозділу", "Назва", "Без імені (місце 4)"),
                                  ("Фінансове управління, GONE", "(без назви)", "Без імені (місце 5)")]


def test_a_row_links_to_its_page_at_the_address_served_with_the_view_s_filters():
    frame = pl.DataFrame({"vote_id": [12, None]}, schema={"vote_id": pl.Int64})
    shown = sheet(frame, Field("vote_id", "votes_open", "link", target="vote"), carried={"year": "2017", "lang": "en"})
    assert shown.frame["Деталі"].to_list() == ["https://rada.example/vote?vote=12&year=2017&lang=en", None]


def test_a_long_dataset_reads_wide_with_every_key_a_column():
    frame = pl.DataFrame({"year": [2017, 2017, 2018], "kind": ["briefing", "press_conference", "briefing"],
                          "events": [2, 5, 1]})
    wide = Wide("year", "kind", "events", "events_", ("press_conference", "briefing", "guest_in_studio"))
    shown = sheet(frame, Field("year", "media_col_year", "year"),
                  *(Field(f"events_{kind}", f"media_event_{kind}") for kind in wide.keys), wide=wide)
    assert shown.frame.rows() == [(2017, 5, 2, 0), (2018, 0, 1, 0)]
    empty = sheet(frame.clear(), Field("year", "media_col_year", "year"), Field("events_briefing", "media_event_briefing"),
                  wide=wide)
    assert empty.frame.height == 0 and empty.frame.width == 2
