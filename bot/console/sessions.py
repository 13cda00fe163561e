"""Console log-ins kept in ``console_sessions``.

The cookie carries a 256-bit random token; the table keeps only its SHA-256
(``bot.tokens``), so a copy of the database does not let anyone in. Each
session has its own CSRF token, checked on every state-changing request, and
lasts ``KCK_CONSOLE_SESSION_HOURS`` (8: one shift) from log-in, but ends
sooner when unused for ``KCK_CONSOLE_IDLE_MINUTES`` (30): a console left
open on a shared desk. The row's ``expires_at`` is the idle deadline, moved
forward by use (written at most every ``SEEN_EVERY``) and never past the
shift's end, ``created_at`` plus the session's hours.

Every authenticated request also marks the consultant as seen
(``consultants.last_seen_at``), at most every ``SEEN_EVERY`` so that a busy
console does not write on each poll; "online" means seen within the last
two minutes (``bot.handoff.staffing``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Optional, Tuple

from sqlalchemy import delete, or_, select, update

from bot import clock, tokens
from bot.console.accounts import split_units
from bot.db import Database
from bot.handoff import staffing
from bot.models import ConsoleSession, Consultant, as_utc

SEEN_EVERY = dt.timedelta(seconds=30)


@dataclass(frozen=True)
class ConsoleUser:
    """The consultant behind a request, with the CSRF token of their session."""

    id: int
    login: str
    display_name: str
    role: str
    units: Tuple[str, ...]
    csrf_token: str
    session_id: int


@dataclass(frozen=True)
class NewSession:
    """A fresh log-in: ``token`` goes into the cookie and nowhere else."""

    token: str
    user: ConsoleUser
    expires_at: dt.datetime


@dataclass(frozen=True)
class Lifetime:
    """How long a session lasts: at most ``hours`` from log-in, at most ``idle`` unused."""

    hours: int
    idle: Optional[dt.timedelta] = None

    def deadline(self, created_at: dt.datetime, now: dt.datetime) -> dt.datetime:
        end = created_at + dt.timedelta(hours=self.hours)
        return end if self.idle is None else min(end, now + self.idle)


def open_session(
    db: Database,
    consultant_id: int,
    hours: int,
    now: Optional[dt.datetime] = None,
    idle_minutes: Optional[int] = None,
) -> NewSession:
    """A new session for the consultant; expired sessions of everyone are cleared on the way.

    ``expires_at`` of the answer is the shift's end (the cookie's lifetime); the
    stored row ends earlier when ``idle_minutes`` pass without use.
    """
    now = now or clock.now()
    token = tokens.new_token()
    csrf_token = secrets.token_urlsafe(32)
    expires_at = now + dt.timedelta(hours=hours)
    idle = dt.timedelta(minutes=idle_minutes) if idle_minutes else None
    with db.session() as session:
        session.execute(delete(ConsoleSession).where(ConsoleSession.expires_at <= now))
        consultant = session.get(Consultant, consultant_id)
        if consultant is None:
            raise LookupError(consultant_id)
        row = ConsoleSession(
            token_hash=tokens.digest(token),
            consultant_id=consultant_id,
            csrf_token=csrf_token,
            created_at=now,
            expires_at=Lifetime(hours, idle).deadline(now, now),
        )
        session.add(row)
        session.flush()
        user = _user(consultant, row)
    return NewSession(token, user, expires_at)


def _user(consultant: Consultant, row: ConsoleSession) -> ConsoleUser:
    return ConsoleUser(
        id=int(consultant.id),
        login=str(consultant.login),
        display_name=str(consultant.display_name),
        role=str(consultant.role),
        units=split_units(consultant.units),
        csrf_token=str(row.csrf_token),
        session_id=int(row.id),
    )


def find_session(
    db: Database,
    token: str,
    now: Optional[dt.datetime] = None,
    lifetime: Optional[Lifetime] = None,
) -> Optional[ConsoleUser]:
    """The user of a live session with this cookie token (and marks them seen), else None.

    With ``lifetime`` the use moves the idle deadline forward (see the module's docstring).
    """
    now = now or clock.now()
    with db.session() as session:
        found = session.execute(
            select(ConsoleSession, Consultant)
            .join(Consultant, Consultant.id == ConsoleSession.consultant_id)
            .where(
                ConsoleSession.token_hash == tokens.digest(token),
                ConsoleSession.expires_at > now,
                Consultant.active.is_(True),
            )
        ).one_or_none()
        if found is None:
            return None
        row, consultant = found
        if lifetime is not None and lifetime.idle is not None:
            deadline = lifetime.deadline(as_utc(row.created_at), now)
            if deadline - as_utc(row.expires_at) >= SEEN_EVERY:
                row.expires_at = deadline
        seen = consultant.last_seen_at
        if seen is None or as_utc(seen) <= now - SEEN_EVERY:
            consultant.last_seen_at = now
        return _user(consultant, row)


def touch(db: Database, consultant_id: int, now: Optional[dt.datetime] = None) -> None:
    """Marks the consultant seen (for a live WebSocket, which makes no HTTP requests).

    One conditional UPDATE, which writes only when the last mark is older than ``SEEN_EVERY``.
    """
    now = now or clock.now()
    with db.session() as session:
        session.execute(
            update(Consultant)
            .where(
                Consultant.id == consultant_id,
                or_(Consultant.last_seen_at.is_(None), Consultant.last_seen_at <= now - SEEN_EVERY),
            )
            .values(last_seen_at=now)
        )


def close_session(db: Database, session_id: int) -> None:
    """Log-out: the session stops working at once."""
    with db.session() as session:
        session.execute(delete(ConsoleSession).where(ConsoleSession.id == session_id))


def online_consultants(db: Database, line: str, unit: Optional[str]) -> int:
    """How many consultants who would see a chat of this queue were seen in the last 2 minutes.

    ``line`` is ``"first"`` (consultants and supervisors) or ``"second"``
    (specialists of ``unit`` and supervisors), as ``auth.can_see`` decides.
    """
    return staffing.online_count(db, line, unit, clock.now())
