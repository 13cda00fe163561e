"""The interface catalogs (console and widget) in Polish, Ukrainian and English, and how
the console picks its language: the ``kck_lang`` cookie, else ``Accept-Language``, else
Polish, per request (also in the thread pool)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.console import i18n
from bot.console import language_switch as console_language
from bot.web import widget_i18n

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "bot" / "locale"
DOMAINS = ("messages", "widget")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)[ds]")


def _po(locale: str, domain: str) -> Catalog:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / f"{domain}.po").open("rb") as source:
        return read_po(source, locale=locale, domain=domain)


def _template(domain: str) -> Catalog:
    with (LOCALE_DIR / f"{domain}.pot").open("rb") as source:
        return read_po(source, domain=domain)


CATALOGS = [(locale, domain) for locale in i18n.LOCALES for domain in DOMAINS]


@pytest.mark.parametrize("locale,domain", CATALOGS)
def test_every_entry_is_translated_and_none_is_fuzzy(locale: str, domain: str) -> None:
    catalog = _po(locale, domain)
    ids = {message.id for message in _template(domain) if message.id}
    entries = [message for message in catalog if message.id]
    assert {message.id for message in entries} >= ids, "run make i18n"
    for message in entries:
        assert not message.fuzzy, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), message.id
        if isinstance(message.id, tuple):
            assert len(strings) == catalog.num_plurals, message.id


@pytest.mark.parametrize("locale,domain", CATALOGS)
def test_translations_keep_the_placeholders(locale: str, domain: str) -> None:
    for message in _po(locale, domain):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert sorted(PLACEHOLDER.findall(string)) == wanted, message.id


def test_ukrainian_is_ukrainian_and_plurals_follow_the_number() -> None:
    failure = (
        "Wrong login or password, or the account is locked for %(num)d minute after too many "
        "failed attempts.",
        "Wrong login or password, or the account is locked for %(num)d minutes after too many "
        "failed attempts.",
    )
    with i18n.use_locale("uk"):
        assert i18n._("Queue") == "Черга"
        assert i18n._("Log out") == "Вийти"
        assert "1 хвилину" in i18n.ngettext(*failure, 1) % {"num": 1}
        assert "3 хвилини" in i18n.ngettext(*failure, 3) % {"num": 3}
        assert "15 хвилин" in i18n.ngettext(*failure, 15) % {"num": 15}
        assert "21 хвилину" in i18n.ngettext(*failure, 21) % {"num": 21}
    with i18n.use_locale("en"):
        assert i18n._("Queue") == "Queue"
    assert i18n._("Queue") == "Kolejka"  # outside a request: Polish


def test_the_widget_texts_in_widget_js_are_the_catalog_ids() -> None:
    """Every _('…') of the widget's modules is in the catalogs (else make i18n was not run)."""
    found = {
        message[1]
        for module in sorted((ROOT / "bot" / "static" / "widget").glob("*.js"))
        for message in extract_from_file("javascript", str(module), options={"encoding": "utf-8"})
    }
    assert len(found) > 25 and "Wyślij" in found
    for locale in i18n.LOCALES:
        assert found <= set(widget_i18n.messages(locale)), locale
    assert widget_i18n.messages("uk")["Wyślij"] == "Надіслати"
    assert widget_i18n.messages("en")["Napisz wiadomość…"] == "Write a message…"


@pytest.mark.parametrize(
    "cookie,header,expected",
    [
        (None, "uk-UA,uk;q=0.9,en-US;q=0.8,en;q=0.7", "uk"),
        (None, "en-US,en;q=0.9", "en"),
        (None, "en-GB", "en"),
        (None, "pl-PL,pl;q=0.9,en;q=0.5", "pl"),
        (None, "de-DE,de;q=0.9,en;q=0.5", "en"),
        (None, "pl;q=0.3,uk;q=0.9", "uk"),
        (None, "de-DE,fr", "pl"),
        (None, "", "pl"),
        (None, None, "pl"),
        (None, ";;,q=x,*", "pl"),
        (None, "uk;q=0,en;q=0.1", "en"),
        ("en", "uk-UA", "en"),
        ("pl", "uk-UA,en", "pl"),
        ("uk", None, "uk"),
        ("de", "en-US", "en"),
        ("", "uk", "uk"),
    ],
)
def test_the_cookie_wins_then_accept_language_then_polish(
    cookie: str | None, header: str | None, expected: str
) -> None:
    assert i18n.negotiate(cookie, header) == expected


