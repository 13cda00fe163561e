"""The console's audit log: who did what to which account or session, and when.

A module of its own because the accounts, the log-in checks and the
console's auth layer (``bot.console.auth``) all write these rows in their own
transactions, and none of them should have to import another to leave a trace.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy.orm import Session

from bot import clock
from bot.models import AuditEntry


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
