"""The Telegram chat of a conversation that filed or follows a report, kept for its notices.

The bridge knows a chat's id only in memory (bot/telegram/chats.py): after a
gateway restart it could not send a status change (bot/console/report_notices.py)
to a reporter or follower who has not written since. So, for exactly that
purpose, the chat id of a Telegram conversation that filed or follows an open
report is stored (``telegram_report_chats``), and nothing for any other chat:

* sealed (Fernet: AES-128-CBC with HMAC-SHA256) under a key derived from the
  gateway's ``KCK_ID_HASH_KEY``, so a copy of the database alone reveals no chat
  id (the key is not in the database); never logged;
* deleted by retention when no report of the conversation is left within the
  report contacts' period (bot/privacy/retention.py), and on "usuń moje dane"
  (bot/privacy/erasure.py).

A status notice reaches the bridge on ``NOTICE_CHANNEL`` of the hub; the bridge
sends it with the stored id when no live line of the conversation is open.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Optional

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from bot.db import Database
from bot.models import Report, ReportFollower, TelegramReportChat, utcnow
from bot.reports.store import CLOSED

# Hub channel of status notices for Telegram conversations (the bridge listens).
NOTICE_CHANNEL = "telegram:report-notices"
_PURPOSE = b"kck: Telegram chat ids of reporters and followers, at rest"


def sealer(id_hash_key: bytes) -> Fernet:
    """The cipher of stored chat ids: a key of its own, derived from the gateway's."""
    derived = hmac.new(id_hash_key, _PURPOSE, hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


def has_open_report(db: Database, conversation_id: str) -> bool:
    """True when the conversation filed an open report or follows one."""
    filed = exists().where(
        Report.conversation_id == conversation_id, Report.status.not_in(sorted(CLOSED))
    )
    followed = exists().where(
        ReportFollower.conversation_id == conversation_id,
        ReportFollower.report_id == Report.id,
        Report.status.not_in(sorted(CLOSED)),
    )
    with db.session() as session:
        return bool(session.execute(select(filed | followed)).scalar())


def remember(db: Database, cipher: Fernet, conversation_id: str, chat_id: int) -> bool:
    """Stores the sealed chat id when the conversation has an open report (once); True
    when it is stored now or was already."""
    with db.session() as session:
        if session.get(TelegramReportChat, conversation_id) is not None:
            return True
    if not has_open_report(db, conversation_id):
        return False
    sealed = cipher.encrypt(str(chat_id).encode("ascii")).decode("ascii")
    try:
        with db.session() as session:
            session.add(
                TelegramReportChat(
                    conversation_id=conversation_id, sealed_chat_id=sealed, created_at=utcnow()
                )
            )
    except IntegrityError:  # stored meanwhile by another gateway
        pass
    return True


def recall(db: Database, cipher: Fernet, conversation_id: str) -> Optional[int]:
    """The stored chat id of the conversation, or None (none stored, or sealed under
    another key)."""
    with db.session() as session:
        row = session.get(TelegramReportChat, conversation_id)
        sealed = None if row is None else str(row.sealed_chat_id)
    if sealed is None:
        return None
    try:
        return int(cipher.decrypt(sealed.encode("ascii")))
    except (InvalidToken, ValueError):
        return None
