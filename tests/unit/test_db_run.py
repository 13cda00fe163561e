"""``Database.run``: the database's own threads for a resident's message. It answers like
a direct call, and a cancelled caller hears of it only once the call has ended (so the
conversation's lock is never let go while its write runs)."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Iterator, List

import pytest

from bot.db import Database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'kck.db'}")
    yield database
    database.dispose()


async def test_answers_and_raises_like_the_call(db: Database) -> None:
    assert await db.run(lambda a, b: a + b, 2, 3) == 5
    assert await db.run(threading.get_ident) != threading.get_ident()
    with pytest.raises(ZeroDivisionError):
        await db.run(lambda: 1 / 0)


async def test_a_cancelled_caller_waits_for_the_call_to_end(db: Database) -> None:
    ended: List[str] = []

    def write() -> None:
        time.sleep(0.3)
        ended.append("written")

    async def caller() -> None:
        try:
            await db.run(write)
        except asyncio.CancelledError:
            ended.append("cancelled")
            raise

    task = asyncio.create_task(caller())
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert ended == ["written", "cancelled"]
