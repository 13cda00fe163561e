"""The supervisor dashboard in a browser: log in, open "Panel", choose March 2025,
read the charts and tables, download a CSV; axe finds nothing serious.

The month is the seeded one of tests/dashboard_seed.py. A full-page screenshot
goes to /tmp/dashboard.png (KCK_DASHBOARD_SCREENSHOT overrides the path).
"""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.stats.period import Period
from tests import dashboard_seed as seeding
from tests.browser.axe import serious_violations
from tests.conftest import LiveAssistant
from tests.helpers.browser import console_page
from tests.staff import Staff

pytestmark = [pytest.mark.stack, pytest.mark.browser]

SCREENSHOT = os.environ.get("KCK_DASHBOARD_SCREENSHOT", "/tmp/dashboard.png")


def open_march(page: Page) -> None:
    page.get_by_role("link", name="Panel").click()
    expect(page.get_by_role("heading", name="Panel kierownika", level=1)).to_be_visible()
    page.get_by_label("Od", exact=True).fill("2025-03-01")
    page.get_by_label("Do", exact=True).fill("2025-03-31")
    page.get_by_role("button", name="Pokaż").click()
    expect(page).to_have_url(re.compile(r"from=2025-03-01&to=2025-03-31"))


def test_a_supervisor_reads_the_dashboard_and_downloads_a_csv(
    browser: Browser, live: LiveAssistant, staff: Staff
) -> None:
    seed = seeding.seed_live(live.var_dir)
    login, password = staff.account("supervisor")
    page = console_page(browser, live.gateway_url, login, password)
    page.set_viewport_size({"width": 1280, "height": 900})
    open_march(page)

    expect(page.locator("#period")).to_contain_text("2025-03-01 – 2025-03-31")
    total = seeding.expected_shares(seed, Period(seeding.FIRST_DAY, seeding.LAST_DAY))
    chart = page.get_by_role("img", name="Rozmowy według tego, kto je obsłużył")
    expect(chart).to_be_visible()
    expect(chart.locator("rect")).to_have_count(
        sum(1 for key in ("assistant_alone", "consultant", "complex", "own") if total[key])
    )
    expect(page.get_by_role("img", name="Najczęstsze pytania (10 kluczy FAQ)")).to_be_visible()
    all_row = page.locator("#table-conversations tr").filter(has_text="Wszystkie rozmowy")
    expect(all_row).to_contain_text(str(total["total"]))
    expect(page.locator("#table-not_understood")).to_contain_text("(treść usunięta)")

    with page.expect_download() as download_info:
        page.get_by_role(
            "link", name=re.compile(r"^Pobierz CSV\W+Rozmowy według tego, kto je obsłużył$")
        ).click()
    download = download_info.value
    assert download.suggested_filename == "kck-conversations-2025-03-01-2025-03-31.csv"
    content = download.path().read_bytes()
    assert content.startswith("\ufeff".encode("utf-8"))
    assert f"Wszystkie rozmowy;{total['total']};100,0 %" in content.decode("utf-8")

    assert serious_violations(page) == []
    page.screenshot(path=SCREENSHOT, full_page=True)


def test_a_consultant_sees_no_panel_link_and_is_refused(
    browser: Browser, live: LiveAssistant, staff: Staff
) -> None:
    login, password = staff.account("consultant")
    page = console_page(browser, live.gateway_url, login, password)
    expect(page.get_by_role("link", name="Panel")).to_have_count(0)
    answer = page.goto(live.gateway_url + "/console/dashboard")
    assert answer is not None and answer.status == 403
    expect(page.get_by_role("alert")).to_contain_text("Twoja rola nie ma dostępu")
