"""A chat that waits too long in the queue is offered a callback, once."""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List

from bot import clock, transcript
from bot.console.desk import LONG_WAIT, Desk
from bot.db import Database
from bot.handoff import queue
from bot.hub import Hub
from bot.rasa_client import RasaClient
from bot.router import CALLBACK_PAYLOAD, ConversationRouter


async def test_long_waits_get_the_callback_button_once(db: Database) -> None:
    hub = Hub()
    rasa = RasaClient("http://127.0.0.1:9", "unused", 1.0)  # the offer never calls Rasa
    router = ConversationRouter(db, rasa, hub, 10_000, 1_000)
    desk = Desk(db, rasa, hub, router)
    pushed: List[Dict[str, Any]] = []

    async def collect(message: Dict[str, Any]) -> None:
        pushed.append(message)

    now = clock.now()
    old = transcript.create_conversation(db, "web", "a" * 32)
    new = transcript.create_conversation(db, "web", "b" * 32)
    hub.subscribe(old, collect)
    queue.open_handoff(db, old, queue.FIRST_LINE, None, "r", now - dt.timedelta(minutes=11))
    queue.open_handoff(db, new, queue.FIRST_LINE, None, "r", now - dt.timedelta(minutes=2))

    assert await desk.offer_callbacks(dt.timedelta(minutes=10)) == 1
    assert await desk.offer_callbacks(dt.timedelta(minutes=10)) == 0  # not offered twice
    await rasa.close()

    assert [m["text"] for m in pushed] == [LONG_WAIT]  # live on the resident's socket
    assert pushed[0]["buttons"][0]["payload"] == CALLBACK_PAYLOAD
    stored = transcript.history(db, old)
    assert stored[-1].text == LONG_WAIT  # and in the transcript
    assert transcript.history(db, new) == []
