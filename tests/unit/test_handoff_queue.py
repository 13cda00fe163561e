"""The hand-off queue, staffing and callback store (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot import transcript
from bot.db import Database
from bot.handoff import callbacks, queue, staffing
from bot.handoff.wording import expected_wait, queued
from bot.models import Consultant, Conversation

T0 = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.timezone.utc)


def chat(db: Database) -> str:
    return transcript.create_conversation(db, "web", "token-" + str(id(db)))


def state_of(db: Database, conversation_id: str) -> str:
    with db.session() as session:
        conversation = session.get(Conversation, conversation_id)
        assert conversation is not None
        return str(conversation.state)


def consultant(db: Database, login: str, role: str, units: str = "", seen: dt.datetime = T0) -> int:
    with db.session() as session:
        row = Consultant(
            login=login,
            display_name=login.title(),
            password_hash="x",
            role=role,
            units=units,
            active=True,
            failed_logins=0,
            last_seen_at=seen,
        )
        session.add(row)
        session.flush()
        return int(row.id)


def test_a_queued_chat_is_paused_for_the_bot_and_queued_once(db: Database) -> None:
    conversation = chat(db)
    first = queue.open_handoff(db, conversation, queue.FIRST_LINE, None, "request_human", T0)
    again = queue.open_handoff(db, conversation, queue.FIRST_LINE, None, "request_human", T0)
    assert first == again
    assert state_of(db, conversation) == "queued"
    assert [e.conversation_id for e in queue.open_entries(db)] == [conversation]


def test_positions_count_each_queue_separately(db: Database) -> None:
    ids = [
        queue.open_handoff(db, chat(db), line, unit, "r", T0)
        for line, unit in [
            (queue.FIRST_LINE, None),
            (queue.SECOND_LINE, "USC"),
            (queue.FIRST_LINE, None),
            (queue.SECOND_LINE, "WSA"),
            (queue.SECOND_LINE, "USC"),
        ]
    ]
    assert [queue.position(db, i) for i in ids] == [1, 1, 2, 1, 2]
    boss = consultant(db, "anna", "consultant")
    queue.take(db, ids[0], boss, T0)
    assert queue.position(db, ids[2]) == 1  # taken chats no longer wait


def test_only_one_of_many_consultants_gets_a_chat(db: Database) -> None:
    handoff = queue.open_handoff(db, chat(db), queue.FIRST_LINE, None, "r", T0)
    people = [consultant(db, f"c{i}", "consultant") for i in range(8)]

    def attempt(person: int) -> bool:
        try:
            queue.take(db, handoff, person, T0)
            return True
        except queue.AlreadyTaken:
            return False

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, people))
    assert results.count(True) == 1
    entry = queue.open_entries(db)[0]
    assert entry.consultant_id == people[results.index(True)]
    assert state_of(db, entry.conversation_id) == "consultant"


def test_waiting_chats_are_listed_longest_waiting_first(db: Database) -> None:
    def queued(minutes_ago: int) -> int:
        at = T0 - dt.timedelta(minutes=minutes_ago)
        return queue.open_handoff(db, chat(db), queue.FIRST_LINE, None, "r", at)

    late, early, middle = queued(0), queued(7), queued(2)
    assert [e.handoff_id for e in queue.open_entries(db)] == [early, middle, late]


def test_a_consultant_holds_no_more_chats_than_the_limit(db: Database) -> None:
    anna = consultant(db, "anna", "consultant")
    handoffs = [
        queue.open_handoff(db, chat(db), queue.FIRST_LINE, None, "r", T0) for _ in range(3)
    ]
    queue.take(db, handoffs[0], anna, T0, max_chats=2)
    queue.take(db, handoffs[1], anna, T0, max_chats=2)
    with pytest.raises(queue.LimitReached):
        queue.take(db, handoffs[2], anna, T0, max_chats=2)
    assert queue.open_entries(db)[2].taken_at is None  # the third still waits for someone
    queue.end(db, handoffs[0], "done", T0)
    queue.take(db, handoffs[2], anna, T0, max_chats=2)  # one ended: room for another
    with pytest.raises(queue.AlreadyTaken):  # taken is taken, whatever the limit
        queue.take(db, handoffs[2], consultant(db, "ola", "consultant"), T0, max_chats=2)


def test_transfer_opens_the_units_second_line_and_end_returns_to_the_bot(db: Database) -> None:
    conversation = chat(db)
    handoff = queue.open_handoff(db, conversation, queue.FIRST_LINE, None, "r", T0)
    queue.take(db, handoff, consultant(db, "anna", "consultant"), T0)
    second = queue.transfer(db, handoff, "USC", "transfer", T0 + dt.timedelta(minutes=3))
    entry = queue.open_for(db, conversation)
    assert entry is not None and entry.handoff_id == second
    assert (entry.line, entry.unit, entry.taken_at) == (queue.SECOND_LINE, "USC", None)
    assert state_of(db, conversation) == "queued"
    assert queue.end(db, second, "done", T0 + dt.timedelta(minutes=9)) == conversation
    assert queue.open_for(db, conversation) is None
    assert state_of(db, conversation) == "bot"
    assert queue.end(db, second, "done", T0) is None  # ending twice changes nothing


def test_long_waits_are_found_once(db: Database) -> None:
    old = queue.open_handoff(db, chat(db), queue.FIRST_LINE, None, "r", T0)
    queue.open_handoff(db, chat(db), queue.FIRST_LINE, None, "r", T0 + dt.timedelta(minutes=9))
    overdue = queue.waiting_longer_than(db, T0 + dt.timedelta(minutes=5))
    assert [e.handoff_id for e in overdue] == [old]
    queue.mark_callback_offered(db, old)
    assert queue.waiting_longer_than(db, T0 + dt.timedelta(minutes=5)) == []


def test_expected_minutes_come_from_finished_chats(db: Database) -> None:
    assert queue.minutes_per_chat(db) == queue.DEFAULT_MINUTES_PER_CHAT
    person = consultant(db, "anna", "consultant")
    for length in (2, 4, 6, 8, 30):
        handoff = queue.open_handoff(db, chat(db), queue.FIRST_LINE, None, "r", T0)
        queue.take(db, handoff, person, T0)
        queue.end(db, handoff, "done", T0 + dt.timedelta(minutes=length))
    assert queue.minutes_per_chat(db) == pytest.approx(6)


def test_online_means_seen_lately_and_serving_that_queue(db: Database) -> None:
    consultant(db, "first", "consultant")
    consultant(db, "usc", "specialist", "USC,WSA")
    consultant(db, "asleep", "consultant", seen=T0 - dt.timedelta(minutes=10))
    consultant(db, "boss", "supervisor", seen=T0 - dt.timedelta(minutes=1))
    assert staffing.online_count(db, queue.FIRST_LINE, None, T0) == 2  # first + boss
    assert staffing.online_count(db, queue.SECOND_LINE, "USC", T0) == 2  # usc + boss
    assert staffing.online_count(db, queue.SECOND_LINE, "GUP", T0) == 1  # boss only
    assert staffing.online_count(db, queue.FIRST_LINE, None, T0 + dt.timedelta(minutes=5)) == 0


def test_callback_requests_are_listed_by_window_and_closed_with_a_note(db: Database) -> None:
    person = consultant(db, "anna", "consultant")
    later = callbacks.create_callback(
        db,
        callbacks.NewCallback(
            "Jan",
            "+48600123456",
            T0 + dt.timedelta(days=1),
            T0 + dt.timedelta(days=1, hours=2),
            "meldunek",
            "web",
        ),
    )
    sooner = callbacks.create_callback(
        db,
        callbacks.NewCallback(
            "Ewa",
            "+48126165555",
            T0,
            T0 + dt.timedelta(hours=2),
            "akt urodzenia",
            "web",
            unit="USC",
        ),
    )
    assert [c.id for c in callbacks.list_callbacks(db)] == [sooner, later]
    closed = callbacks.close_callback(db, sooner, "done", "Umówiona wizyta", person)
    assert closed is not None and (closed.status, closed.note) == ("done", "Umówiona wizyta")
    assert [c.id for c in callbacks.list_callbacks(db, "new")] == [later]
    with pytest.raises(ValueError):
        callbacks.close_callback(db, later, "new", "", person)
    assert callbacks.close_callback(db, 999_999, "done", "", person) is None


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        (0.5, "około 5 minut"),
        (5, "około 5 minut"),
        (7, "około 10 minut"),
        (21, "około 25 minut"),
        (60, "około 60 minut"),
        (61, "ponad godzinę"),
    ],
)
def test_expected_wait_is_said_in_polish(minutes: float, said: str) -> None:
    assert expected_wait(minutes) == said


def test_queue_message_names_the_place_and_the_wait() -> None:
    assert "pierwsza w kolejce" in queued(1, 3)
    assert "Miejsce w kolejce: 3" in queued(3, 14) and "około 15 minut" in queued(3, 14)
