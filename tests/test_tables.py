"""What a table shows (`ui.shown`), without a browser: shares as percent points, indices rounded, keys as labels."""

import polars as pl

from dashboard.ui import Column, shown


def test_shares_and_indices_are_rounded_for_reading():
    frame = pl.DataFrame({"share": [0.97649], "index": [0.12345]})
    table = shown(frame, {"share": Column("Частка", "share"), "index": Column("Індекс", "index")})
    assert table.row(0) == (97.6, 0.123)


def test_keys_are_shown_as_their_labels_in_the_page_language_and_unknown_ones_as_written():
    frame = pl.DataFrame({"source": ["votes", "factions", "a_new_source", None], "n": [1, 2, 3, 4]})
    columns = {"source": Column("Джерело", labels="source_")}
    assert shown(frame, columns, "uk")["source"].to_list() == [
        "Поіменні голосування", "Склад фракцій", "a_new_source", None]
    assert shown(frame, columns, "en")["source"].to_list()[:2] == ["Roll-call votes", "Faction membership"]
    assert shown(frame, columns).columns == ["source"], "only the listed columns"
