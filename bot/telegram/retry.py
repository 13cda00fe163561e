"""Telegram's flood limits and back-off on network errors.

Every Bot API call (but getUpdates) passes through the rate limiter: the
AIORateLimiter keeps to Telegram's limits (30 messages a second overall, one a
second per chat in bursts) and waits out ``RetryAfter``; on top of it a
network error (connection refused, time-out, a 5xx) is retried with
exponential back-off and jitter. A time-out may mean Telegram got the message
anyway, so a retried message can (rarely) arrive twice: better than lost.
"""

from __future__ import annotations

import asyncio
import logging
import random
from typing import Any, Awaitable, Callable, Coroutine, Dict, TypeVar

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

logger = logging.getLogger(__name__)

T = TypeVar("T")
ATTEMPTS = 4
FIRST_DELAY = 0.5


async def with_backoff(
    call: Callable[[], Awaitable[T]], what: str, attempts: int = ATTEMPTS
) -> T:
    """Runs ``call``; retries network errors (not bad requests) with growing pauses."""
    delay = FIRST_DELAY
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except BadRequest:
            raise
        except NetworkError as error:
            if attempt == attempts:
                raise
            pause = delay * (1 + random.random() / 2)  # noqa: S311 - jitter, not a secret
            logger.warning(
                "Telegram %s failed (%s), attempt %d of %d; retrying in %.1f s",
                what,
                type(error).__name__,
                attempt,
                attempts,
                pause,
            )
            await asyncio.sleep(pause)
            delay *= 2
    raise AssertionError("unreachable")


class PatientRateLimiter(AIORateLimiter):
    """AIORateLimiter that also retries network errors with back-off."""

    def __init__(self) -> None:
        super().__init__(max_retries=3)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: Dict[str, Any],
        endpoint: str,
        data: Dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        parent = super().process_request

        async def call() -> Any:
            return await parent(callback, args, kwargs, endpoint, data, rate_limit_args)

        return await with_backoff(call, endpoint)
