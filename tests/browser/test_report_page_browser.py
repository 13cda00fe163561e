"""Issue 17, point 1 in a browser against the running assistant: a consultant of the
report's unit opens the report from the list, sees the photo and the contact and changes
the status with a note for the resident and an internal one; a specialist of another unit
gets 403 for the page, the photo and the contact; the readings are in the audit log;
reassigning and merging work from the page's forms and are audited. axe finds nothing
serious on the page, and the page asks nothing of any other host (no map tiles).

The reports are written into the stack's database (a lamp: ZDMK, served by the first
line), with a photo in its photo folder and a short chat; filing through the chat is
tested elsewhere (tests/test_report_conversations.py). A full-page screenshot of the
report after the status change goes to /tmp/report-page.png (KCK_REPORT_PAGE_SCREENSHOT).
"""

from __future__ import annotations

import io
import os
import re
from typing import Dict, List

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from bot import transcript
from bot.models import AuditEntry, Consultant
from bot.photos import store_photo
from bot.reports import store
from bot.transcript import OutMessage
from tests.browser.axe import serious_violations
from tests.conftest import LiveAssistant
from tests.helpers.browser import console_page
from tests.staff import Staff

pytestmark = [pytest.mark.stack, pytest.mark.browser]

PHONE = "+48600333444"
SCREENSHOT = os.environ.get("KCK_REPORT_PAGE_SCREENSHOT", "/tmp/report-page.png")


def _photo(live: LiveAssistant) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 90, 160)).save(buffer, "PNG")
    name = store_photo(buffer.getvalue(), live.var_dir / "photos", 5_000_000).name
    assert name is not None
    return name


def file_lamp(live: LiveAssistant, staff: Staff) -> Dict[str, str]:
    """A lamp report with a photo, a point, a contact and its chat; and a repeat of it."""
    chat = transcript.create_conversation(staff.db, "web", "browser-test")
    transcript.append(staff.db, chat, [OutMessage("user", "Nie świeci latarnia przy Plantach")])
    lamp = store.create_report(
        staff.db,
        store.NewReport(
            "intervention",
            "oswietlenie",
            "Latarnia przy Plantach nie świeci",
            "web",
            "ul. Basztowa 1",
            50.0655,
            19.9405,
            _photo(live),
            "Anna Mieszkanka",
            PHONE,
            None,
            True,
            chat,
        ),
    )
    again = store.create_report(
        staff.db, store.NewReport("intervention", "oswietlenie", "Ciemno przy Basztowej", "web")
    )
    return {"ref": lamp.reference, "again": again.reference}


def consultant_id(staff: Staff, login: str) -> int:
    with staff.db.session() as session:
        return int(
            session.execute(select(Consultant.id).where(Consultant.login == login)).scalar_one()
        )


def audited(staff: Staff, who: int) -> List[tuple]:
    with staff.db.session() as session:
        rows = session.execute(select(AuditEntry).where(AuditEntry.consultant_id == who)).scalars()
        return [(row.action, row.target) for row in rows]


def watch_requests(page: Page, base_url: str) -> List[str]:
    """The URLs the page asks of any host but the gateway."""
    outside: List[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base_url) else None)
    return outside


