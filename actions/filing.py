"""Turning a finished form into a stored report or idea."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions import form_input
from bot.db import Database
from bot.models import Conversation
from bot.reports.store import NewReport, ReportView, create_report

NO_PHOTO = "brak"


def channel_of(db: Database, tracker: Tracker) -> str:
    """The resident's channel (web, telegram), known from the gateway's conversation row."""
    with db.session() as session:
        conversation = session.get(Conversation, tracker.sender_id)
        return str(conversation.channel) if conversation else "web"


def file_report(db: Database, tracker: Tracker, kind: str, channel: str) -> ReportView:
    """Stores the form's answers; the contact only when the resident agreed to give it."""
    name, phone, email = form_input.decode_contact(tracker.get_slot("report_contact"))
    consent = tracker.get_slot("report_contact_consent") == "tak" and any((name, phone, email))
    photo = tracker.get_slot("report_photo")
    if kind == "idea":
        category = "pomysl"
        description = str(tracker.get_slot("idea_description"))
        location = tracker.get_slot("idea_location")
        location = None if location == NO_PHOTO else location
    else:
        category = str(tracker.get_slot("report_category"))
        description = str(tracker.get_slot("report_description"))
        location = tracker.get_slot("report_location")
    return create_report(
        db,
        NewReport(
            kind=kind,
            category=category,
            description=description,
            channel=channel,
            location_text=location,
            photo_path=photo if photo and photo != NO_PHOTO and kind == "intervention" else None,
            contact_name=name,
            contact_phone=phone,
            contact_email=email,
            contact_consent=consent,
            conversation_id=tracker.sender_id,
        ),
    )
