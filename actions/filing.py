"""Turning a finished form into a stored report or idea."""

from __future__ import annotations

from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import form_input
from actions.app_db import database
from bot.db import Database
from bot.models import Conversation
from bot.reports.store import NewReport, ReportView, create_report

NO_PHOTO = "brak"
CANCELLED = "cancelled"
CONFIRMED = "ok"


def latest_text(tracker: Tracker) -> str:
    """What the resident last typed (or the button payload), "" if nothing."""
    return str((tracker.latest_message or {}).get("text") or "")


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
    lat, lon = coordinates(tracker) if kind == "intervention" else (None, None)
    return create_report(
        db,
        NewReport(
            kind=kind,
            lat=lat,
            lon=lon,
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


def coordinates(tracker: Tracker) -> tuple[float | None, float | None]:
    """The shared point of a report (checked to lie in Kraków by the bridge), if any."""
    try:
        return float(tracker.get_slot("report_lat")), float(tracker.get_slot("report_lon"))
    except (TypeError, ValueError):
        return None, None


def contact_line(tracker: Tracker) -> str:
    """The contact as the summary shows it back to the resident."""
    name, phone, email = form_input.decode_contact(tracker.get_slot("report_contact"))
    return ", ".join(x for x in (name, phone, email) if x) or "bez kontaktu"


class FileFormAction:
    """Files a finished form (report or idea), or confirms the cancel; clears the form.

    A mixin, not an Action: rasa_sdk registers every Action subclass by name.
    """

    kind: str
    slots: List[str]
    confirmation_slot: str

    def confirmation(self, filed: ReportView, tracker: Tracker) -> str:
        """What the resident reads once the report or idea is stored."""
        raise NotImplementedError

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        reset: List[EventType] = [SlotSet(slot, None) for slot in self.slots]
        if tracker.get_slot(self.confirmation_slot) != CONFIRMED:
            dispatcher.utter_message(response="utter_report_cancelled")
            return reset
        db = database()
        filed = file_report(db, tracker, kind=self.kind, channel=channel_of(db, tracker))
        dispatcher.utter_message(text=self.confirmation(filed, tracker))
        return reset
