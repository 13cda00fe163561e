"""The gateway's HTTP client for the Rasa server.

Messages go through Rasa's REST channel (``/webhooks/rest/webhook``); the
token-protected HTTP API is used for everything else (status, events).
"""

from __future__ import annotations

from typing import Any, Dict, List

import httpx

from bot.transcript import OutMessage


class RasaUnavailable(Exception):
    """Rasa did not answer in time or answered with an error."""


class RasaClient:
    """Talks to one Rasa server."""

    def __init__(self, base_url: str, token: str, timeout: float) -> None:
        self._token = token
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout)

    async def send(self, sender_id: str, text: str) -> List[OutMessage]:
        """Sends one resident message; returns the assistant's replies."""
        try:
            response = await self._http.post(
                "/webhooks/rest/webhook", json={"sender": sender_id, "message": text}
            )
            response.raise_for_status()
            replies = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from error
        return [
            _to_message(reply) for reply in replies if reply.get("text") or reply.get("buttons")
        ]

    async def resume(self, sender_id: str) -> None:
        """Appends ``ConversationResumed`` (and the listen step a resident's next message
        follows), so the bot holds the conversation again and its rules apply as usual."""
        await self._api(
            "post",
            f"/conversations/{sender_id}/tracker/events",
            [{"event": "resume"}, {"event": "action", "name": "action_listen"}],
        )

    async def trigger(self, sender_id: str, intent: str) -> List[OutMessage]:
        """Triggers an external intent (e.g. ``EXTERNAL_handoff_ended``); returns the replies."""
        data = await self._api(
            "post", f"/conversations/{sender_id}/trigger_intent", {"name": intent}
        )
        return [_to_message(reply) for reply in data.get("messages") or []]

    async def _api(self, method: str, path: str, body: Any) -> Dict[str, Any]:
        try:
            response = await self._http.request(
                method, path, json=body, params={"token": self._token}
            )
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from error
        return data if isinstance(data, dict) else {}

    async def is_ready(self) -> bool:
        """Whether Rasa answers its token-protected status call with a loaded model."""
        try:
            response = await self._http.get("/status", params={"token": self._token})
            return response.status_code == 200 and bool(response.json().get("model_file"))
        except (httpx.HTTPError, ValueError):
            return False

    async def close(self) -> None:
        await self._http.aclose()


def _to_message(reply: Dict[str, Any]) -> OutMessage:
    buttons = [
        {"title": str(button.get("title", "")), "payload": str(button.get("payload", ""))}
        for button in reply.get("buttons") or []
    ]
    return OutMessage(sender="bot", text=str(reply.get("text") or ""), buttons=buttons)
