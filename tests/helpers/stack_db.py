"""A running stack's own SQLite database, for tests that check what a conversation stored."""

from __future__ import annotations

from typing import Iterator

from bot.db import Database


def stack_db(var_dir: object) -> Iterator[Database]:
    """Opens the stack's database for a fixture and closes it after."""
    db = Database(f"sqlite:///{var_dir}/kck.db")
    yield db
    db.dispose()
