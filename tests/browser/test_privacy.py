"""Nothing leaves the machine: every page and tab asks only the dashboard's own host for anything (the favicon
and fonts included); a URL in a link's parameter shows as text, never a live link; an unknown path answers in
the page's language."""

from urllib.parse import urlsplit

import pytest

from dashboard.navigation import BY_NAME, PAGES

from .conftest import wait_for_run, wait_for_text

pytestmark = pytest.mark.browser
WALKS = [(entry.name, tab) for entry in PAGES for tab in entry.sections or (None,)]
LOCAL_SCHEMES = ("data", "blob", "about")


def test_every_page_asks_only_the_dashboards_own_host(server_of, page):
    asked: list[str] = []
    page.context.on("request", lambda request: asked.append(request.url))
    for name, tab in WALKS:
        query = "lang=en&year=2017" + (f"&tab={tab}" if tab else "") + (
            f"&open={','.join(BY_NAME[name].parts)}" if BY_NAME[name].parts else "")  # every part's requests too
        page.goto(f"{server_of(name)}/{'' if name == PAGES[0].name else name}?{query}")
        wait_for_run(page)
    page.wait_for_timeout(500)  # the favicon is set after the first run
    own = {urlsplit(server_of(name)).netloc for name, _tab in WALKS}  # the public and the internal edition
    elsewhere = sorted({url for url in asked if urlsplit(url).scheme not in LOCAL_SCHEMES
                        and urlsplit(url).netloc not in own})
    assert len(asked) > len(WALKS) and elsewhere == []
    favicon = page.locator("link[rel='shortcut icon']").get_attribute("href")
    assert urlsplit(favicon).scheme in ("", "http") and "gstatic" not in favicon, favicon


@pytest.mark.parametrize("link", ["?year=http://evil.example/x", "?http://evil.example/x=1",
                                  "?www.evil.example=1&mail@evil.example=2"])
def test_a_url_in_a_link_is_shown_as_text(app_server, page, link):
    page.goto(f"{app_server}/votes{link}")
    wait_for_run(page)
    notice = page.locator("[data-testid='stAlert']").filter(has_text="проігноровано").first
    notice.wait_for()
    assert notice.locator("a").count() == 0, notice.inner_html()
    assert page.locator("a[href*='evil.example']").count() == 0


@pytest.mark.parametrize(("lang", "title"), [("uk", "Сторінку не знайдено"), ("en", "Page not found")])
def test_an_unknown_path_answers_in_the_pages_language(app_server, page, lang, title):
    page.goto(f"{app_server}/no-such-page?lang={lang}")
    wait_for_run(page)
    page.locator("[data-testid='stMain'] h1", has_text=title).wait_for()
    wait_for_text(page, "no-such-page")
    assert page.get_by_text("Running the app's main page").count() == 0
    if lang == "uk":
        assert page.get_by_text("Page not found").count() == 0
