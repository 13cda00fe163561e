"""Issue 18, point 2 in a browser against the running assistant: the console as an inbox.

Waiting chats are listed the longest waiting first and "take the next chat" takes the
oldest; a consultant holding KCK_CONSOLE_MAX_CHATS (3) chats is refused a fourth with a
Polish message; "End the chat" asks first in a dialog (Escape keeps the chat); messages
and notes show their time in Kraków; phone numbers are grouped for reading while the
link dials the stored number; a supervisor's ready answer gets the resident's name and
report number filled in; the consultant's chats are listed beside the open one with
unread marks and waits, next to the resident panel; "is writing" goes both ways. Every
new control is used with the keyboard alone (Tab to it, Enter; the shortcuts), and axe
finds nothing serious on the queue, the chat (its dialog open, the list filled), the
ready answers' page and the callbacks.

A full-page screenshot of the chat page at 1280 px with two chats in the list goes to
/tmp/console-inbox.png (KCK_INBOX_SCREENSHOT).

The chats are written into the stack's database with their queueing times (a resident
asking for a person through the widget is tested in test_handoff_browser.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import uuid
from typing import List

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from bot import transcript
from bot.handoff import callbacks, queue
from bot.models import Message
from bot.reports import store
from bot.transcript import OutMessage
from tests.browser.axe import serious_violations
from tests.conftest import IN_HOURS, LiveAssistant
from tests.helpers.browser import console_page
from tests.staff import Staff

pytestmark = [pytest.mark.stack, pytest.mark.browser, pytest.mark.usefixtures("empty_queue")]

START = dt.datetime.fromisoformat(IN_HOURS).astimezone(dt.timezone.utc)  # the stack's clock
SCREENSHOT = os.environ.get("KCK_INBOX_SCREENSHOT", "/tmp/console-inbox.png")
LIMIT_REFUSED = "Prowadzisz już 3 rozmowy – tyle wolno naraz."


def queued_chats(staff: Staff, minutes_before_start: List[int]) -> List[str]:
    """One first-line chat per entry, queued that long before the stack's clock started,
    each with a resident's message written at the queueing time."""
    chats = []
    for minutes in minutes_before_start:
        chat = transcript.create_conversation(staff.db, "web", f"inbox-{minutes}")
        transcript.append(staff.db, chat, [OutMessage("user", f"Sprawa sprzed {minutes} min")])
        at = START - dt.timedelta(minutes=minutes)
        with staff.db.session() as session:
            for message in session.query(Message).filter(Message.conversation_id == chat):
                message.created_at = at
        queue.open_handoff(staff.db, chat, queue.FIRST_LINE, None, "request_human", at)
        chats.append(chat)
    return chats


def tab_to(page: Page, selector: str, presses: int = 80, back: bool = False) -> None:
    """Moves the focus with Tab (or Shift+Tab) alone until ``selector`` has it."""
    for _ in range(presses):
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"{selector} is not reachable with the keyboard")


def chat_url(live: LiveAssistant, chat: str) -> str:
    return f"{live.gateway_url}/console/chat/{chat}"


def test_the_longest_waiting_is_offered_first_and_a_fourth_chat_is_refused(
    browser: Browser, live: LiveAssistant, staff: Staff
) -> None:
    newest, oldest, middle, fourth = queued_chats(staff, [2, 15, 8, 1])
    login, password = staff.account("consultant")
    console = console_page(browser, live.gateway_url, login, password)

    rows = console.locator("#queue-waiting tbody tr")
    expect(rows).to_have_count(4)
    order = rows.evaluate_all("rows => rows.map(r => r.dataset.conversation)")
    assert order == [oldest, middle, newest, fourth]
    assert serious_violations(console) == []

    for expected in (oldest, middle, newest):  # keyboard only: Tab to the button, Enter
        console.goto(live.gateway_url + "/console")
        expect(console.locator("#take-next")).to_be_visible()
        tab_to(console, "#take-next")
        console.keyboard.press("Enter")
        expect(console).to_have_url(chat_url(live, expected))

    console.goto(live.gateway_url + "/console")
    expect(console.locator("#queue-held")).to_have_text(
        "Prowadzone rozmowy: 3 z 3 dozwolonych naraz."
    )
    expect(console.locator("#queue-mine tbody tr")).to_have_count(3)
    console.get_by_role("button", name="Przejmij następną rozmowę (najdłużej czekającą)").click()
    expect(console.locator("#queue-status")).to_contain_text(LIMIT_REFUSED)
    console.locator(f'#queue-waiting tr[data-conversation="{fourth}"]').get_by_role(
        "button", name="Przejmij"
    ).click()
    expect(console.locator("#queue-status")).to_contain_text(LIMIT_REFUSED)
    expect(console).to_have_url(live.gateway_url + "/console")
    expect(console.locator(f'#queue-waiting tr[data-conversation="{fourth}"]')).to_have_count(1)


