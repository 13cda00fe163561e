"""Database engine and sessions (SQLAlchemy 1.4 in 2.0 style).

SQLite by default (a file in var/, nothing to install), PostgreSQL by URL.
The web handlers are async, the ORM is sync: they call ``session_scope``
inside Starlette's thread pool.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Dict, Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

# Starlette's thread pool runs up to 40 handlers at once; each holds one connection.
SQLITE_POOL_SIZE = 8
SQLITE_POOL_OVERFLOW = 32


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL and a busy timeout for concurrent writers.

    SQLAlchemy 1.4 gives an SQLite file no pool (``NullPool``): every session opened
    a new connection and ran the PRAGMAs again — about a tenth of the gateway's CPU
    per message under `make bench` (README "Performance"). A file database on a
    pool reuses its connections like PostgreSQL does.
    """
    if url.startswith("sqlite"):
        options: Dict[str, Any] = {}
        if ":memory:" not in url and "mode=memory" not in url:
            options = {
                "poolclass": QueuePool,
                "pool_size": SQLITE_POOL_SIZE,
                "max_overflow": SQLITE_POOL_OVERFLOW,
            }
        engine = create_engine(
            url,
            future=True,
            connect_args={"check_same_thread": False, "timeout": 30},
            **options,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Database:
    """One engine and its session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, future=True, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        session: Session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
