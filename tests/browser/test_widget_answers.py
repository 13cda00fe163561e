"""How answers read in the widget (issue 18, point 1), in Chromium against the real
assistant: the greeting and a long answer open at their first line, phone numbers are
`tel:` links (dates, hours and sizes are not), the 112 answer is set apart and announced
at once, a link shows its title and a bare URL wraps only between its parts, an invalid
phone gets one bubble, and callback windows are grouped by day and chosen by keyboard."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.axe import serious_violations
from tests.helpers.browser import BOT, say

pytestmark = [pytest.mark.stack, pytest.mark.browser]

# Where the first line of a message's text is, against the log's visible box and the
# header's bottom edge (the log scrolls under nothing, but a message can be scrolled
# above the log's top, which is where the header is).
FIRST_LINE = """node => {
  const text = node.querySelector('.kck-msg__text');
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  const first = walker.nextNode();
  const range = document.createRange();
  range.setStart(first, 0);
  range.setEnd(first, 1);
  const line = range.getBoundingClientRect();
  const log = document.querySelector('#kck-log').getBoundingClientRect();
  const header = document.querySelector('.kck-header').getBoundingClientRect();
  const scroller = document.querySelector('#kck-log');
  return {
    top: line.top, bottom: line.bottom, logTop: log.top, logBottom: log.bottom,
    headerBottom: header.bottom,
    overflows: scroller.scrollHeight > scroller.clientHeight
  };
}"""


def assert_first_line_in_view(page: Page, message: Any) -> None:
    expect(page.locator("#kck-log")).to_have_attribute("aria-busy", "false")
    box: Dict[str, Any] = message.evaluate(FIRST_LINE)
    # The message is longer than the log can show, so showing its end would hide its start.
    assert box["overflows"], box
    assert box["top"] >= box["logTop"] and box["top"] >= box["headerBottom"], box
    assert box["bottom"] <= box["logBottom"], box


def open_widget(page: Page, url: str) -> None:
    page.goto(url + "/")
    page.click("#kck-launcher")
    expect(page.locator(BOT).first).to_contain_text("Dzień dobry")


def test_greeting_and_a_long_answer_open_at_their_first_line(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    open_widget(page, live.gateway_url)
    assert_first_line_in_view(page, page.locator(BOT).first)

    say(page, "jak wyrobić dowód osobisty")
    answer = page.locator(BOT).nth(1)
    expect(answer).to_contain_text("Dowód osobisty jest bezpłatny")
    assert_first_line_in_view(page, answer)


def test_greeting_first_line_in_view_on_a_phone(phone: Page, live) -> None:  # type: ignore[no-untyped-def]
    open_widget(phone, live.gateway_url)
    say(phone, "jak wyrobić dowód osobisty")
    answer = phone.locator(BOT).nth(1)
    expect(answer).to_contain_text("Dowód osobisty jest bezpłatny")
    assert_first_line_in_view(phone, answer)

    phone.reload()  # a reloaded chat shows the last answer from its start too
    expect(phone.locator(BOT).nth(1)).to_contain_text("Dowód osobisty jest bezpłatny")
    assert_first_line_in_view(phone, phone.locator(BOT).nth(1))


def test_phone_numbers_are_tel_links_and_nothing_else_is(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    open_widget(page, live.gateway_url)
    say(page, "czym jest KCK")
    answer = page.locator(BOT).nth(1)
    expect(answer).to_contain_text("12 616 55 55")
    kck = answer.locator("a[href='tel:+48126165555']")
    expect(kck).to_have_text("12 616 55 55")

    # Sizes, months, ages, days and house numbers of this answer stay text.
    say(page, "jak wyrobić dowód osobisty")
    id_card = page.locator(BOT).nth(2)
    expect(id_card).to_contain_text("35×45 mm")
    expect(id_card.locator("a[href^='tel:']")).to_have_count(0)

    checked = page.evaluate(
        """async () => {
          const m = await import('/widget/phones.js');
          const found = t => m.findPhones(t).map(p => m.telHref(p.text));
          return {
            yes: ['dzwoń pod 112.', '(12) 616-55-55', '+48 600 700 800', 'gazowe: 992'].map(found),
            no: ['30.11.2026', '2026-11-30', 'KCK-2026-000123', '31-004 Kraków', '7:40–15:30',
                 '123 456 789 zł', '112 zł', '12345678901', 'np. 600 123 456', 'nr 112/2026']
                .map(found)
          };
        }"""
    )
    assert checked["yes"] == [["tel:112"], ["tel:+48126165555"], ["tel:+48600700800"], ["tel:992"]]
    assert checked["no"] == [[]] * 10


def test_the_emergency_answer_is_set_apart_and_announced_at_once(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    open_widget(page, live.gateway_url)
    say(page, "pali się w kamienicy obok")
    alarm = page.locator("#kck-log .kck-msg--emergency")
    expect(alarm).to_have_count(1)
    expect(alarm).to_contain_text("Pilne: zagrożenie życia lub zdrowia")
    expect(alarm.locator("[role='alert']")).to_contain_text("112")
    expect(alarm.locator("a[href='tel:112']").first).to_be_visible()
    colours = page.evaluate(
        """() => [document.querySelector('.kck-msg--emergency .kck-msg__text'),
                  document.querySelector('.kck-msg--bot .kck-msg__text')]
                 .map(n => getComputedStyle(n).backgroundColor)"""
    )
    assert colours[0] != colours[1]
    assert serious_violations(page) == []

    say(page, "jak wyrobić dowód osobisty")  # other answers look as before
    expect(page.locator(BOT).last).to_contain_text("Dowód osobisty")
    expect(page.locator("#kck-log .kck-msg--emergency")).to_have_count(1)

    page.reload()  # still set apart, but not announced again
    alarm = page.locator("#kck-log .kck-msg--emergency")
    expect(alarm).to_contain_text("112")
    expect(alarm.locator("[role='alert']")).to_have_count(0)


LONG_URL = "https://www.bip.krakow.pl/?dok_id=3276&sub=procedura&proc=SA-10&wersja=archiwalna"


def add_links_to_answers(route: Route) -> None:
    """The assistant's answer with a titled link and a long bare URL appended."""
    try:
        response = route.fetch()
        data = response.json()
    except Exception:  # the page closed while the answer was on its way
        return
    if route.request.method == "POST" and data.get("messages"):
        data["messages"].append(
            {
                "sender": "bot",
                "text": "Wizytę umówisz tu: [Rezerwacja wizyty]"
                f"(https://umawianiewizyt.um.krakow.pl/) albo przeczytaj: {LONG_URL}",
            }
        )
    route.fulfill(response=response, body=json.dumps(data))


