"""Forged payloads and trackers: the actions check what they store (issue 15, finding 2).

A payload such as ``/provide_photo{"report_photo": "photo-../../kck.db"}`` can reach
Rasa from any channel that sends "/intent{…}" text, and Rasa fills slots from its
entities. These tests run the real form validation and filing actions against a
real migrated database, with trackers as Rasa sends them, and look at what was stored.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.app_db import database
from actions.callback import ActionSubmitCallback
from actions.reports import ActionSubmitReport, ValidateReportForm
from bot import transcript
from bot.db import Database
from bot.migrate import upgrade
from bot.models import CallbackRequest, Report
from bot.transcript import OutMessage

KRAKOW_PLACE = "punkt z mapy: 50.06190, 19.93680"
WARSAW = {"report_lat": "52.22970", "report_lon": "21.01220"}


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """The database the action server's own ``database()`` opens (KCK_DATABASE_URL)."""
    url = f"sqlite:///{tmp_path / 'kck.db'}"
    upgrade(url)
    monkeypatch.setenv("KCK_DATABASE_URL", url)
    database.cache_clear()
    yield database()
    database().dispose()
    database.cache_clear()


def chat(db: Database) -> str:
    return transcript.create_conversation(db, "web", uuid.uuid4().hex)


def upload(db: Database, conversation_id: str) -> str:
    """What the gateway does for an upload: the stored name, announced in the transcript."""
    name = f"photo-{uuid.uuid4().hex}.jpg"
    payload = "/provide_photo" + json.dumps({"report_photo": name})
    transcript.append(db, conversation_id, [OutMessage("user", "📷 zdjęcie")], payload)
    return name


def tracker(
    sender: str,
    slots: Dict[str, Any],
    intent: str = "provide_photo",
    entities: Optional[List[Dict[str, Any]]] = None,
    candidates: Optional[Dict[str, Any]] = None,
) -> Tracker:
    """A tracker as Rasa sends it: the latest message, then the slot candidates."""
    events: List[Dict[str, Any]] = [{"event": "user", "text": "/" + intent}]
    events += [{"event": "slot", "name": k, "value": v} for k, v in (candidates or {}).items()]
    latest = {"intent": {"name": intent}, "entities": entities or [], "text": "/" + intent}
    return Tracker(
        sender,
        {**slots, **(candidates or {})},
        latest,
        events,
        False,
        None,
        {"name": "report_form"},
        None,
    )


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def validate(slot: str, value: Any, sender: str) -> tuple[Dict[str, Any], List[str]]:
    dispatcher = CollectingDispatcher()
    method = getattr(ValidateReportForm(), f"validate_{slot}")
    result = run(method(value, dispatcher, tracker(sender, {slot: value}), {}))
    return result, [m.get("text") or "" for m in dispatcher.messages]


def filed_slots(**changes: Any) -> Dict[str, Any]:
    base = {
        "report_category": "drogi",
        "report_location": KRAKOW_PLACE,
        "report_description": "Głęboka dziura w jezdni przed przejściem",
        "report_photo": "brak",
        "report_contact_consent": "nie",
        "report_contact": None,
        "report_confirmation": "ok",
        "report_lat": "50.06190",
        "report_lon": "19.93680",
        # Already answered "To inny problem" (issue 17): several reports here share the place.
        "report_duplicate": "KCK-2026-000001",
    }
    return {**base, **changes}


def submit(db: Database, sender: str, slots: Dict[str, Any]) -> tuple[Optional[Report], str]:
    dispatcher = CollectingDispatcher()
    run(ActionSubmitReport().run(dispatcher, tracker(sender, slots, "affirm"), {}))
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    with db.session() as session:
        report = session.execute(
            select(Report).where(Report.conversation_id == sender)
        ).scalar_one_or_none()
        if report is not None:
            session.expunge(report)
    return report, said


def test_a_path_as_photo_name_is_not_stored(db: Database) -> None:
    sender = chat(db)
    result, said = validate("report_photo", "photo-../../kck.db", sender)
    assert result == {"report_photo": None} and "📎" in said[0]
    report, _ = submit(db, sender, filed_slots(report_photo="photo-../../kck.db"))
    assert report is not None and report.photo_path is None


def test_another_conversation_s_photo_is_not_attached(db: Database) -> None:
    mine, theirs = chat(db), chat(db)
    their_photo, my_photo = upload(db, theirs), upload(db, mine)
    assert validate("report_photo", their_photo, mine)[0] == {"report_photo": None}
    assert validate("report_photo", my_photo, mine)[0] == {
        "report_photo": my_photo,
        "report_photo_public": None,
    }
    report, _ = submit(db, mine, filed_slots(report_photo=their_photo))
    assert report is not None and report.photo_path is None
    other = chat(db)
    photo = upload(db, other)
    report, _ = submit(db, other, filed_slots(report_photo=photo))
    assert report is not None and report.photo_path == photo  # its own upload still counts