def test_ending_asks_first_and_times_show_in_krakow(
    browser: Browser, live: LiveAssistant, staff: Staff
) -> None:
    [chat] = queued_chats(staff, [20])
    login, password = staff.account("consultant")
    console = console_page(browser, live.gateway_url, login, password)
    tab_to(console, "#take-next")
    console.keyboard.press("Enter")
    expect(console).to_have_url(chat_url(live, chat))

    # Written 20 minutes before 9:00 Kraków time.
    said = console.locator("#transcript li").filter(has_text="Sprawa sprzed 20 min")
    expect(said.locator(".time")).to_have_text("08:40")
    expect(console.locator("#transcript li").last.locator(".time")).to_have_text(
        re.compile(r"^\d\d:\d\d$")
    )
    console.get_by_label("Notatka wewnętrzna (mieszkaniec jej nie widzi)").fill("Oddzwonić jutro")
    console.get_by_role("button", name="Zapisz notatkę").click()
    expect(console.locator("#notes li .time")).to_have_text(re.compile(r"^\d\d:\d\d$"))

    end = console.get_by_role("button", name="Zakończ rozmowę (wraca asystent)")
    tab_to(console, "#end-chat")
    console.keyboard.press("Enter")
    dialog = console.get_by_role("dialog", name="Zakończyć rozmowę?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Anuluj, rozmawiam dalej")).to_be_focused()
    assert serious_violations(console) == []
    console.keyboard.press("Escape")  # changed one's mind: the chat goes on
    expect(dialog).to_be_hidden()
    expect(end).to_be_focused()
    expect(console).to_have_url(chat_url(live, chat))
    assert queue.open_for(staff.db, chat) is not None

    console.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    tab_to(console, "#end-confirm", back=True)
    console.keyboard.press("Enter")
    expect(console).to_have_url(live.gateway_url + "/console")
    assert queue.open_for(staff.db, chat) is None


def test_phones_are_grouped_for_reading(
    browser: Browser, live: LiveAssistant, staff: Staff
) -> None:
    callbacks.create_callback(
        staff.db,
        callbacks.NewCallback(
            name="Zofia Telefoniczna",
            phone="+48600700811",
            window_start=START,
            window_end=START + dt.timedelta(hours=2),
            topic="wymiana dowodu",
            channel="web",
        ),
    )
    login, password = staff.account("consultant")
    console = console_page(browser, live.gateway_url, login, password)
    console.goto(live.gateway_url + "/console/callbacks")
    row = console.locator("#callbacks tbody tr").filter(has_text="Zofia Telefoniczna")
    link = row.get_by_role("link", name="+48 600 700 811")
    expect(link).to_have_attribute("href", "tel:+48600700811")
    assert serious_violations(console) == []


GREETING = "Dzień dobry, {imię}! Zgłoszenie {numer_zgłoszenia} przekazaliśmy dalej."


