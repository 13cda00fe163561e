"""The transcript store on SQLite and, when it answers, PostgreSQL (Alembic schema)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text

from bot import transcript
from bot.db import Database
from bot.migrate import upgrade
from bot.tokens import new_token
from bot.transcript import OutMessage

POSTGRES = os.environ.get(
    "KCK_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test"
)


def _postgres_schema_url() -> Iterator[str]:
    """A throw-away schema in the test database, or skip (fail in CI) when it is down."""
    admin = create_engine(POSTGRES, future=True)
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        admin.dispose()
        if os.environ.get("KCK_REQUIRE_SERVICES") == "1":
            pytest.fail(f"PostgreSQL is required but does not answer: {error}")
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    schema = f"kck_test_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path / 'kck.db'}"])
    else:
        urls = _postgres_schema_url()
    url = next(urls)
    upgrade(url)
    database = Database(url)
    yield database
    database.dispose()
    next(urls, None)


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
