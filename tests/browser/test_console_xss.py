"""Markup a resident types stays text in the consultant's console.

A resident's messages (in the queue's preview and the chat's transcript) and a
report's description (Open311 stores it verbatim) carry markup. In the browser
it must show as the characters typed and never become elements. The page's
Content-Security-Policy would stop inline scripts anyway, so the test looks at
the DOM: no element made from the markup, the text shown literally.
"""

from __future__ import annotations

import uuid

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import OPEN311_TEST_KEY, LiveAssistant
from tests.helpers.browser import console_page
from tests.helpers.chat import new_chat, say
from tests.staff import Staff

pytestmark = [pytest.mark.stack, pytest.mark.browser, pytest.mark.usefixtures("empty_queue")]

IMG = '<img src="x-kck" onerror="window.__kckXss=1">'
SCRIPT = "<script>window.__kckXss=2</script>"
SVG = '"><svg id="kck-svg" onload="window.__kckXss=3">'


def assert_inert(page: Page) -> None:
    assert page.locator('img[src="x-kck"]').count() == 0
    assert page.locator("svg#kck-svg").count() == 0
    for _attempt in range(5):  # the queue page may be reloading itself just now
        try:
            assert page.evaluate("window.__kckXss") is None
            return
        except PlaywrightError:
            page.wait_for_load_state()
    raise AssertionError("the page never settled")


def test_markup_from_residents_stays_text_in_the_console(
    browser: Browser, live: LiveAssistant, gateway: httpx.Client, staff: Staff
) -> None:
    login, password = staff.account("supervisor")
    console = console_page(browser, live.gateway_url, login, password)

    chat = new_chat(gateway)
    say(gateway, chat, "chcę porozmawiać z konsultantem")
    for payload in (IMG, SCRIPT, SVG):
        say(gateway, chat, payload)
    marker = uuid.uuid4().hex[:8]
    report = gateway.post(
        "/open311/v2/requests.json",
        data={
            "api_key": OPEN311_TEST_KEY,
            "service_code": "drogi",
            "description": f"Dziura {marker} {IMG}{SCRIPT}",
            "lat": "50.0614",
            "long": "19.9366",
        },
    )
    assert report.status_code == 201, report.text

    expect(console.locator("#queue-waiting tbody tr").first).to_be_visible()
    assert_inert(console)

    console.goto(f"{live.gateway_url}/console/chat/{chat['conversation_id']}")
    console.locator("#take-chat").click()
    transcript = console.locator("#transcript")
    for payload in (IMG, SCRIPT, SVG):
        expect(transcript).to_contain_text(payload)
    assert_inert(console)
    console.get_by_role("button", name="Zakończ").click()  # asks first (issue 18)
    with console.expect_response(lambda r: r.url.endswith("/end")):
        console.get_by_role("dialog").get_by_role("button", name="Tak, zakończ rozmowę").click()

    # A page of its own: the chat page moves itself to the queue once the chat has ended.
    reports = console.context.new_page()
    reports.goto(live.gateway_url + "/console/reports")
    # Stored as plain text since issue 15 (tags stripped), shown escaped as ever.
    expect(reports.locator("body")).to_contain_text(f"Dziura {marker}")
    assert_inert(reports)
