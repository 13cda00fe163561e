"""Erasure on request: a resident asks the assistant "usuń moje dane" and confirms.

Rasa answers the confirmation with a marker (``utter_erase_conversation`` in
domain.yml); the gateway's router acts on it after Rasa has saved the tracker,
so nothing Rasa writes afterwards brings the words back. What goes and what stays:

* Rasa's tracker events of the conversation: deleted;
* the transcript (messages) and consultants' notes: deleted;
* photos sent in the conversation: files deleted, reports' ``photo_path`` emptied;
* reports and ideas filed in it: kept under their numbers with category, unit,
  place, description and status (the city's record of the case), without the
  contact name, phone and e-mail;
* callback requests: kept for the statistics without name, phone, topic and
  note; one still waiting is cancelled (status ``failed`` with a note), since
  nobody can be called without a number;
* follows of reports, and the sealed Telegram chat id kept for their notices: deleted;
* hand-offs: kept (they hold no personal data);
* the conversation row: kept for the statistics, marked ``erased_at`` and
  closed, without the hash of its widget token or Telegram chat. The widget's
  token stops working and the resident's next message starts a new chat.

Only a conversation the assistant holds can be erased: while a consultant has
it (or it waits for one) Rasa never sees the resident's messages at all.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine

from bot import kck
from bot.db import Database
from bot.models import (
    AuditEntry,
    CallbackRequest,
    ChatRating,
    ConsultantNote,
    Conversation,
    Message,
    Report,
    ReportFollower,
    TelegramReportChat,
)
from bot.photos import photo_in_payload
from bot.privacy import tracker_store

logger = logging.getLogger(__name__)

CONTROL = "erase_conversation"
CANCELLED_NOTE = "Anulowane: mieszkaniec usunął swoje dane na czacie."


class NotErasable(Exception):
    """The conversation is unknown or a person holds it."""


@dataclass
class Erased:
    """What one erasure did (numbers and counts only)."""

    references: List[str] = field(default_factory=list)  # reports kept without contact
    callbacks_cancelled: int = 0
    tracker_events: int = 0
    messages: int = 0
    photos: int = 0


class Eraser:
    """Erases conversations in the app database, Rasa's tracker store and the photo folder."""

    def __init__(self, db: Database, tracker_url: str, photo_dir: Path) -> None:
        self.db = db
        self.tracker_url = tracker_url
        self.photo_dir = photo_dir
        self._tracker: Optional[Engine] = None

    @property
    def tracker(self) -> Engine:
        if self._tracker is None:
            self._tracker = tracker_store.tracker_engine(self.tracker_url)
        return self._tracker

    def erase(self, conversation_id: str, now: dt.datetime) -> Erased:
        """Erases one conversation (sync: the router calls it in a thread)."""
        with self.db.session() as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation is None or conversation.state not in ("bot", "closed"):
                raise NotErasable(conversation_id)
        # The tracker first: if its store is down, nothing has changed and the
        # resident is told to try again.
        result = Erased()
        result.tracker_events = tracker_store.delete_conversation(self.tracker, conversation_id)
        photos: set[str] = set()
        with self.db.session() as session:
            payloads = session.execute(
                select(Message.payload).where(
                    Message.conversation_id == conversation_id, Message.payload.is_not(None)
                )
            ).scalars()
            photos.update(name for payload in payloads if (name := photo_in_payload(payload)))
            result.messages = int(
                session.execute(
                    delete(Message).where(Message.conversation_id == conversation_id)
                ).rowcount
                or 0
            )
            session.execute(
                delete(ConsultantNote).where(ConsultantNote.conversation_id == conversation_id)
            )
            # Following a report keeps an e-mail: erased with the rest.
            session.execute(
                delete(ReportFollower).where(ReportFollower.conversation_id == conversation_id)
            )
            # The sealed Telegram chat id kept for report notices (bot/reports/telegram_chats.py).
            session.execute(
                delete(TelegramReportChat).where(
                    TelegramReportChat.conversation_id == conversation_id
                )
            )
            # A rating stays for the statistics; its comment may hold personal data.
            session.execute(
                update(ChatRating)
                .where(ChatRating.conversation_id == conversation_id)
                .values(comment=None)
                .execution_options(synchronize_session=False)
            )
            reports = session.execute(
                select(Report.reference, Report.photo_path)
                .where(Report.conversation_id == conversation_id)
                .order_by(Report.id)
            ).all()
            photos.update(str(photo) for _, photo in reports if photo)
            result.references = [str(reference) for reference, _ in reports if reference]
            # updated_at keeps its value: emptying the contact is not a change of the case.
            session.execute(
                update(Report)
                .where(Report.conversation_id == conversation_id)
                .values(
                    photo_path=None,
                    photo_public=False,
                    contact_name=None,
                    contact_phone=None,
                    contact_email=None,
                    updated_at=Report.updated_at,
                )
                .execution_options(synchronize_session=False)
            )
            result.callbacks_cancelled = int(
                session.execute(
                    update(CallbackRequest)
                    .where(
                        CallbackRequest.conversation_id == conversation_id,
                        CallbackRequest.status == "new",
                    )
                    .values(status="failed", note=CANCELLED_NOTE)
                    .execution_options(synchronize_session=False)
                ).rowcount
                or 0
            )
            session.execute(
                update(CallbackRequest)
                .where(CallbackRequest.conversation_id == conversation_id)
                .values(name=None, phone=None, topic="")
                .execution_options(synchronize_session=False)
            )
            conversation = session.get(Conversation, conversation_id)
            assert conversation is not None
            conversation.erased_at = now
            conversation.state = "closed"
            conversation.token_hash = ""
            # In the audit log beside the consultants' actions (no consultant: the resident).
            session.add(AuditEntry(action="erase_conversation", target=conversation_id))
        for name in photos:
            path = self.photo_dir / name
            if Path(name).name == name and path.is_file():
                path.unlink(missing_ok=True)
                result.photos += 1
        return result

    def dispose(self) -> None:
        if self._tracker is not None:
            self._tracker.dispose()


def describe(result: Erased) -> str:
    """What the resident reads once the conversation is erased (Polish)."""
    parts = ["Usunąłem tę rozmowę: jej treść i zapis w asystencie, a także podane w niej "
             "imię, telefon, e-mail i zdjęcia."]
    if len(result.references) == 1:
        parts.append(
            f"Zgłoszenie {result.references[0]} zostaje w systemie (kategoria, miejsce i opis), "
            "bez Twoich danych kontaktowych."
        )
    elif result.references:
        parts.append(
            f"Zgłoszenia {', '.join(result.references)} zostają w systemie (kategoria, miejsce "
            "i opis), bez Twoich danych kontaktowych."
        )
    if result.callbacks_cancelled:
        parts.append("Prośbę o oddzwonienie anulowałem.")
    parts.append("Jeśli napiszesz ponownie, zaczniesz nową rozmowę.")
    return " ".join(parts)


FAILED = (
    "Nie udało się teraz usunąć danych – nic nie zostało zmienione. Spróbuj za chwilę "
    f"albo zadzwoń do KCK: {kck.PHONE} (dni robocze {kck.HOURS})."
)
NOT_NOW = (
    "Tej rozmowy nie mogę teraz usunąć, bo prowadzi ją konsultant. Poproś go o zakończenie "
    "czatu albo napisz „usuń moje dane” po jego zakończeniu."
)
