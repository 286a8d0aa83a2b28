"""The usual tutorial way against ours, on the same database and period, with the same numbers.

Tutorial way: `pandas.read_sql` of whole tables, then join and aggregate in the app. Ours: the page's
own queries (summaries kept by the importer, GROUP BY in the database). Two page figures: per-deputy
attendance (deputies page) and per-vote faction tallies (one vote / factions pages).
"""

from __future__ import annotations

import time

import pandas as pd
import polars as pl
from sqlalchemy import create_engine

from dashboard.db import read_engine
from dashboard.filters import Filters
from queries.deputies import deputy_attendance

VOTED = ("for", "against", "abstain")


def tutorial_attendance(url: str, filters: Filters) -> pd.DataFrame:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    choices = pd.read_sql("SELECT * FROM vote_choices", engine)
    votes = pd.read_sql("SELECT * FROM votes", engine)
    sessions = pd.read_sql("SELECT * FROM plenary_sessions", engine)
    engine.dispose()
    sessions["held_on"] = pd.to_datetime(sessions["held_on"])
    votes = votes.merge(sessions[["id", "held_on"]].rename(columns={"id": "session_id"}), on="session_id")
    votes = votes[(votes["is_public"].astype(bool)) & (votes["kind"] != "registration")
                  & (votes["held_on"] >= pd.Timestamp(filters.date_from))
                  & (votes["held_on"] <= pd.Timestamp(filters.date_to))]
    merged = choices.merge(votes[["id"]].rename(columns={"id": "vote_id"}), on="vote_id").dropna(subset=["deputy_id"])
    merged["present"] = merged["choice"] != "absent"
    merged["voted"] = merged["choice"].isin(VOTED)
    result = merged.groupby("deputy_id").agg(held=("choice", "size"), present=("present", "sum"), voted=("voted", "sum"))
    return result.reset_index().astype({"deputy_id": "int64"}).sort_values("deputy_id")


def compare(url: str, year: int) -> dict:
    """Time both ways for one year's attendance and check they give the same numbers."""
    filters = Filters.for_year(year, audience="public")
    started = time.perf_counter()
    theirs = tutorial_attendance(url, filters)
    tutorial_s = time.perf_counter() - started

    read_engine.cache_clear()
    started = time.perf_counter()
    ours = deputy_attendance(read_engine(url, 60000), filters)
    ours_s = time.perf_counter() - started

    ours_numbers = ours.select("deputy_id", "held", "present", "voted").sort("deputy_id")
    theirs_numbers = pl.from_pandas(theirs).select(
        pl.col("deputy_id").cast(pl.Int64), pl.col("held").cast(pl.Int64), pl.col("present").cast(pl.Int64),
        pl.col("voted").cast(pl.Int64)).sort("deputy_id")
    return {"year": year, "tutorial_s": tutorial_s, "ours_s": ours_s, "speed-up": tutorial_s / ours_s,
            "same_numbers": ours_numbers.equals(theirs_numbers), "deputies": len(ours)}


def markdown(result: dict) -> str:
    return "\n".join([
        "| figure | tutorial way (read_sql + pandas), s | ours, s | speed-up | same numbers |",
        "|---|---:|---:|---:|---|",
        f"| attendance per deputy, {result['year']} ({result['deputies']} deputies) | {result['tutorial_s']:.2f} | "
        f"{result['ours_s']:.3f} | {result['speed-up']:.0f}× | {'yes' if result['same_numbers'] else 'NO'} |",
    ])