def test_a_photo_payload_with_warsaw_coordinates_files_nothing_in_warsaw(db: Database) -> None:
    sender = chat(db)
    photo = upload(db, sender)
    # /provide_location in Kraków, confirmed as the place; then a photo payload that also
    # carries Warsaw's coordinates (Rasa fills report_lat/report_lon from any payload).
    report, said = submit(db, sender, filed_slots(report_photo=photo, **WARSAW))
    assert report is not None, said
    assert (round(report.lat, 4), round(report.lon, 4)) == (50.0619, 19.9368)
    assert report.location_text == KRAKOW_PLACE


@pytest.mark.parametrize(
    "lat,lon", [("nan", "19.9368"), ("50.06", "inf"), ("-inf", "nan"), ("1e999", "19.9")]
)
def test_non_finite_coordinates_are_refused(db: Database, lat: str, lon: str) -> None:
    sender = chat(db)
    entities = [
        {"entity": "report_lat", "value": lat},
        {"entity": "report_lon", "value": lon},
    ]
    dispatcher = CollectingDispatcher()
    shared = tracker(sender, {}, "provide_location", entities)
    found = run(ValidateReportForm().extract_report_location(dispatcher, shared, {}))
    assert found == {} and "poza Krakowem" in str(dispatcher.messages[0].get("text"))
    report, _ = submit(
        db,
        sender,
        filed_slots(report_location=f"punkt z mapy: {lat}, {lon}", report_lat=lat, report_lon=lon),
    )
    assert report is not None and report.lat is None and report.lon is None


@pytest.mark.parametrize(
    "value",
    [["Długa 5"], {"ulica": "Długa"}, 12345, "Długa " * 1000],
    ids=["list", "dict", "number", "6000-chars"],
)
def test_slot_values_of_the_wrong_type_or_length_are_emptied(db: Database, value: Any) -> None:
    sender = chat(db)
    dispatcher = CollectingDispatcher()
    forged = tracker(
        sender,
        {"requested_slot": "report_location"},
        "inform",
        candidates={"report_location": value},
    )
    domain = {"slots": {s: {"mappings": []} for s in ["report_location"]}, "forms": {}}
    events = run(ValidateReportForm().get_validation_events(dispatcher, forged, domain))
    location = [e["value"] for e in events if e["name"] == "report_location"]
    assert location == [None], events
    assert "jeszcze raz" in str(dispatcher.messages[0].get("text"))


def test_a_forged_tracker_with_malformed_slots_files_nothing(db: Database) -> None:
    sender = chat(db)
    for changes in [
        {"report_description": {"html": "<img src=x>"}},
        {"report_category": "../../etc"},
        {"report_description": "x" * 50_000},
    ]:
        report, said = submit(db, sender, filed_slots(**changes))
        assert report is None and "niczego nie zapisałem" in said, changes


def callback_slots(**changes: Any) -> Dict[str, Any]:
    base = {
        "callback_consent": "tak",
        "callback_name": "Anna",
        "callback_phone": "+48600123456",
        "callback_window": "2026-11-30T10:00:00+01:00/2026-11-30T12:00:00+01:00",
        "callback_topic": "Pytanie o wymianę dowodu",
        "handoff_unit": None,
    }
    return {**base, **changes}


def stored_callbacks(db: Database, sender: str) -> List[CallbackRequest]:
    with db.session() as session:
        rows = list(
            session.execute(
                select(CallbackRequest).where(CallbackRequest.conversation_id == sender)
            ).scalars()
        )
        for row in rows:
            session.expunge(row)
    return rows


@pytest.mark.parametrize(
    "changes",
    [
        {"callback_name": ["Anna"]},
        {"callback_phone": "zadzwoń kiedyś"},
        {"callback_window": "jutro/pojutrze"},
        {"callback_topic": "x" * 50_000},
    ],
    ids=["name-list", "phone-words", "window-words", "topic-50k"],
)
def test_a_forged_callback_tracker_stores_nothing(db: Database, changes: Dict[str, Any]) -> None:
    sender = chat(db)
    dispatcher = CollectingDispatcher()
    run(ActionSubmitCallback().run(dispatcher, tracker(sender, callback_slots(**changes)), {}))
    assert stored_callbacks(db, sender) == []
    assert "niczego nie zapisałem" in str(dispatcher.messages[0].get("text"))


def test_a_forged_unit_code_is_not_stored_on_a_callback(db: Database) -> None:
    sender = chat(db)
    forged = callback_slots(handoff_unit="<b>" + "x" * 300)
    run(ActionSubmitCallback().run(CollectingDispatcher(), tracker(sender, forged), {}))
    (callback,) = stored_callbacks(db, sender)
    assert callback.unit is None and callback.phone == "+48600123456"
