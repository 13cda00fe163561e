"""Settings of a gateway app tested without Rasa: messages get the "assistant unavailable"
answer, Open311 has the tests' key, Telegram is off."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings
from tests.conftest import OPEN311_TEST_KEY


def settings_for(tmp_path: Path, **extra: object) -> Settings:
    return Settings(
        var_dir=tmp_path,
        database_url="",
        rasa_port=1,  # nothing listens: messages get the "assistant unavailable" answer
        open311_api_keys=OPEN311_TEST_KEY,
        telegram_bot_token="",
        **extra,  # type: ignore[arg-type]
    )
