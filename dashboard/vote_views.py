"""What the votes pages share when they draw: printed choices (gendered), their colours, links to one vote.

Pure apart from the messages: no Streamlit here, so the forms are tested on their own.
"""

from __future__ import annotations

import polars as pl

from dashboard.i18n import t

CHOICE_COLORS = {"for": "#2e7d32", "against": "#c62828", "abstain": "#f2a900", "not_voting": "#7e57c2",
                 "absent": "#b0b0b0"}
GENDERED = ("abstain", "not_voting", "absent")
"""Choices printed in the feminine for a woman: утрималась, не голосувала, відсутня."""


def choice_label(choice: str, gender: str | None, lang: str) -> str:
    """One deputy's choice as printed: «утрималась» for a woman, «утримався» otherwise."""
    feminine = gender == "f" and choice in GENDERED
    return t(f"vote_choice_{choice}{'_f' if feminine else ''}", lang)


def with_vote_links(frame: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The frame with a first column `link` to each row's vote page (relative to the app's root, keeping
    the language), for a LinkColumn."""
    suffix = "&lang=en" if lang == "en" else ""
    return frame.select(pl.format("vote?vote={}" + suffix, pl.col("vote_id")).alias("link"), pl.all())
