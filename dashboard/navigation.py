"""The pages of the dashboard, as configuration: app.py builds the menu from it, links are built from it,
and tests walk every page of it.

Each page has one name, used in its URL, its link parameters, its datasets and its tests. `params` are the
link parameters the page reads beyond the filters (`links.FILTER_PARAMS`); `by_unit` says whether its
figures follow the unit filter. An internal page is in the menu, and reachable, only for a viewer who sees
internal rows.
"""

from __future__ import annotations

from typing import NamedTuple

from dashboard import links
from dashboard.metrics import consultations, media, procurement, website
from dashboard.metrics.overview import BY_KEY
from dashboard.metrics.petitions import STATUSES
from dashboard.metrics.votes import KINDS, ORDERS

DEPUTY_METRICS = ("attendance", "participation", "rebellions", "loyalty")
FACTION_METRICS = ("agreement_index", "rice")


class PageEntry(NamedTuple):
    name: str       # URL path and link key; the landing page's URL is the site's root
    section: str    # message key of the menu section
    icon: str
    hidden: bool    # reached by links only (a profile, one vote)
    by_unit: bool
    params: dict[str, links.Parser]
    sections: tuple[str, ...] = ()  # its tabs (`ui.section`), the link's `tab`; the first is the default
    internal: bool = False          # for the mayor's office and department heads only (`auth.Viewer.audience`)
    parts: tuple[str, ...] = ()     # drawn when opened (`ui.part`), below the first screen; the link's `open`

    @property
    def path(self) -> str:
        """The page's file under pages/."""
        return f"pages/{self.name}.py"

    @property
    def title(self) -> str:
        """Message key of the page's title."""
        return f"page_{self.name}"

    @property
    def id_param(self) -> str:
        """The parameter that names what a page reached by id shows (its first: `vote`, `deputy`)."""
        return next(iter(self.params))

    @property
    def parsers(self) -> dict[str, links.Parser]:
        """Every parameter a link to this page may carry."""
        tab = {"tab": links.one_of(self.sections)} if self.sections else {}
        parts = {"open": links.some_of(self.parts)} if self.parts else {}
        return {**links.FILTER_PARAMS, **self.params, **tab, **parts, "chart": links.parse_name}


PAGES = (
    PageEntry("overview", "section_main", ":material/dashboard:", False, True, {}, parts=("table",)),
    PageEntry("report", "section_main", ":material/description:", False, True, {}, ("report", "scorecard"),
              parts=("charts",)),
    PageEntry("petitions", "section_main", ":material/campaign:", False, True, {
        "category": links.parse_search, "status": links.one_of(STATUSES), "petition": links.parse_id},
        parts=("awaiting", "open", "history", "breakdowns", "list")),
    PageEntry("media", "section_main", ":material/newspaper:", False, True, {
        "kind": links.one_of(media.KINDS), "scope": links.one_of(media.SCOPES), "topic": links.parse_search,
        "tone": links.one_of(media.TONES), "outlet": links.parse_id, "bucket": links.one_of(media.BUCKETS),
        "split": links.one_of(media.SPLITS), "measure": links.one_of(media.MEASURES), "line": links.parse_id},
        ("outlets", "time", "topics", "events"), parts=("table", "stream", "topics", "tone", "list")),
    PageEntry("website", "section_main", ":material/language:", False, True, {
        "channel": links.one_of(website.CHANNELS), "kind": links.one_of(website.BROADCAST_KINDS)},
        ("visitors", "pages", "sources", "streams"),
        parts=("weekdays", "units", "devices", "kinds", "cumulative", "top", "plenary")),
    PageEntry("consultations", "section_main", ":material/forum:", False, True, {
        "status": links.one_of(consultations.STATUSES)}, parts=("times", "tables", "list")),
    PageEntry("procurement", "section_main", ":material/shopping_cart:", False, True, {
        "method": links.one_of(procurement.METHODS), "status": links.one_of(procurement.STATUSES)},
        ("competition", "time", "categories", "list")),
    PageEntry("votes", "section_votes", ":material/how_to_vote:", False, True, {
        "q": links.parse_search, "kind": links.one_of(KINDS), "order": links.one_of(ORDERS)},
        parts=("margins", "closest", "list")),
    PageEntry("deputies", "section_votes", ":material/groups:", False, False, {
        "faction": links.parse_id, "sort": links.one_of(DEPUTY_METRICS), "nv": links.parse_flag}),
    PageEntry("factions", "section_votes", ":material/diversity_3:", False, False, {
        "metric": links.one_of(FACTION_METRICS)}, parts=("monthly", "least")),
    PageEntry("agreement", "section_votes", ":material/hub:", False, False, {}, parts=("map", "alike")),
    PageEntry("deputy", "section_votes", ":material/person:", True, False, {
        "deputy": links.parse_id, "with": links.parse_id, "line": links.parse_id, "nv": links.parse_flag},
        parts=("colleagues", "lines", "rebellions")),
    PageEntry("vote", "section_votes", ":material/ballot:", True, True, {"vote": links.parse_id}),
    PageEntry("targets", "section_internal", ":material/flag:", False, True, {}, ("targets", "units"), True),
    PageEntry("queue", "section_internal", ":material/pending_actions:", False, True, {},
              ("petitions", "publishing", "difference"), True),
    PageEntry("data_quality", "section_about", ":material/fact_check:", False, True, {},
              parts=("mismatches", "unnamed", "flags", "timing", "buyers", "imports", "open_data")),
    PageEntry("open_data", "section_about", ":material/dataset:", False, False, {}),
    PageEntry("methodology", "section_about", ":material/menu_book:", False, False, {
        "kpi": links.one_of(tuple(BY_KEY))}),
)
BY_NAME = {entry.name: entry for entry in PAGES}
LANDING = PAGES[0]


def page_url(name: str, params: dict | None = None, base: str = "") -> str:
    """The URL of a page of the table with its parameters (see `links.url`)."""
    if name not in BY_NAME:
        raise KeyError(f"no page {name!r} in the navigation table")
    return links.url("" if name == LANDING.name else name, params, base)
