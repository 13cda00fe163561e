"""Issue 17: a problem reported already is followed, not filed again, and everyone who
reported it hears of its status changes: in the Telegram chat (the fake Bot API), in
the widget's chat and by e-mail (the local SMTP server)."""

from __future__ import annotations

import time
from typing import List

import httpx
import pytest
from sqlalchemy import select

from bot.db import Database
from bot.models import Report, ReportFollower
from tests.helpers.reports import NUMBER, Chat, count
from tests.helpers.smtp import MailSink
from tests.staff import Staff
from tests.telegram.conftest import Resident, texts
from tests.telegram.fake_api import FakeBotApi

pytestmark = pytest.mark.stack

PLACE_TG = "nie świeci latarnia przy Szewskiej 21"
PLACE_WIDGET = "ul. Szewska 21"  # the same street and number, written another way
EMAIL = "ewa.follower@example.org"


def telegram_report(resident: Resident) -> str:
    """The Telegram resident files the lamp first and gets its number."""
    assert "zdjęcie" in texts(resident.say(PLACE_TG))
    resident.press("Pomiń zdjęcie")
    resident.press("Nie, bez kontaktu")
    done = texts(resident.press("Wyślij zgłoszenie"))
    found = NUMBER.search(done)
    assert found, done
    return found.group(0)


def widget_report_until_asked(chat: Chat, contact: str | None = None) -> str:
    """A widget resident reports the same lamp, up to the press of "Wyślij zgłoszenie"."""
    assert "kategori" in chat.say("chcę zgłosić problem").lower()
    assert "Gdzie" in chat.press("Oświetlenie ulic")
    assert "Opisz" in chat.say(PLACE_WIDGET)
    assert "zdjęcie" in chat.say("latarnia nie świeci od wczoraj wieczorem")
    if contact:
        chat.press("Pomiń zdjęcie")
        chat.press("Tak, zgadzam się")
        chat.say(contact)
    else:
        chat.press("Pomiń zdjęcie")
        chat.press("Nie, bez kontaktu")
    return chat.press("Wyślij zgłoszenie")


def shown(gateway: httpx.Client, chat: Chat) -> List[str]:
    """Every message of the widget conversation, as the widget loads it on a visit."""
    answer = gateway.get(chat.path + "/messages", headers=chat.headers)
    return [m["text"] for m in answer.json()["messages"]]


def change_status(staff: Staff, reference: str, status: str, note: str) -> None:
    console = staff.client("consultant")
    changed = console.post(
        f"/console/reports/{reference}/status",
        data={"status": status, "note": note, "note_for": "resident"},
    )
    assert changed.status_code == 303


def test_a_second_report_follows_the_first_and_both_reporters_hear_back(
    resident: Resident,
    tg_gateway: httpx.Client,
    tg_db: Database,
    tg_staff: Staff,
    fake_api: FakeBotApi,
    mail_sink: MailSink,
) -> None:
    first = telegram_report(resident)
    filed_before = count(tg_db)

    # The widget resident is shown the first report and follows it: nothing new is filed.
    follower = Chat(tg_gateway)
    asked = widget_report_until_asked(follower, f"Ewa, {EMAIL}")
    assert f"Ta latarnia jest już zgłoszona: {first}" in asked
    assert "status „przyjęte”" in asked and "temu" in asked
    titles = [b["title"] for r in follower.replies for b in r.get("buttons", [])]
    assert titles == ["To to samo – powiadamiaj mnie", "To inny problem"]
    answer = follower.press("To to samo – powiadamiaj mnie")
    assert first in answer and "e-mailem" in answer
    assert count(tg_db) == filed_before
    with tg_db.session() as session:
        rows = session.execute(select(ReportFollower)).scalars().all()
        assert [(r.channel, r.contact_email, r.contact_consent) for r in rows] == [
            ("web", EMAIL, True)
        ]

    # Staff change the status with a note for residents: everyone hears it.
    note = "Ekipa ZDMK wymieni słup do piątku."
    sent_before = len(resident.sent())
    change_status(tg_staff, first, "w realizacji", note)
    fake_api.wait_for(lambda _: note in texts(resident.sent()[sent_before:]), 30)
    assert f"{first}: „w realizacji”" in texts(resident.sent()[sent_before:])
    assert any(first in text and note in text for text in shown(tg_gateway, follower))
    mail_sink.wait_for(lambda: len(mail_sink.to(EMAIL)) == 1)
    (mail,) = mail_sink.to(EMAIL)
    assert first in str(mail["Subject"]) and note in mail.get_content()

    # "To inny problem" files a new report after all.
    other = Chat(tg_gateway)
    asked = widget_report_until_asked(other)
    assert first in asked
    filed = NUMBER.search(other.press("To inny problem"))
    assert filed and filed.group(0) != first
    with tg_db.session() as session:
        report = session.execute(
            select(Report).where(Report.reference == filed.group(0))
        ).scalar_one()
        assert (report.category, report.location_text) == ("oswietlenie", PLACE_WIDGET)

    # "nie powiadamiaj mnie": the follower hears nothing more; the reporter still does.
    assert "nie będę Cię już powiadamiać" in follower.say("nie powiadamiaj mnie")
    messages_before = len(shown(tg_gateway, follower))
    sent_before = len(resident.sent())
    done = "Lampa wymieniona."
    change_status(tg_staff, first, "załatwione", done)
    fake_api.wait_for(lambda _: done in texts(resident.sent()[sent_before:]), 30)
    time.sleep(1.0)  # the mail goes out after the chats: give a wrong one time to arrive
    assert len(shown(tg_gateway, follower)) == messages_before
    assert len(mail_sink.to(EMAIL)) == 1
    with tg_db.session() as session:
        assert session.execute(select(ReportFollower)).scalars().all() == []
