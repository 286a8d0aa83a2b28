"""The pages of the dashboard, as configuration: app.py builds the menu from it and tests run every page."""

from typing import NamedTuple


class PageEntry(NamedTuple):
    section: str   # message key of the menu section
    path: str      # file under pages/
    title: str     # message key of the title
    icon: str
    hidden: bool   # reached by links only (a profile, one vote)


PAGES = (
    PageEntry("section_main", "pages/overview.py", "page_overview", ":material/dashboard:", False),
    PageEntry("section_votes", "pages/votes.py", "page_votes", ":material/how_to_vote:", False),
    PageEntry("section_votes", "pages/deputies.py", "page_deputies", ":material/groups:", False),
    PageEntry("section_votes", "pages/factions.py", "page_factions", ":material/diversity_3:", False),
    PageEntry("section_votes", "pages/agreement.py", "page_agreement", ":material/hub:", False),
    PageEntry("section_votes", "pages/deputy.py", "page_deputy", ":material/person:", True),
    PageEntry("section_votes", "pages/vote.py", "page_vote", ":material/ballot:", True),
    PageEntry("section_about", "pages/data_quality.py", "page_data_quality", ":material/fact_check:", False),
    PageEntry("section_about", "pages/methodology.py", "page_methodology", ":material/menu_book:", False),
)
