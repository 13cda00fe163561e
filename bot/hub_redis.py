"""Redis pub/sub under the hub, for more than one gateway.

With one gateway the hub delivers in-process. With several (``make run-cluster``,
Kubernetes), a consultant's console may be connected to one gateway and the
resident's widget or Telegram chat to another: every publish then goes through
one Redis channel and each gateway delivers what it hears to its own sockets.
Publishing through Redis even for local sockets keeps the order of messages the
same for every listener and delivers each message exactly once per socket.

Redis keeps nothing here: a message published while a gateway is disconnected
is not replayed to it (the transcript in the database is the record; the widget
and the console reload it when they reconnect).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional

import redis.asyncio as redis

logger = logging.getLogger(__name__)

Deliver = Callable[[str, Dict[str, Any]], Awaitable[None]]
RECONNECT_SECONDS = 1.0


class RedisBus:
    """Publishes hub messages to a Redis channel and hands what it hears to ``deliver``."""

    def __init__(self, url: str, channel: str) -> None:
        self.url = url
        self.channel = channel
        self._client = redis.Redis.from_url(url)
        self._listener: Optional[asyncio.Task[None]] = None
        self._subscribed = asyncio.Event()

    async def start(self, deliver: Deliver) -> None:
        """Starts listening; returns once subscribed (or after 5 s, still retrying)."""
        self._listener = asyncio.create_task(self._listen(deliver))
        try:
            await asyncio.wait_for(self._subscribed.wait(), timeout=5)
        except asyncio.TimeoutError:
            logger.warning("Redis pub/sub not reachable yet; live messages stay local")

    async def publish(self, channel: str, message: Dict[str, Any]) -> None:
        """Sends one message to every gateway (this one included)."""
        data = json.dumps({"channel": channel, "message": message}, ensure_ascii=False)
        await self._client.publish(self.channel, data)

    @property
    def connected(self) -> bool:
        return self._subscribed.is_set()

    async def _listen(self, deliver: Deliver) -> None:
        while True:
            pubsub = self._client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self.channel)
                self._subscribed.set()
                async for raw in pubsub.listen():
                    await self._handle(raw, deliver)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # Redis restarted or unreachable: retry
                self._subscribed.clear()
                logger.warning("Redis pub/sub lost (%s); reconnecting", type(error).__name__)
                await asyncio.sleep(RECONNECT_SECONDS)
            finally:
                await pubsub.close()

    async def _handle(self, raw: Dict[str, Any], deliver: Deliver) -> None:
        try:
            envelope = json.loads(raw["data"])
            await deliver(str(envelope["channel"]), dict(envelope["message"]))
        except (KeyError, TypeError, ValueError):
            logger.warning("ignoring a malformed hub message")

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._listener
        await self._client.close()
