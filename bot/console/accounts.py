"""Consultant accounts: creation, argon2 passwords, changes and the list.

One job: the ``consultants`` rows and the rules for them (login format,
roles, units, password length). Checking a log-in against them and the
lock-out live in ``bot.console.login_check``, the audit rows in
``bot.console.audit``, the demo accounts in ``bot.console.demo_accounts`` and
the command line in ``bot.console.accounts_cli`` (``python -m
bot.console.accounts_cli add|list|set-password|deactivate``), so each can be
read and changed without the others; this module imports none of them. There
is no default password anywhere; the demo accounts get random ones each time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Tuple

from argon2 import PasswordHasher
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import clock
from bot.console.audit import add_audit
from bot.console.i18n import N_, _
from bot.db import Database
from bot.handoff.units import SECOND_LINE_UNITS
from bot.models import ConsoleSession, Consultant, as_utc

ROLES = ("consultant", "specialist", "supervisor")
ROLE_LABELS = {
    "consultant": N_("consultant"),
    "specialist": N_("specialist"),
    "supervisor": N_("supervisor"),
}
MIN_PASSWORD_CHARS = 12
LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")

hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


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


def role_label(role: str) -> str:
    """The Polish name of a role."""
    return _(ROLE_LABELS[role]) if role in ROLE_LABELS else role


def normalize_login(login: str) -> str:
    return login.strip().lower()


def split_units(units: Optional[str]) -> Tuple[str, ...]:
    """``"WSA,USC"`` → ``("WSA", "USC")``."""
    return tuple(u.strip().upper() for u in (units or "").split(",") if u.strip())


def to_account(row: Consultant) -> Account:
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
    return hasher.hash(password)


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
            return to_account(row)
    except IntegrityError as error:
        raise AccountError(_("The login {login} is already taken.").format(login=login)) from error


def row_by_login(session: Session, login: str) -> Consultant:
    row = session.execute(
        select(Consultant).where(Consultant.login == normalize_login(login))
    ).scalar_one_or_none()
    if row is None:
        raise AccountError(_("There is no account {login}.").format(login=normalize_login(login)))
    return row


def end_sessions(session: Session, consultant_id: int) -> None:
    session.execute(delete(ConsoleSession).where(ConsoleSession.consultant_id == consultant_id))


def set_password(db: Database, login: str, password: str, *, activate: bool = False) -> None:
    """A new password; ends the account's sessions and lifts a lock (``activate``: reopen it)."""
    password_hash = hash_password(password)
    with db.session() as session:
        row = row_by_login(session, login)
        row.password_hash = password_hash
        row.failed_logins = 0
        row.locked_until = None
        if activate:
            row.active = True
        end_sessions(session, int(row.id))
        add_audit(session, None, "password_set", str(row.id))


def deactivate(db: Database, login: str) -> None:
    """Closes the account (kept for the audit log and hand-off history) and ends its sessions."""
    with db.session() as session:
        row = row_by_login(session, login)
        row.active = False
        end_sessions(session, int(row.id))
        add_audit(session, None, "account_deactivated", str(row.id))


def list_accounts(db: Database) -> List[Account]:
    with db.session() as session:
        rows = session.execute(select(Consultant).order_by(Consultant.login)).scalars().all()
        return [to_account(row) for row in rows]

