"""Callback requests: stored with consent, listed and closed in the console."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, List, Optional

from sqlalchemy import select

from bot.db import Database
from bot.models import CallbackRequest, as_utc

STATUSES = ("new", "done", "failed")


class NotAllowed(Exception):
    """The consultant may not handle this request (another line or unit)."""


@dataclass(frozen=True)
class NewCallback:
    name: str
    phone: str  # E.164, checked by phonenumbers before it gets here
    window_start: dt.datetime
    window_end: dt.datetime
    topic: str
    channel: str
    conversation_id: Optional[str] = None
    unit: Optional[str] = None


@dataclass(frozen=True)
class CallbackView:
    id: int
    name: Optional[str]  # None once retention or erasure emptied it (bot/privacy/)
    phone: Optional[str]
    window_start: dt.datetime
    window_end: dt.datetime
    topic: str
    unit: Optional[str]
    status: str
    note: Optional[str]
    channel: str
    created_at: dt.datetime



def _view(row: CallbackRequest) -> CallbackView:
    return CallbackView(
        id=int(row.id),
        name=row.name,
        phone=row.phone,
        window_start=as_utc(row.window_start),
        window_end=as_utc(row.window_end),
        topic=str(row.topic),
        unit=row.unit,
        status=str(row.status),
        note=row.note,
        channel=str(row.channel),
        created_at=as_utc(row.created_at),
    )


def create_callback(db: Database, request: NewCallback) -> int:
    """Stores a request the resident consented to; returns its id."""
    with db.session() as session:
        row = CallbackRequest(
            conversation_id=request.conversation_id,
            channel=request.channel,
            name=request.name,
            phone=request.phone,
            window_start=request.window_start,
            window_end=request.window_end,
            topic=request.topic,
            unit=request.unit,
            consent=True,
            status="new",
        )
        session.add(row)
        session.flush()
        return int(row.id)


def list_callbacks(db: Database, status: Optional[str] = None) -> List[CallbackView]:
    """Requests by their window, soonest first; optionally only one status."""
    query = select(CallbackRequest).order_by(CallbackRequest.window_start, CallbackRequest.id)
    if status:
        query = query.where(CallbackRequest.status == status)
    with db.session() as session:
        return [_view(row) for row in session.execute(query).scalars()]


def close_callback(
    db: Database,
    callback_id: int,
    status: str,
    note: str,
    consultant_id: int,
    allowed: Callable[[Optional[str]], bool] = lambda unit: True,
) -> Optional[CallbackView]:
    """Marks a request done or failed with the consultant's note; None when unknown.

    ``allowed(unit)`` says whether this consultant handles the request's unit
    (``NotAllowed`` otherwise), checked in the same transaction as the change.
    """
    if status not in STATUSES[1:]:
        raise ValueError(status)
    with db.session() as session:
        row = session.get(CallbackRequest, callback_id)
        if row is None:
            return None
        if not allowed(row.unit):
            raise NotAllowed(callback_id)
        row.status = status
        row.note = note or None
        row.handled_by = consultant_id
        session.flush()
        return _view(row)
