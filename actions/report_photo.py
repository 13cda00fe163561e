"""The report's photo, and whether it may be shown publicly with the report.

The report form (actions/reports.py) asks for a photo (or "Pomiń zdjęcie") and, only
when one came, one question more: may it be shown publicly with the report, without
the resident's data? "Tak, można pokazać" publishes it (Open311's ``media_url``,
bot/web/open311_media.py); "Nie, tylko dla urzędu" keeps it for the unit alone. The
answer is read like every closed question (``bot.understanding.confirm``): negation
first, whole words; anything unclear asks again, and never publishes. A new photo asks
again, since the answer was about the one before.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import form_input
from actions.app_db import database
from actions.checked_values import PHOTO_UNKNOWN, photo_of_conversation
from actions.filing import NO_PHOTO
from bot.photos import is_photo_name
from bot.understanding.confirm import Kind

PHOTO_SLOT = "report_photo"
PUBLIC_SLOT = "report_photo_public"
PUBLIC, NOT_PUBLIC = "tak", "nie"
WHICH = (
    "Wybierz proszę: czy zdjęcie może być widoczne publicznie przy zgłoszeniu "
    "(„Tak, można pokazać”), czy tylko dla urzędu („Nie, tylko dla urzędu”)?"
)
HOW_TO_ADD = "Zdjęcie dodasz przyciskiem 📎 obok pola wiadomości. Możesz też pominąć ten krok."


def photo_slots(tracker: Tracker) -> List[str]:
    """The photo question, and the publishing question once a photo came."""
    if is_photo_name(tracker.get_slot(PHOTO_SLOT)):
        return [PHOTO_SLOT, PUBLIC_SLOT]
    return [PHOTO_SLOT]


def publish_answer(text: str) -> Optional[bool]:
    """True: show the photo publicly; False: only for the unit (a cancel word too);
    None: unclear, ask again."""
    return form_input.yes_or_no(text, Kind.PUBLISH)


def photo_line(tracker: Tracker) -> str:
    """The photo as the summary shows it back to the resident."""
    if not is_photo_name(tracker.get_slot(PHOTO_SLOT)):
        return "nie"
    if tracker.get_slot(PUBLIC_SLOT) == PUBLIC:
        return "tak (widoczne publicznie przy zgłoszeniu)"
    return "tak (tylko dla urzędu)"


class PhotoQuestions:
    """Validators of ``report_photo`` and ``report_photo_public`` for the report form."""

    def _interrupt(self, value: Any, dispatcher: CollectingDispatcher) -> Optional[Dict[str, Any]]:
        """Slot values that stop the form (cancel), or None to go on."""
        raise NotImplementedError

    async def validate_report_photo(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        text = str(value or "")
        if (stop := self._interrupt(text, dispatcher)) is not None:
            return stop
        if text.startswith("photo-"):  # a file the gateway stored for this conversation
            if photo_of_conversation(database(), tracker.sender_id, text):
                return {PHOTO_SLOT: text, PUBLIC_SLOT: None}
            dispatcher.utter_message(text=PHOTO_UNKNOWN)
            return {PHOTO_SLOT: None}
        if form_input.is_skip(text):
            return {PHOTO_SLOT: NO_PHOTO, PUBLIC_SLOT: None}
        dispatcher.utter_message(text=HOW_TO_ADD)
        return {PHOTO_SLOT: None}

    async def validate_report_photo_public(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._interrupt(value, dispatcher)) is not None:
            return stop
        answer = publish_answer(str(value or ""))
        if answer is None:
            dispatcher.utter_message(text=WHICH)
            return {PUBLIC_SLOT: None}
        return {PUBLIC_SLOT: PUBLIC if answer else NOT_PUBLIC}
