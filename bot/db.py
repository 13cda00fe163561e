"""Database engine and sessions (SQLAlchemy 1.4 in 2.0 style).

SQLite by default (a file in var/, nothing to install), PostgreSQL by URL.
The web handlers are async, the ORM is sync: they call ``session_scope``
inside Starlette's thread pool.
"""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterator, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

# Starlette's thread pool runs up to 40 handlers at once; each holds one connection.
SQLITE_POOL_SIZE = 8
SQLITE_POOL_OVERFLOW = 32
# Threads of ``Database.run`` (a resident's message: its token, state and transcript).
DB_THREADS = 8

T = TypeVar("T")


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
    """WAL, foreign keys, and ``synchronous=NORMAL``: in WAL mode a commit then writes the
    log without waiting for ``fsync`` (the log is synced at checkpoints). A committed
    message survives any crash of the processes; only a power cut or a kernel crash can
    take the last commits back. Measured here: 0.33 ms of wall time and 0.10 ms of CPU
    per commit with FULL (SQLite's default), 0.02 / 0.02 ms with NORMAL, and a message
    commits twice (README "Performance"). A deployment that needs more runs PostgreSQL."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Database:
    """One engine and its session factory."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, future=True, expire_on_commit=False)
        # Threads start on first use: a Database that never runs anything costs none.
        self._threads = ThreadPoolExecutor(DB_THREADS, thread_name_prefix="kck-db")

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

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` on one of the database's threads, for the work of every
        resident message. Cheaper than Starlette's ``run_in_threadpool`` (anyio's thread
        trip: 82-99 against 32-35 us of CPU a call, measured alone; a third of the
        gateway's busy CPU per message went to such trips, README "Performance"), and as
        safe: a caller cancelled meanwhile waits for the call to end before it hears of
        the cancellation, so a lock it holds is never released while its write runs."""
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._threads, functools.partial(function, *args))
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            if not future.done():
                await asyncio.wait({future})
            raise

    def dispose(self) -> None:
        self._threads.shutdown(wait=True)
        self.engine.dispose()
