"""The gateway's HTTP client for the Rasa server (one or several replicas).

Messages go through the gateway's own input channel (bot/rasa_channel.py:
Rasa's REST channel behind a shared secret, so no one else can write into a
conversation); the token-protected HTTP API is used for everything else
(status, events).

With several replicas (``KCK_RASA_URLS``) the gateway prefers the first and
moves to the next only when a connection cannot be opened: then the request
never reached Rasa, so sending it elsewhere cannot process a message twice.
A timeout is not retried for the same reason. The replicas share the tracker
store and a Redis lock store, so any of them can take any conversation.

The client is aiohttp's, not httpx's: the profile of the gateway under `make bench`
put a third of its CPU in httpx, and measured alone against a local server httpx
took 1.2-1.6 ms of CPU per request (its pure-Python HTTP/1.1 and anyio layers, and a
failed import of ``sniffio`` on every lock), aiohttp 0.16 ms (README "Performance").
aiohttp is also Rasa's own HTTP client, pinned in requirements.lock.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Sequence

import aiohttp

from bot.rasa_door import FORM_QUESTION_HEADER, SECRET_HEADER, WEBHOOK_PATH
from bot.transcript import OutMessage


class RasaUnavailable(Exception):
    """Rasa did not answer in time or answered with an error."""


@dataclass
class RasaTurn:
    """Rasa's answer to one message: its replies, and the question its form asks once the
    message is handled ("form:slot", "" outside a form; None when the answer did not say,
    e.g. from a Rasa without the gateway's channel: then read it with ``form_question``)."""

    replies: List[OutMessage]
    form_question: str | None


@dataclass
class _Answer:
    """One HTTP answer of Rasa, read whole."""

    status: int
    body: bytes
    headers: Mapping[str, str]

    def json(self) -> Any:
        """The JSON body of a successful answer; ``_Refused`` for an error status."""
        if self.status >= 400:
            raise _Refused(str(self.status))
        return json.loads(self.body)


class _Refused(Exception):
    """Rasa answered with an error status."""


# What "Rasa did not answer properly" looks like: no connection, a dropped one, a
# timeout, an error status, a body that is not JSON.
_FAILURES = (aiohttp.ClientError, asyncio.TimeoutError, _Refused, ValueError)
# Rasa's conversation endpoints answer with the whole tracker, every event serialised
# (AFTER_RESTART) unless told otherwise; the gateway reads the state or the messages only.
NO_EVENTS = {"include_events": "NONE"}


class RasaClient:
    """Talks to the Rasa server, or to the first reachable of its replicas."""

    def __init__(
        self, base_url: str | Sequence[str], token: str, timeout: float, channel_secret: str = ""
    ) -> None:
        self._token = token
        self._channel_headers = {SECRET_HEADER: channel_secret}
        urls = [base_url] if isinstance(base_url, str) else list(base_url)
        self._urls = [url.rstrip("/") for url in urls]
        # Each phase (a connection, then each read) may take ``timeout``, as with httpx.
        self._timeout = aiohttp.ClientTimeout(total=None, connect=timeout, sock_read=timeout)
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        """The connection pool, made on first use inside the gateway's event loop."""
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def _request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: Dict[str, str] | None = None,
        headers: Dict[str, str] | None = None,
    ) -> _Answer:
        """The first replica's answer that could be connected to."""
        last: Exception | None = None
        for url in self._urls:
            try:
                async with self._client().request(
                    method, url + path, json=body, params=params, headers=headers
                ) as response:
                    return _Answer(response.status, await response.read(), response.headers)
            except aiohttp.ClientConnectorError as error:  # never reached it: try the next
                last = error
        assert last is not None
        raise last

    async def send(self, sender_id: str, text: str) -> List[OutMessage]:
        """Sends one resident message; returns the assistant's replies."""
        return (await self.turn(sender_id, text)).replies

    async def turn(self, sender_id: str, text: str) -> RasaTurn:
        """Sends one resident message; returns the replies and what the form asks now
        (bot/rasa_channel.py says it in a header of the same answer)."""
        try:
            response = await self._request(
                "post",
                WEBHOOK_PATH,
                {"sender": sender_id, "message": text},
                headers=self._channel_headers,
            )
            replies = response.json()
        except _FAILURES as error:
            raise RasaUnavailable(type(error).__name__) from error
        messages = [
            _to_message(reply)
            for reply in replies
            if reply.get("text") or reply.get("buttons") or _control(reply)
        ]
        return RasaTurn(messages, response.headers.get(FORM_QUESTION_HEADER))

    async def resume(self, sender_id: str) -> None:
        """Appends ``ConversationResumed`` (and the listen step a resident's next message
        follows), so the bot holds the conversation again and its rules apply as usual."""
        await self._api(
            "post",
            f"/conversations/{sender_id}/tracker/events",
            [{"event": "resume"}, {"event": "action", "name": "action_listen"}],
        )

    async def is_paused(self, sender_id: str) -> bool:
        """Whether Rasa's tracker is paused (a hand-off whose end it never heard of)."""
        return bool((await self._tracker(sender_id)).get("paused"))

    async def active_loop(self, sender_id: str) -> str | None:
        """The form Rasa is filling for this conversation, if any (its name)."""
        loop = (await self._tracker(sender_id)).get("active_loop") or {}
        name = loop.get("name") if isinstance(loop, dict) else None
        return str(name) if name else None

    async def form_question(self, sender_id: str) -> str | None:
        """The question a form is asking now, as ``form:slot``; None outside a form.
        A form button counts only while its question is still the one asked."""
        tracker = await self._tracker(sender_id)
        loop = tracker.get("active_loop") or {}
        name = loop.get("name") if isinstance(loop, dict) else None
        if not name:
            return None
        slot = (tracker.get("slots") or {}).get("requested_slot")
        return f"{name}:{slot}"

    async def _tracker(self, sender_id: str) -> Dict[str, Any]:
        """The conversation's current state (paused, active loop, slots), without events."""
        return await self._api("get", f"/conversations/{sender_id}/tracker")

    async def trigger(self, sender_id: str, intent: str) -> List[OutMessage]:
        """Triggers an external intent (e.g. ``EXTERNAL_handoff_ended``); returns the replies."""
        data = await self._api(
            "post", f"/conversations/{sender_id}/trigger_intent", {"name": intent}
        )
        return [_to_message(reply) for reply in data.get("messages") or []]

    async def _api(self, method: str, path: str, body: Any = None) -> Dict[str, Any]:
        """A call to Rasa's conversation API with the token; the answer's state or messages
        without the conversation's events (``NO_EVENTS``), which no caller reads."""
        try:
            response = await self._request(
                method, path, body, params={"token": self._token, **NO_EVENTS}
            )
            data = response.json()
        except _FAILURES as error:
            raise RasaUnavailable(type(error).__name__) from error
        return data if isinstance(data, dict) else {}

    async def is_ready(self) -> bool:
        """Whether a Rasa replica answers its token-protected status call with a loaded model."""
        try:
            response = await self._request("get", "/status", params={"token": self._token})
            return response.status == 200 and bool(response.json().get("model_file"))
        except _FAILURES:
            return False

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def _to_message(reply: Dict[str, Any]) -> OutMessage:
    buttons = [
        {"title": str(button.get("title", "")), "payload": str(button.get("payload", ""))}
        for button in reply.get("buttons") or []
    ]
    return OutMessage(
        sender="bot", text=str(reply.get("text") or ""), buttons=buttons, control=_control(reply)
    )


def _control(reply: Dict[str, Any]) -> str | None:
    """The gateway instruction a response carries as ``custom: {kck_control: …}``."""
    custom = reply.get("custom")
    value = custom.get("kck_control") if isinstance(custom, dict) else None
    return str(value) if value else None
