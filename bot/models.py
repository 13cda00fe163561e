"""Tables of the app database (see ../shared/design/ARCHITECTURE.md, "Data model").

Schema changes go through Alembic (bot/migrations); never create tables
from these classes outside the tests of a migration.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def new_id() -> str:
    return uuid.uuid4().hex


class Conversation(Base):  # type: ignore[misc,valid-type]
    """One resident's chat on one channel."""

    __tablename__ = "conversations"

    id = Column(String(32), primary_key=True, default=new_id)
    channel = Column(String(16), nullable=False)  # web | telegram
    # SHA-256 of the widget token (web), or HMAC-SHA256 of the channel user id under
    # Settings.id_hash_key (Telegram: the chat id, never stored in plain).
    token_hash = Column(String(64), nullable=False)
    state = Column(String(16), nullable=False, default="bot")  # bot|queued|consultant|closed
    unit = Column(String(32), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)
    # Set when the resident had the conversation erased ("usuń moje dane",
    # bot/privacy/erasure.py): the row stays for the statistics, without its transcript.
    erased_at = Column(DateTime(timezone=True), nullable=True)

    __table_args__ = (Index("ix_conversations_channel_user", "channel", "token_hash"),)

    messages = relationship(
        "Message",
        back_populates="conversation",
        order_by="Message.id",
        cascade="all, delete-orphan",
    )


class Message(Base):  # type: ignore[misc,valid-type]
    """One line of the transcript, in the order it happened."""

    __tablename__ = "messages"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
    )
    sender = Column(String(16), nullable=False)  # user | bot | consultant | system
    text = Column(Text, nullable=False, default="")
    payload = Column(Text, nullable=True)
    buttons = Column(Text, nullable=True)  # JSON list of {"title", "payload"}
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    conversation = relationship("Conversation", back_populates="messages")

    __table_args__ = (Index("ix_messages_conversation", "conversation_id", "id"),)


class Report(Base):  # type: ignore[misc,valid-type]
    """An intervention report or an idea, with its reference number and routing."""

    __tablename__ = "reports"

    id = Column(Integer, primary_key=True, autoincrement=True)
    reference = Column(String(20), unique=True, nullable=True)  # KCK-YYYY-NNNNNN
    kind = Column(String(16), nullable=False)  # intervention | idea
    category = Column(String(32), nullable=False)
    unit = Column(String(16), nullable=False)
    description = Column(Text, nullable=False)
    location_text = Column(Text, nullable=True)
    lat = Column(Float, nullable=True)
    lon = Column(Float, nullable=True)
    photo_path = Column(String(255), nullable=True)
    # Contact only with consent; emptied by retention and erasure (bot/privacy/).
    contact_name = Column(String(120), nullable=True)
    contact_phone = Column(String(20), nullable=True)  # E.164
    contact_email = Column(String(254), nullable=True)
    contact_consent = Column(Boolean, nullable=False, default=False)
    # Answers to the category questions, {code: value} (bot/reports/questions.py).
    attributes = Column(JSON, nullable=True)
    channel = Column(String(16), nullable=False)  # web | telegram | open311
    conversation_id = Column(String(32), nullable=True)
    status = Column(String(16), nullable=False, default="przyjęte")
    # The number of the report this one repeats (status "połączone"), set by staff.
    merged_into = Column(String(20), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)

    __table_args__ = (
        Index("ix_reports_created", "created_at"),
        Index("ix_reports_category_status", "category", "status"),
    )

    history = relationship(
        "ReportStatusChange",
        back_populates="report",
        order_by="ReportStatusChange.id",
        cascade="all, delete-orphan",
    )


class ReportStatusChange(Base):  # type: ignore[misc,valid-type]
    """One step of a report's status history."""

    __tablename__ = "report_status_history"

    id = Column(Integer, primary_key=True, autoincrement=True)
    report_id = Column(Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False)
    status = Column(String(16), nullable=False)
    note = Column(Text, nullable=True)
    # True: the note is for the resident (status answers, Open311); False: staff only.
    public = Column(Boolean, nullable=False, default=False)
    changed_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    report = relationship("Report", back_populates="history")

    __table_args__ = (Index("ix_report_history_report", "report_id", "id"),)


