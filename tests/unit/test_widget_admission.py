"""A widget message's token and rate limit are checked in the trip that stores it
(bot/web/widget_api.py, ``transcript.Admission``), in the order every message had before:
the token, then the conversation's limit, then the body. A refused message is never
stored, and a request with a wrong token never uses up the conversation's limit."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
from starlette.testclient import TestClient

from bot import texts, transcript
from bot.app import create_app
from bot.db import Database
from bot.migrate import upgrade
from bot.settings import Settings
from tests.helpers.offline_app import settings_for

LIMIT = 3
pytestmark = pytest.mark.usefixtures("real_clock")


@pytest.fixture()
def setup(tmp_path: Path) -> Iterator[Tuple[TestClient, Settings]]:
    settings = settings_for(tmp_path, rate_messages=LIMIT, max_message_chars=50)
    upgrade(settings.db_url)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client, settings


def _chat(client: TestClient) -> Tuple[str, str, dict, dict]:
    created = client.post("/api/v1/conversations").json()
    path = f"/api/v1/conversations/{created['conversation_id']}/messages"
    good = {"Authorization": f"Bearer {created['token']}"}
    return created["conversation_id"], path, good, {"Authorization": "Bearer wrong"}


def _stored(settings: Settings, conversation_id: str) -> List[str]:
    db = Database(settings.db_url)
    try:
        return [m.text for m in transcript.history(db, conversation_id) if m.sender == "user"]
    finally:
        db.dispose()


def test_the_token_before_the_limit_before_the_body(setup: Tuple[TestClient, Settings]) -> None:
    client, settings = setup
    conversation_id, path, good, wrong = _chat(client)
    for _ in range(LIMIT + 2):  # a wrong token never counts against the conversation
        assert client.post(path, json={"text": "obcy"}, headers=wrong).status_code == 401
    assert client.post(path, json={"text": "ab"}).status_code == 401  # no token at all
    assert client.post(path, content=b"{", headers=wrong).status_code == 401
    assert client.post(path, json={"text": "x" * 51}, headers=wrong).status_code == 401
    assert client.post(path, json={"text": "  "}, headers=wrong).status_code == 401
    empty = client.post(path, json={"text": "  "}, headers=good)  # counts: 1
    assert empty.status_code == 200
    assert empty.json()["messages"][0]["text"] == texts.EMPTY_MESSAGE
    assert client.post(path, content=b"{", headers=good).status_code == 400  # counts: 2
    assert client.post(path, json={"text": "dzień dobry"}, headers=good).status_code == 200  # 3
    over = client.post(path, json={"text": "jeszcze raz"}, headers=good)
    assert over.status_code == 429 and int(over.headers["retry-after"]) >= 1
    assert client.post(path, json={"text": "obcy"}, headers=wrong).status_code == 401
    assert client.post(path, content=b"{", headers=good).status_code == 429
    assert _stored(settings, conversation_id) == ["dzień dobry"]


def test_too_long_after_the_token(setup: Tuple[TestClient, Settings]) -> None:
    client, settings = setup
    conversation_id, path, good, _ = _chat(client)
    assert client.post(path, json={"text": "x" * 51}, headers=good).status_code == 413
    assert client.post(path, json={"text": "ok"}, headers=good).status_code == 200
    assert _stored(settings, conversation_id) == ["ok"]
