"""Residents' rights through the running assistant (README "Dane osobowe").

"usuń moje dane" erases the transcript and Rasa's tracker and leaves no name,
phone or e-mail anywhere in either database, while the report stays under its
number; a supervisor exports everything stored about a conversation as JSON
(consultants may not), and every reading of personal data is in the audit log.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Dict, List

import httpx
import pytest
from sqlalchemy import select

from bot.db import Database
from bot.models import (
    AuditEntry,
    CallbackRequest,
    Consultant,
    Conversation,
    Handoff,
    Message,
    Report,
)
from tests.conftest import LiveAssistant
from tests.helpers.images import png
from tests.helpers.reports import NUMBER, Chat
from tests.staff import Staff

pytestmark = pytest.mark.stack

NAME = "Bożena Zapomniana"
EMAIL = "bozena.zapomniana@example.com"
REPORT_PHONE = ("+48600987321", "600 987 321", "600987321")
CALLBACK_PHONE = ("+48601222333", "601 222 333", "601222333")
PERSONAL = [NAME, "Bożena", "Zapomniana", EMAIL, *REPORT_PHONE, *CALLBACK_PHONE]


class ResidentChat(Chat):
    """A widget chat that can also send a bare payload (as a button would)."""

    def send(self, payload: str) -> str:
        return self._post("/messages", json={"payload": payload, "text": ""})

    def buttons(self) -> List[str]:
        return [b["title"] for r in self.replies for b in r.get("buttons", [])]

    @property
    def conversation_id(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def dump(path: Path) -> str:
    """Every value of every table of a SQLite file, opened read-only."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        values = [
            str(value)
            for table in tables
            for row in connection.execute(f'SELECT * FROM "{table}"')
            for value in row
        ]
    finally:
        connection.close()
    return "\n".join(values)


def tracker_events(live: LiveAssistant, conversation_id: str) -> int:
    connection = sqlite3.connect(f"file:{live.var_dir / 'tracker.db'}?mode=ro", uri=True)
    try:
        (count,) = connection.execute(
            "SELECT count(*) FROM events WHERE sender_id = ?", (conversation_id,)
        ).fetchone()
    finally:
        connection.close()
    return int(count)


def file_report_and_callback(chat: ResidentChat) -> str:
    """A report with a photo and full contact, then a callback request; its number."""
    assert "kategori" in chat.say("chcę zgłosić problem").lower()
    chat.press("Oświetlenie ulic")
    chat.say("Długa 5")
    assert "numer jest na słupie" in chat.say("latarnia nie świeci od tygodnia")
    assert "zdjęcie" in chat.say("nie wiem")
    assert chat.photo(png()).status_code == 200
    assert "kontakt" in chat.press("Tak, można pokazać")
    assert "Podaj imię" in chat.press("Tak, zgadzam się")
    summary = chat.say(f"{NAME}, {REPORT_PHONE[1]}, {EMAIL}")
    assert REPORT_PHONE[0] in summary and EMAIL in summary
    reference = NUMBER.search(chat.press("Wyślij zgłoszenie"))
    assert reference
    assert "Zgadzasz się?" in chat.say("proszę o oddzwonienie")
    chat.say("tak, zgadzam się")
    assert "numer telefonu" in chat.say(NAME)
    windows = chat.say(CALLBACK_PHONE[1])
    first_window = next(b for r in chat.replies for b in r.get("buttons", []))
    assert windows and "W jakiej sprawie" in chat.send(first_window["payload"])
    chat.say(f"wycinka drzewa, dzwonić do {NAME}")
    return reference.group(0)


def test_erasure_leaves_no_name_phone_or_email_and_keeps_the_report(
    gateway: httpx.Client, live: LiveAssistant, app_db: Database
) -> None:
    chat = ResidentChat(gateway)
    reference = file_report_and_callback(chat)
    cid = chat.conversation_id
    with app_db.session() as session:
        report = session.execute(select(Report).where(Report.reference == reference)).scalar_one()
        photo = report.photo_path
    assert photo and (live.var_dir / "photos" / photo).is_file()
    published = f"/open311/v2/media/{reference}"  # the resident agreed to publish it
    assert gateway.get(published).status_code == 200
    everything = dump(live.var_dir / "kck.db") + dump(live.var_dir / "tracker.db")
    for value in (NAME, EMAIL, REPORT_PHONE[0], CALLBACK_PHONE[0]):
        assert value in everything  # stored before: the check below can fail

    # Asked without Polish letters, then declined: nothing changes.
    asked = chat.say("usun moje dane")
    assert "Czy na pewno usunąć tę rozmowę?" in asked
    assert chat.buttons() == ["Tak, usuń", "Nie"]
    assert "niczego nie usunąłem" in chat.press("Nie")
    assert tracker_events(live, cid) > 0
    with app_db.session() as session:
        assert session.execute(select(Message.id).where(Message.conversation_id == cid)).first()

    chat.say("usuń moje dane")
    done = chat.press("Tak, usuń")
    assert f"Zgłoszenie {reference} zostaje w systemie" in done
    assert "Prośbę o oddzwonienie anulowałem" in done
    assert "zaczniesz nową rozmowę" in done

    everything = dump(live.var_dir / "kck.db") + dump(live.var_dir / "tracker.db")
    for value in PERSONAL:
        assert value not in everything, "personal data left after the erasure"
    assert "latarnia nie świeci od tygodnia" in everything  # the report's description stays
    assert tracker_events(live, cid) == 0
    assert not (live.var_dir / "photos" / photo).exists()
    assert gateway.get(published).status_code == 404
    with app_db.session() as session:
        left = select(Message.id).where(Message.conversation_id == cid)
        assert session.execute(left).first() is None
        report = session.execute(select(Report).where(Report.reference == reference)).scalar_one()
        assert (report.category, report.location_text, report.status) == (
            "oswietlenie", "Długa 5", "przyjęte",
        )
        assert (report.contact_name, report.contact_phone, report.contact_email) == (None,) * 3
        assert report.photo_path is None
        [callback] = session.execute(
            select(CallbackRequest).where(CallbackRequest.conversation_id == cid)
        ).scalars()
        assert (callback.name, callback.phone, callback.topic, callback.status) == (
            None, None, "", "failed",
        )
        conversation = session.get(Conversation, cid)
        assert conversation is not None and conversation.erased_at is not None
        assert conversation.state == "closed"
        assert session.execute(
            select(AuditEntry).where(
                AuditEntry.action == "erase_conversation", AuditEntry.target == cid
            )
        ).first()

    # The old token opens nothing; the widget starts a new chat, which works.
    old = gateway.get(chat.path + "/messages", headers=chat.headers)
    assert old.status_code == 401
    fresh = ResidentChat(gateway)
    assert "dowód" in fresh.say("jak wyrobić dowód osobisty").lower()


