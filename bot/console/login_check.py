"""Log-in checks: the password against the stored hash, the failure count and the lock-out.

Kept apart from the account records (``bot.console.accounts``) because it is
the security-sensitive path the log-in form calls on every attempt, with its
own rules:

Lock-out: after ``KCK_LOGIN_MAX_FAILURES`` (5) failed attempts within
``KCK_LOGIN_FAILURE_WINDOW_MINUTES`` (15) the account is locked for
``KCK_LOGIN_LOCK_MINUTES`` (15) and its open sessions end; while locked even
the right password is refused; a successful log-in resets the count. Failures
are counted from the audit log's ``login_failed`` rows (their time is there). The caller
shows one message for an unknown login, a wrong password and a locked account,
so the form does not tell anyone which logins exist.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot import clock
from bot.console.accounts import Account, end_sessions, hasher, normalize_login, to_account
from bot.console.audit import add_audit
from bot.db import Database
from bot.models import AuditEntry, Consultant, as_utc

_dummy_hash: Optional[str] = None


@dataclass(frozen=True)
class LoginCheck:
    """The outcome of a log-in attempt.

    ``account`` is set only on success. ``consultant_id`` is the id of the
    account the login names, when there is one (for the audit log), and
    ``locked_now`` says this attempt locked it.
    """

    account: Optional[Account]
    consultant_id: Optional[int]
    locked_now: bool = False


def _verify(password_hash: str, password: str) -> bool:
    try:
        return bool(hasher.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def _spend_verify_time(password: str) -> None:
    """As long as a real check, so the answer time does not tell whether a login exists."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hasher.hash(secrets.token_urlsafe(16))
    _verify(_dummy_hash, password)


def check_login(
    db: Database,
    login: str,
    password: str,
    *,
    max_failures: int = 5,
    lock_minutes: int = 15,
    failure_window_minutes: int = 15,
    address: Optional[str] = None,
    now: Optional[dt.datetime] = None,
) -> LoginCheck:
    """Checks a log-in attempt, keeps the failure count and the lock, and audits failures.

    The hash is checked outside any transaction; the count goes up with one
    atomic UPDATE, so simultaneous attempts cannot undercount. ``address``
    (the client's, never the typed login) goes into the audit rows.
    """
    now = now or clock.now()
    with db.session() as session:
        row = session.execute(
            select(Consultant).where(Consultant.login == normalize_login(login))
        ).scalar_one_or_none()
        found = to_account(row) if row is not None else None
        password_hash = str(row.password_hash) if row is not None else ""
    failed = LoginCheck(None, found.id if found else None)
    if found is None or not found.active or (
        found.locked_until is not None and found.locked_until > now
    ):
        _spend_verify_time(password)
        _audit_failure(db, failed.consultant_id, address, now)
        return failed
    if not _verify(password_hash, password):
        window = dt.timedelta(minutes=failure_window_minutes)
        policy = (max_failures, lock_minutes, window)
        return LoginCheck(None, found.id, _count_failure(db, found.id, policy, address, now))
    with db.session() as session:
        values: Dict[str, Any] = {"failed_logins": 0, "locked_until": None, "last_seen_at": now}
        if hasher.check_needs_rehash(password_hash):
            values["password_hash"] = hasher.hash(password)
        session.execute(update(Consultant).where(Consultant.id == found.id).values(**values))
    return LoginCheck(found, found.id)


def _audit_failure(
    db: Database, consultant_id: Optional[int], address: Optional[str], now: dt.datetime
) -> None:
    # The typed login is never logged: it may be a password typed into the wrong field.
    with db.session() as session:
        add_audit(session, consultant_id, "login_failed", address, at=now)


def _count_failure(
    db: Database,
    consultant_id: int,
    policy: Tuple[int, int, dt.timedelta],
    address: Optional[str],
    now: dt.datetime,
) -> bool:
    """Counts a failed attempt; locks the account when ``max_failures`` of them fell within
    the window (since the last success or lock). True when it locked now; a lock ends
    the account's sessions, so whoever guessed nothing but a stolen cookie is out too."""
    max_failures, lock_minutes, window = policy
    with db.session() as session:
        add_audit(session, consultant_id, "login_failed", address, at=now)
        session.execute(
            update(Consultant)
            .where(Consultant.id == consultant_id)
            .values(failed_logins=Consultant.failed_logins + 1)
        )
        session.flush()
        if _recent_failures(session, consultant_id, now - window) < max_failures:
            return False
        locked = session.execute(
            update(Consultant)
            .where(Consultant.id == consultant_id, Consultant.failed_logins >= max_failures)
            .values(failed_logins=0, locked_until=now + dt.timedelta(minutes=lock_minutes))
        )
        if not locked.rowcount:
            return False
        add_audit(session, consultant_id, "login_locked", address, at=now)
        end_sessions(session, consultant_id)
        return True


def _recent_failures(session: Session, consultant_id: int, since: dt.datetime) -> int:
    """Failed attempts (audit rows) after ``since`` and after the last success or lock."""
    last_reset = session.execute(
        select(func.max(AuditEntry.at)).where(
            AuditEntry.consultant_id == consultant_id,
            AuditEntry.action.in_(("login", "login_locked")),
        )
    ).scalar_one_or_none()
    if last_reset is not None and as_utc(last_reset) > since:
        since = as_utc(last_reset)
    count = session.execute(
        select(func.count(AuditEntry.id)).where(
            AuditEntry.consultant_id == consultant_id,
            AuditEntry.action == "login_failed",
            AuditEntry.at > since,
        )
    ).scalar_one()
    return int(count)
