"""Everything stored about one conversation, for a data subject access request.

A supervisor downloads it from the console (bot/console/export.py, audited).
It is gathered from the same tables and tracker store the assistant writes,
so it shows exactly what is kept, including what retention already emptied.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Dict, List, Optional

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db import Database
from bot.models import (
    CallbackRequest,
    ConsultantNote,
    Conversation,
    Handoff,
    Message,
    Report,
    ReportStatusChange,
    TelegramReportChat,
    as_utc,
)
from bot.privacy import tracker_store


def _when(value: Optional[dt.datetime]) -> Optional[str]:
    return as_utc(value).isoformat() if value is not None else None


def _row(row: Any, columns: List[str]) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for name in columns:
        value = getattr(row, name)
        out[name] = _when(value) if isinstance(value, dt.datetime) else value
    return out


def export_conversation(
    db: Database, tracker: Optional[Engine], conversation_id: str, now: dt.datetime
) -> Optional[Dict[str, Any]]:
    """The conversation and everything linked to it; None when there is no such conversation."""
    with db.session() as session:
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            return None
        data: Dict[str, Any] = {
            "exported_at": now.isoformat(),
            "conversation": _row(
                conversation,
                ["id", "channel", "state", "unit", "created_at", "updated_at", "erased_at"],
            ),
            "messages": [
                {
                    **_row(m, ["sender", "text", "payload", "created_at"]),
                    "buttons": json.loads(m.buttons) if m.buttons else [],
                }
                for m in _all(session, Message, Message.conversation_id, conversation_id)
            ],
            "handoffs": [
                _row(h, ["line", "unit", "reason", "requested_at", "taken_at", "ended_at",
                         "consultant_id", "outcome", "callback_offered"])
                for h in _all(session, Handoff, Handoff.conversation_id, conversation_id)
            ],
            "notes": [
                _row(n, ["consultant_id", "text", "created_at"])
                for n in _all(session, ConsultantNote, ConsultantNote.conversation_id,
                              conversation_id)
            ],
            "callbacks": [
                _row(c, ["id", "channel", "name", "phone", "window_start", "window_end", "topic",
                         "unit", "consent", "status", "note", "created_at", "updated_at"])
                for c in _all(session, CallbackRequest, CallbackRequest.conversation_id,
                              conversation_id)
            ],
            "reports": [_report(session, r) for r in
                        _all(session, Report, Report.conversation_id, conversation_id)],
        }
        # The Telegram chat id kept sealed for report notices: that it is kept, and since
        # when (the id itself is the resident's own, and sealed).
        kept = session.get(TelegramReportChat, conversation_id)
        data["telegram_chat_for_report_notices"] = (
            None if kept is None else {"stored_at": _when(kept.created_at)}
        )
    data["tracker_events"] = (
        tracker_store.conversation_events(tracker, conversation_id) if tracker is not None else []
    )
    return data


def _all(session: Session, table: Any, column: Any, conversation_id: str) -> List[Any]:
    return list(
        session.execute(select(table).where(column == conversation_id).order_by(table.id))
        .scalars()
    )


def _report(session: Session, report: Report) -> Dict[str, Any]:
    data = _row(
        report,
        ["reference", "kind", "category", "unit", "description", "location_text", "lat", "lon",
         "contact_name", "contact_phone", "contact_email", "contact_consent", "channel",
         "status", "created_at", "updated_at"],
    )
    data["photo"] = report.photo_path  # the file name; the file itself stays on the server
    data["photo_public"] = bool(report.photo_public)  # shown with the report (Open311)
    data["history"] = [
        _row(step, ["status", "note", "changed_at"])
        for step in _all(session, ReportStatusChange, ReportStatusChange.report_id, report.id)
    ]
    return data
