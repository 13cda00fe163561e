"""Rate limits of the gateway (in-process, with low limits): new chats per address,
messages per conversation, log-in attempts per address."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from starlette.testclient import TestClient

from bot.app import create_app
from bot.http.ratelimit import TOO_MANY, RateLimiter
from bot.migrate import upgrade
from bot.settings import Settings


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        var_dir=tmp_path,
        database_url="",
        rasa_port=1,  # nothing listens: messages get the "assistant unavailable" answer
        rate_new_chats=3,
        rate_messages=2,
        rate_logins=2,
        telegram_bot_token="",
    )
    upgrade(settings.db_url)
    with TestClient(create_app(settings), follow_redirects=False) as test_client:
        yield test_client


def test_new_chats_per_address(client: TestClient) -> None:
    assert [client.post("/api/v1/conversations").status_code for _ in range(3)] == [201] * 3
    refused = client.post("/api/v1/conversations")
    assert refused.status_code == 429 and refused.json()["error"] == TOO_MANY
    assert int(refused.headers["retry-after"]) >= 1


def test_messages_per_conversation(client: TestClient) -> None:
    first, second = (client.post("/api/v1/conversations").json() for _ in range(2))
    send = lambda chat: client.post(  # noqa: E731
        f"/api/v1/conversations/{chat['conversation_id']}/messages",
        json={"text": "dzień dobry"},
        headers={"Authorization": f"Bearer {chat['token']}"},
    ).status_code
    assert [send(first), send(first), send(first)] == [200, 200, 429]
    assert send(second) == 200  # another conversation has its own limit


def test_login_attempts_per_address(client: TestClient) -> None:
    def attempt() -> int:
        page = client.get("/console/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        return client.post(
            "/console/login",
            data={"login": "nikt", "password": "zle-haslo-123", "csrf_token": token.group(1)},
        ).status_code

    assert [attempt(), attempt()] == [401, 401]
    third = attempt()
    assert third == 429


def test_the_window_slides() -> None:
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert [limiter.allow("a"), limiter.allow("a"), limiter.allow("a")] == [True, True, False]
    now[0] = 61.0
    assert limiter.allow("a")
