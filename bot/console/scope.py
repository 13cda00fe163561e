"""Which callbacks and reports a consultant may see and change (issue 15, finding 10).

The hand-off lines decide, as for chats (``auth.can_see``): first-line
consultants see the first line's work, specialists their own units', and
supervisors everything. A callback or report of one of the second-line units
(``SECOND_LINE_UNITS``) belongs to that unit's specialists; anything else
(no unit, or a unit the first line forwards to, such as ZDMK or MPO) to the
first line. Names and phone numbers in callbacks are seen only by those who
call back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from bot.console.sessions import ConsoleUser
from bot.handoff import staffing
from bot.handoff.queue import FIRST_LINE, SECOND_LINE
from bot.handoff.units import SECOND_LINE_UNITS


def line_of(unit: Optional[str]) -> str:
    return SECOND_LINE if unit in SECOND_LINE_UNITS else FIRST_LINE


def may_handle(user: ConsoleUser, unit: Optional[str]) -> bool:
    """Whether the user sees and changes a callback or report of this unit."""
    line = line_of(unit)
    return staffing.serves(user.role, ",".join(user.units), line, unit)


@dataclass(frozen=True)
class UnitFilter:
    """The same rule as a database filter: everything, only ``units``, or all but ``units``."""

    everything: bool = False
    units: Tuple[str, ...] = ()
    exclude: bool = False


def unit_filter(user: ConsoleUser) -> UnitFilter:
    if user.role == "supervisor":
        return UnitFilter(everything=True)
    if user.role == "specialist":
        return UnitFilter(units=tuple(u for u in user.units if u in SECOND_LINE_UNITS))
    if user.role == "consultant":
        return UnitFilter(units=tuple(SECOND_LINE_UNITS), exclude=True)
    return UnitFilter()  # an unknown role sees nothing
