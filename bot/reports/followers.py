"""Residents following a report someone else filed first (instead of a duplicate).

A follower is a conversation (widget or Telegram) and, with the resident's
consent, an e-mail. Stopping ("nie powiadamiaj mnie") deletes the rows: nothing
about the resident is kept once they no longer want the notices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db import Database
from bot.models import Report, ReportFollower, utcnow


@dataclass(frozen=True)
class Follower:
    conversation_id: str
    channel: str
    email: Optional[str]


def follow(
    db: Database,
    reference: str,
    conversation_id: str,
    channel: str,
    email: Optional[str] = None,
    consent: bool = False,
) -> bool:
    """Adds the conversation as a follower of the report (once); False if there is no
    such report. The e-mail is stored only with ``consent``."""
    with db.session() as session:
        report_id = session.execute(
            select(Report.id).where(Report.reference == reference)
        ).scalar_one_or_none()
        if report_id is None:
            return False
        kept = email if consent and email else None
        row = session.execute(
            select(ReportFollower).where(
                ReportFollower.report_id == report_id,
                ReportFollower.conversation_id == conversation_id,
            )
        ).scalar_one_or_none()
        if row is None:
            row = ReportFollower(
                report_id=report_id, conversation_id=conversation_id, created_at=utcnow()
            )
            session.add(row)
        row.channel = channel
        row.contact_email = kept
        row.contact_consent = kept is not None
        return True


def stop_following(db: Database, conversation_id: str) -> int:
    """Forgets every report this conversation follows; how many it followed."""
    with db.session() as session:
        result = session.execute(
            delete(ReportFollower).where(ReportFollower.conversation_id == conversation_id)
        )
        return int(result.rowcount or 0)


def followers_of(db: Database, reference: str) -> List[Follower]:
    """Who follows the report, oldest first."""
    with db.session() as session:
        rows = session.execute(
            select(ReportFollower)
            .join(Report, Report.id == ReportFollower.report_id)
            .where(Report.reference == reference)
            .order_by(ReportFollower.id)
        ).scalars()
        return [
            Follower(str(row.conversation_id), str(row.channel), row.contact_email) for row in rows
        ]


def move_followers(session: Session, merged_id: int, kept_id: int) -> int:
    """Hands the followers of a merged report to the report it repeats (in the caller's
    transaction); a conversation that already follows the kept report keeps one row.
    Returns how many now follow the kept report because of the merge."""
    already = set(
        session.execute(
            select(ReportFollower.conversation_id).where(ReportFollower.report_id == kept_id)
        ).scalars()
    )
    moved = 0
    rows = session.execute(select(ReportFollower).where(ReportFollower.report_id == merged_id))
    for row in rows.scalars():
        if row.conversation_id in already:
            session.delete(row)
        else:
            row.report_id = kept_id
            already.add(row.conversation_id)
            moved += 1
    return moved
