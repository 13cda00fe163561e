"""The console's accounts, sessions, notes on chats, audit log and ready answers.

Part of the data model (../shared/design/ARCHITECTURE.md, "Data model"); `bot.models` names all.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Text

from bot.models.base import Base, utcnow


class Consultant(Base):
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


class ConsoleSession(Base):
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


class ConsultantNote(Base):
    """An internal note on a conversation: seen by consultants, never by the resident."""

    __tablename__ = "consultant_notes"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
    )
    consultant_id = Column(Integer, ForeignKey("consultants.id"), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class AuditEntry(Base):
    """Who did what in the console (log-ins, taking chats, reading personal data)."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True, autoincrement=True)
    consultant_id = Column(Integer, nullable=True)
    action = Column(String(32), nullable=False)
    target = Column(String(64), nullable=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    __table_args__ = (Index("ix_audit_at", "at"),)


class ReadyAnswer(Base):
    """A ready answer supervisors write (who saved it: the audit log; bot/console/answer_store)."""

    __tablename__ = "ready_answers"
    id = Column(Integer, primary_key=True, autoincrement=True)
    title = Column(String(120), nullable=False)
    text = Column(Text, nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)
