"""A scripted Rasa server at the HTTP level, for unit tests of the gateway's Rasa side.

Why HTTP and not a patched client: the router and ``RasaClient`` are tested together
with the real wire format (paths, the channel's secret header, the API token, JSON), so
a change in either that Rasa would notice fails here too. The fake serves the paths
``bot/rasa_client.py`` calls: the gateway's input channel (whose answer names the
form's question in a header, as bot/rasa_channel.py does), the tracker, its events and
the status; it answers from a script and records what it was sent.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.rasa_door import FORM_QUESTION_HEADER, SECRET_HEADER, WEBHOOK_PATH
from tests.telegram.fake_api import LoopbackServer

Reply = Dict[str, Any]


@dataclass
class Tracker:
    """The part of Rasa's tracker the gateway reads."""

    paused: bool = False
    form: Optional[str] = None
    requested_slot: Optional[str] = None
    events: List[Dict[str, Any]] = field(default_factory=list)

    def as_json(self, sender_id: str) -> Dict[str, Any]:
        return {
            "sender_id": sender_id,
            "paused": self.paused,
            "active_loop": {"name": self.form} if self.form else {},
            "slots": {"requested_slot": self.requested_slot},
        }

    def question(self) -> str:
        """The form's question as the gateway's channel names it ("" outside a form)."""
        return f"{self.form}:{self.requested_slot}" if self.form else ""


class ScriptedRasa:
    """Answers each message with the next scripted reply list (then ``default``).

    ``answers`` holds lists of Rasa's channel responses (``{"text": …, "buttons": …}``);
    an ``int`` in it is an HTTP status the channel answers with instead, a ``float`` a
    delay in seconds before the default answer (a Rasa too slow for the gateway's timeout).
    """

    def __init__(self, secret: str = "", token: str = "") -> None:
        self.secret = secret
        self.token = token
        self.answers: List[Any] = []
        self.default: List[Reply] = [{"text": "Odpowiedź asystenta"}]
        self.received: List[Dict[str, Any]] = []  # bodies of the channel's messages
        self.secrets: List[Optional[str]] = []  # the secret header of each message
        self.api_tokens: List[Optional[str]] = []  # the token of each API call
        # (path, include_events) of each conversation API call: how much tracker it asked for
        self.api_events_asked: List[Tuple[str, Optional[str]]] = []
        self.trackers: Dict[str, Tracker] = {}
        self.model_loaded = True
        # False: answers without the form's question (a Rasa without the gateway's channel).
        self.form_header = True
        self.tracker_reads = 0  # GETs of a tracker
        self._lock = threading.Lock()
        self.server = LoopbackServer(
            Starlette(
                routes=[
                    Route(WEBHOOK_PATH, self._message, methods=["POST"]),
                    Route("/conversations/{sender}/tracker", self._tracker, methods=["GET"]),
                    Route("/conversations/{sender}/tracker/events", self._events, methods=["POST"]),
                    Route("/status", self._status, methods=["GET"]),
                ]
            )
        )

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> ScriptedRasa:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def tracker(self, sender_id: str) -> Tracker:
        with self._lock:
            return self.trackers.setdefault(sender_id, Tracker())

    def texts_received(self) -> List[str]:
        return [body["message"] for body in self.received]

    async def _message(self, request: Request) -> JSONResponse:
        body = await request.json()
        with self._lock:
            self.received.append(body)
            self.secrets.append(request.headers.get(SECRET_HEADER))
            answer = self.answers.pop(0) if self.answers else self.default
        if request.headers.get(SECRET_HEADER) != self.secret:
            return JSONResponse({"error": "forbidden"}, status_code=403)
        if isinstance(answer, float):
            await asyncio.sleep(answer)
            answer = self.default
        if isinstance(answer, int):
            return JSONResponse({"error": "scripted"}, status_code=answer)
        headers = {}
        if self.form_header:
            headers[FORM_QUESTION_HEADER] = self.tracker(body["sender"]).question()
        return JSONResponse(
            [{"recipient_id": body["sender"], **reply} for reply in answer], headers=headers
        )

    def _authorized(self, request: Request) -> bool:
        with self._lock:
            self.api_tokens.append(request.query_params.get("token"))
            if "/conversations/" in request.url.path:
                asked = request.query_params.get("include_events")
                self.api_events_asked.append((request.url.path.rsplit("/", 1)[-1], asked))
        return request.query_params.get("token") == self.token

    async def _tracker(self, request: Request) -> JSONResponse:
        if not self._authorized(request):
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        sender = request.path_params["sender"]
        with self._lock:
            self.tracker_reads += 1
        return JSONResponse(self.tracker(sender).as_json(sender))

    async def _events(self, request: Request) -> JSONResponse:
        if not self._authorized(request):
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        sender = request.path_params["sender"]
        events = await request.json()
        tracker = self.tracker(sender)
        with self._lock:
            tracker.events.extend(events)
            if any(event.get("event") == "resume" for event in events):
                tracker.paused = False
        return JSONResponse(tracker.as_json(sender))

    async def _status(self, request: Request) -> JSONResponse:
        if not self._authorized(request):
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        return JSONResponse({"model_file": "kck.tar.gz" if self.model_loaded else None})


def closed_port_url() -> str:
    """A loopback address nothing listens on: Rasa is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
