"""The widget's own texts in the browser's language (Ukrainian, English, Polish), the
PL/UK/EN switcher, and Polish when the catalog cannot be loaded; a Ukrainian message
gets the Ukrainian note. Chromium against the real assistant."""

from __future__ import annotations

from typing import Iterator, List

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests.browser.axe import serious_violations

pytestmark = [pytest.mark.stack, pytest.mark.browser]

BOT = "#kck-log .kck-msg--bot"
SCREENSHOT = "/tmp/widget-uk.png"


@pytest.fixture()
def contexts(browser: Browser) -> Iterator[List[BrowserContext]]:
    made: List[BrowserContext] = []
    yield made
    for context in made:
        context.close()


def open_page(browser: Browser, contexts: List[BrowserContext], locale: str, **options) -> Page:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale=locale, **options)
    contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def expect_texts(
    page: Page, lang: str, launcher: str, title: str, placeholder: str, send: str
) -> None:
    expect(page.locator(".kck-widget")).to_have_attribute("lang", lang)
    expect(page.locator("#kck-launcher")).to_contain_text(launcher)
    expect(page.locator(".kck-title")).to_have_text(title)
    expect(page.locator("#kck-input")).to_have_attribute("placeholder", placeholder)
    expect(page.locator("#kck-send")).to_have_text(send)
    expect(page.locator(f".kck-lang[data-lang='{lang}']")).to_have_attribute("aria-pressed", "true")


def test_ukrainian_browser_gets_ukrainian_texts_and_the_ukrainian_note(
    browser: Browser, contexts: List[BrowserContext], live  # type: ignore[no-untyped-def]
) -> None:
    page = open_page(browser, contexts, "uk-UA")
    page.goto(live.gateway_url + "/")
    expect(page.locator("#kck-launcher")).to_contain_text("Чат з KCK")
    page.click("#kck-launcher")
    expect_texts(page, "uk", "Чат з KCK", "Асистент KCK", "Напишіть повідомлення…", "Надіслати")
    expect(page.locator(".kck-close")).to_have_attribute("aria-label", "Закрити чат")
    expect(page.locator("#kck-panel")).to_have_attribute(
        "aria-label", "Чат із Краківським центром контакту"
    )
    greeting = page.locator(BOT).first
    expect(greeting).to_contain_text("Dzień dobry")  # the assistant's answers stay Polish
    expect(greeting.locator(".kck-msg__text")).to_have_attribute("lang", "pl")

    page.fill("#kck-input", "Добрий день! Де зареєструвати місце проживання?")
    page.click("#kck-send")
    note = page.locator(BOT).nth(1)
    expect(note).to_contain_text("Поки що я відповідаю лише польською мовою")
    expect(note.locator(".kck-msg__text")).to_have_attribute("lang", "uk")
    expect(note.locator(".kck-quick-reply")).to_have_text(
        ["Поговорити з консультантом", "Попросити зворотний дзвінок"]
    )
    assert serious_violations(page) == []
    page.screenshot(path=SCREENSHOT)


def test_english_browser_gets_english_and_the_switcher_changes_and_remembers(
    browser: Browser, contexts: List[BrowserContext], live  # type: ignore[no-untyped-def]
) -> None:
    page = open_page(browser, contexts, "en-US")
    page.goto(live.gateway_url + "/")
    page.click("#kck-launcher")
    expect_texts(page, "en", "Chat with KCK", "KCK assistant", "Write a message…", "Send")
    expect(page.locator(BOT).first).to_be_visible()
    expect(page.locator("#kck-log .kck-msg__label").first).to_have_text("Assistant")

    page.click(".kck-lang[data-lang='uk']")
    expect_texts(page, "uk", "Чат з KCK", "Асистент KCK", "Напишіть повідомлення…", "Надіслати")
    expect(page.locator("#kck-log .kck-msg__label").first).to_have_text("Асистент")

    page.click(".kck-lang[data-lang='pl']")
    expect_texts(page, "pl", "Czat z KCK", "Asystent KCK", "Napisz wiadomość…", "Wyślij")
    expect(page.locator(".kck-lang[data-lang='en']")).to_have_attribute("aria-pressed", "false")

    page.reload()  # the resident's choice outlives the page, whatever the browser says
    expect(page.locator("#kck-launcher")).to_contain_text("Czat z KCK")
    expect(page.locator(".kck-widget")).to_have_attribute("lang", "pl")


def test_polish_browser_gets_polish_without_loading_a_catalog(
    browser: Browser, contexts: List[BrowserContext], live  # type: ignore[no-untyped-def]
) -> None:
    page = open_page(browser, contexts, "pl-PL")
    catalogs: List[str] = []
    page.on("request", lambda request: catalogs.append(request.url))
    page.goto(live.gateway_url + "/")
    page.click("#kck-launcher")
    expect_texts(page, "pl", "Czat z KCK", "Asystent KCK", "Napisz wiadomość…", "Wyślij")
    assert [url for url in catalogs if "/widget/i18n/" in url] == []


def test_a_catalog_that_fails_to_load_leaves_the_widget_polish_and_working(
    browser: Browser, contexts: List[BrowserContext], live  # type: ignore[no-untyped-def]
) -> None:
    page = open_page(browser, contexts, "uk-UA", viewport={"width": 360, "height": 740})

    def fail(route: Route) -> None:
        route.abort("connectionrefused")

    page.route("**/widget/i18n/**", fail)
    page.goto(live.gateway_url + "/")
    page.click("#kck-launcher")
    expect_texts(page, "pl", "Czat z KCK", "Asystent KCK", "Napisz wiadomość…", "Wyślij")
    expect(page.locator(BOT).first).to_contain_text("Dzień dobry")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # switcher fits
    expect(page.locator(".kck-close")).to_be_visible()
