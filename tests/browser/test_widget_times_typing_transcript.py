"""Times on messages, who is writing, and the resident's copy of the conversation
(issue 18, point 1), in Chromium against the real assistant. The console does not send
typing events yet: the consultant's are put on the widget's WebSocket by the test, in
the frame the widget reads ({"type": "typing", "sender": "consultant", "typing": …})."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import List

import pytest
from playwright.sync_api import Browser, Page, WebSocketRoute, expect

from tests.browser.axe import serious_violations
from tests.helpers.browser import BOT, say

pytestmark = [pytest.mark.stack, pytest.mark.browser]

# Every text the typing indicator showed while it was in the log.
WATCH_TYPING = """() => {
  window.kckTyping = [];
  const log = document.querySelector('#kck-log');
  new MutationObserver(() => {
    const typing = log.querySelector('.kck-typing');
    if (typing) { window.kckTyping.push(typing.textContent); }
  }).observe(log, { childList: true, subtree: true, characterData: true });
}"""


def open_widget(page: Page, url: str) -> None:
    page.goto(url + "/")
    page.click("#kck-launcher")
    expect(page.locator(BOT).first).to_contain_text("Dzień dobry")


def message_times(page: Page) -> List[dt.datetime]:
    stamps = page.eval_on_selector_all(
        "#kck-log .kck-msg", "nodes => nodes.map(n => n.querySelector('time')?.dateTime || '')"
    )
    assert all(stamps), stamps
    return [dt.datetime.fromisoformat(s.replace("Z", "+00:00")) for s in stamps]


def test_messages_show_their_time_live_and_after_a_reload(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    started = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1)
    open_widget(page, live.gateway_url)
    page.evaluate(WATCH_TYPING)
    say(page, "jak wyrobić dowód osobisty")
    expect(page.locator(BOT).nth(1)).to_contain_text("Dowód osobisty")
    # The assistant was shown writing between the question and its answer.
    assert "Asystent pisze…" in page.evaluate("window.kckTyping")
    expect(page.locator("#kck-log .kck-typing")).to_have_count(0)

    live_times = message_times(page)
    assert len(live_times) == 3
    shown = page.locator("#kck-log .kck-msg time").first.inner_text()
    assert re.fullmatch(r"\d{1,2}:\d{2}", shown), shown

    page.reload()
    expect(page.locator(BOT).nth(1)).to_contain_text("Dowód osobisty")
    stored = message_times(page)  # the gateway's times, not the page's
    assert len(stored) == 3
    finished = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=1)
    assert all(started <= t <= finished for t in stored), stored
    assert stored == sorted(stored)


def test_a_consultant_typing_is_shown_until_their_message_comes(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    sockets: List[WebSocketRoute] = []

    def through(ws: WebSocketRoute) -> None:
        ws.connect_to_server()
        sockets.append(ws)

    page.route_web_socket(re.compile(r".*/api/v1/conversations/.*/ws$"), through)
    open_widget(page, live.gateway_url)
    for _ in range(100):  # the widget connects once the conversation exists
        if sockets:
            break
        page.wait_for_timeout(100)
    assert sockets, "the widget opened no WebSocket"
    typing = page.locator("#kck-log .kck-typing")
    expect(typing).to_have_count(0)

    sockets[-1].send(json.dumps({"type": "typing", "sender": "consultant", "typing": True}))
    expect(typing).to_have_text("Konsultant pisze…")
    expect(page.locator("#kck-log .kck-typing[role='status']")).to_be_visible()

    sockets[-1].send(json.dumps({"sender": "consultant", "text": "Dzień dobry, tu Ewa z KCK."}))
    expect(page.locator("#kck-log .kck-msg--consultant")).to_contain_text("tu Ewa z KCK")
    expect(typing).to_have_count(0)

    # A consultant who stops without a word: the indicator goes after a few seconds.
    sockets[-1].send(json.dumps({"type": "typing", "sender": "consultant", "typing": True}))
    expect(typing).to_have_text("Konsultant pisze…")
    expect(typing).to_have_count(0, timeout=10_000)


def test_the_resident_downloads_the_transcript_by_keyboard(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    open_widget(page, live.gateway_url)
    say(page, "jak wyrobić dowód osobisty")
    expect(page.locator(BOT).nth(1)).to_contain_text("Dowód osobisty")

    download_button = page.locator("#kck-download")
    expect(download_button).to_have_attribute("aria-label", "Pobierz zapis rozmowy")
    page.focus(".kck-close")
    page.keyboard.press("Shift+Tab")
    expect(download_button).to_be_focused()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert re.fullmatch(r"rozmowa-kck-[\d-]+\.txt", download.value.suggested_filename)
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")

    assert text.startswith("Rozmowa z Krakowskim Centrum Kontaktu")
    own = r"^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}\] Ty: jak wyrobić dowód osobisty$"
    assert re.search(own, text, re.M)
    assert re.search(r"^\[[\d :-]+\] Asystent: Dowód osobisty jest bezpłatny", text, re.M)
    assert "    – Odbiór dowodu" in text
    assert serious_violations(page) == []


def test_the_new_texts_come_in_ukrainian_and_english(browser: Browser, live) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="uk-UA")
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(live.gateway_url + "/")
        page.click("#kck-launcher")
        expect(page.locator(BOT).first).to_be_visible()
        download = page.locator("#kck-download")
        expect(download).to_have_attribute("aria-label", "Завантажити запис розмови")
        say(page, "pali się")
        warning = page.locator(".kck-msg--emergency .kck-msg__warning")
        expect(warning).to_have_text("Терміново: загроза життю або здоров'ю")

        page.click(".kck-lang[data-lang='en']")
        expect(warning).to_have_text("Urgent: danger to life or health")
        expect(download).to_have_attribute("aria-label", "Download the conversation")
        assert serious_violations(page) == []
    finally:
        context.close()
