"""The app database as seen from the action server (one engine per process)."""

from __future__ import annotations

from functools import lru_cache

from bot.db import Database
from bot.settings import load


@lru_cache(maxsize=1)
def database() -> Database:
    """The app database of this deployment (KCK_DATABASE_URL, SQLite by default)."""
    return Database(load().db_url)
