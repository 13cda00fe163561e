"""Consultant accounts: creation, argon2 passwords, log-in checks with lock-out, the CLI.

    python -m bot.console.accounts add --login anna --name "Anna Nowak" \\
        --role specialist --units WSA,USC
    python -m bot.console.accounts list
    python -m bot.console.accounts set-password --login anna
    python -m bot.console.accounts deactivate --login anna

The password is read from ``KCK_CONSULTANT_PASSWORD`` when it is set (for
scripts), otherwise asked for twice; never from the command line, where the
process list and the shell history would keep it. There is no default
password anywhere; the demo accounts get random ones each time.

Lock-out: after ``KCK_LOGIN_MAX_FAILURES`` (5) failed attempts within
``KCK_LOGIN_FAILURE_WINDOW_MINUTES`` (15) the account is locked for
``KCK_LOGIN_LOCK_MINUTES`` (15) and its open sessions end; while locked even
the right password is refused; a successful log-in resets the count. Failures
are counted from the audit log's ``login_failed`` rows (their time is there). The caller
shows one message for an unknown login, a wrong password and a locked account,
so the form does not tell anyone which logins exist.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import re
import secrets
import sys
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import clock
from bot.console.i18n import N_, _
from bot.db import Database
from bot.handoff.units import SECOND_LINE_UNITS
from bot.models import AuditEntry, ConsoleSession, Consultant, as_utc
from bot.settings import load as load_settings

ROLES = ("consultant", "specialist", "supervisor")
ROLE_LABELS = {
    "consultant": N_("consultant"),
    "specialist": N_("specialist"),
    "supervisor": N_("supervisor"),
}
MIN_PASSWORD_CHARS = 12
PASSWORD_ENV = "KCK_CONSULTANT_PASSWORD"  # noqa: S105 (the variable's name)
LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")

DEMO_ACCOUNTS: Tuple[Tuple[str, str, str, Tuple[str, ...]], ...] = (
    ("konsultant", N_("Demo consultant"), "consultant", ()),
    ("specjalista", N_("Demo specialist"), "specialist", tuple(SECOND_LINE_UNITS)),
    ("kierownik", N_("Demo supervisor"), "supervisor", ()),
)

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_dummy_hash: Optional[str] = None


class AccountError(ValueError):
    """An account request that cannot be done; the message is Polish."""


@dataclass(frozen=True)
class Account:
    """A consultant as the rest of the console sees it (no password hash)."""

    id: int
    login: str
    display_name: str
    role: str
    units: Tuple[str, ...]
    active: bool
    locked_until: Optional[dt.datetime]
    last_seen_at: Optional[dt.datetime]


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


def role_label(role: str) -> str:
    """The Polish name of a role."""
    return _(ROLE_LABELS[role]) if role in ROLE_LABELS else role


def normalize_login(login: str) -> str:
    return login.strip().lower()


def split_units(units: Optional[str]) -> Tuple[str, ...]:
    """``"WSA,USC"`` → ``("WSA", "USC")``."""
    return tuple(u.strip().upper() for u in (units or "").split(",") if u.strip())


def _account(row: Consultant) -> Account:
    return Account(
        id=int(row.id),
        login=str(row.login),
        display_name=str(row.display_name),
        role=str(row.role),
        units=split_units(row.units),
        active=bool(row.active),
        locked_until=as_utc(row.locked_until) if row.locked_until else None,
        last_seen_at=as_utc(row.last_seen_at) if row.last_seen_at else None,
    )


def hash_password(password: str) -> str:
    """The argon2id hash of an acceptable new password."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(
            _("The password must have at least {chars} characters.").format(
                chars=MIN_PASSWORD_CHARS
            )
        )
    return _hasher.hash(password)


def _check_fields(login: str, display_name: str, role: str, units: Tuple[str, ...]) -> None:
    if not LOGIN_PATTERN.fullmatch(login):
        raise AccountError(
            _(
                "The login must have 2 to 64 characters: lowercase letters without "
                "diacritics, digits, dots, hyphens or underscores."
            )
        )
    if not display_name.strip() or len(display_name) > 120:
        raise AccountError(_("The name must have 1 to 120 characters."))
    if role not in ROLES:
        raise AccountError(
            _("Unknown role. Choose one of: {roles}.").format(roles=", ".join(ROLES))
        )
    unknown = [u for u in units if u not in SECOND_LINE_UNITS]
    if unknown:
        raise AccountError(
            _("Unknown unit codes: {unknown}. Known codes: {known}.").format(
                unknown=", ".join(unknown), known=", ".join(SECOND_LINE_UNITS)
            )
        )
    if role == "specialist" and not units:
        raise AccountError(_("A specialist needs at least one unit."))
    if role != "specialist" and units:
        raise AccountError(_("Only specialists have units."))


def create_account(
    db: Database,
    login: str,
    display_name: str,
    role: str,
    units: Iterable[str],
    password: str,
) -> Account:
    """A new active account; AccountError when a field is wrong or the login is taken."""
    login = normalize_login(login)
    unit_codes = tuple(dict.fromkeys(u.strip().upper() for u in units if u.strip()))
    _check_fields(login, display_name, role, unit_codes)
    password_hash = hash_password(password)
    row = Consultant(
        login=login,
        display_name=display_name.strip(),
        password_hash=password_hash,
        role=role,
        units=",".join(unit_codes),
        active=True,
        failed_logins=0,
        created_at=clock.now(),
    )
    try:
        with db.session() as session:
            session.add(row)
            session.flush()
            add_audit(session, None, "account_created", str(row.id))
            return _account(row)
    except IntegrityError as error:
        raise AccountError(_("The login {login} is already taken.").format(login=login)) from error


