"""Live delivery of messages to open WebSockets and Telegram chats.

Replies to a resident's own message travel in the HTTP response; the hub
carries what arrives on its own (a consultant writing, the queue moving).
In one gateway it delivers in-process; with several gateways it publishes
through Redis (``bot.hub_redis``) so every gateway reaches its own sockets.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any, Awaitable, Callable, DefaultDict, Dict, Optional, Set

from starlette.websockets import WebSocket, WebSocketDisconnect

from bot.hub_redis import RedisBus
from bot.transcript import OutMessage

logger = logging.getLogger(__name__)

Send = Callable[[Dict[str, Any]], Awaitable[None]]
# Runs on every frame a client sends (its keep-alives); False ends the relay.
OnFrame = Callable[[], Awaitable[bool]]
OnText = Callable[[str], Awaitable[None]]
READY = {"sender": "system", "type": "ready", "text": ""}


class Hub:
    """Maps conversation ids to the senders of their open sockets."""

    def __init__(self, bus: Optional[RedisBus] = None) -> None:
        self._subscribers: DefaultDict[str, Set[Send]] = defaultdict(set)
        self._bus = bus

    async def start(self) -> None:
        """Starts listening to the other gateways (when there is a Redis bus)."""
        if self._bus is not None:
            await self._bus.start(self._deliver_local)

    async def close(self) -> None:
        if self._bus is not None:
            await self._bus.close()

    def subscribe(self, conversation_id: str, send: Send) -> None:
        self._subscribers[conversation_id].add(send)

    def unsubscribe(self, conversation_id: str, send: Send) -> None:
        self._subscribers[conversation_id].discard(send)
        if not self._subscribers[conversation_id]:
            del self._subscribers[conversation_id]

    def count(self, conversation_id: str) -> int:
        return len(self._subscribers.get(conversation_id, ()))

    async def publish(self, conversation_id: str, message: OutMessage) -> None:
        """Pushes a message to every socket of the channel, on every gateway.

        If Redis is unreachable the message still reaches this gateway's sockets
        (it is in the transcript for the others, which reload it on reconnect).
        """
        await self.signal(conversation_id, message.to_json())

    async def signal(self, conversation_id: str, data: Dict[str, Any]) -> None:
        """Pushes a frame that is no message of the transcript (e.g. ``{"type": "typing"}``)
        the same way; readers that show messages skip it, having no text to show."""
        if self._bus is not None and self._bus.connected:
            try:
                await self._bus.publish(conversation_id, data)
                return
            except Exception as error:
                logger.warning(
                    "Redis publish failed (%s); delivering locally", type(error).__name__
                )
        await self._deliver_local(conversation_id, data)

    async def _deliver_local(self, conversation_id: str, data: Dict[str, Any]) -> None:
        """Sends to this gateway's sockets of the channel; dead ones are dropped."""
        for send in list(self._subscribers.get(conversation_id, ())):
            try:
                await send(data)
            except Exception:  # a closed socket must not stop the others
                logger.info("dropping a closed websocket subscriber")
                self.unsubscribe(conversation_id, send)

    async def relay(
        self,
        socket: WebSocket,
        channel: str,
        on_frame: Optional[OnFrame] = None,
        on_text: Optional[OnText] = None,
    ) -> None:
        """Pushes a channel's messages to an accepted socket until either side closes it.
        Clients send keep-alives, and ``on_text`` gets each frame's text (e.g. a typing
        signal)."""
        self.subscribe(channel, socket.send_json)
        try:
            await socket.send_json(READY)
            while True:
                text = await socket.receive_text()
                if on_text is not None:
                    await on_text(text)
                if on_frame is not None and not await on_frame():
                    break
        except WebSocketDisconnect:
            pass
        finally:
            self.unsubscribe(channel, socket.send_json)
