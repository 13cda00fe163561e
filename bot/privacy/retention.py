"""Applies the retention periods: what is past them is deleted or anonymised.

What the supervisor dashboard counts (bot/stats) is never deleted, only
emptied of personal data, so its figures for any past period stay the same:

* conversations: rows kept; a conversation idle past the transcript period
  loses the hash that links it to a widget token or a Telegram chat;
* messages and consultants' notes (not counted): deleted past the transcript period;
* hand-offs: nothing personal, untouched;
* callback requests: rows and status kept; name, phone, topic and note emptied;
* reports and ideas: rows, category, unit, place, description and status kept;
  contact details and the photo removed some time after closing (or when open
  too long); photo files never attached to a report go after the photo period;
* the sealed Telegram chat id of a reporter or follower (kept for status
  notices): deleted once none of the conversation's reports is within the
  report contacts' period any more;
* Rasa's tracker events: rows kept with type, intent, action, time and FAQ
  key; texts, entities and slot values stripped (``tracker_store.anonymise``).

Row updates set ``updated_at`` to its own value: emptying a column is not a
change of the case, and a report's closing time must stay what it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Dict, Optional, Set

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db import Database
from bot.models import (
    CallbackRequest,
    ChatRating,
    ConsultantNote,
    Conversation,
    Message,
    Report,
    ReportFollower,
    TelegramReportChat,
)
from bot.privacy import tracker_store
from bot.privacy.policy import RetentionPolicy
from bot.reports.store import CLOSED


@dataclass
class RetentionResult:
    """How many things one run changed (counts only: never what they contained)."""

    messages_deleted: int = 0
    notes_deleted: int = 0
    conversations_unlinked: int = 0
    callbacks_anonymised: int = 0
    report_contacts_removed: int = 0
    photos_deleted: int = 0
    tracker_events_anonymised: int = 0
    rating_comments_removed: int = 0
    telegram_chats_removed: int = 0

    def as_dict(self) -> Dict[str, int]:
        return asdict(self)


def apply(
    db: Database,
    tracker: Optional[Engine],
    photo_dir: Path,
    policy: RetentionPolicy,
    now: dt.datetime,
    dry_run: bool = False,
) -> RetentionResult:
    """One run at ``now``; with ``dry_run`` it only counts what it would change."""
    result = RetentionResult()
    with db.session() as session:
        _transcripts(session, policy.cutoff(now, "transcripts"), result)
        _callbacks(session, policy.cutoff(now, "callbacks"), result)
        _report_contacts(session, policy, now, result)
        files = _report_photos(session, policy, now, result)
        if dry_run:
            session.rollback()
        else:
            session.commit()
    result.photos_deleted += _delete_files(photo_dir, files, dry_run)
    result.photos_deleted += _orphan_photos(db, photo_dir, policy.cutoff(now, "photos"), dry_run)
    if tracker is not None:
        before = policy.cutoff(now, "tracker").timestamp()
        result.tracker_events_anonymised = tracker_store.anonymise_before(tracker, before, dry_run)
    return result


def _count(session: Session, statement: Any) -> int:
    return int(session.execute(statement).rowcount or 0)


def _transcripts(session: Session, cutoff: dt.datetime, result: RetentionResult) -> None:
    result.messages_deleted = _count(
        session, delete(Message).where(Message.created_at < cutoff)
    )
    result.notes_deleted = _count(
        session, delete(ConsultantNote).where(ConsultantNote.created_at < cutoff)
    )
    # A rating's comment is the resident's words like the transcript; the score stays.
    result.rating_comments_removed = _count(
        session,
        update(ChatRating)
        .where(ChatRating.asked_at < cutoff, ChatRating.comment.is_not(None))
        .values(comment=None)
        .execution_options(synchronize_session=False),
    )
    result.conversations_unlinked = _count(
        session,
        update(Conversation)
        .where(Conversation.updated_at < cutoff, Conversation.token_hash != "")
        .values(token_hash="", updated_at=Conversation.updated_at)
        .execution_options(synchronize_session=False),
    )


def _callbacks(session: Session, cutoff: dt.datetime, result: RetentionResult) -> None:
    result.callbacks_anonymised = _count(
        session,
        update(CallbackRequest)
        .where(
            CallbackRequest.created_at < cutoff,
            or_(
                CallbackRequest.name.is_not(None),
                CallbackRequest.phone.is_not(None),
                CallbackRequest.topic != "",
                CallbackRequest.note.is_not(None),
            ),
        )
        .values(name=None, phone=None, topic="", note=None, updated_at=CallbackRequest.updated_at)
        .execution_options(synchronize_session=False),
    )


def _past(policy: RetentionPolicy, now: dt.datetime, kind: str) -> Any:
    """Reports closed longer ago than ``kind``'s period, or open past the longest period."""
    return or_(
        and_(Report.status.in_(sorted(CLOSED)), Report.updated_at < policy.cutoff(now, kind)),
        Report.created_at < policy.cutoff(now, "open_reports_max"),
    )


