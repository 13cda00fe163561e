"""Old buttons in the widget look and act the same live and after a reload (issue 14).

A resident who typed an answer instead of pressing a button must not be able
to press the old buttons of that question: they are greyed out at once, and
after a reload of the page they are greyed out just the same.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import BOT, say

pytestmark = [pytest.mark.stack, pytest.mark.browser]

CATEGORY = ".kck-quick-reply"


def test_answered_buttons_are_disabled_live_and_after_a_reload(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    errors: list = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live.gateway_url + "/")
    page.click("#kck-launcher")
    expect(page.locator(BOT).first).to_be_visible()

    say(page, "chcę zgłosić problem")
    lighting = page.locator(CATEGORY, has_text="Oświetlenie ulic").last
    expect(lighting).to_be_enabled()

    # The resident types the category instead of pressing the button.
    say(page, "oświetlenie ulic")
    expect(page.locator(BOT).last).to_contain_text("Gdzie")
    expect(lighting).to_be_disabled()  # live: the question has moved on

    page.reload()
    page.click("#kck-launcher")
    expect(page.locator(BOT).last).to_contain_text("Gdzie")
    old = page.locator(CATEGORY, has_text="Oświetlenie ulic")
    expect(old.last).to_be_disabled()  # after the reload: the same
    assert page.locator(f"{CATEGORY}:not(:disabled)", has_text="Oświetlenie ulic").count() == 0
    assert errors == []
