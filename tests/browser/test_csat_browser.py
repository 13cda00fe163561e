"""The rating after a chat ends, in Chromium (issue 18, point 3): a resident rates the
assistant's chat in the widget by keyboard and adds a comment; a chat a consultant ends
gets the question live; a supervisor reads CSAT and the service level of the seeded month
on the dashboard. axe finds nothing serious on either page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.stats.period import Period
from tests import dashboard_seed as seeding
from tests.browser.axe import serious_violations
from tests.conftest import LiveAssistant
from tests.helpers.browser import console_page
from tests.staff import Staff

pytestmark = [pytest.mark.stack, pytest.mark.browser, pytest.mark.usefixtures("empty_queue")]

BOT = "#kck-log .kck-msg--bot"
RATING = "Ocena rozmowy od 1 (źle) do 5 (bardzo dobrze)"


def open_march(page: Page) -> None:
    page.get_by_role("link", name="Panel").click()
    page.get_by_label("Od", exact=True).fill("2025-03-01")
    page.get_by_label("Do", exact=True).fill("2025-03-31")
    page.get_by_role("button", name="Pokaż").click()
    expect(page).to_have_url(re.compile(r"from=2025-03-01&to=2025-03-31"))


def send(page: Page, text: str) -> None:
    page.fill("#kck-input", text)
    page.keyboard.press("Enter")


def test_a_resident_rates_the_assistant_by_keyboard_and_comments(
    page: Page, live: LiveAssistant
) -> None:
    page.goto(live.gateway_url + "/")
    page.click("#kck-launcher")
    expect(page.locator(BOT).first).to_be_visible()
    page.focus("#kck-input")
    send(page, "jak wyrobić dowód osobisty")
    expect(page.locator(BOT).nth(1)).to_contain_text("dowód")
    send(page, "dziękuję")
    expect(page.locator(BOT).last).to_contain_text("jeszcze")
    send(page, "nie, dziękuję")

    group = page.get_by_role("group", name=RATING)
    expect(group).to_be_visible()
    expect(group.get_by_role("button")).to_have_text(["1", "2", "3", "4", "5", "Pomiń"])
    assert serious_violations(page) == []

    # Keyboard only: back from the message box to "Pomiń", "5", then "4".
    page.focus("#kck-input")
    four = group.get_by_role("button", name="4 z 5")
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
        if four.evaluate("node => node === document.activeElement"):
            break
    expect(four).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(BOT).last).to_contain_text("Dziękujemy za ocenę")
    expect(group.get_by_role("button", name="5 z 5")).to_be_disabled()  # asked once

    page.focus("#kck-input")
    send(page, "Jasno i szybko")
    expect(page.locator(BOT).last).to_contain_text("komentarz zapisany")
    assert serious_violations(page) == []


def test_a_chat_a_consultant_ends_brings_the_question_live(
    page: Page, live: LiveAssistant, staff: Staff
) -> None:
    console = staff.client("consultant")
    console.get("/console/api/queue")
    page.goto(live.gateway_url + "/")
    page.click("#kck-launcher")
    expect(page.locator(BOT).first).to_be_visible()
    send(page, "chcę porozmawiać z konsultantem")
    expect(page.locator("#kck-log")).to_contain_text("Przekazuję rozmowę konsultantowi")
    cid = page.evaluate(
        "() => JSON.parse(localStorage.getItem('kck-widget-conversation')).conversation_id"
    )
    assert console.post(f"/console/api/conversations/{cid}/take").status_code == 200
    assert console.post(f"/console/api/conversations/{cid}/end").status_code == 200
    group = page.get_by_role("group", name=RATING)
    expect(group).to_be_visible()
    group.get_by_role("button", name="Pomiń").click()
    expect(page.locator("#kck-log")).to_contain_text("bez oceny")


def test_a_supervisor_reads_csat_and_the_service_level(
    browser: Browser, live: LiveAssistant, staff: Staff
) -> None:
    seed = seeding.seed_live(live.var_dir)
    period = Period(seeding.FIRST_DAY, seeding.LAST_DAY)
    login, password = staff.account("supervisor")
    page = console_page(browser, live.gateway_url, login, password)
    page.set_viewport_size({"width": 1280, "height": 900})
    open_march(page)

    asked, rated, satisfied, _mean = seeding.expected_csat(seed, period)["all"]
    expect(
        page.get_by_role("img", name="Oceny według wartości (wszystkie rozmowy)")
    ).to_be_visible()
    row = page.locator("#table-csat tr").filter(has_text="Wszystkie oceniane rozmowy")
    share = f"{100 * satisfied / rated:.1f} %".replace(".", ",")
    expect(row).to_contain_text(re.compile(rf"{asked}\s+{rated}\s+{re.escape(share)}"))

    handoffs, within = seeding.expected_sla(seed, period, 180)[None]
    sla = page.get_by_role(
        "img", name=re.compile(r"^Poziom obsługi \(cel: podjęcie w ciągu 3 min\)")
    )
    expect(sla).to_be_visible()
    both = page.locator("#table-sla tr").filter(has_text="Obie linie")
    expect(both).to_contain_text(f"{100 * within / handoffs:.1f} %".replace(".", ","))
    expect(page.locator("#table-csat_comments")).to_contain_text("[telefon]")

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Pobierz CSV\W+Zadowolenie mieszkańców")).click()
    content = download_info.value.path().read_bytes().decode("utf-8")
    assert f"Wszystkie oceniane rozmowy;{asked};{rated};{share}" in content
    assert serious_violations(page) == []
    page.locator("#heading-csat").scroll_into_view_if_needed()
    page.screenshot(path="/tmp/dashboard-csat.png", full_page=True)
