"""Who is on duty: consultants whose console was in use in the last two minutes.

The console touches ``last_seen_at`` on every request (and its pages poll),
so a closed browser tab drops out of "online" by itself; nobody has to
remember to set a status.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import select

from bot.db import Database
from bot.handoff.queue import FIRST_LINE
from bot.models import Consultant, as_utc

ONLINE_WINDOW = dt.timedelta(minutes=2)


def serves(role: str, units: str, line: str, unit: Optional[str]) -> bool:
    """Whether a consultant with this role and these units takes chats of that queue.

    Consultants take the first line, specialists the second line of their own
    units, supervisors both.
    """
    if role == "supervisor":
        return True
    if line == FIRST_LINE:
        return role == "consultant"
    return role == "specialist" and unit is not None and unit in units.split(",")


def online_count(db: Database, line: str, unit: Optional[str], now: dt.datetime) -> int:
    """How many active consultants serving that queue were seen within the window."""
    since = now - ONLINE_WINDOW
    with db.session() as session:
        rows = session.execute(
            select(Consultant.role, Consultant.units, Consultant.last_seen_at).where(
                Consultant.active.is_(True), Consultant.last_seen_at.is_not(None)
            )
        ).all()
    return sum(
        1
        for role, units, seen in rows
        if as_utc(seen) >= since and serves(str(role), str(units or ""), line, unit)
    )

