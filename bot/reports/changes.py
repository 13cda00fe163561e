"""What staff do to a report besides its status: hand it to another unit, merge it into
the report it repeats (issue 17, the console's report page).

Both leave a step in the report's history, so the page's history tells what happened
and when without the audit log (which the console writes too):

* reassigning keeps the status and records an internal note "Przekazano z ZDMK do ZZM";
  status answers and Open311 then name the new unit;
* merging closes the repeat with status ``MERGED`` ("połączone"), stores the kept
  report's number in ``merged_into`` and records a note for the resident naming that
  number, so whoever asks about the repeat learns which number to follow. Nothing else
  moves yet: followers and their notices are a later change.
"""

from __future__ import annotations

from typing import Callable, List

from sqlalchemy import select

from bot.db import Database
from bot.models import Report, ReportStatusChange, utcnow
from bot.reports.followers import move_followers
from bot.reports.store import MERGED, ReportView, find_allowed, view_of
from bot.units import UNITS

# Written into the history; the note for the resident is read in status answers and Open311.
REASSIGNED_NOTE = "Przekazano z {old} do {new}."
MERGED_NOTE = "To samo zgłoszenie co {kept}: jego status sprawdzisz pod tym numerem."


class MergeRefused(ValueError):
    """A merge that cannot be done; ``reason`` says why (the console words it)."""

    def __init__(self, reason: str, other: str = "") -> None:
        super().__init__(reason)
        self.reason = reason  # missing | itself | merged | target_merged
        self.other = other  # for target_merged: the report the target is merged into


class UnknownUnit(ValueError):
    """A unit code outside bot/units.py."""


def reassign(
    db: Database,
    reference: str,
    unit: str,
    allowed: Callable[[str], bool] = lambda unit: True,
    note: str | None = None,
) -> ReportView | None:
    """Hands the report to ``unit`` (a code of ``UNITS``); None if there is no such report.

    ``allowed(unit)``: whether the caller handles the report's current unit
    (``NotAllowed`` if not). The same unit again changes nothing.
    """
    if unit not in UNITS:
        raise UnknownUnit(unit)
    with db.session() as session:
        report = find_allowed(session, reference, allowed)
        if report is None:
            return None
        old = str(report.unit)
        if old == unit:
            return view_of(report)
        now = utcnow()
        report.unit = unit
        report.updated_at = now
        steps = [REASSIGNED_NOTE.format(old=old, new=unit)] + ([note] if note else [])
        report.history.append(
            ReportStatusChange(status=report.status, note=" ".join(steps), changed_at=now)
        )
        session.flush()
        return view_of(report)


def merge(
    db: Database,
    reference: str,
    kept: str,
    allowed: Callable[[str], bool] = lambda unit: True,
    note: str | None = None,
) -> ReportView | None:
    """Closes report ``reference`` as a repeat of report ``kept``; None if there is no
    report ``reference``. ``note``: an internal note of the staff, recorded first.

    Refused (``MergeRefused``) when ``kept`` does not exist, is the report itself, or is
    merged itself (a chain would send residents on a hunt), and when the report is
    already merged; ``NotAllowed`` when the caller does not handle the report's unit.
    """
    with db.session() as session:
        report = find_allowed(session, reference, allowed)
        if report is None:
            return None
        if report.merged_into:
            raise MergeRefused("merged", str(report.merged_into))
        if kept == reference:
            raise MergeRefused("itself")
        target = session.execute(
            select(Report.id, Report.merged_into).where(Report.reference == kept)
        ).one_or_none()
        if target is None:
            raise MergeRefused("missing")
        if target.merged_into:
            raise MergeRefused("target_merged", str(target.merged_into))
        now = utcnow()
        report.status = MERGED
        report.merged_into = kept
        # Whoever followed the repeat now hears of the report that is kept.
        move_followers(session, int(report.id), int(target.id))
        report.updated_at = now
        if note:
            report.history.append(ReportStatusChange(status=MERGED, note=note, changed_at=now))
        report.history.append(
            ReportStatusChange(
                status=MERGED, note=MERGED_NOTE.format(kept=kept), public=True, changed_at=now
            )
        )
        session.flush()
        return view_of(report)


def merged_here(db: Database, reference: str) -> List[str]:
    """The numbers of the reports merged into this one, oldest first."""
    with db.session() as session:
        rows = session.execute(
            select(Report.reference).where(Report.merged_into == reference).order_by(Report.id)
        ).scalars()
        return [str(number) for number in rows]
