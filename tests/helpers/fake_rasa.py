"""A fake Rasa input channel (HTTP, in a thread) answering with a long-payload button."""

from __future__ import annotations

import json
import threading
from typing import Any, Dict, List

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.rasa_door import WEBHOOK_PATH
from tests.telegram.fake_api import LoopbackServer

LONG_PAYLOAD = "/inform" + json.dumps(
    {"callback_window": "2026-12-01T07:40:00+01:00/2026-12-01T09:40:00+01:00 " + "x" * 300}
)


class FakeRasa:
    """Rasa's input channel for the gateway: answers every message with one long-payload
    button."""

    def __init__(self) -> None:
        self.received: List[Dict[str, Any]] = []
        self._lock = threading.Lock()
        self.server = LoopbackServer(
            Starlette(routes=[Route(WEBHOOK_PATH, self.webhook, methods=["POST"])])
        )

    async def webhook(self, request: Request) -> JSONResponse:
        body = await request.json()
        with self._lock:
            self.received.append(body)
        return JSONResponse(
            [
                {
                    "recipient_id": body["sender"],
                    "text": "Odpowiedź asystenta",
                    "buttons": [
                        {"title": "Wtorek 7:40–9:40", "payload": LONG_PAYLOAD},
                        {"title": "Anuluj", "payload": "anuluj"},
                    ],
                }
            ]
        )