async def _texts(request: Request) -> Response:
    """The locale as seen in the handler and in the thread pool (where the console's
    database work runs), with one text of each."""
    in_thread = await run_in_threadpool(i18n.gettext, "Queue")
    return PlainTextResponse(f"{i18n.current_locale()} {i18n.gettext('Log out')} {in_thread}")


@pytest.fixture()
def client() -> Iterator[TestClient]:
    app = Starlette(
        routes=[
            Route("/console/texts", _texts),
            Route("/other/texts", _texts),
            *console_language.routes,
            *widget_i18n.routes,
        ],
        middleware=[Middleware(i18n.ConsoleLocale)],
    )
    with TestClient(app, base_url="http://kck.test") as test_client:
        yield test_client


LANGUAGE_CASES: List[Tuple[dict, str]] = [
    ({}, "pl Wyloguj Kolejka"),
    ({"accept-language": "uk-UA,uk;q=0.9"}, "uk Вийти Черга"),
    ({"accept-language": "en-US,en;q=0.9"}, "en Log out Queue"),
]


@pytest.mark.parametrize("headers,expected", LANGUAGE_CASES)
def test_each_console_request_gets_its_browsers_language(
    client: TestClient, headers: dict, expected: str
) -> None:
    assert client.get("/console/texts", headers=headers).text == expected


def test_the_cookie_overrides_the_browser_and_other_paths_stay_polish(client: TestClient) -> None:
    client.cookies.set("kck_lang", "en")
    assert client.get("/console/texts", headers={"accept-language": "uk"}).text == (
        "en Log out Queue"
    )
    assert client.get("/other/texts", headers={"accept-language": "uk"}).text.startswith("pl ")


def test_the_switcher_sets_the_cookie_and_goes_back(client: TestClient) -> None:
    response = client.get(
        "/console/language/uk",
        headers={"referer": "http://kck.test/console/reports?kind=idea"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/console/reports?kind=idea"
    cookie = response.headers["set-cookie"]
    assert "kck_lang=uk" in cookie and "Path=/console" in cookie and "HttpOnly" in cookie
    assert client.get("/console/texts", headers={"accept-language": "en"}).text.startswith("uk ")


@pytest.mark.parametrize(
    "referer",
    ["https://evil.example/console/x", "http://kck.test/elsewhere", "", "//evil.example/console"],
)
def test_the_switcher_never_leaves_the_console(client: TestClient, referer: str) -> None:
    response = client.get(
        "/console/language/en", headers={"referer": referer}, follow_redirects=False
    )
    assert response.headers["location"] == "/console"


def test_an_unknown_language_changes_nothing(client: TestClient) -> None:
    response = client.get("/console/language/de", follow_redirects=False)
    assert response.status_code == 303 and "set-cookie" not in response.headers


def test_the_widget_catalog_is_served_as_json_and_cached(client: TestClient) -> None:
    response = client.get("/widget/i18n/uk.json")
    assert response.status_code == 200
    data = response.json()
    assert data["locale"] == "uk" and data["messages"]["Zamknij czat"] == "Закрити чат"
    assert "max-age" in response.headers["cache-control"]
    again = client.get("/widget/i18n/uk.json", headers={"if-none-match": response.headers["etag"]})
    assert again.status_code == 304
    refused = client.get("/widget/i18n/de.json")
    assert refused.status_code == 404 and "pl, uk, en" in refused.json()["error"]
    assert client.get("/widget/i18n/..%2Fmessages.json").status_code == 404