def test_a_consultant_of_the_unit_reads_the_report_and_changes_its_status(
    browser: Browser, live: LiveAssistant, staff: Staff
) -> None:
    report = file_lamp(live, staff)
    ref = report["ref"]
    login, password = staff.account("consultant")
    page = console_page(browser, live.gateway_url, login, password)
    outside = watch_requests(page, live.gateway_url)
    page.goto(live.gateway_url + "/console/reports")
    page.get_by_role("link", name=ref, exact=True).click()

    expect(page.get_by_role("heading", name=f"Zgłoszenie {ref}", level=1)).to_be_visible()
    expect(page.locator("#report-description")).to_have_text("Latarnia przy Plantach nie świeci")
    expect(page.locator("#report-unit")).to_contain_text("Zarząd Dróg Miasta Krakowa")
    osm = page.get_by_role("link", name="Otwórz punkt w OpenStreetMap (nowa karta)")
    expect(osm).to_have_attribute(
        "href",
        "https://www.openstreetmap.org/?mlat=50.06550&mlon=19.94050#map=18/50.06550/19.94050",
    )
    photo = page.get_by_role("img", name="Zdjęcie przesłane ze zgłoszeniem")
    expect(photo).to_be_visible()
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 64
    expect(page.locator("#report-transcript")).to_contain_text("Nie świeci latarnia przy Plantach")
    expect(page.locator("body")).not_to_contain_text(PHONE)
    assert serious_violations(page) == []

    page.get_by_role("link", name="Pokaż dane kontaktowe").click()
    expect(page.locator("#contact-phone")).to_have_text(PHONE)
    expect(page.locator("#contact-name")).to_have_text("Anna Mieszkanka")
    assert serious_violations(page) == []
    page.get_by_role("link", name=re.compile("^Wróć do zgłoszenia")).click()

    page.get_by_label("Status", exact=True).select_option("w realizacji")
    page.get_by_label(re.compile("^Informacja dla mieszkańca")).fill("Wymiana lampy do piątku.")
    page.locator("#internal-note").fill("Brak części w magazynie.")
    page.get_by_role("button", name="Zapisz status").click()
    expect(page.get_by_role("status")).to_have_text("Status zapisany.")
    expect(page.locator("#report-status")).to_have_text("w realizacji")
    public = page.locator("#report-history tr").filter(has_text="Wymiana lampy do piątku.")
    expect(public).to_contain_text("Dla mieszkańca (publiczna)")
    internal = page.locator("#report-history tr").filter(has_text="Brak części w magazynie.")
    expect(internal).to_contain_text("Notatka wewnętrzna")
    assert outside == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=SCREENSHOT, full_page=True)

    actions = audited(staff, consultant_id(staff, login))
    for expected in (
        ("read_photo", ref),
        ("read_contact", ref),
        ("report_status", f"{ref} w realizacji"),
    ):
        assert expected in actions, expected


def test_a_specialist_of_another_unit_gets_403_and_reads_nothing(
    browser: Browser, live: LiveAssistant, staff: Staff
) -> None:
    ref = file_lamp(live, staff)["ref"]
    login, password = staff.account("specialist", ("USC",))
    page = console_page(browser, live.gateway_url, login, password)
    for part in ("", "/photo", "/contact"):
        answer = page.goto(f"{live.gateway_url}/console/reports/{ref}{part}")
        assert answer is not None and answer.status == 403, part
        expect(page.get_by_role("alert")).to_have_text(
            "To zgłoszenie należy do innej linii lub wydziału."
        )
        expect(page.locator("body")).not_to_contain_text(PHONE)
    actions = {action for action, _ in audited(staff, consultant_id(staff, login))}
    assert not actions & {"read_report", "read_photo", "read_contact"}


def test_a_supervisor_merges_a_repeat_and_hands_a_report_to_another_unit(
    browser: Browser, live: LiveAssistant, staff: Staff
) -> None:
    report = file_lamp(live, staff)
    ref, again = report["ref"], report["again"]
    login, password = staff.account("supervisor")
    page = console_page(browser, live.gateway_url, login, password)

    page.goto(f"{live.gateway_url}/console/reports/{again}")
    page.get_by_label("Numer zgłoszenia, które zostaje").fill(ref)
    page.get_by_role("button", name="Połącz", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Zgłoszenie połączone.")
    expect(page.locator("#report-status")).to_have_text("połączone")
    page.locator("#report-merged-into").get_by_role("link", name=ref).click()
    expect(page.locator("#report-merged-here")).to_contain_text(again)

    page.get_by_label("Jednostka", exact=True).select_option("ZZM")
    page.get_by_role("button", name="Przekaż", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Zgłoszenie jest teraz w wybranej jednostce.")
    expect(page.locator("#report-unit")).to_contain_text("Zarząd Zieleni Miejskiej")
    assert serious_violations(page) == []

    actions = audited(staff, consultant_id(staff, login))
    assert ("report_merge", f"{again}>{ref}") in actions
    assert ("report_unit", f"{ref} ZDMK>ZZM") in actions
