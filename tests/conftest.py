"""Shared fixtures: the real assistant (Rasa + action server + gateway) on test ports.

The stack starts once per test session with its own var/ directory, SQLite
databases and ports, so it never touches a `make run` instance. Set
KCK_TEST_GATEWAY_URL (and KCK_TEST_RASA_URL, KCK_RASA_TOKEN) to test an
already running assistant instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import httpx
import pytest

from bot.migrate import upgrade
from bot.settings import Settings
from bot.stack import Stack


@dataclass
class LiveAssistant:
    gateway_url: str
    rasa_url: str
    rasa_token: str
    var_dir: Path
    stack: Stack | None


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveAssistant]:
    if os.environ.get("KCK_TEST_GATEWAY_URL"):
        yield LiveAssistant(
            gateway_url=os.environ["KCK_TEST_GATEWAY_URL"],
            rasa_url=os.environ.get("KCK_TEST_RASA_URL", "http://127.0.0.1:5005"),
            rasa_token=os.environ["KCK_RASA_TOKEN"],
            var_dir=Path(os.environ.get("KCK_VAR_DIR", "var")),
            stack=None,
        )
        return
    var_dir = tmp_path_factory.mktemp("kck-var")
    settings = Settings(
        var_dir=var_dir, gateway_port=18000, rasa_port=15005, action_port=15055, database_url=""
    )
    upgrade(settings.db_url)
    stack = Stack(settings)
    try:
        stack.start()
    except Exception:
        stack.stop()
        for log in sorted((var_dir / "log").glob("*.log")):
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}")
        raise
    yield LiveAssistant(
        settings.gateway_url, settings.rasa_url, settings.rasa_token, var_dir, stack
    )
    stack.stop()


@pytest.fixture()
def gateway(live: LiveAssistant) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.gateway_url, timeout=60) as client:
        yield client


@pytest.fixture()
def conversation(gateway: httpx.Client) -> dict:
    """A fresh widget conversation: {"conversation_id", "token", "headers"}."""
    created = gateway.post("/api/v1/conversations").json()
    created["headers"] = {"Authorization": f"Bearer {created['token']}"}
    return created