def _consultant_id(app_db: Database, login: str) -> int:
    with app_db.session() as session:
        return int(
            session.execute(select(Consultant.id).where(Consultant.login == login)).scalar_one()
        )


def _audited(app_db: Database, consultant_id: int) -> Dict[str, List[str]]:
    with app_db.session() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.target).where(
                AuditEntry.consultant_id == consultant_id
            )
        ).all()
    found: Dict[str, List[str]] = {}
    for action, target in rows:
        found.setdefault(action, []).append(target)
    return found


def test_a_supervisor_exports_the_conversation_and_every_reading_is_audited(
    gateway: httpx.Client, app_db: Database, staff: Staff
) -> None:
    supervisor_login, password = staff.account("supervisor")
    supervisor = staff.log_in(supervisor_login, password)
    consultant_login, password = staff.account("consultant")
    consultant = staff.log_in(consultant_login, password)
    chat = ResidentChat(gateway)
    cid = chat.conversation_id
    assert "dowód" in chat.say("jak wyrobić dowód osobisty").lower()
    assert "Przekazuję rozmowę konsultantowi" in chat.say("chcę porozmawiać z konsultantem")
    # While a person holds the chat, the request goes to them: nothing is erased.
    assert "konsultant zobaczy" in chat.say("usuń moje dane")

    export_path = f"/console/api/conversations/{cid}/export"
    assert consultant.get(export_path).status_code == 403
    assert 'id="export-conversation"' not in consultant.get(f"/console/chat/{cid}").text
    assert f'href="{export_path}"' in supervisor.get(f"/console/chat/{cid}").text
    assert supervisor.get("/console/api/conversations/nosuchchat/export").status_code == 404

    exported = supervisor.get(export_path)
    assert exported.status_code == 200
    assert re.match(r'attachment; filename="kck-rozmowa-[0-9a-f]+\.json"',
                    exported.headers["content-disposition"])
    data = json.loads(exported.content)
    said = [m["text"] for m in data["messages"] if m["sender"] == "user"]
    assert said == ["jak wyrobić dowód osobisty", "chcę porozmawiać z konsultantem",
                    "usuń moje dane"]
    assert [h["reason"] for h in data["handoffs"]] == ["request_human"]
    assert data["conversation"]["erased_at"] is None
    assert "faq" in [e["intent_name"] for e in data["tracker_events"]]

    assert consultant.get(f"/console/api/conversations/{cid}").status_code == 200
    assert consultant.get("/console/reports").status_code == 200
    assert consultant.get("/console/callbacks").status_code == 200
    audited = _audited(app_db, _consultant_id(app_db, consultant_login))
    assert audited["read_transcript"] == [cid]
    assert "read_reports" in audited and "read_callbacks" in audited
    assert "export_conversation" not in audited  # refused, so nothing was read
    assert _audited(app_db, _consultant_id(app_db, supervisor_login))["export_conversation"] == [
        cid
    ]

    # Back to the assistant: now the erasure works, and the hand-off row stays.
    assert supervisor.post(f"/console/api/conversations/{cid}/take").status_code == 200
    assert supervisor.post(f"/console/api/conversations/{cid}/end").status_code == 200
    chat.say("usuń moje dane")
    assert "Usunąłem tę rozmowę" in chat.press("Tak, usuń")
    with app_db.session() as session:
        assert len(session.execute(select(Handoff.id).where(Handoff.conversation_id == cid))
                   .all()) == 1
    after = json.loads(supervisor.get(export_path).content)
    assert after["messages"] == [] and after["tracker_events"] == []
    assert after["conversation"]["erased_at"] is not None
