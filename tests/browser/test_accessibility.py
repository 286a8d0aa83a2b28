"""axe-core in Chromium on every page and tab, in both languages: no serious or critical violation of ours.

A violation inside Streamlit's own widgets that a page cannot change is listed in `STREAMLIT_OWN` by rule and
element, each with its reason; everything else fails the test with the rule, its help and the elements it found."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from dashboard.navigation import BY_NAME, PAGES

from .conftest import wait_for_run

pytestmark = pytest.mark.browser
WALKS = [(entry.name, tab) for entry in PAGES for tab in entry.sections or (None,)]
SERIOUS = ("serious", "critical")
STREAMLIT_OWN: dict[tuple[str, str], str] = {}
"""(axe rule id, part of the element's selector) -> why the violation is Streamlit's own and not ours to fix."""
AXE = Axe()


def ours(rule: str, node: dict) -> bool:
    selector = " ".join(map(str, node["target"]))
    return not any(rule == own_rule and part in selector for own_rule, part in STREAMLIT_OWN)


def violations(page) -> list[str]:
    found = AXE.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — {targets[:5]}" for v in found if v["impact"] in SERIOUS
            if (targets := [node["target"] for node in v["nodes"] if ours(v["id"], node)])]


def test_every_page_and_tab_has_no_serious_violation(server_of, page):
    """Every page and tab once with every part open, the languages taking turns (both are walked, at half the cost
    of each everywhere: the markup is the same, only the words differ)."""
    failures = {}
    for n, (name, tab) in enumerate(WALKS):
        params = {"lang": ("uk", "en")[n % 2], "year": "2017", **({"tab": tab} if tab else {})}
        params |= {"vote": "1"} if name == "vote" else {"deputy": "1"} if name == "deputy" else {}
        params |= {"open": ",".join(BY_NAME[name].parts)} if BY_NAME[name].parts else {}  # every part checked
        query = "&".join(f"{key}={value}" for key, value in params.items())
        page.goto(f"{server_of(name)}/{'' if name == PAGES[0].name else name}?{query}")
        wait_for_run(page)
        if found := violations(page):
            failures[f"{name}/{tab or '-'}"] = found
    assert not failures, "\n".join(f"{where}: {found}" for where, found in failures.items())
