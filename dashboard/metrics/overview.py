"""The overview's KPIs as data (the catalogue), and the pure logic of a KPI card.

The catalogue is the contract of docs/kpis.md: one entry per figure of the programme's yearly report, with
how it is counted over time (its basis), whether a structural unit owns it, which import fills it and
which page explores it. A card follows the GOV.UK Performance Platform: the value, the previous
year, a signed change marked up / down / no change, the target, a trend, and an honest "no data".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

BASES = ("year", "cumulative", "convocation")


@dataclass(frozen=True)
class Kpi:
    """One figure of the overview.

    basis: "year" counts within the calendar year; "cumulative" counts everything since the source
    began, up to the year's end; "convocation" counts since the convocation in force began.
    source: the import (`vidkryto import <source>`, docs/formats.md) that fills its table.
    page: the name of the page that explores it (dashboard.navigation); None sends the reader to its
    methodology section.
    """

    key: str
    noun: str
    basis: str
    by_unit: bool
    source: str
    page: str | None = None

    @property
    def title(self) -> str:
        """Message key of the card's title."""
        return f"kpi_{self.key}"

    @property
    def counts(self) -> str:
        """Message key of what the figure counts (methodology)."""
        return f"kpi_{self.key}_counts"

    @property
    def why_basis(self) -> str:
        """Message key of why the figure has its basis (methodology)."""
        return f"kpi_{self.key}_why"

    @property
    def cumulative(self) -> bool:
        return self.basis != "year"


KPIS = (
    Kpi("press_conferences", "kpi_noun_press_conference", "year", True, "events", "media"),
    Kpi("guest_in_studio", "kpi_noun_broadcast", "year", True, "events", "media"),
    Kpi("foreign_journalists", "kpi_noun_meeting", "year", True, "events", "media"),
    Kpi("outlets_covering", "kpi_noun_outlet", "year", True, "media", "media"),
    Kpi("website_daily_visitors", "kpi_noun_visitor_a_day", "year", False, "traffic", "website"),
    Kpi("live_streams", "kpi_noun_stream", "cumulative", False, "streams", "website"),
    Kpi("live_stream_views", "kpi_noun_view", "cumulative", False, "streams", "website"),
    Kpi("procurements", "kpi_noun_procurement", "year", True, "procurement"),
    Kpi("petitions_submitted", "kpi_noun_petition", "cumulative", True, "petitions", "petitions"),
    Kpi("petitions_considered", "kpi_noun_petition", "cumulative", True, "petitions", "petitions"),
    Kpi("plenary_sessions", "kpi_noun_session", "convocation", False, "votes", "votes"),
    Kpi("decisions", "kpi_noun_decision", "convocation", True, "decisions", "votes"),
    Kpi("consultations_online", "kpi_noun_consultation", "year", True, "consultations", "consultations"),
)
BY_KEY = {kpi.key: kpi for kpi in KPIS}

# direction of the change -> (st.metric delta_arrow, delta_color); every KPI here is "more is better"
DELTA_STYLE = {"up": ("up", "green"), "down": ("down", "red"), "same": ("off", "gray")}


@dataclass(frozen=True)
class Card:
    """What a KPI card shows for one year; `value` None is the "no data" state."""

    year: int
    value: float | None
    previous: float | None
    target: float | None
    trend: tuple[float, ...]

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def direction(self) -> str | None:
        """"up", "down", "same", or None when there is nothing to compare with."""
        change = self.change
        if change is None:
            return None
        return "up" if change > 0 else "down" if change < 0 else "same"

    @property
    def target_share(self) -> float | None:
        """Value as a share of the target (1.0 = met); None without a target or a value."""
        if self.value is None or not self.target:
            return None
        return self.value / self.target


CARD_DECIMALS = 0
"""A card prints whole numbers (visitors a day included); the KPI table rounds its values the same way."""


def card(values: Mapping[int, float], year: int, target: float | None = None, decimals: int = CARD_DECIMALS) -> Card:
    """The card of `year` from a KPI's values by year (a year missing from `values` has no data).

    Values are rounded to what the card prints, so the change and its direction match the numbers
    the reader sees. The trend runs over the years with data up to the chosen one.
    """
    rounded = {y: round(v, decimals) for y, v in values.items() if v is not None}
    return Card(
        year=year,
        value=rounded.get(year),
        previous=rounded.get(year - 1),
        target=target,
        trend=tuple(rounded[y] for y in sorted(rounded) if y <= year),
    )

OUTLET_KINDS = ("tv", "print", "radio", "online", "agency")
"""The kinds of outlet the outlets card counts (messages `overview_kind_<kind>`)."""

SOURCES = ("units", "targets", "decisions", "votes", "factions", "petitions", "media", "events", "traffic", "streams",
           "page_units", "procurement", "consultations")
"""Every import source as `dashboard.writer.importers.IMPORTERS` names it (`vidkryto import <source>`),
in the order the methodology lists them."""
