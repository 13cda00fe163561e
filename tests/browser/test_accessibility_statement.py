"""The accessibility statement (deklaracja dostępności): in Polish, Ukrainian and English,
with the element ids the Ministry's technical conditions name, linked from the widget's
page, the chat panel and every console page, the city's own facts marked for the city to
fill in, and axe finds nothing serious in it.
"""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Browser, expect

from tests.browser.axe import serious_violations
from tests.conftest import LiveAssistant

pytestmark = pytest.mark.stack

# The ids crawlers read (technical conditions of the statement, Ministry of Digital Affairs).
REQUIRED_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-aplikacje",
]


def test_the_statement_has_the_required_parts_in_three_languages(gateway: httpx.Client) -> None:
    polish = gateway.get("/deklaracja-dostepnosci")
    assert polish.status_code == 200 and polish.headers["content-language"] == "pl"
    for element in REQUIRED_IDS:
        assert f'id="{element}"' in polish.text, element
    assert "<h1>Deklaracja dostępności czatu KCK</h1>" in polish.text
    assert "częściowo zgodny" in polish.text  # the status, in words
    assert "https://www.rpo.gov.pl/" in polish.text  # the law asks for the Ombudsman's page
    assert re.search(r'id="a11y-data-sporzadzenie">\d{4}-\d{2}-\d{2}<', polish.text)
    # What only the city can state is marked, not invented: the coordinator and the dates.
    assert polish.text.count("[do uzupełnienia przez Urząd Miasta Krakowa]") >= 5
    ukrainian = gateway.get("/deklaracja-dostepnosci?lang=uk")
    assert '<html lang="uk">' in ukrainian.text and "Декларація доступності" in ukrainian.text
    english = gateway.get("/deklaracja-dostepnosci", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert '<html lang="en">' in english.text and "Accessibility statement" in english.text
    for page in (ukrainian, english):
        for element in REQUIRED_IDS:
            assert f'id="{element}"' in page.text, element
    assert gateway.get("/deklaracja-dostepnosci?lang=xx").headers["content-language"] == "pl"


def test_the_statement_is_linked_read_and_accessible(
    browser: Browser, live: LiveAssistant
) -> None:
    page = browser.new_page(locale="pl-PL", viewport={"width": 360, "height": 740})
    page.goto(live.gateway_url + "/")
    page.get_by_role("link", name="Deklaracja dostępności").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deklaracja dostępności czatu KCK")
    assert serious_violations(page) == []
    # Keyboard alone: the language versions are the first stops.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    assert serious_violations(page) == []
    # From the chat itself: the panel's footer, in the widget's language.
    page.goto(live.gateway_url + "/")
    page.click("#kck-launcher")
    link = page.locator("#kck-panel .kck-footer__link")
    expect(link).to_have_text("Deklaracja dostępności")
    expect(link).to_have_attribute("href", re.compile(r"/deklaracja-dostepnosci\?lang=pl$"))
    page.goto(live.gateway_url + "/console/login")
    page.get_by_role("link", name="Deklaracja dostępności").click()
    expect(page).to_have_url(re.compile(r"/deklaracja-dostepnosci\?lang=pl$"))
    page.close()
