"""Issue 17: a report's status notice that arrives while the resident is away shows on
their next visit as an unread mark on the closed widget, and in the chat when opened."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.helpers.reports import NUMBER, Chat
from tests.staff import Staff

pytestmark = [pytest.mark.stack, pytest.mark.browser]

LAUNCHER = "#kck-launcher"
UNREAD = "kck-launcher--unread"
MARKED = re.compile(r"(^|\s)kck-launcher--unread(\s|$)")


def test_a_notice_while_away_is_unread_on_the_next_visit(
    page: Page,
    live,  # type: ignore[no-untyped-def]
    gateway: httpx.Client,
    staff: Staff,
) -> None:
    chat = Chat(gateway)
    chat.say("nie świeci latarnia przy Długiej 5")
    chat.press("Nie wiem")  # the lamp post's number
    chat.press("Pomiń zdjęcie")
    chat.press("Nie, bez kontaktu")
    reference = NUMBER.search(chat.press("Wyślij zgłoszenie"))
    assert reference
    saved = {
        "conversation_id": chat.path.rsplit("/", 1)[1],
        "token": chat.headers["Authorization"].removeprefix("Bearer "),
    }

    # The resident has the chat open on the page: what it shows is read.
    page.goto(live.gateway_url + "/")
    page.evaluate(
        "saved => localStorage.setItem('kck-widget-conversation', saved)", json.dumps(saved)
    )
    page.reload()
    page.click(LAUNCHER)
    expect(page.locator("#kck-log")).to_contain_text(reference.group(0))
    context = page.context
    page.close()

    # Away from the page, the report moves on with a note for residents.
    note = "Ekipa wymieni lampę w czwartek."
    changed = staff.client("consultant").post(
        f"/console/reports/{reference.group(0)}/status",
        data={"status": "w realizacji", "note": note, "note_for": "resident"},
    )
    assert changed.status_code == 303

    # The next visit: the closed widget is marked unread; opened, it shows the notice.
    visit = context.new_page()
    visit.goto(live.gateway_url + "/")
    launcher = visit.locator(LAUNCHER)
    expect(launcher).to_have_class(MARKED)
    expect(visit.locator("#kck-panel")).to_be_hidden()
    launcher.click()
    expect(visit.locator("#kck-log .kck-msg").last).to_contain_text(note)
    expect(launcher).not_to_have_class(MARKED)
    visit.close()

    # Read once, it is not unread on the visit after.
    again = context.new_page()
    again.goto(live.gateway_url + "/")
    expect(again.locator("#kck-panel")).to_be_hidden()
    again.wait_for_timeout(1500)  # the transcript check has had time to answer
    assert UNREAD not in str(again.locator(LAUNCHER).get_attribute("class"))