def test_a_ready_answer_with_variables_and_the_shortcuts_keyboard_only(
    browser: Browser, live: LiveAssistant, staff: Staff
) -> None:
    first, second = queued_chats(staff, [30, 25])
    report = store.create_report(
        staff.db,
        store.NewReport(
            "intervention", "oswietlenie", "Nie świeci latarnia", "web",
            contact_name="Ewa Nowak", contact_consent=True, conversation_id=first,
        ),
    )
    login, password = staff.account("supervisor")
    console = console_page(browser, live.gateway_url, login, password)

    console.goto(live.gateway_url + "/console/answers")  # the supervisor writes the answer
    title = f"Powitanie {uuid.uuid4().hex[:6]}"
    tab_to(console, "#new-title")
    console.keyboard.type(title)
    console.keyboard.press("Tab")
    console.keyboard.type(GREETING)
    console.keyboard.press("Tab")
    console.keyboard.press("Enter")
    expect(console.locator("#answers-saved")).to_have_text("Zapisano.")
    expect(console.get_by_role("heading", name=title)).to_be_visible()
    assert serious_violations(console) == []

    console.goto(live.gateway_url + "/console")
    for expected in (first, second):
        console.goto(live.gateway_url + "/console")
        tab_to(console, "#take-next")
        console.keyboard.press("Enter")
        expect(console).to_have_url(chat_url(live, expected))
    console.keyboard.press("Alt+Shift+N")  # the next of my chats
    expect(console).to_have_url(chat_url(live, first))
    expect(console.locator("#transcript")).to_contain_text("Sprawa sprzed 30 min")

    console.keyboard.press("Alt+Shift+A")
    answers = console.get_by_label("Gotowe odpowiedzi")
    expect(answers).to_be_focused()
    filled = f"Dzień dobry, Ewa! Zgłoszenie {report.reference} przekazaliśmy dalej."
    answers.select_option(label=title)
    assert answers.input_value() == filled
    console.keyboard.press("Tab")
    expect(console.get_by_role("button", name="Wstaw do odpowiedzi")).to_be_focused()
    console.keyboard.press("Enter")
    reply = console.get_by_label("Odpowiedź dla mieszkańca")
    expect(reply).to_be_focused()
    expect(reply).to_have_value(filled)
    console.keyboard.press("Control+Enter")
    expect(console.locator("#transcript .msg-consultant")).to_contain_text(filled)
    expect(reply).to_have_value("")
    assert serious_violations(console) == []


def test_my_chats_beside_the_open_one_with_unread_marks_and_the_resident_panel(
    browser: Browser, live: LiveAssistant, staff: Staff
) -> None:
    first, second = queued_chats(staff, [12, 6])
    report = store.create_report(
        staff.db,
        store.NewReport("intervention", "oswietlenie", "Latarnia", "web", conversation_id=first),
    )
    login, password = staff.account("consultant")
    console = console_page(browser, live.gateway_url, login, password)
    for expected in (first, second):
        console.goto(live.gateway_url + "/console")
        tab_to(console, "#take-next")
        console.keyboard.press("Enter")
        expect(console).to_have_url(chat_url(live, expected))

    chats = console.get_by_role("navigation", name="Moje rozmowy")
    expect(chats.get_by_role("link")).to_have_count(2)
    tab_to(console, f'#my-chats a[href="/console/chat/{first}"]')  # keyboard: Tab, Enter
    console.keyboard.press("Enter")
    expect(console).to_have_url(chat_url(live, first))
    expect(chats.locator('a[aria-current="page"]')).to_have_attribute(
        "href", f"/console/chat/{first}"
    )
    panel = console.get_by_role("complementary", name="Mieszkaniec")
    expect(panel.locator("#resident-channel")).to_have_text("Strona WWW")
    expect(panel.locator("#resident-language")).to_have_text("Polski")
    expect(panel.locator("#resident-waiting")).to_contain_text("od 08:48")
    expect(panel.get_by_role("link", name=str(report.reference))).to_be_visible()
    expect(panel.locator("#resident-callbacks-none")).to_have_text("Brak.")

    other = chats.locator(f'li[data-conversation="{second}"]')
    expect(other).not_to_contain_text("nowe wiadomości")  # shown when it was open
    transcript.append(staff.db, second, [OutMessage("user", "Halo, jest tam ktoś?")])
    expect(other).to_contain_text("nowe wiadomości")  # the list refreshes itself
    expect(other).to_contain_text(re.compile(r"czeka na odpowiedź: \d+ min"))
    assert serious_violations(console) == []
    console.set_viewport_size({"width": 1280, "height": 900})  # the inbox with two chats
    console.screenshot(path=SCREENSHOT, full_page=True)

    other.get_by_role("link").click()
    expect(console).to_have_url(chat_url(live, second))
    expect(console.locator("#transcript")).to_contain_text("Halo, jest tam ktoś?")
    console.goto(chat_url(live, first))
    expect(chats.get_by_role("link")).to_have_count(2)
    expect(other).not_to_contain_text("nowe wiadomości")


