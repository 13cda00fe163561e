"""Bearer tokens of widget conversations.

The token has 256 bits from ``secrets``; only its SHA-256 is stored, so a
leaked database does not let anyone read or write a conversation.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token() -> str:
    """A fresh unguessable token (43 URL-safe characters)."""
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """The stored form of a token (also used for hashed channel user ids)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def matches(token: str, stored_digest: str) -> bool:
    """Constant-time check of a presented token against the stored digest."""
    return hmac.compare_digest(digest(token), stored_digest)


def keyed_digest(key: bytes, value: str) -> str:
    """HMAC-SHA256 of a channel user id (e.g. a Telegram chat id) under the gateway's key.

    Ids are small integers: a plain hash could be reversed by trying them all,
    the keyed one cannot without the key (``Settings.id_hash_key``)."""
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
