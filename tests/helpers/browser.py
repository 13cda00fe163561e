"""Playwright helpers: the console page after logging in, the widget's bot messages."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect


def console_page(browser: Browser, base_url: str, login: str, password: str) -> Page:
    page = browser.new_context(locale="pl-PL").new_page()
    page.set_default_timeout(30_000)
    page.goto(base_url + "/console")
    expect(page).to_have_url(re.compile(r"/console/login"))
    page.get_by_label("Login").fill(login)
    page.get_by_label("Hasło").fill(password)
    page.get_by_role("button", name="Zaloguj się").click()
    expect(page.get_by_role("heading", name="Kolejka")).to_be_visible()
    return page


BOT = "#kck-log .kck-msg--bot"


def say(page: Page, text: str) -> None:
    page.fill("#kck-input", text)
    page.press("#kck-input", "Enter")

