"""Demo only: the three console accounts ``make run``/``--demo`` creates and prints.

Apart from the real accounts so that nothing outside the demo start-up
(``bot.stack``) reaches for them, and so the demo's fixed logins are easy to
find and to leave out of a production deployment.
"""

from __future__ import annotations

import secrets
from typing import List, Tuple

from bot.console.accounts import create_account, list_accounts, set_password
from bot.console.i18n import N_, _
from bot.db import Database
from bot.handoff.units import SECOND_LINE_UNITS

DEMO_ACCOUNTS: Tuple[Tuple[str, str, str, Tuple[str, ...]], ...] = (
    ("konsultant", N_("Demo consultant"), "consultant", ()),
    ("specjalista", N_("Demo specialist"), "specialist", tuple(SECOND_LINE_UNITS)),
    ("kierownik", N_("Demo supervisor"), "supervisor", ()),
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
