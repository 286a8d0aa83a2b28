"""The two ways of `bench/peers.py` that read whole tables into the app: the tutorial way (`pandas.read_sql` of every
column, aggregated in pandas) and Polars (`pl.read_database_uri` of the needed columns, aggregated in Polars)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd
import polars as pl

from bench.peer_figures import (
    BY_KEY,
    COMPETITIVE,
    DECIDED,
    NOT_BIDS,
    VOTED,
    YEAR,
    finish_kpis,
    funnel_frame,
)

# --- 2. The tutorial way: pandas.read_sql of whole tables, aggregated in pandas. ---------------------------------

def _read_all(engine, tables) -> dict[str, pd.DataFrame]:
    return {table: pd.read_sql(f"SELECT * FROM {table}", engine) for table in tables}


def _public_votes_pd(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    sessions = t["plenary_sessions"][["id", "held_on"]].rename(columns={"id": "session_id"})
    sessions["held_on"] = pd.to_datetime(sessions["held_on"])
    votes = t["votes"].merge(sessions, on="session_id")
    votes = votes[votes["is_public"].astype(bool) & (votes["kind"] != "registration")
                  & votes["held_on"].between(pd.Timestamp(YEAR, 1, 1), pd.Timestamp(YEAR, 12, 31))]
    return votes[["id", "held_on"]].rename(columns={"id": "vote_id"})


def pandas_figure(key: str, engine) -> pl.DataFrame:
    t = _read_all(engine, BY_KEY[key].tables)
    if key in ("attendance", "cohesion", "agreement"):
        choices = t["vote_choices"].merge(_public_votes_pd(t), on="vote_id")
    if key == "attendance":
        choices = choices.dropna(subset=["deputy_id"])
        choices["present"] = choices["choice"] != "absent"
        choices["voted"] = choices["choice"].isin(VOTED)
        out = choices.groupby("deputy_id").agg(held=("choice", "size"), present=("present", "sum"),
                                               voted=("voted", "sum")).reset_index()
    elif key == "cohesion":
        m = t["faction_memberships"]
        joined = choices.dropna(subset=["deputy_id"]).merge(m[["deputy_id", "faction_id", "from_on", "to_on"]],
                                                            on="deputy_id")
        held = joined["held_on"]
        from_on, to_on = pd.to_datetime(joined["from_on"]), pd.to_datetime(joined["to_on"])
        joined = joined[(from_on.isna() | (from_on <= held)) & (to_on.isna() | (to_on >= held))]
        for name, choice in (("y", "for"), ("n", "against"), ("a", "abstain")):
            joined[name] = joined["choice"] == choice
        tallies = joined.groupby(["vote_id", "faction_id"]).agg(members=("choice", "size"), y=("y", "sum"),
                                                                n=("n", "sum"), a=("a", "sum")).reset_index()
        y, n, a = tallies["y"], tallies["n"], tallies["a"]
        counted = tallies["members"] >= 5
        total = y + n + a
        tallies["counted"] = counted
        tallies["rice"] = ((y - n).abs() / (y + n)).where(counted & (y + n > 0))
        tallies["agreement"] = ((3 * np.maximum(np.maximum(y, n), a) - total) / (2 * total)).where(counted & (total > 0))
        tallies["line"] = counted & (((y > n) & (y > a)) | ((n > y) & (n > a)) | ((a > y) & (a > n)))
        out = tallies.groupby("faction_id").agg(members=("members", "max"), votes=("counted", "sum"),
                                                rice=("rice", "mean"), agreement_index=("agreement", "mean"),
                                                line=("line", "sum")).reset_index()
        out["with_line"] = (out["line"] / out["votes"]).where(out["votes"] > 0)
    elif key == "agreement":
        cast = choices.dropna(subset=["deputy_id"])
        cast = cast[cast["choice"].isin(VOTED)][["vote_id", "deputy_id", "choice"]]
        pairs = cast.merge(cast, on="vote_id", suffixes=("_a", "_b"))
        pairs = pairs[pairs["deputy_id_a"] < pairs["deputy_id_b"]]
        pairs["same"] = pairs["choice_a"] == pairs["choice_b"]
        out = (pairs.groupby(["deputy_id_a", "deputy_id_b"]).agg(both_voted=("same", "size"), same=("same", "sum"))
               .reset_index().rename(columns={"deputy_id_a": "deputy_a", "deputy_id_b": "deputy_b"}))
    elif key == "kpis":
        return finish_kpis(pl.from_pandas(_kpi_rows_pd(t)))
    elif key == "media":
        m = t["media_mentions"]
        m = m[m["is_public"].astype(bool) & m["outlet_id"].isin(t["outlets"]["id"])]
        m = m[pd.to_datetime(m["published_on"]).between(pd.Timestamp(YEAR, 1, 1), pd.Timestamp(YEAR, 12, 31))]
        out = m.groupby("outlet_id").agg(mentions=("id", "size"), first_on=("published_on", "min"),
                                         last_on=("published_on", "max")).reset_index()
        out["share"] = out["mentions"] / out["mentions"].sum()
    elif key == "website":
        d = t["site_traffic_daily"]
        d["day"] = pd.to_datetime(d["day"])
        d = d[d["day"].between(pd.Timestamp(YEAR, 1, 1) - pd.Timedelta(days=6), pd.Timestamp(YEAR, 12, 31))]
        d = d.sort_values("day")
        d["visitors_7d"] = d["visitors"].rolling(7, min_periods=1).mean()
        out = d[d["day"] >= pd.Timestamp(YEAR, 1, 1)]
    elif key == "petitions":
        p = t["petitions"]
        p = p[p["is_public"].astype(bool)
              & pd.to_datetime(p["submitted_on"]).between(pd.Timestamp(YEAR, 1, 1), pd.Timestamp(YEAR, 12, 31))]
        reached_on, closes_on = pd.to_datetime(p["threshold_reached_on"]), pd.to_datetime(p["closes_on"])
        reached = reached_on.notna() & (closes_on.isna() | (reached_on <= closes_on))
        answered = reached & p["responded_on"].notna()
        supported = answered & (p["outcome"] == "supported")
        return funnel_frame({"submitted": len(p), "reached": int(reached.sum()), "answered": int(answered.sum()),
                             "supported": int(supported.sum())})
    elif key == "procurement":
        return pl.from_pandas(_procurement_pd(t))
    return pl.from_pandas(out)


def _year_pd(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column).dt.year.astype("Int32")


def _kpi_rows_pd(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    def public(name: str) -> pd.DataFrame:
        frame = t[name]
        return frame[frame["is_public"].astype(bool)]

    def per_year(kpi: str, frame: pd.DataFrame, year: pd.Series, amount: Callable, era=None) -> pd.DataFrame:
        keys = [year.rename("year")] + ([] if era is None else [era.rename("era")])
        out = frame.groupby(keys, dropna=False).apply(amount, include_groups=False).rename("amount").reset_index()
        if era is None:
            out["era"] = 0
        out["kpi"] = kpi
        return out

    events = public("public_events")
    frames = [per_year(kpi, events, _year_pd(events["held_on"]), lambda g, k=kind: (g["kind"] == k).sum())
              for kpi, kind in (("press_conferences", "press_conference"), ("guest_in_studio", "guest_in_studio"),
                                ("foreign_journalists", "foreign_journalists"))]
    media = public("media_mentions")
    frames.append(per_year("outlets_covering", media, _year_pd(media["published_on"]), lambda g: g["outlet_id"].nunique()))
    daily = t["site_traffic_daily"]
    frames.append(per_year("website_daily_visitors", daily, _year_pd(daily["day"]), lambda g: g["visitors"].mean()))
    streams = public("broadcasts")
    frames.append(per_year("live_streams", streams, _year_pd(streams["started_at"]), len))
    frames.append(per_year("live_stream_views", streams, _year_pd(streams["started_at"]), lambda g: g["views"].sum()))
    procurements = public("procurements")
    frames.append(per_year("procurements", procurements, _year_pd(procurements["published_on"]), len))
    petitions = public("petitions")
    frames.append(per_year("petitions_submitted", petitions, _year_pd(petitions["submitted_on"]), len))
    frames.append(per_year("petitions_considered", petitions,
                           _year_pd(petitions["responded_on"].fillna(petitions["submitted_on"])),
                           lambda g: (g["threshold_reached_on"].notna() & g["responded_on"].notna()).sum()))
    convocations = t["convocations"][["id", "number"]].rename(columns={"id": "convocation_id", "number": "era"})
    sessions = (public("votes").merge(t["plenary_sessions"].rename(columns={"id": "session_id"}), on="session_id")
                .merge(convocations, on="convocation_id"))
    frames.append(per_year("plenary_sessions", sessions, _year_pd(sessions["held_on"]),
                           lambda g: g["session_id"].nunique(), era=sessions["era"]))
    decisions = public("decisions").merge(convocations, on="convocation_id")
    frames.append(per_year("decisions", decisions, _year_pd(decisions["adopted_on"]), len, era=decisions["era"]))
    consultations = public("consultations")
    frames.append(per_year("consultations_online", consultations, _year_pd(consultations["started_on"]),
                           lambda g: g["online_poll"].astype(bool).sum()))
    return pd.concat(frames)[["kpi", "year", "era", "amount"]].astype({"amount": "float64"})


def _share(part, whole):
    return float(part) / float(whole) if whole and whole > 0 else None


def _procurement_pd(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    p = t["procurements"]
    p = p[p["is_public"].astype(bool)
          & pd.to_datetime(p["published_on"]).between(pd.Timestamp(YEAR, 1, 1), pd.Timestamp(YEAR, 12, 31))]
    bids = t["procurement_bids"].dropna(subset=["lot_key"])
    bids = bids[~bids["status"].fillna("").isin(NOT_BIDS)]
    bids = bids.assign(bidder=bids["bidder_id"].fillna(bids["bid_key"]))
    bidders = bids.groupby(["procurement_id", "lot_key"])["bidder"].nunique().rename("bidders").reset_index()
    awards = t["procurement_awards"].dropna(subset=["lot_key"])
    awards = awards[awards["status"] == "active"]
    awarded = awards.groupby(["procurement_id", "lot_key"])["value"].sum(min_count=1).rename("awarded").reset_index()
    lots = t["procurement_lots"].drop(columns=["bidders", "awarded_value"])  # the writer's, not raw
    lots = lots.merge(p[["id", "method"]].rename(columns={"id": "procurement_id"}), on="procurement_id")
    lots = lots.merge(bidders, on=["procurement_id", "lot_key"], how="left").merge(
        awarded, on=["procurement_id", "lot_key"], how="left")
    lots["bidders"] = lots["bidders"].fillna(0)
    competitive = lots[lots["method"].isin(COMPETITIVE)]
    decided = competitive[competitive["status"].isin(DECIDED)]
    bid_on = decided[decided["status"] != "cancelled"]
    complete = decided[decided["status"] == "complete"]
    with_award = competitive[competitive["awarded"].notna()]
    value = p["expected_value"].fillna(0)
    return pd.DataFrame([{
        "procedures": len(p), "expected_value": float(value.sum()), "awarded_value": float(lots["awarded"].sum()),
        "competitive_value_share": _share(value[p["method"].isin(COMPETITIVE)].sum(), value.sum()),
        "average_bidders": _share(bid_on["bidders"].sum(), len(bid_on)),
        "single_bidder_share": _share((complete["bidders"] == 1).sum(), len(complete)),
        "cancelled_share": _share((decided["status"] == "cancelled").sum(), len(decided)),
        "unsuccessful_share": _share((decided["status"] == "unsuccessful").sum(), len(decided)),
        "awarded_to_expected": _share(with_award["awarded"].sum(), with_award["expected_value"].fillna(0).sum()),
    }])


# --- 4. Polars: pl.read_database_uri (connectorx) of the raw tables' columns, aggregated in Polars. --------------

def _read_polars(uri: str, tables: dict[str, tuple[str, ...]]) -> dict[str, pl.DataFrame]:
    return {table: pl.read_database_uri(f"SELECT {', '.join(columns)} FROM {table}", uri, engine="connectorx")
            for table, columns in tables.items()}


def _in_year(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Date).is_between(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))


def _public_choices_pl(t: dict[str, pl.DataFrame]) -> pl.DataFrame:
    votes = (t["votes"].filter(pl.col("is_public"), pl.col("kind") != "registration")
             .join(t["plenary_sessions"].filter(_in_year("held_on")).rename({"id": "session_id"}), on="session_id")
             .select(pl.col("id").alias("vote_id"), "held_on"))
    return t["vote_choices"].join(votes, on="vote_id")


def polars_figure(key: str, uri: str) -> pl.DataFrame:
    t = _read_polars(uri, BY_KEY[key].tables)
    c = pl.col("choice")
    if key == "attendance":
        return (_public_choices_pl(t).filter(pl.col("deputy_id").is_not_null()).group_by("deputy_id")
                .agg(held=pl.len(), present=(c != "absent").sum(), voted=c.is_in(VOTED).sum()))
    if key == "cohesion":
        m = t["faction_memberships"]
        tallies = (_public_choices_pl(t).join(m, on="deputy_id")
                   .filter((pl.col("from_on").is_null() | (pl.col("from_on") <= pl.col("held_on")))
                           & (pl.col("to_on").is_null() | (pl.col("to_on") >= pl.col("held_on"))))
                   .group_by("vote_id", "faction_id")
                   .agg(members=pl.len().cast(pl.Int64), y=(c == "for").sum().cast(pl.Int64),
                        n=(c == "against").sum().cast(pl.Int64), a=(c == "abstain").sum().cast(pl.Int64)))
        y, n, a = pl.col("y"), pl.col("n"), pl.col("a")
        counted, total = pl.col("members") >= 5, y + n + a
        return (tallies.group_by("faction_id").agg(
            members=pl.col("members").max(), votes=counted.sum(),
            rice=pl.when(counted & (y + n > 0)).then((y - n).abs() / (y + n)).mean(),
            agreement_index=pl.when(counted & (total > 0)).then(
                (3 * pl.max_horizontal(y, n, a) - total) / (2 * total)).mean(),
            line=(counted & (((y > n) & (y > a)) | ((n > y) & (n > a)) | ((a > y) & (a > n)))).sum())
            .with_columns(with_line=pl.when(pl.col("votes") > 0).then(pl.col("line") / pl.col("votes"))))
    if key == "agreement":
        cast = (_public_choices_pl(t).filter(pl.col("deputy_id").is_not_null(), c.is_in(VOTED))
                .select("vote_id", "deputy_id", "choice"))
        return (cast.join(cast, on="vote_id", suffix="_b").filter(pl.col("deputy_id") < pl.col("deputy_id_b"))
                .group_by(deputy_a="deputy_id", deputy_b="deputy_id_b")
                .agg(both_voted=pl.len(), same=(c == pl.col("choice_b")).sum()))
    if key == "kpis":
        return finish_kpis(_kpi_rows_pl(t))
    if key == "media":
        m = (t["media_mentions"].filter(pl.col("is_public"), _in_year("published_on"))
             .join(t["outlets"].rename({"id": "outlet_id"}), on="outlet_id"))
        return (m.group_by("outlet_id").agg(mentions=pl.len(), first_on=pl.col("published_on").min(),
                                            last_on=pl.col("published_on").max())
                .with_columns(share=pl.col("mentions") / pl.col("mentions").sum()))
    if key == "website":
        lead = dt.date(YEAR, 1, 1) - dt.timedelta(days=6)
        return (t["site_traffic_daily"].filter(pl.col("day").is_between(lead, dt.date(YEAR, 12, 31))).sort("day")
                .with_columns(visitors_7d=pl.col("visitors").cast(pl.Float64).rolling_mean(7, min_samples=1))
                .filter(pl.col("day") >= dt.date(YEAR, 1, 1)))
    if key == "petitions":
        p = t["petitions"].filter(pl.col("is_public"), _in_year("submitted_on"))
        reached = pl.col("threshold_reached_on").is_not_null() & (
            pl.col("closes_on").is_null() | (pl.col("threshold_reached_on") <= pl.col("closes_on")))
        answered = reached & pl.col("responded_on").is_not_null()
        counts = p.select(submitted=pl.len(), reached=reached.sum(), answered=answered.sum(),
                          supported=(answered & (pl.col("outcome") == "supported")).fill_null(False).sum()).row(0, named=True)
        return funnel_frame(counts)
    if key == "procurement":
        return _procurement_pl(t)
    raise KeyError(key)


def _kpi_rows_pl(t: dict[str, pl.DataFrame]) -> pl.DataFrame:
    def per_year(kpi: str, frame: pl.DataFrame, day: str | pl.Expr, amount: pl.Expr, era: str | None = None):
        year = (pl.col(day) if isinstance(day, str) else day).dt.year().cast(pl.Int32).alias("year")
        keys = [year] if era is None else [year, pl.col(era).cast(pl.Int32).alias("era")]
        out = frame.group_by(keys).agg(amount=amount.cast(pl.Float64))
        return out.with_columns(kpi=pl.lit(kpi), **({"era": pl.lit(0, pl.Int32)} if era is None else {})).select(
            "kpi", "year", "era", "amount")

    public = {name: frame.filter(pl.col("is_public")) for name, frame in t.items() if "is_public" in frame.columns}
    events = public["public_events"]
    frames = [per_year(kpi, events, "held_on", (pl.col("kind") == kind).sum())
              for kpi, kind in (("press_conferences", "press_conference"), ("guest_in_studio", "guest_in_studio"),
                                ("foreign_journalists", "foreign_journalists"))]
    frames.append(per_year("outlets_covering", public["media_mentions"], "published_on", pl.col("outlet_id").n_unique()))
    frames.append(per_year("website_daily_visitors", t["site_traffic_daily"], "day", pl.col("visitors").mean()))
    frames.append(per_year("live_streams", public["broadcasts"], "started_at", pl.len()))
    frames.append(per_year("live_stream_views", public["broadcasts"], "started_at", pl.col("views").sum()))
    frames.append(per_year("procurements", public["procurements"], "published_on", pl.len()))
    petitions = public["petitions"]
    frames.append(per_year("petitions_submitted", petitions, "submitted_on", pl.len()))
    frames.append(per_year("petitions_considered", petitions, pl.coalesce("responded_on", "submitted_on"),
                           (pl.col("threshold_reached_on").is_not_null() & pl.col("responded_on").is_not_null()).sum()))
    convocations = t["convocations"].rename({"id": "convocation_id"})
    sessions = (public["votes"].join(t["plenary_sessions"].rename({"id": "session_id"}), on="session_id")
                .join(convocations, on="convocation_id"))
    frames.append(per_year("plenary_sessions", sessions, "held_on", pl.col("session_id").n_unique(), era="number"))
    decisions = public["decisions"].join(convocations, on="convocation_id")
    frames.append(per_year("decisions", decisions, "adopted_on", pl.len(), era="number"))
    frames.append(per_year("consultations_online", public["consultations"], "started_on", pl.col("online_poll").sum()))
    return pl.concat(frames)


def _procurement_pl(t: dict[str, pl.DataFrame]) -> pl.DataFrame:
    p = t["procurements"].filter(pl.col("is_public"), _in_year("published_on"))
    keys = ["procurement_id", "lot_key"]
    bidders = (t["procurement_bids"].filter(~pl.col("status").fill_null("").is_in(NOT_BIDS))
               .group_by(keys).agg(bidders=pl.coalesce("bidder_id", "bid_key").n_unique()))
    awarded = (t["procurement_awards"].filter(pl.col("status") == "active")
               .group_by(keys).agg(awarded=pl.when(pl.col("value").count() > 0).then(pl.col("value").sum())))
    lots = (t["procurement_lots"].join(p.select(pl.col("id").alias("procurement_id"), "method"), on="procurement_id")
            .join(bidders, on=keys, how="left").join(awarded, on=keys, how="left")
            .with_columns(pl.col("bidders").fill_null(0)))
    competitive = pl.col("method").is_in(COMPETITIVE)
    decided = competitive & pl.col("status").is_in(DECIDED)
    bid_on = decided & (pl.col("status") != "cancelled")
    complete = competitive & (pl.col("status") == "complete")
    with_award = competitive & pl.col("awarded").is_not_null()

    def share(part: pl.Expr, whole: pl.Expr) -> pl.Expr:
        return pl.when(whole > 0).then(part.cast(pl.Float64) / whole)

    lot_figures = lots.select(
        awarded_value=pl.col("awarded").sum(),
        average_bidders=share(pl.col("bidders").filter(bid_on).sum(), bid_on.sum()),
        single_bidder_share=share((complete & (pl.col("bidders") == 1)).sum(), complete.sum()),
        cancelled_share=share((decided & (pl.col("status") == "cancelled")).sum(), decided.sum()),
        unsuccessful_share=share((decided & (pl.col("status") == "unsuccessful")).sum(), decided.sum()),
        awarded_to_expected=share(pl.col("awarded").filter(with_award).sum(),
                                  pl.col("expected_value").fill_null(0).filter(with_award).sum()))
    value = pl.col("expected_value").fill_null(0)
    procedure_figures = p.select(procedures=pl.len(), expected_value=value.sum(),
                                 competitive_value_share=share(value.filter(competitive).sum(), value.sum()))
    return pl.concat([procedure_figures, lot_figures], how="horizontal")