OPEN_RESIDENT_SOCKET = """([url, token]) => {
  window.kckFrames = [];
  window.kckSocket = new WebSocket(url);
  window.kckSocket.onopen = () => window.kckSocket.send(JSON.stringify({ token: token }));
  window.kckSocket.onmessage = (event) => window.kckFrames.push(JSON.parse(event.data));
}"""
CONSULTANT_TYPING = """() => window.kckFrames.some(
  (f) => f.type === 'typing' && f.sender === 'consultant' && f.typing === true)"""


def test_typing_is_shown_both_ways(
    browser: Browser, live: LiveAssistant, staff: Staff, gateway: httpx.Client
) -> None:
    created = gateway.post("/api/v1/conversations").json()
    chat, token = created["conversation_id"], created["token"]
    queue.open_handoff(staff.db, chat, queue.FIRST_LINE, None, "request_human", START)
    login, password = staff.account("consultant")
    console = console_page(browser, live.gateway_url, login, password)
    tab_to(console, "#take-next")
    console.keyboard.press("Enter")
    expect(console).to_have_url(chat_url(live, chat))
    expect(console.locator("#chat-live")).to_have_text("Na żywo")

    # The resident's side at the protocol level: the widget's socket of this chat.
    resident = browser.new_context(locale="pl-PL").new_page()
    resident.goto(live.gateway_url + "/")
    socket_url = live.gateway_url.replace("http", "ws", 1) + f"/api/v1/conversations/{chat}/ws"
    resident.evaluate(OPEN_RESIDENT_SOCKET, [socket_url, token])
    resident.wait_for_function("() => window.kckFrames.some((f) => f.type === 'ready')")

    console.get_by_label("Odpowiedź dla mieszkańca").press_sequentially("Sprawdzam", delay=50)
    resident.wait_for_function(CONSULTANT_TYPING)  # the consultant is writing

    typing = console.locator("#chat-typing")
    expect(typing).to_have_text("")
    send = "(typing) => window.kckSocket.send(JSON.stringify({type: 'typing', typing}))"
    resident.evaluate(send, True)
    expect(typing).to_have_text("Mieszkaniec pisze…")
    resident.evaluate(send, False)
    expect(typing).to_have_text("")
    # Signals are no messages: nothing of them in either transcript.
    assert all(m.text for m in transcript.history(staff.db, chat))
    resident.context.close()


def test_the_widget_tells_the_console_when_the_resident_types(
    browser: Browser, live: LiveAssistant, staff: Staff, gateway: httpx.Client
) -> None:
    """The real widget, not a hand-made socket: typing in its message box shows
    "Mieszkaniec pisze…" in the consultant's chat view, and sending clears it."""
    created = gateway.post("/api/v1/conversations").json()
    chat, token = created["conversation_id"], created["token"]
    queue.open_handoff(staff.db, chat, queue.FIRST_LINE, None, "request_human", START)
    login, password = staff.account("consultant")
    console = console_page(browser, live.gateway_url, login, password)
    tab_to(console, "#take-next")
    console.keyboard.press("Enter")
    expect(console).to_have_url(chat_url(live, chat))
    expect(console.locator("#chat-live")).to_have_text("Na żywo")

    resident = browser.new_context(locale="pl-PL").new_page()
    resident.goto(live.gateway_url + "/")
    saved = json.dumps({"conversation_id": chat, "token": token})
    resident.evaluate("saved => localStorage.setItem('kck-widget-conversation', saved)", saved)
    resident.reload()
    resident.click("#kck-launcher")
    typing = console.locator("#chat-typing")
    expect(typing).to_have_text("")
    resident.locator("#kck-input").press_sequentially("Dzień dobry, mam pyt", delay=40)
    expect(typing).to_have_text("Mieszkaniec pisze…")
    resident.locator("#kck-input").press("Enter")
    expect(typing).to_have_text("")
    expect(console.locator("#transcript")).to_contain_text("Dzień dobry, mam pyt")
    resident.context.close()
