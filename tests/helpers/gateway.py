"""Gateway helpers: a phrase the live model does not understand, a coroutine in its own loop."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Coroutine

import httpx
import pytest


def run_in_own_loop(coroutine: Coroutine[Any, Any, None]) -> None:
    """Runs a coroutine on a fresh loop in a thread (Playwright's sync API holds this one)."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def vague_message(live) -> str:  # type: ignore[no-untyped-def]
    """A message the model is unsure about (its NLU says nlu_fallback)."""
    for text in ["mam problem", "pies", "informacja", "zapytanie", "xyz", "kot sąsiada"]:
        parsed = httpx.post(
            f"{live.rasa_url}/model/parse",
            params={"token": live.rasa_token},
            json={"text": text},
            timeout=30,
        ).json()
        if parsed["intent"]["name"] == "nlu_fallback":
            return text
    pytest.fail("no vague message falls back: the fallback threshold no longer works")