# Each text piece of the bare URL's link lies on one line: it wraps only between pieces.
URL_PIECES_ON_ONE_LINE = """link => {
  const pieces = [...link.querySelectorAll('.kck-link__part')];
  const lines = new Set();
  const split = pieces.filter(piece => {
    const range = document.createRange();
    range.selectNodeContents(piece);
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    const tops = new Set(rects.map(r => Math.round(r.top)));
    [...tops].forEach(t => lines.add(t));
    return tops.size !== 1;
  }).map(p => p.textContent);
  return { split: split, lines: lines.size, pieces: pieces.map(p => p.textContent) };
}"""


def test_links_show_their_title_and_urls_wrap_between_parts(phone: Page, live) -> None:  # type: ignore[no-untyped-def]
    phone.route("**/api/v1/conversations/*/messages", add_links_to_answers)
    open_widget(phone, live.gateway_url)
    say(phone, "jak się zameldować")
    answer = phone.locator(BOT).last
    titled = answer.locator("a[href='https://umawianiewizyt.um.krakow.pl/']")
    expect(titled).to_contain_text("Rezerwacja wizyty")
    assert "umawianiewizyt" not in titled.inner_text()

    bare = answer.locator(f"a[href='{LONG_URL}']")
    expect(bare).to_be_visible()
    layout = bare.evaluate(URL_PIECES_ON_ONE_LINE)
    assert layout["lines"] > 1, layout  # long enough to wrap on a phone
    assert layout["split"] == [], layout
    assert "".join(layout["pieces"]) == LONG_URL


def ask_for_a_callback(page: Page) -> None:
    say(page, "chcę, żeby ktoś do mnie oddzwonił")
    consent = page.locator(".kck-quick-reply:not(:disabled)", has_text="Tak, zgadzam się")
    expect(consent.last).to_be_enabled()
    consent.last.click()
    expect(page.locator(BOT).last).to_contain_text("Jak konsultant ma się do Ciebie zwracać")
    say(page, "Anna")
    expect(page.locator(BOT).last).to_contain_text("Pod jaki numer telefonu")


def test_an_invalid_phone_gets_one_bubble_and_windows_are_grouped_by_day(
    phone: Page, live  # type: ignore[no-untyped-def]
) -> None:
    open_widget(phone, live.gateway_url)
    ask_for_a_callback(phone)

    for wrong in ("123", "12 345"):
        before = phone.locator(BOT).count()
        say(phone, wrong)
        expect(phone.locator("#kck-log .kck-msg--user .kck-msg__text").last).to_have_text(wrong)
        expect(phone.locator(BOT)).to_have_count(before + 1)
        error = phone.locator(BOT).last
        expect(error).to_contain_text("wygląda na niepoprawny")
        expect(error).to_contain_text("Pod jaki numer telefonu")
        expect(error.locator(".kck-msg__text")).to_have_count(1)

    say(phone, "600 123 456")
    question = phone.locator(BOT).last
    expect(question).to_contain_text("Kiedy możemy zadzwonić")
    days = question.locator(".kck-day")
    assert days.count() >= 2
    captions = days.locator(".kck-day__caption").all_inner_texts()
    assert len(set(captions)) == len(captions)
    first = days.first.locator(".kck-quick-reply").first
    hours = first.inner_text()
    assert "," not in hours and "–" in hours
    name = first.get_attribute("aria-label") or ""
    assert name.startswith(captions[0]) and name.endswith(hours)
    # The question stays in view above the choices.
    expect(question.locator(".kck-msg__text")).to_be_in_viewport(ratio=1)
    assert serious_violations(phone) == []

    # By keyboard alone: from the text box back to the last window, then Enter.
    phone.focus("#kck-input")
    phone.keyboard.press("Shift+Tab")  # the attach button
    phone.keyboard.press("Shift+Tab")  # the last window of the last day
    focused = phone.evaluate("document.activeElement.getAttribute('aria-label')")
    last_window = days.last.locator(".kck-quick-reply").last
    assert focused and focused == last_window.get_attribute("aria-label")
    phone.keyboard.press("Enter")
    expect(phone.locator("#kck-log .kck-msg--user").last).to_contain_text(focused)
    expect(phone.locator(BOT).last).to_contain_text("W jakiej sprawie mamy zadzwonić")