def _by_login(session: Session, login: str) -> Consultant:
    row = session.execute(
        select(Consultant).where(Consultant.login == normalize_login(login))
    ).scalar_one_or_none()
    if row is None:
        raise AccountError(_("There is no account {login}.").format(login=normalize_login(login)))
    return row


def _end_sessions(session: Session, consultant_id: int) -> None:
    session.execute(delete(ConsoleSession).where(ConsoleSession.consultant_id == consultant_id))


def set_password(db: Database, login: str, password: str, *, activate: bool = False) -> None:
    """A new password; ends the account's sessions and lifts a lock (``activate``: reopen it)."""
    password_hash = hash_password(password)
    with db.session() as session:
        row = _by_login(session, login)
        row.password_hash = password_hash
        row.failed_logins = 0
        row.locked_until = None
        if activate:
            row.active = True
        _end_sessions(session, int(row.id))
        add_audit(session, None, "password_set", str(row.id))


def deactivate(db: Database, login: str) -> None:
    """Closes the account (kept for the audit log and hand-off history) and ends its sessions."""
    with db.session() as session:
        row = _by_login(session, login)
        row.active = False
        _end_sessions(session, int(row.id))
        add_audit(session, None, "account_deactivated", str(row.id))


def list_accounts(db: Database) -> List[Account]:
    with db.session() as session:
        rows = session.execute(select(Consultant).order_by(Consultant.login)).scalars().all()
        return [_account(row) for row in rows]


def _verify(password_hash: str, password: str) -> bool:
    try:
        return bool(_hasher.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def _spend_verify_time(password: str) -> None:
    """As long as a real check, so the answer time does not tell whether a login exists."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash(secrets.token_urlsafe(16))
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
        found = _account(row) if row is not None else None
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
        if _hasher.check_needs_rehash(password_hash):
            values["password_hash"] = _hasher.hash(password)
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
        _end_sessions(session, consultant_id)
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


def add_audit(
    session: Session,
    consultant_id: Optional[int],
    action: str,
    target: Optional[str] = None,
    at: Optional[dt.datetime] = None,
) -> None:
    """An audit row in the caller's transaction. ``target``: an id or a client address,
    never personal data of residents."""
    session.add(
        AuditEntry(
            consultant_id=consultant_id, action=action[:32], target=target, at=at or clock.now()
        )
    )


def ensure_demo_accounts(db: Database) -> List[Tuple[str, str]]:
    """Demo only: the three demo accounts with fresh random passwords, as (login, password).

    Missing accounts are created; existing ones get a new password (and are
    unlocked and reactivated), so the printed passwords always work.
    """
    existing = {account.login for account in list_accounts(db)}
    credentials = []
    for login, name, role, units in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(12)
        if login in existing:
            set_password(db, login, password, activate=True)
        else:
            create_account(db, login, _(name), role, units, password)
        credentials.append((login, password))
    return credentials


# --- command line -------------------------------------------------------------------------


def _new_password() -> str:
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env is not None:
        return from_env
    first = getpass.getpass(_("New password: "))
    second = getpass.getpass(_("Repeat the password: "))
    if first != second:
        raise AccountError(_("The passwords differ."))
    return first


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.console.accounts",
        description=_(
            "Consultant accounts of the KCK console. The password is read from "
            "KCK_CONSULTANT_PASSWORD or asked for; never give it as an argument."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help=_("create an account"))
    add.add_argument("--login", required=True)
    add.add_argument("--name", required=True, help=_("name shown in the console"))
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--units", default="", help=_("unit codes of a specialist, e.g. WSA,USC"))
    commands.add_parser("list", help=_("list the accounts"))
    for name, text in [
        ("set-password", _("set a new password (ends the account's sessions)")),
        ("deactivate", _("close an account (ends its sessions)")),
    ]:
        commands.add_parser(name, help=text).add_argument("--login", required=True)
    for sub in commands.choices.values():
        # Caught only to refuse it with a reason; argparse would just say "unrecognized".
        sub.add_argument("--password", "-p", help=argparse.SUPPRESS)
    return parser


def _print_accounts(accounts: Sequence[Account], now: dt.datetime) -> None:
    for account in accounts:
        state = _("active") if account.active else _("deactivated")
        if account.locked_until and account.locked_until > now:
            state = _("locked until {time} UTC").format(time=f"{account.locked_until:%H:%M}")
        seen = f"{account.last_seen_at:%Y-%m-%d %H:%M} UTC" if account.last_seen_at else "-"
        print(
            f"{account.login:<20} {account.display_name:<30} {role_label(account.role):<12} "
            f"{','.join(account.units) or '-':<24} {state:<24} {seen}"
        )


def main(argv: Optional[Sequence[str]] = None, db: Optional[Database] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.password is not None:
        parser.error(
            _(
                "A password on the command line would stay in the shell history and the "
                "process list. Set KCK_CONSULTANT_PASSWORD or type it when asked."
            )
        )
    own_db = db is None
    database = db or Database(load_settings().db_url)
    try:
        if args.command == "add":
            account = create_account(
                database,
                args.login,
                args.name,
                args.role,
                split_units(args.units),
                _new_password(),
            )
            print(_("Account {login} created.").format(login=account.login))
        elif args.command == "list":
            _print_accounts(list_accounts(database), clock.now())
        elif args.command == "set-password":
            with database.session() as session:
                _by_login(session, args.login)  # an unknown login before asking for a password
            set_password(database, args.login, _new_password())
            print(_("Password of {login} changed.").format(login=normalize_login(args.login)))
        elif args.command == "deactivate":
            deactivate(database, args.login)
            print(_("Account {login} deactivated.").format(login=normalize_login(args.login)))
    except AccountError as error:
        print(str(error), file=sys.stderr)
        return 1
    finally:
        if own_db:
            database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
