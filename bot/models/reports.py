"""Intervention reports and ideas, their status history and the residents who follow them.

Part of the data model (../shared/design/ARCHITECTURE.md, "Data model"); `bot.models` names all.
"""

from __future__ import annotations

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
from sqlalchemy.orm import relationship

from bot.models.base import Base, utcnow


class Report(Base):
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
    # The resident agreed to show the photo publicly with the report (Open311 media_url).
    photo_public = Column(Boolean, nullable=False, default=False)
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


class ReportStatusChange(Base):
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


class ReportFollower(Base):
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


class TelegramReportChat(Base):
    """The Telegram chat of a conversation that filed or follows a report, so a status
    change reaches it after a gateway restart (bot/reports/telegram_chats.py).

    Kept only for such conversations and only as long as the report contacts
    (retention, erasure); the chat id is sealed under the gateway's key, never plain."""

    __tablename__ = "telegram_report_chats"

    conversation_id = Column(String(32), primary_key=True)
    sealed_chat_id = Column(String(255), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
