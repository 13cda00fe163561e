"""The transcript store on SQLite and, when it answers, PostgreSQL (Alembic schema)."""

from __future__ import annotations

from sqlalchemy import text

from bot import transcript
from bot.db import Database
from bot.tokens import new_token
from bot.transcript import OutMessage


def test_transcript_keeps_order_buttons_and_payload(db: Database) -> None:
    token = new_token()
    conversation_id = transcript.create_conversation(db, "web", token)
    transcript.append(db, conversation_id, [OutMessage("user", "Co potrafisz?")], payload="/help")
    buttons = [{"title": "Dowód osobisty", "payload": "jak wyrobić dowód osobisty"}]
    transcript.append(
        db,
        conversation_id,
        [OutMessage("bot", "W czym mogę pomóc?", buttons), OutMessage("bot", "…")],
    )
    assert [m.to_json() for m in transcript.history(db, conversation_id)] == [
        {"sender": "user", "text": "Co potrafisz?"},
        {"sender": "bot", "text": "W czym mogę pomóc?", "buttons": buttons},
        {"sender": "bot", "text": "…"},
    ]


def test_only_the_right_token_opens_a_conversation(db: Database) -> None:
    token = new_token()
    conversation_id = transcript.create_conversation(db, "web", token)
    assert transcript.authorize(db, conversation_id, token) == "bot"
    assert transcript.authorize(db, conversation_id, new_token()) is None
    assert transcript.authorize(db, "0" * 32, token) is None


def test_token_itself_is_never_stored(db: Database) -> None:
    token = new_token()
    transcript.create_conversation(db, "web", token)
    with db.engine.connect() as connection:
        stored = connection.execute(text("SELECT token_hash FROM conversations")).scalars().all()
    assert token not in stored and len(stored[0]) == 64


def test_long_and_hostile_text_round_trips_unchanged(db: Database) -> None:
    conversation_id = transcript.create_conversation(db, "web", new_token())
    texts = ["x" * 10_000, "'; DROP TABLE messages; --", "<script>alert(1)</script>", "😀👍 zażółć"]
    transcript.append(db, conversation_id, [OutMessage("user", t) for t in texts])
    assert [m.text for m in transcript.history(db, conversation_id)] == texts


def test_the_latest_turns_come_newest_first_and_the_state_follows_the_conversation(
    db: Database,
) -> None:
    """What the router judges a pressed button by: the last messages, newest first, with
    their buttons; many messages stored at once keep their order."""
    conversation_id = transcript.create_conversation(db, "web", new_token())
    assert transcript.state_of(db, conversation_id) == "bot"
    assert transcript.state_of(db, "0" * 32) is None
    buttons = [{"title": "Pomiń zdjęcie", "payload": "/skip_photo", "question": "f:photo"}]
    transcript.append(db, conversation_id, [OutMessage("user", "latarnia")], payload=None)
    transcript.append(
        db,
        conversation_id,
        [OutMessage("bot", f"odpowiedź {n}") for n in range(5)]
        + [OutMessage("bot", "Zdjęcie?", buttons)],
    )
    assert transcript.recent_turns(db, conversation_id, 3) == [
        ("bot", buttons),
        ("bot", []),
        ("bot", []),
    ]
    assert [m.text for m in transcript.history(db, conversation_id)][1:6] == [
        f"odpowiedź {n}" for n in range(5)
    ]
    assert len(transcript.recent_turns(db, conversation_id)) == 7
