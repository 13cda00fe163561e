"""A resident uses the widget in Chromium against the real assistant."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import serious_violations

pytestmark = [pytest.mark.stack, pytest.mark.browser]

BOT = "#kck-log .kck-msg--bot"


def open_with_keyboard(page: Page) -> None:
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "kck-launcher":
            break
    else:
        pytest.fail("the chat launcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#kck-panel")).to_be_visible()
    expect(page.locator("#kck-input")).to_be_focused()


def test_resident_asks_about_id_card_with_keyboard_and_finds_it_after_reload(
    page: Page,
    live,  # type: ignore[no-untyped-def]
) -> None:
    page.goto(live.gateway_url + "/")
    open_with_keyboard(page)
    expect(page.locator(BOT).first).to_contain_text("prywatnosc")

    page.keyboard.type("jak wyrobić dowód osobisty")
    page.keyboard.press("Enter")
    answer = page.locator(BOT).nth(1)
    expect(answer).to_contain_text("dowód")
    link = answer.locator("a[href^='https://']").first
    expect(link).to_be_visible()
    assert link.get_attribute("rel") and "noopener" in str(link.get_attribute("rel"))

    button = answer.locator(".kck-quick-reply").first
    title = button.inner_text()
    button.click()
    expect(page.locator("#kck-log .kck-msg--user").last).to_contain_text(title)
    expect(page.locator(BOT)).to_have_count(3)

    page.reload()
    expect(page.locator("#kck-log")).to_contain_text("jak wyrobić dowód osobisty")
    expect(page.locator("#kck-log .kck-msg--user").last).to_contain_text(title)
    expect(page.locator(BOT)).to_have_count(3)


def test_markup_from_a_resident_stays_text(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    page.goto(live.gateway_url + "/")
    page.click("#kck-launcher")
    expect(page.locator(BOT).first).to_be_visible()
    page.fill("#kck-input", "<img src=x onerror=\"document.title='hacked'\"><b>bold</b>")
    page.click("#kck-send")
    expect(page.locator("#kck-log .kck-msg--user").last).to_contain_text("<b>bold</b>")
    expect(page.locator(BOT).nth(1)).to_be_visible()
    assert page.locator("#kck-log img, #kck-log b").count() == 0
    assert page.title() != "hacked"


def test_no_serious_accessibility_violations(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    page.goto(live.gateway_url + "/")
    assert serious_violations(page) == []
    page.click("#kck-launcher")
    page.fill("#kck-input", "jak się zameldować")
    page.click("#kck-send")
    expect(page.locator(BOT).nth(1)).to_be_visible()
    assert serious_violations(page) == []


def test_fits_a_360_px_phone(phone: Page, live) -> None:  # type: ignore[no-untyped-def]
    phone.goto(live.gateway_url + "/")
    phone.click("#kck-launcher")
    expect(phone.locator(BOT).first).to_be_visible()
    box = phone.locator("#kck-panel").bounding_box()
    assert box is not None and box["width"] <= 360
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(phone) == []
