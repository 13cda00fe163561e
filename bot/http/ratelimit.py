"""Rate limits of the gateway: per client address and per conversation.

A sliding window of request times per key, in this process's memory: enough
to stop one script from flooding a gateway (new chats, log-in attempts,
messages). Several gateways each count their own share; a shared limit would
live in Redis (the scale-out setup).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable, Deque, Dict

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse

TOO_MANY = "Za dużo wiadomości w krótkim czasie. Odczekaj chwilę i spróbuj ponownie."
WINDOW_SECONDS = 60.0
_PRUNE_EVERY = 1000


class RateLimiter:
    """At most ``limit`` events per key within the last minute. Thread-safe: a widget
    message is counted in the database thread that stores it (``transcript.Admission``)."""

    def __init__(self, limit: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self._clock = clock
        self._events: Dict[str, Deque[float]] = {}
        self._calls = 0
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Counts one event for ``key``; False when it is over the limit (not counted)."""
        with self._lock:
            return self._allow(key)

    def _allow(self, key: str) -> bool:
        now = self._clock()
        self._calls += 1
        if self._calls % _PRUNE_EVERY == 0:
            self._prune(now)
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - WINDOW_SECONDS:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` may send again."""
        with self._lock:
            events = self._events.get(key)
            if not events:
                return 0
            return max(1, int(events[0] + WINDOW_SECONDS - self._clock()) + 1)

    def _prune(self, now: float) -> None:
        for key in [k for k, v in self._events.items() if not v or v[-1] <= now - WINDOW_SECONDS]:
            del self._events[key]


@dataclass(frozen=True)
class Limits:
    """The gateway's limiters (settings ``KCK_RATE_*``)."""

    new_chats: RateLimiter
    messages: RateLimiter
    logins: RateLimiter


def client_address(connection: HTTPConnection) -> str:
    """The caller's address: the socket's peer, or, for a request from a proxy named in
    ``KCK_TRUSTED_PROXIES``, the first untrusted address of its X-Forwarded-For (the
    app's ProxyHeadersMiddleware has already put it into the scope)."""
    return connection.client.host if connection.client else "unknown"


def refused(limiter: RateLimiter, key: str) -> JSONResponse:
    return JSONResponse(
        {"error": TOO_MANY},
        status_code=429,
        headers={"Retry-After": str(limiter.retry_after(key))},
    )
