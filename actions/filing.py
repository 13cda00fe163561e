"""Turning a finished form into a stored report or idea."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import List, Sequence

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import DBAPIError

from actions import form_input
from actions.app_db import database
from actions.checked_values import confirmed_point, photo_of_conversation, well_formed
from bot import kck
from bot.db import Database
from bot.models import Conversation, utcnow
from bot.reports import details
from bot.reports.duplicates import find_just_filed
from bot.reports.routing import CATEGORIES
from bot.reports.store import NewReport, ReportView, create_report

logger = logging.getLogger(__name__)

NO_PHOTO = "brak"
CANCELLED = "cancelled"
CONFIRMED = "ok"
# Waits between attempts when the database does not answer: about 15 s in all,
# the length of a database restart or fail-over, well inside Rasa's and the
# gateway's time limits for one action.
RETRY_DELAYS: Sequence[float] = (0.5, 1.0, 2.0, 4.0, 4.0, 4.0)
NOT_STORED = (
    "Przepraszam – nie udało mi się teraz zapisać Twojego {what}: baza danych "
    "chwilowo nie odpowiada. Nic nie zostało zapisane. Spróbuj ponownie za kilka "
    f"minut albo zadzwoń do Krakowskiego Centrum Kontaktu: tel. {kck.PHONE} "
    f"(pn–pt {kck.HOURS})."
)


NOT_CHECKED = (
    "Coś w formularzu się nie zgadza, więc niczego nie zapisałem. "
    "Zacznij proszę jeszcze raz – napisz na przykład „zgłoś problem”."
)


class NotStored(Exception):
    """The database did not answer through every retry: nothing was stored."""


class Malformed(ValueError):
    """A slot holds something no form answer could (only a forged tracker gets here)."""


def _text_slot(tracker: Tracker, slot: str, required: bool = True) -> str | None:
    """A slot's text, checked again before it is stored: bounded text or nothing."""
    value = tracker.get_slot(slot)
    if value is None and not required:
        return None
    if not well_formed(value) or (required and not str(value).strip()):
        raise Malformed(slot)
    return str(value)


def channel_of(db: Database, tracker: Tracker) -> str:
    """The resident's channel (web, telegram), known from the gateway's conversation row."""
    with db.session() as session:
        conversation = session.get(Conversation, tracker.sender_id)
        return str(conversation.channel) if conversation else "web"


def file_report(db: Database, tracker: Tracker, kind: str, channel: str) -> ReportView:
    """Stores the form's answers; the contact only when the resident agreed to give it.

    Every value is checked again (``Malformed`` otherwise): the photo must be one
    this conversation uploaded, and the point is the one in the confirmed place. The
    photo is public only when the resident said so (actions/report_photo.py).
    """
    name, phone, email = form_input.decode_contact(_text_slot(tracker, "report_contact", False))
    consent = tracker.get_slot("report_contact_consent") == "tak" and any((name, phone, email))
    photo = _text_slot(tracker, "report_photo", False)
    if photo not in (None, NO_PHOTO) and not photo_of_conversation(db, tracker.sender_id, photo):
        photo = None
    attributes: dict[str, str] = {}
    if kind == "idea":
        category = "pomysl"
        description = _text_slot(tracker, "idea_description")
        location = _text_slot(tracker, "idea_location", False)
        location = None if location == NO_PHOTO else location
    else:
        category = str(_text_slot(tracker, "report_category"))
        if category not in CATEGORIES:
            raise Malformed("report_category")
        description = _text_slot(tracker, "report_description")
        location = _text_slot(tracker, "report_location")
        answers = details.decode(_text_slot(tracker, "report_details", False))
        attributes = details.attributes_to_store(category, answers)
    # Never the coordinate slots: any later payload can set those.
    lat, lon = confirmed_point(location) if kind == "intervention" else (None, None)
    return create_report(
        db,
        NewReport(
            kind=kind,
            lat=lat,
            lon=lon,
            category=category,
            description=str(description),
            channel=channel,
            location_text=location,
            photo_path=photo if photo and photo != NO_PHOTO and kind == "intervention" else None,
            # Published only on a plain "tak" to the question after the photo.
            photo_public=tracker.get_slot("report_photo_public") == "tak",
            contact_name=name,
            contact_phone=phone,
            contact_email=email,
            contact_consent=consent,
            conversation_id=tracker.sender_id,
            attributes=attributes,
        ),
    )


def file_once(db: Database, tracker: Tracker, kind: str, retry: bool) -> ReportView:
    """One attempt; a retry first looks for the report the lost answer may have stored."""
    if retry:
        slot = "idea_description" if kind == "idea" else "report_description"
        description = tracker.get_slot(slot)
        since = utcnow() - dt.timedelta(minutes=10)
        done = find_just_filed(db, tracker.sender_id, kind, str(description), since)
        if done is not None:
            return done
    return file_report(db, tracker, kind=kind, channel=channel_of(db, tracker))


async def file_with_retries(
    db: Database, tracker: Tracker, kind: str, delays: Sequence[float] = RETRY_DELAYS
) -> ReportView:
    """Files the report, waiting out a short database outage; raises NotStored after it."""
    for attempt in range(len(delays) + 1):
        try:
            return file_once(db, tracker, kind, retry=attempt > 0)
        except DBAPIError as error:  # connection refused, lost, server shutting down
            if attempt == len(delays):
                raise NotStored from error
            logger.warning(
                "database unavailable while filing (attempt %d): %s",
                attempt + 1,
                type(error.orig).__name__,
            )
            await asyncio.sleep(delays[attempt])
    raise NotStored  # not reached: the loop returns or raises


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
        try:
            filed = await file_with_retries(database(), tracker, self.kind)
        except Malformed:
            dispatcher.utter_message(text=NOT_CHECKED)
            return reset
        except NotStored:
            what = "pomysłu" if self.kind == "idea" else "zgłoszenia"
            dispatcher.utter_message(text=NOT_STORED.format(what=what))
            return reset
        dispatcher.utter_message(text=self.confirmation(filed, tracker))
        return reset
