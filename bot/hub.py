"""Live delivery of messages to a resident's open WebSocket(s), in one process.

Replies to a resident's own message travel in the HTTP response; the hub
carries what arrives on its own (a consultant writing, the queue moving).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any, Awaitable, Callable, DefaultDict, Dict, Set

from bot.transcript import OutMessage

logger = logging.getLogger(__name__)

Send = Callable[[Dict[str, Any]], Awaitable[None]]


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