class ReportFollower(Base):  # type: ignore[misc,valid-type]
    """A resident who reported the same problem and asked to hear when it changes.

    The e-mail is kept only with the resident's consent, and only for these notices."""

    __tablename__ = "report_followers"

    id = Column(Integer, primary_key=True, autoincrement=True)
    report_id = Column(Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False)
    conversation_id = Column(String(32), nullable=False)
    channel = Column(String(16), nullable=False)  # web | telegram
    contact_email = Column(String(254), nullable=True)
    contact_consent = Column(Boolean, nullable=False, default=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    __table_args__ = (
        Index("ix_report_followers_report", "report_id"),
        Index("ix_report_followers_conversation", "conversation_id"),
    )


class Handoff(Base):  # type: ignore[misc,valid-type]
    """A conversation waiting for, or held by, a person (../shared/design/ARCHITECTURE.md,
    "Hand-off protocol").

    One row per hand-off; a transfer to a unit's second line ends the row with
    outcome ``transferred`` and opens a new one, so waits are measured per queue.
    """

    __tablename__ = "handoffs"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
    )
    line = Column(String(8), nullable=False)  # first | second
    unit = Column(String(16), nullable=True)  # for the second line: the unit's code
    reason = Column(String(32), nullable=False)  # request_human | fallback | case_status | ...
    requested_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    taken_at = Column(DateTime(timezone=True), nullable=True)
    ended_at = Column(DateTime(timezone=True), nullable=True)
    consultant_id = Column(Integer, ForeignKey("consultants.id"), nullable=True)
    # None while open; done | transferred | callback | abandoned
    outcome = Column(String(16), nullable=True)
    callback_offered = Column(Boolean, nullable=False, default=False)

    __table_args__ = (
        Index("ix_handoffs_open", "ended_at", "line", "unit"),
        Index("ix_handoffs_conversation", "conversation_id"),
    )


class CallbackRequest(Base):  # type: ignore[misc,valid-type]
    """A resident asking to be called back in office hours."""

    __tablename__ = "callback_requests"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(String(32), nullable=True)
    channel = Column(String(16), nullable=False)
    # Emptied (NULL) by retention and by erasure on request (bot/privacy/); the row stays.
    name = Column(String(120), nullable=True)
    phone = Column(String(20), nullable=True)  # E.164
    window_start = Column(DateTime(timezone=True), nullable=False)
    window_end = Column(DateTime(timezone=True), nullable=False)
    topic = Column(Text, nullable=False)
    unit = Column(String(16), nullable=True)
    consent = Column(Boolean, nullable=False, default=False)
    status = Column(String(16), nullable=False, default="new")  # new | done | failed
    note = Column(Text, nullable=True)
    handled_by = Column(Integer, ForeignKey("consultants.id"), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)

    __table_args__ = (Index("ix_callbacks_status", "status", "window_start"),)


class Consultant(Base):  # type: ignore[misc,valid-type]
    """A person who works in the console; created by ``python -m bot.console.accounts_cli``."""

    __tablename__ = "consultants"

    id = Column(Integer, primary_key=True, autoincrement=True)
    login = Column(String(64), unique=True, nullable=False)
    display_name = Column(String(120), nullable=False)
    password_hash = Column(String(255), nullable=False)  # argon2
    role = Column(String(16), nullable=False)  # consultant | specialist | supervisor
    units = Column(String(255), nullable=False, default="")  # comma-separated unit codes
    active = Column(Boolean, nullable=False, default=True)
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime(timezone=True), nullable=True)
    last_seen_at = Column(DateTime(timezone=True), nullable=True)  # "online" = seen lately
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class ConsoleSession(Base):  # type: ignore[misc,valid-type]
    """A console log-in: kept in the database so it survives a gateway restart.

    Only the SHA-256 of the cookie value is stored; the CSRF token belongs to
    the session and is checked on every state-changing request.
    """

    __tablename__ = "console_sessions"

    id = Column(Integer, primary_key=True, autoincrement=True)
    token_hash = Column(String(64), unique=True, nullable=False)
    consultant_id = Column(
        Integer, ForeignKey("consultants.id", ondelete="CASCADE"), nullable=False
    )
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    expires_at = Column(DateTime(timezone=True), nullable=False)


class ConsultantNote(Base):  # type: ignore[misc,valid-type]
    """An internal note on a conversation: seen by consultants, never by the resident."""

    __tablename__ = "consultant_notes"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
    )
    consultant_id = Column(Integer, ForeignKey("consultants.id"), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class AuditEntry(Base):  # type: ignore[misc,valid-type]
    """Who did what in the console (log-ins, taking chats, reading personal data)."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True, autoincrement=True)
    consultant_id = Column(Integer, nullable=True)
    action = Column(String(32), nullable=False)
    target = Column(String(64), nullable=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    __table_args__ = (Index("ix_audit_at", "at"),)


class ChatRating(Base):  # type: ignore[misc,valid-type]
    """The resident's 1–5 rating of an ended chat (bot/csat/): who handled it, where, when.

    One row per question asked: the assistant's chat once per conversation, a person's
    once per hand-off. ``closed`` once nothing more is taken (skipped, commented, moved on).
    """

    __tablename__ = "chat_ratings"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
    )
    handoff_id = Column(Integer, nullable=True)  # None: the assistant alone
    handled_by = Column(String(16), nullable=False)  # assistant | consultant
    consultant_id = Column(Integer, nullable=True)
    unit = Column(String(16), nullable=True)  # a unit's second line; None: KCK's first line
    channel = Column(String(16), nullable=False)
    asked_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    score = Column(Integer, nullable=True)  # 1..5; None: skipped or not answered
    rated_at = Column(DateTime(timezone=True), nullable=True)
    comment = Column(Text, nullable=True)  # may hold personal data: erased, shown redacted
    closed = Column(Boolean, nullable=False, default=False)

    __table_args__ = (Index("ix_chat_ratings_conversation", "conversation_id"),)
