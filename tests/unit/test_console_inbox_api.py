"""Issue 18, point 2 in-process (the real gateway app on SQLite): waiting chats are offered
the longest waiting first, a consultant holds at most KCK_CONSOLE_MAX_CHATS at once (taking
one more is refused in Polish), and the chat view gives each message and note its time in
Kraków."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import List

import pytest

from bot import transcript
from bot.db import Database
from bot.handoff import callbacks, queue
from bot.models import ConsultantNote, Message
from bot.transcript import OutMessage
from tests.helpers.console import signed_in

pytestmark = [
    pytest.mark.usefixtures("real_clock"),
    pytest.mark.parametrize("db", ["sqlite"], indirect=True),
]

LIMIT_REFUSED = (
    "Prowadzisz już 3 rozmowy – tyle wolno naraz. Zakończ albo przekaż jedną z nich, "
    "zanim przejmiesz kolejną."
)


def waiting_chats(db: Database, minutes_ago: List[int]) -> List[str]:
    """A first-line chat per entry, queued that many minutes ago (in this order)."""
    now = dt.datetime.now(dt.timezone.utc)
    chats = []
    for minutes in minutes_ago:
        chat = transcript.create_conversation(db, "web", f"t-{minutes}")
        at = now - dt.timedelta(minutes=minutes)
        queue.open_handoff(db, chat, queue.FIRST_LINE, None, "request_human", at)
        chats.append(chat)
    return chats


def test_the_longest_waiting_is_offered_first_and_the_limit_holds(
    db: Database, tmp_path: Path
) -> None:
    newest, oldest, middle, fourth, fifth = waiting_chats(db, [1, 12, 5, 0, 0])
    with signed_in(db, tmp_path, "anna", "consultant") as console:
        listed = console.get("/console/api/queue").json()
        assert [e["conversation_id"] for e in listed["waiting"]][:3] == [oldest, middle, newest]
        assert listed["max_chats"] == 3

        taken = [console.post("/console/api/queue/next").json()["conversation_id"] for _ in "ab"]
        assert taken == [oldest, middle]
        assert console.post(f"/console/api/conversations/{fourth}/take").status_code == 200

        refused = console.post("/console/api/queue/next")
        assert refused.status_code == 409 and refused.json()["error"] == LIMIT_REFUSED
        by_row = console.post(f"/console/api/conversations/{fifth}/take")
        assert by_row.status_code == 409 and by_row.json()["error"] == LIMIT_REFUSED
        listed = console.get("/console/api/queue").json()
        assert {e["conversation_id"] for e in listed["waiting"]} == {newest, fifth}
        assert len(listed["mine"]) == 3

        assert console.post(f"/console/api/conversations/{middle}/end").status_code == 200
        assert console.post("/console/api/queue/next").json()["conversation_id"] == newest


def test_nobody_waiting_is_said_plainly(db: Database, tmp_path: Path) -> None:
    with signed_in(db, tmp_path, "anna", "consultant") as console:
        answer = console.post("/console/api/queue/next")
        assert answer.status_code == 404 and answer.json()["error"] == "Nikt nie czeka."


def test_messages_and_notes_carry_their_time_in_krakow(db: Database, tmp_path: Path) -> None:
    [chat] = waiting_chats(db, [3])
    transcript.append(db, chat, [OutMessage("user", "Dzień dobry")])
    written = dt.datetime(2026, 7, 1, 10, 5, tzinfo=dt.timezone.utc)  # summer: UTC+2
    with db.session() as session:
        for message in session.query(Message).filter(Message.conversation_id == chat):
            message.created_at = written
    with signed_in(db, tmp_path, "anna", "consultant") as console:
        assert console.post(f"/console/api/conversations/{chat}/take").status_code == 200
        assert console.post(
            f"/console/api/conversations/{chat}/notes", json={"text": "oddzwonić"}
        ).status_code == 200
        with db.session() as session:
            note = session.query(ConsultantNote).one()
            note.created_at = dt.datetime(2026, 12, 1, 13, 30, tzinfo=dt.timezone.utc)  # UTC+1
        data = console.get(f"/console/api/conversations/{chat}").json()
    said = [m for m in data["messages"] if m["text"] == "Dzień dobry"]
    assert [m["time"] for m in said] == ["12:05"]
    assert data["notes"][0]["time"] == "14:30"


def test_the_inbox_lists_held_chats_with_the_residents_wait_and_the_panel(
    db: Database, tmp_path: Path
) -> None:
    answered, waiting = waiting_chats(db, [9, 4])
    with signed_in(db, tmp_path, "anna", "consultant") as console:
        for chat in (answered, waiting):
            assert console.post(f"/console/api/conversations/{chat}/take").status_code == 200
        assert console.post(
            f"/console/api/conversations/{answered}/messages", json={"text": "Już sprawdzam."}
        ).status_code == 200
        transcript.append(db, waiting, [OutMessage("user", "Доброго дня, я чекаю на відповідь")])
        callbacks.create_callback(
            db,
            callbacks.NewCallback(
                name="Olena", phone="+48600700800", topic="meldunek", channel="web",
                window_start=dt.datetime(2026, 12, 2, 8, 40, tzinfo=dt.timezone.utc),
                window_end=dt.datetime(2026, 12, 2, 10, 40, tzinfo=dt.timezone.utc),
                conversation_id=waiting,
            ),
        )
        chats = {c["conversation_id"]: c for c in console.get("/console/api/inbox").json()["chats"]}
        assert set(chats) == {answered, waiting}
        assert chats[answered]["answer_wait_seconds"] is None  # the consultant wrote last
        assert 4 * 60 - 5 <= chats[waiting]["answer_wait_seconds"] <= 4 * 60 + 60
        assert chats[waiting]["last_user_message"] > chats[answered]["last_user_message"]

        page = console.get(f"/console/chat/{waiting}").text
    assert '<dd id="resident-language">Українська</dd>' in page
    assert '<dd id="resident-channel">Strona WWW</dd>' in page
    assert "środa 2 grudnia, 9:40–11:40 — Do oddzwonienia" in page
    assert "Olena" not in page and "600 700 800" not in page  # no personal data here
