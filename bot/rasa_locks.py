"""Rasa's Redis lock store, made safe for several Rasa replicas (loaded by Rasa).

Rasa OSS 3.6's ``RedisLockStore`` keeps each conversation's ticket lock as one
JSON value and changes it by read, modify, write. Two replicas issuing tickets
for one conversation at the same moment both read the same lock and the later
write drops the earlier ticket: both messages are processed at once and one of
them is lost from the tracker (RasaHQ/rasa#9213; the fix, "ConcurrentRedisLockStore",
was reverted upstream, #11428). tests/test_cluster.py lost one of 16 messages
this way with the stock class.

This subclass keeps Rasa's ticket logic and storage format and only wraps each
read-modify-write step in a short Redis mutex (redis-py's ``Lock``: SET NX with
an expiry, released by a token-checked script), so the steps of different
replicas never overlap. endpoints.cluster.yml names it as the lock store type.
"""

from __future__ import annotations

from typing import Any, Dict

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.lock import Lock

# Holding the mutex takes two Redis round trips; these limits only matter if a
# replica dies while holding it.
MUTEX_EXPIRY_SECONDS = 5.0
MUTEX_WAIT_SECONDS = 10.0


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` whose lock updates are atomic across processes."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        options: Dict[str, Any] = dict(endpoint_config.kwargs)
        options["port"] = int(options.get("port") or 6379)
        options["db"] = int(options.get("db") or 0)
        super().__init__(host=endpoint_config.url or "localhost", **options)

    def _mutex(self, conversation_id: str) -> Lock:
        return self.red.lock(
            f"{self.key_prefix}{conversation_id}:mutex",
            timeout=MUTEX_EXPIRY_SECONDS,
            blocking_timeout=MUTEX_WAIT_SECONDS,
            sleep=0.005,
        )

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
