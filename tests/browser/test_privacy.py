"""Nothing leaves the machine: every page and tab asks only the dashboard's own host for anything (the favicon
and fonts included); a URL in a link's parameter shows as text, never a live link; an unknown path answers in
the page's language."""

import ast
import ipaddress
import os
from urllib.parse import urlsplit

import pytest

from dashboard.navigation import BY_NAME, PAGES

from .conftest import PROJECT_ROOT, wait_for_run, wait_for_text
from .harness import serve

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


RECORDER = """import os, socket

_connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo


def _record(kind, what):
    with open(os.environ["VIDKRYTO_TEST_SOCKETS"], "a", encoding="utf-8") as log:
        log.write(f"{kind} {what!r}\\n")


def connect(self, address):
    _record("connect", address)
    return _connect(self, address)


def connect_ex(self, address):
    _record("connect", address)
    return _connect_ex(self, address)


def getaddrinfo(host, *rest, **named):
    _record("lookup", host)
    return _getaddrinfo(host, *rest, **named)


socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
_record("loaded", os.getpid())
"""
"""A `sitecustomize` for the server: every socket it opens towards an address, and every name it looks up."""


def local(kind: str, what: str) -> bool:
    """Whether a recorded socket or lookup stays on this machine (loopback, a Unix socket, a lookup of localhost)."""
    value = ast.literal_eval(what)  # the recorder's repr() of an address or a host name
    host = value[0] if isinstance(value, tuple) else value
    if kind == "connect" and isinstance(value, (str, bytes)):
        return True  # a Unix socket
    if host in ("localhost", b"localhost", None):
        return True
    try:
        return ipaddress.ip_address(host.decode() if isinstance(host, bytes) else host).is_loopback
    except ValueError:
        return False


def test_the_server_asks_no_other_host(demo_public_sqlite_url, tmp_path, page):
    """Served as the README serves it (no address flag: every interface), the server itself, at start-up and for a
    page, opens no socket to another machine and looks up no other name: Streamlit's banner would ask
    checkip.amazonaws.com for the external address unless `browser.serverAddress` is set."""
    (tmp_path / "sitecustomize.py").write_text(RECORDER, encoding="utf-8")
    sockets = tmp_path / "sockets.log"
    environment = {"PYTHONPATH": os.pathsep.join(filter(None, (str(tmp_path), os.environ.get("PYTHONPATH")))),
                   "VIDKRYTO_TEST_SOCKETS": str(sockets)}
    with serve(PROJECT_ROOT, demo_public_sqlite_url, tmp_path / "server.log", address=None,
               environment=environment) as url:
        page.goto(f"{url}/votes?year=2017")
        wait_for_run(page)
    recorded = [line.split(" ", 1) for line in sockets.read_text(encoding="utf-8").splitlines()]
    assert any(kind == "loaded" for kind, _ in recorded), "the recorder did not load"
    assert [what for kind, what in recorded if kind != "loaded" and not local(kind, what)] == []
    assert (tmp_path / "server.log").read_text().count("URL:") == 1  # the re-run on jemalloc stays quiet


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
