"""Live delivery of messages to a resident's open WebSocket(s), in one process.

Replies to a resident's own message travel in the HTTP response; the hub
carries what arrives on its own (a consultant writing, the queue moving).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any, Awaitable, Callable, DefaultDict, Dict, Optional, Set

from starlette.websockets import WebSocket, WebSocketDisconnect

from bot.transcript import OutMessage

logger = logging.getLogger(__name__)

Send = Callable[[Dict[str, Any]], Awaitable[None]]
# Runs on every frame a client sends (its keep-alives); False ends the relay.
OnFrame = Callable[[], Awaitable[bool]]
READY = {"sender": "system", "type": "ready", "text": ""}


class Hub:
    """Maps conversation ids to the senders of their open sockets."""

    def __init__(self) -> None:
        self._subscribers: DefaultDict[str, Set[Send]] = defaultdict(set)

    def subscribe(self, conversation_id: str, send: Send) -> None:
        self._subscribers[conversation_id].add(send)

    def unsubscribe(self, conversation_id: str, send: Send) -> None:
        self._subscribers[conversation_id].discard(send)
        if not self._subscribers[conversation_id]:
            del self._subscribers[conversation_id]

    def count(self, conversation_id: str) -> int:
        return len(self._subscribers.get(conversation_id, ()))

    async def publish(self, conversation_id: str, message: OutMessage) -> None:
        """Pushes a message to every socket of the conversation; dead ones are dropped."""
        for send in list(self._subscribers.get(conversation_id, ())):
            try:
                await send(message.to_json())
            except Exception:  # a closed socket must not stop the others
                logger.info("dropping a closed websocket subscriber")
                self.unsubscribe(conversation_id, send)

    async def relay(
        self, socket: WebSocket, channel: str, on_frame: Optional[OnFrame] = None
    ) -> None:
        """Pushes a channel's messages to an accepted socket until either side closes it."""
        self.subscribe(channel, socket.send_json)
        try:
            await socket.send_json(READY)
            while True:
                await socket.receive_text()  # clients send keep-alives only
                if on_frame is not None and not await on_frame():
                    break
        except WebSocketDisconnect:
            pass
        finally:
            self.unsubscribe(channel, socket.send_json)
