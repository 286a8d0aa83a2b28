"""The internal edition signs in through OpenID Connect (`st.login`) against a provider the test starts on localhost
(oidc-provider-mock), as the mayor's office, a department head and someone else, and shows each what the role
allows: the mayor's office and the head the internal pages (the head's opening on the own unit), anyone else only
what the public sees."""

from __future__ import annotations

import secrets

import pytest
from oidc_provider_mock import User, run_server_in_thread

from .conftest import PROJECT_ROOT, wait_for_run, wait_for_text
from .harness import free_port, serve

pytestmark = pytest.mark.browser

USERS = [
    User(sub="mayor", claims={"name": "Олена Мерська", "email": "olena@rada.example", "email_verified": True,
                              "groups": ["vidkryto-mayor-office"]}),
    User(sub="head", claims={"name": "Іван Освітній", "email": "ivan@rada.example", "email_verified": True,
                             "groups": ["staff", "vidkryto-unit-EDU"]}),
    User(sub="outsider", claims={"name": "Петро Сторонній", "email": "petro@mail.example", "email_verified": True,
                                 "groups": ["staff"]}),
]


@pytest.fixture(scope="module")
def internal_server(demo_sqlite_url, tmp_path_factory):
    """The internal edition on the demo council, its login through a provider of three users."""
    folder = tmp_path_factory.mktemp("login")
    port = free_port()
    with run_server_in_thread(user_claims=USERS) as provider:
        issuer = f"http://localhost:{provider.server_port}"
        (folder / "secrets.toml").write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(16)}"\n'
            'client_id = "vidkryto"\nclient_secret = "not-a-secret"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n', encoding="utf-8")
        with serve(PROJECT_ROOT, demo_sqlite_url, folder / "server.log", "internal", port=port,
                   flags=["--secrets.files", str(folder / "secrets.toml")]) as url:
            yield url


def sign_in(page, url: str, sub: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Увійти").click()
    page.locator(f"button[name='sub'][value='{sub}']").click()  # the provider's form: one button per user
    page.wait_for_url(f"{url}/**")
    wait_for_run(page)


def menu(page) -> str:
    return page.locator("[data-testid='stSidebar'] [data-testid='stPageLink']").all_inner_texts().__str__()


def test_nobody_sees_a_page_before_signing_in(internal_server, page):
    page.goto(f"{internal_server}/queue?year=2017")
    wait_for_text(page, "Внутрішня версія доступна після входу.")
    assert "Черга" not in page.locator("[data-testid='stMain']").inner_text()


def test_the_mayors_office_sees_every_unit(internal_server, page):
    sign_in(page, internal_server, "mayor")
    wait_for_text(page, "Олена Мерська")
    wait_for_text(page, "апарат міського голови")
    assert "Черга" in menu(page) and "Цілі й підрозділи" in menu(page)
    page.goto(f"{internal_server}/queue?year=2017&tab=publishing")
    wait_for_run(page)
    wait_for_text(page, "Чекає оприлюднення за видом")
    assert page.get_by_role("button", name="Вийти").count() == 1


def test_a_department_head_opens_with_the_own_unit(internal_server, page):
    sign_in(page, internal_server, "head")
    wait_for_text(page, "керівник підрозділу")
    page.goto(f"{internal_server}/queue?year=2017&tab=publishing")
    wait_for_run(page)
    assert "unit=EDU" in page.url
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    assert "Іван Освітній" in sidebar


def test_someone_else_signed_in_sees_the_public_edition(internal_server, page):
    sign_in(page, internal_server, "outsider")
    wait_for_text(page, "Петро Сторонній")
    wait_for_text(page, "лише оприлюднене")
    assert "Черга" not in menu(page)
    page.goto(f"{internal_server}/queue?year=2017")
    wait_for_run(page)
    wait_for_text(page, "Сторінку не знайдено")
