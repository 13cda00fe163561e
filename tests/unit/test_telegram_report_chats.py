"""The Telegram chat id kept for report notices (bot/reports/telegram_chats.py): stored
sealed, only for a conversation that filed or follows an open report, and gone with
retention (once no report of the conversation is within the report contacts' period)
and with "usuń moje dane". On SQLite and PostgreSQL (the ``db`` fixture)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional, Set

from sqlalchemy import select

from bot.db import Database
from bot.models import Conversation, Report, ReportFollower, TelegramReportChat
from bot.privacy import policy as policies
from bot.privacy import retention, tracker_store
from bot.privacy.erasure import Eraser
from bot.privacy.export import export_conversation
from bot.reports import telegram_chats
from tests import dashboard_seed as seeding

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
KEY = b"k" * 32
CIPHER = telegram_chats.sealer(KEY)
CHAT = 6_123_456_789


def _conversation(db: Database, conversation_id: str) -> None:
    with db.session() as session:
        session.add(
            Conversation(id=conversation_id, channel="telegram", token_hash="h" * 64,
                         created_at=NOW, updated_at=NOW)
        )


def _report(
    db: Database, reference: str, conversation_id: Optional[str], status: str,
    updated: dt.datetime, follower: Optional[str] = None,
) -> None:
    with db.session() as session:
        report = Report(reference=reference, kind="intervention", category="oswietlenie",
                        unit="ZDMK", description="latarnia nie świeci", channel="telegram",
                        conversation_id=conversation_id, status=status,
                        created_at=updated - dt.timedelta(days=5), updated_at=updated)
        session.add(report)
        session.flush()
        if follower:
            session.add(ReportFollower(report_id=report.id, conversation_id=follower,
                                       channel="telegram", created_at=updated))


def _stored(db: Database) -> Set[str]:
    with db.session() as session:
        return set(session.execute(select(TelegramReportChat.conversation_id)).scalars())


def test_only_a_conversation_with_an_open_report_keeps_its_chat_sealed(db: Database) -> None:
    for name in ("asks", "files", "follows", "closed"):
        _conversation(db, name)
    _report(db, "KCK-2026-000001", "files", "przyjęte", NOW, follower="follows")
    _report(db, "KCK-2026-000002", "closed", "załatwione", NOW)

    for offset, name in enumerate(("asks", "files", "follows", "closed")):
        telegram_chats.remember(db, CIPHER, name, CHAT + offset)
    assert _stored(db) == {"files", "follows"}
    with db.session() as session:
        sealed = [row.sealed_chat_id for row in session.execute(select(TelegramReportChat))
                  .scalars()]
    assert not [v for v in sealed for i in range(4) if str(CHAT + i) in v]  # never plain
    assert telegram_chats.recall(db, CIPHER, "files") == CHAT + 1
    assert telegram_chats.recall(db, CIPHER, "follows") == CHAT + 2
    assert telegram_chats.recall(db, CIPHER, "asks") is None
    # Under another key (KCK_ID_HASH_KEY replaced) the stored id cannot be read.
    assert telegram_chats.recall(db, telegram_chats.sealer(b"x" * 32), "files") is None
    # A second remember changes nothing.
    assert telegram_chats.remember(db, CIPHER, "files", CHAT + 1)
    assert telegram_chats.recall(db, CIPHER, "files") == CHAT + 1


def test_retention_forgets_the_chat_once_no_report_is_within_the_contact_period(
    db: Database, tmp_path: Path
) -> None:
    days = dt.timedelta(days=1)
    # (conversation, its report's status, last change): kept or gone at NOW?
    cases = {
        "open": ("w realizacji", NOW - 3 * days),  # kept: open
        "closed-recently": ("załatwione", NOW - 10 * days),  # kept: within 30 days
        "closed-long-ago": ("załatwione", NOW - 40 * days),  # gone
        "open-too-long": ("przyjęte", NOW - 400 * days),  # gone: past the longest period
    }
    for number, (name, (status, updated)) in enumerate(cases.items(), start=1):
        _conversation(db, name)
        _report(db, f"KCK-2026-1{number:05d}", name, "przyjęte", NOW)
        telegram_chats.remember(db, CIPHER, name, CHAT + number)
        with db.session() as session:
            report = session.execute(
                select(Report).where(Report.conversation_id == name)
            ).scalar_one()
            report.status, report.updated_at = status, updated
            report.created_at = min(updated, NOW - 5 * days)
    # A follower of an open report keeps its chat; one of a report closed long ago does not.
    for name in ("follows-open", "follows-old"):
        _conversation(db, name)
    _report(db, "KCK-2026-200001", None, "przyjęte", NOW, follower="follows-open")
    telegram_chats.remember(db, CIPHER, "follows-open", CHAT + 10)
    _report(db, "KCK-2026-200002", None, "przyjęte", NOW, follower="follows-old")
    telegram_chats.remember(db, CIPHER, "follows-old", CHAT + 11)
    with db.session() as session:
        report = session.execute(
            select(Report).where(Report.reference == "KCK-2026-200002")
        ).scalar_one()
        report.status, report.updated_at = "odrzucone", NOW - 60 * days
    assert len(_stored(db)) == 6

    policy = policies.load()  # the shipped bot/retention.yml
    dry = retention.apply(db, None, tmp_path, policy, NOW, dry_run=True)
    assert dry.telegram_chats_removed == 3 and len(_stored(db)) == 6
    done = retention.apply(db, None, tmp_path, policy, NOW)
    assert done.telegram_chats_removed == 3
    assert _stored(db) == {"open", "closed-recently", "follows-open"}
    assert retention.apply(db, None, tmp_path, policy, NOW).telegram_chats_removed == 0


def test_erasure_forgets_the_chat_and_the_export_shows_it(db: Database, tmp_path: Path) -> None:
    _conversation(db, "erased")
    _conversation(db, "other")
    _report(db, "KCK-2026-300001", "erased", "przyjęte", NOW)
    _report(db, "KCK-2026-300002", "other", "przyjęte", NOW)
    telegram_chats.remember(db, CIPHER, "erased", CHAT)
    telegram_chats.remember(db, CIPHER, "other", CHAT + 1)
    # The access request shows that it is kept (not the id).
    exported = export_conversation(db, None, "erased", NOW)
    assert exported is not None and exported["telegram_chat_for_report_notices"]["stored_at"]
    assert str(CHAT) not in str(exported)
    tracker_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    tracker = tracker_store.tracker_engine(tracker_url)
    seeding.create_events_table(tracker)
    tracker.dispose()
    eraser = Eraser(db, tracker_url, tmp_path)
    try:
        eraser.erase("erased", NOW)
    finally:
        eraser.dispose()
    assert _stored(db) == {"other"}
    assert telegram_chats.recall(db, CIPHER, "erased") is None
    exported = export_conversation(db, None, "erased", NOW)
    assert exported is not None and exported["telegram_chat_for_report_notices"] is None
