"""The two doors the load client knocks at: the widget API (through the gateway) and
Rasa's input channel (what the gateway itself calls, so the two differ only by the
gateway's work).

The gateway target uses the widget API (bot/web/widget_api.py): create a
conversation, POST its messages with the bearer token, and hear a consultant's
messages on the conversation's WebSocket, as the widget does (bot/static/widget/
socket.js: the token in the first frame, then the pushes). The Rasa target sends
the same texts and button payloads to ``POST /webhooks/gateway/webhook`` with
sender/message and the gateway's secret (bot/rasa_channel.py); it has no
consultants, so it cannot hand a chat off.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, AsyncContextManager, AsyncIterator, Dict, List, Optional, Protocol, Tuple

import aiohttp
import httpx

from bot import texts
from bot.rasa_door import SECRET_HEADER, WEBHOOK_PATH

Reply = Dict[str, Any]  # {"text": str, "buttons": [{"title", "payload"}], "sender": str}
Handle = Tuple[str, Dict[str, str]]  # conversation id, the headers its requests carry


class FlowError(Exception):
    """The answer came, but not the one the conversation needs to go on."""


class Target(Protocol):
    name: str
    base_url: str
    can_hand_off: bool

    async def open(self, client: httpx.AsyncClient) -> Handle:
        """A new conversation: its id and the headers its messages carry."""
        ...

    async def send(
        self, client: httpx.AsyncClient, conversation: Handle, text: str, payload: Optional[str]
    ) -> List[Reply]: ...

    def live(self, conversation: Handle) -> AsyncContextManager[Pushes]:
        """The conversation's pushes, open for the ``async with`` block."""
        ...


class Pushes(Protocol):
    async def next(self, timeout: float) -> Reply:
        """The next message pushed to the resident; asyncio.TimeoutError after ``timeout``."""
        ...


WS_READY_SECONDS = 10.0


@dataclass
class SocketPushes:
    """The widget's WebSocket of one conversation: messages only (the "ready" frame and
    typing signals carry no text and are skipped)."""

    socket: aiohttp.ClientWebSocketResponse

    async def next(self, timeout: float) -> Reply:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            frame = await self.socket.receive(timeout=max(0.0, deadline - loop.time()))
            if frame.type != aiohttp.WSMsgType.TEXT:
                raise FlowError(f"the widget's socket closed ({frame.type.name})")
            data = json.loads(frame.data)
            if isinstance(data, dict) and data.get("text") and not data.get("type"):
                return _reply(data)


def _reply(message: Dict[str, Any]) -> Reply:
    return {
        "text": message.get("text") or "",
        "buttons": message.get("buttons") or [],
        "sender": message.get("sender") or "bot",
    }


@dataclass
class GatewayTarget:
    """The widget API: create a conversation, then POST its messages with the bearer token."""

    base_url: str
    name: str = "gateway"
    can_hand_off: bool = True

    async def open(self, client: httpx.AsyncClient) -> Handle:
        response = await client.post("/api/v1/conversations")
        response.raise_for_status()
        created = response.json()
        return created["conversation_id"], {"Authorization": f"Bearer {created['token']}"}

    async def send(
        self, client: httpx.AsyncClient, conversation: Handle, text: str, payload: Optional[str]
    ) -> List[Reply]:
        conversation_id, headers = conversation
        body = {"text": text, "payload": payload} if payload else {"text": text}
        response = await client.post(
            f"/api/v1/conversations/{conversation_id}/messages", json=body, headers=headers
        )
        response.raise_for_status()
        messages = response.json()["messages"]
        if any(m.get("text") == texts.RASA_DOWN for m in messages):
            raise FlowError("the gateway answered that Rasa is unavailable")
        return [_reply(m) for m in messages]

    @asynccontextmanager
    async def live(self, conversation: Handle) -> AsyncIterator[SocketPushes]:
        """The conversation's WebSocket, opened as the widget opens it (the token in the
        first frame), once the gateway said it is ready: nothing pushed after is missed."""
        conversation_id, headers = conversation
        token = headers["Authorization"].split(" ", 1)[1]
        url = f"ws{self.base_url.removeprefix('http')}/api/v1/conversations/{conversation_id}/ws"
        async with aiohttp.ClientSession() as session, session.ws_connect(url) as socket:
            await socket.send_str(json.dumps({"token": token}))
            ready = await socket.receive(timeout=WS_READY_SECONDS)
            is_text = ready.type == aiohttp.WSMsgType.TEXT
            if not is_text or json.loads(ready.data).get("type") != "ready":
                raise FlowError("the widget's socket refused the conversation's token")
            yield SocketPushes(socket)


@dataclass
class RasaTarget:
    """Rasa's input channel, as the gateway calls it (with its secret): the button's
    payload as the message."""

    base_url: str
    channel_secret: str
    name: str = "rasa"
    can_hand_off: bool = False

    async def open(self, client: httpx.AsyncClient) -> Handle:
        return f"bench-{uuid.uuid4().hex}", {}

    async def send(
        self, client: httpx.AsyncClient, conversation: Handle, text: str, payload: Optional[str]
    ) -> List[Reply]:
        sender, _headers = conversation
        response = await client.post(
            WEBHOOK_PATH,
            json={"sender": sender, "message": payload or text},
            headers={SECRET_HEADER: self.channel_secret},
        )
        response.raise_for_status()
        return [_reply(r) for r in response.json()]

    def live(self, conversation: Handle) -> AsyncContextManager[Pushes]:
        raise FlowError("bare Rasa pushes nothing to the resident")


def describe(error: BaseException) -> str:
    if isinstance(error, httpx.HTTPStatusError):
        return f"HTTP {error.response.status_code}"
    if isinstance(error, FlowError):
        return f"wrong answer: {error}"
    return type(error).__name__
