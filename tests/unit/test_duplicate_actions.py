"""The report form's actions when the problem is reported already, against a real
migrated database with trackers as Rasa sends them."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from actions.app_db import database
from actions.duplicates import ActionFollowReport, ActionStopFollowing
from actions.reports import ActionSubmitReport
from bot import transcript
from bot.db import Database
from bot.migrate import upgrade
from bot.models import Report
from bot.offered import STALE_TEXT
from bot.reports.followers import followers_of
from bot.reports.store import NewReport, create_report


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    url = f"sqlite:///{tmp_path / 'kck.db'}"
    upgrade(url)
    monkeypatch.setenv("KCK_DATABASE_URL", url)
    database.cache_clear()
    yield database()
    database().dispose()
    database.cache_clear()


def slots(**changes: Any) -> Dict[str, Any]:
    base = {
        "report_category": "oswietlenie",
        "report_location": "przy Długiej 5",
        "report_description": "Latarnia nie świeci od wczoraj",
        "report_photo": "brak",
        "report_contact_consent": "tak",
        "report_contact": "Ewa||ewa@example.org",
        "report_confirmation": "ok",
        "report_lat": None,
        "report_lon": None,
        "report_duplicate": None,
    }
    return {**base, **changes}


def run(action: Any, sender: str, values: Dict[str, Any], intent: str) -> tuple[List, List]:
    dispatcher = CollectingDispatcher()
    latest = {"intent": {"name": intent}, "entities": [], "text": "/" + intent}
    tracker = Tracker(sender, values, latest, [], False, None, {}, None)
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return events, dispatcher.messages


def reports(db: Database) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count(Report.id))).scalar_one())


@pytest.fixture()
def first(db: Database) -> str:
    lamp = NewReport("intervention", "oswietlenie", "Nie świeci", "web", "ul. Długa 5")
    return create_report(db, lamp).reference


def test_the_open_report_is_shown_instead_of_filing(db: Database, first: str) -> None:
    sender = transcript.create_conversation(db, "web", uuid.uuid4().hex)
    events, said = run(ActionSubmitReport(), sender, slots(), "affirm")
    (message,) = said
    assert message["text"].startswith(f"Ta latarnia jest już zgłoszona: {first}")
    assert [b["payload"] for b in message["buttons"]] == ["/report_same", "/report_different"]
    assert {"event": "slot", "name": "report_duplicate", "value": first} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]
    assert reports(db) == 1


def test_another_category_or_street_is_filed_at_once(db: Database, first: str) -> None:
    sender = transcript.create_conversation(db, "web", uuid.uuid4().hex)
    _, said = run(ActionSubmitReport(), sender, slots(report_location="Długa 7"), "affirm")
    assert "Zgłoszenie przyjęte" in said[0]["text"] and first not in said[0]["text"]
    assert reports(db) == 2


def test_a_different_problem_is_filed_and_a_stale_press_files_nothing(
    db: Database, first: str
) -> None:
    sender = transcript.create_conversation(db, "web", uuid.uuid4().hex)
    _, said = run(
        ActionSubmitReport(), sender, slots(report_duplicate=first), "report_different"
    )
    assert "Zgłoszenie przyjęte" in said[0]["text"] and reports(db) == 2
    _, said = run(ActionSubmitReport(), sender, slots(report_confirmation=None), "report_different")
    assert said[0]["text"] == STALE_TEXT and reports(db) == 2


def test_following_keeps_the_e_mail_only_with_consent(db: Database, first: str) -> None:
    agreed = transcript.create_conversation(db, "web", uuid.uuid4().hex)
    _, said = run(ActionFollowReport(), agreed, slots(report_duplicate=first), "report_same")
    assert "e-mailem" in said[0]["text"] and reports(db) == 1
    declined = transcript.create_conversation(db, "telegram", uuid.uuid4().hex)
    refused = slots(report_duplicate=first, report_contact_consent="nie")
    _, said = run(ActionFollowReport(), declined, refused, "report_same")
    assert "e-mailem" not in said[0]["text"]
    assert [(f.channel, f.email) for f in followers_of(db, first)] == [
        ("web", "ewa@example.org"),
        ("telegram", None),
    ]
    _, said = run(ActionStopFollowing(), agreed, {}, "stop_following")
    assert "nie będę Cię już powiadamiać" in said[0]["text"]
    assert [f.channel for f in followers_of(db, first)] == ["telegram"]
    _, said = run(ActionStopFollowing(), agreed, {}, "stop_following")
    assert "Nie obserwujesz" in said[0]["text"]


def test_a_stale_follow_press_follows_nothing(db: Database, first: str) -> None:
    sender = transcript.create_conversation(db, "web", uuid.uuid4().hex)
    _, said = run(ActionFollowReport(), sender, slots(), "report_same")
    assert said[0]["text"] == STALE_TEXT and followers_of(db, first) == []
