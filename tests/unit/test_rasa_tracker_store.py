"""The tracker store Rasa runs with (bot/rasa_tracker_store.py): the tracker it gives back
is always the one Rasa's own SQLTrackerStore would load from the same database, and no
event is stored twice, whether it came from memory or from the database."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Dict, List

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot.rasa_tracker_store import SECONDS_ENV, SIZE_ENV, CachedSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def session_start() -> List[Event]:
    return [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
    ]


def turn(n: int) -> List[Event]:
    """One resident message and the assistant's answer, with a slot set on the way."""
    return [
        UserUttered(f"wiadomość {n}", {"name": "report_intervention", "confidence": 0.9}),
        SlotSet("report_description", f"opis {n}"),
        ActionExecuted("utter_ask_report_location"),
        BotUttered(f"odpowiedź {n}"),
        ActionExecuted("action_listen"),
    ]


def state(tracker: DialogueStateTracker | None) -> Dict[str, Any]:
    assert tracker is not None
    return tracker.current_state(EventVerbosity.ALL)


def rows(store: SQLTrackerStore, sender: str) -> int:
    with store.engine.connect() as connection:
        return int(
            connection.execute(
                sa.text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}
            ).scalar_one()
        )


async def play_turn(store: SQLTrackerStore, sender: str, events: List[Event]) -> None:
    """What Rasa's processor does with a message: load, add the turn's events, save."""
    tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
    tracker.update_with_events(events, None)
    await store.save(tracker)


@pytest.fixture
def stores(tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.delenv(SIZE_ENV, raising=False)
    monkeypatch.delenv(SECONDS_ENV, raising=False)
    db = str(tmp_path / "tracker.db")
    cached = CachedSQLTrackerStore(domain, dialect="sqlite", db=db)
    plain = SQLTrackerStore(domain, dialect="sqlite", db=db)
    return cached, plain


def test_a_conversation_loads_as_rasa_would_and_nothing_is_stored_twice(stores: Any) -> None:
    cached, plain = stores
    sent = 0
    for n in range(1, 8):
        events = (session_start() if n == 1 else []) + turn(n)
        run(play_turn(cached, "r1", events))
        sent += len(events)
        assert state(run(cached.retrieve("r1"))) == state(run(plain.retrieve("r1")))
        assert rows(plain, "r1") == sent
    # From the third turn on, the tracker came from memory (the first turn begins a session).
    assert cached.hits >= 5


def test_a_new_session_is_loaded_as_rasa_would(stores: Any) -> None:
    cached, plain = stores
    run(play_turn(cached, "r2", session_start() + turn(1)))
    run(play_turn(cached, "r2", turn(2)))
    run(play_turn(cached, "r2", session_start() + turn(3)))  # the session expired
    run(play_turn(cached, "r2", turn(4)))
    tracker = run(cached.retrieve("r2"))
    assert state(tracker) == state(run(plain.retrieve("r2")))
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == [
        "wiadomość 3",
        "wiadomość 4",
    ]


def test_another_replicas_writes_are_seen(stores: Any) -> None:
    cached, plain = stores
    run(play_turn(cached, "r3", session_start() + turn(1)))
    run(play_turn(cached, "r3", turn(2)))
    run(play_turn(plain, "r3", turn(3)))  # another Rasa replica on the same database
    tracker = run(cached.retrieve("r3"))
    assert tracker.latest_message.text == "wiadomość 3"
    run(play_turn(cached, "r3", turn(4)))
    assert rows(plain, "r3") == len(session_start()) + 4 * len(turn(0))
    assert state(run(cached.retrieve("r3"))) == state(run(plain.retrieve("r3")))


def test_erased_events_are_not_given_back(stores: Any) -> None:
    cached, plain = stores
    run(play_turn(cached, "r4", session_start() + turn(1)))
    run(play_turn(cached, "r4", turn(2)))
    with plain.engine.begin() as connection:  # erasure on request (bot/privacy/erasure.py)
        connection.execute(sa.text("DELETE FROM events WHERE sender_id = 'r4'"))
    assert run(cached.retrieve("r4")) is None


def test_a_tracker_changed_but_not_saved_is_read_again(stores: Any) -> None:
    cached, plain = stores
    run(play_turn(cached, "r5", session_start() + turn(1)))
    run(play_turn(cached, "r5", turn(2)))
    tracker = run(cached.retrieve("r5"))
    tracker.update_with_events(turn(3), None)  # a turn that failed before its save
    again = run(cached.retrieve("r5"))
    assert again is not tracker
    assert again.latest_message.text == "wiadomość 2"
    assert state(again) == state(run(plain.retrieve("r5")))


def test_old_and_surplus_entries_are_dropped(
    tmp_path: Path, domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SIZE_ENV, "2")
    monkeypatch.setenv(SECONDS_ENV, "600")
    store = CachedSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    for sender in ("a", "b", "c"):
        run(play_turn(store, sender, session_start() + turn(1)))
        run(play_turn(store, sender, turn(2)))
    assert len(store._entries) == 2 and "a" not in store._entries
    monkeypatch.setenv(SECONDS_ENV, "0")
    expiring = CachedSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    run(play_turn(expiring, "d", session_start() + turn(1)))
    run(play_turn(expiring, "d", turn(2)))
    hits = expiring.hits
    assert run(expiring.retrieve("d")) is not None and expiring.hits == hits


def test_an_sqlite_file_gets_a_pool_and_wal(stores: Any) -> None:
    cached, _ = stores
    assert isinstance(cached.engine.pool, sa.pool.QueuePool)
    with cached.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