def _report_contacts(
    session: Session, policy: RetentionPolicy, now: dt.datetime, result: RetentionResult
) -> None:
    result.report_contacts_removed = _count(
        session,
        update(Report)
        .where(
            _past(policy, now, "report_contacts"),
            or_(
                Report.contact_name.is_not(None),
                Report.contact_phone.is_not(None),
                Report.contact_email.is_not(None),
            ),
        )
        .values(
            contact_name=None,
            contact_phone=None,
            contact_email=None,
            updated_at=Report.updated_at,
        )
        .execution_options(synchronize_session=False),
    )
    # Followers (their conversation and e-mail) go with the reporter's contact.
    past = select(Report.id).where(_past(policy, now, "report_contacts"))
    result.report_contacts_removed += _count(
        session,
        delete(ReportFollower)
        .where(ReportFollower.report_id.in_(past))
        .execution_options(synchronize_session=False),
    )
    # A Telegram chat id kept for notices (bot/reports/telegram_chats.py) goes when the
    # conversation neither filed a report still within the period nor follows one.
    kept = select(Report.conversation_id).where(
        Report.conversation_id.is_not(None), ~_past(policy, now, "report_contacts")
    )
    following = select(ReportFollower.conversation_id)
    result.telegram_chats_removed = _count(
        session,
        delete(TelegramReportChat)
        .where(
            TelegramReportChat.conversation_id.not_in(kept),
            TelegramReportChat.conversation_id.not_in(following),
        )
        .execution_options(synchronize_session=False),
    )


def _report_photos(
    session: Session, policy: RetentionPolicy, now: dt.datetime, result: RetentionResult
) -> Set[str]:
    """Empties ``photo_path`` of reports past the photo period; returns their file names."""
    past = and_(_past(policy, now, "photos"), Report.photo_path.is_not(None))
    names = {str(name) for (name,) in session.execute(select(Report.photo_path).where(past))}
    session.execute(
        update(Report)
        .where(past)
        .values(photo_path=None, photo_public=False, updated_at=Report.updated_at)
        .execution_options(synchronize_session=False)
    )
    return names


def _delete_files(photo_dir: Path, names: Set[str], dry_run: bool) -> int:
    """Deletes the named photo files (plain names inside ``photo_dir`` only)."""
    deleted = 0
    for name in names:
        path = photo_dir / name
        if Path(name).name != name or not path.is_file():
            continue
        if not dry_run:
            path.unlink(missing_ok=True)
        deleted += 1
    return deleted


def _orphan_photos(db: Database, photo_dir: Path, cutoff: dt.datetime, dry_run: bool) -> int:
    """Photos uploaded for a report that was never filed, older than the photo period."""
    if not photo_dir.is_dir():
        return 0
    with db.session() as session:
        used = {
            str(name)
            for (name,) in session.execute(
                select(Report.photo_path).where(Report.photo_path.is_not(None))
            )
        }
    old = {
        path.name
        for path in photo_dir.iterdir()
        if path.is_file()
        and path.name not in used
        and dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc) < cutoff
    }
    return _delete_files(photo_dir, old, dry_run)

