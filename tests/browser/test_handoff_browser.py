"""A resident and a consultant in two browser pages at once (widget + console).

In hours: the resident asks for a person in the widget; the consultant logs in,
sees the chat in the queue, takes it, both exchange messages that appear live;
the consultant ends the chat and the bot answers the resident again.
Outside hours (the second stack's clock stands on a Saturday): the callback
form is filled in the widget and the request shows up in the console.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe import serious_violations
from tests.conftest import LiveAssistant
from tests.helpers.browser import console_page
from tests.staff import Staff

pytestmark = [pytest.mark.stack, pytest.mark.usefixtures("empty_queue"), pytest.mark.browser]


def resident_page(browser: Browser, base_url: str) -> Page:
    page = browser.new_context(locale="pl-PL").new_page()
    page.set_default_timeout(30_000)
    page.goto(base_url + "/")
    page.click("#kck-launcher")
    expect(page.locator("#kck-log .kck-msg--bot").first).to_contain_text("prywatnosc")
    return page


def write(page: Page, text: str) -> None:
    page.fill("#kck-input", text)
    page.press("#kck-input", "Enter")


def test_consultant_takes_a_chat_live_and_returns_it_to_the_bot(
    browser: Browser, live: LiveAssistant, staff: Staff
) -> None:
    login, password = staff.account("consultant")
    console = console_page(browser, live.gateway_url, login, password)
    resident = resident_page(browser, live.gateway_url)

    write(resident, "chcę porozmawiać z konsultantem")
    expect(resident.locator("#kck-log")).to_contain_text("Przekazuję rozmowę konsultantowi")

    row = console.locator("#queue-waiting tbody tr").filter(has_text="prosi o konsultanta")
    expect(row).to_have_count(1)  # the queue refreshes itself
    assert serious_violations(console) == []
    row.get_by_role("button", name="Przejmij").click()
    expect(console.get_by_role("heading", name="Rozmowa z mieszkańcem")).to_be_visible()
    expect(console.locator("#transcript")).to_contain_text("chcę porozmawiać z konsultantem")
    expect(resident.locator("#kck-log")).to_contain_text("Konsultant KCK dołączył")
    assert serious_violations(console) == []

    console.get_by_label("Odpowiedź dla mieszkańca").fill("Dzień dobry, tu konsultant KCK.")
    console.get_by_role("button", name="Wyślij").click()
    expect(resident.locator("#kck-log .kck-msg--consultant")).to_contain_text(
        "Dzień dobry, tu konsultant KCK."
    )

    write(resident, "Chcę zapytać o meldunek.")
    expect(console.locator("#transcript")).to_contain_text("Chcę zapytać o meldunek.")

    console.get_by_label("Gotowe odpowiedzi").select_option(label="Zameldowanie")
    console.get_by_role("button", name="Wstaw do odpowiedzi").click()
    expect(console.get_by_label("Odpowiedź dla mieszkańca")).not_to_be_empty()

    console.get_by_role("button", name="Zakończ rozmowę (wraca asystent)").click()
    console.get_by_role("dialog").get_by_role("button", name="Tak, zakończ rozmowę").click()
    expect(console).to_have_url(live.gateway_url + "/console")
    expect(resident.locator("#kck-log")).to_contain_text("znów odpowiada asystent")

    bot_answers = resident.locator("#kck-log .kck-msg--bot")
    before = bot_answers.count()
    write(resident, "jak wyrobić dowód osobisty")
    expect(bot_answers).to_have_count(before + 1)
    expect(bot_answers.last).to_contain_text("dowód")


def test_outside_hours_the_callback_reaches_the_console(
    browser: Browser, live_closed: LiveAssistant, staff_closed: Staff
) -> None:
    resident = resident_page(browser, live_closed.gateway_url)
    write(resident, "chcę rozmawiać z człowiekiem")
    log = resident.locator("#kck-log")
    expect(log).to_contain_text("w poniedziałek 30 listopada od 7:40")
    resident.get_by_role("button", name="Poproś o oddzwonienie").last.click()
    expect(log).to_contain_text("Zgadzasz się?")
    resident.get_by_role("button", name="Tak, zgadzam się").last.click()
    expect(log).to_contain_text("Jak konsultant ma się do Ciebie zwracać?")
    write(resident, "Ewa Nowak")
    expect(log).to_contain_text("Pod jaki numer telefonu")
    write(resident, "12 345")
    expect(log).to_contain_text("niepoprawny")
    write(resident, "600 700 800")
    resident.get_by_role("button", name="poniedziałek 30 listopada, 9:40–11:40").click()
    expect(log).to_contain_text("W jakiej sprawie")
    write(resident, "odpis aktu urodzenia")
    expect(log).to_contain_text("między 9:40 a 11:40")

    login, password = staff_closed.account("consultant")
    console = console_page(browser, live_closed.gateway_url, login, password)
    console.get_by_role("link", name="Oddzwonienia").click()
    row = console.locator("#callbacks tbody tr").filter(has_text="Ewa Nowak")
    # Shown grouped for reading (bot/console/phones.py); the link dials the stored number.
    expect(row).to_contain_text("+48 600 700 800")
    expect(row.get_by_role("link", name="+48 600 700 800")).to_have_attribute(
        "href", "tel:+48600700800"
    )
    expect(row).to_contain_text("odpis aktu urodzenia")
    row.get_by_label("Notatka").fill("Umówiona wizyta w USC")
    row.get_by_role("button", name="Zadzwoniono").click()
    done = console.locator("#callbacks tbody tr").filter(has_text="Ewa Nowak")
    expect(done).to_contain_text("Umówiona wizyta w USC")
    assert serious_violations(console) == []
    console.get_by_role("link", name="Zgłoszenia").click()
    expect(console.get_by_role("heading", name="Zgłoszenia i pomysły")).to_be_visible()
    assert serious_violations(console) == []
