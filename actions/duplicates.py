"""A report of a problem already reported: follow the first report instead of filing again.

Before the report form files, ``offer_duplicate`` looks for an open report of the
same category at the same place (``bot.reports.duplicates``: 50 m, or the same
street and number). If there is one, the resident reads it and chooses: "To to
samo – powiadamiaj mnie" follows it (``ActionFollowReport``; nothing new is
filed), "To inny problem" files as before (``action_submit_report`` again, which
no longer asks). "Nie powiadamiaj mnie" stops following (``ActionStopFollowing``).
"""

from __future__ import annotations

from typing import List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import DBAPIError

from actions import form_input
from actions.app_db import database
from actions.checked_values import confirmed_point
from actions.filing import CONFIRMED, NOT_STORED, channel_of
from actions.report_slots import DUPLICATE_SLOT, EVERY_SLOT
from bot.models import utcnow
from bot.offered import STALE_TEXT
from bot.reports import notices
from bot.reports.duplicates import Place, find_duplicate
from bot.reports.followers import follow, stop_following
from bot.reports.store import ReportView, get_report

STOPPED = "Dobrze – nie będę Cię już powiadamiać o zmianach zgłoszeń, które obserwujesz."
NOTHING_FOLLOWED = (
    "Nie obserwujesz żadnego zgłoszenia, więc nie wysyłam Ci powiadomień. "
    "O zgłoszeniu, które sam(a) złożyłeś(-aś), informuję w tej rozmowie."
)


def duplicate_of(tracker: Tracker) -> Optional[ReportView]:
    """The closest open report of the form's category at the form's place, if any."""
    location = tracker.get_slot("report_location")
    lat, lon = confirmed_point(location)
    place = Place(lat=lat, lon=lon, text=str(location) if location else None)
    return find_duplicate(database(), str(tracker.get_slot("report_category")), place)


def offer_duplicate(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Shows the already reported problem with its two choices; [] when there is none
    (or the question was answered already, or the form was not confirmed)."""
    if tracker.get_slot("report_confirmation") != CONFIRMED:
        return []
    if tracker.get_slot(DUPLICATE_SLOT) is not None:
        return []
    try:
        found = duplicate_of(tracker)
    except DBAPIError:
        return []  # filing retries and says so if the database stays away
    if found is None:
        return []
    buttons = [
        {"title": notices.SAME, "payload": notices.SAME_PAYLOAD},
        {"title": notices.DIFFERENT, "payload": notices.DIFFERENT_PAYLOAD},
    ]
    dispatcher.utter_message(text=notices.already_reported(found, utcnow()), buttons=buttons)
    return [SlotSet(DUPLICATE_SLOT, found.reference)]


def answered_already(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """ "To inny problem" pressed again once the question is gone (followed, or filed):
    the button is old, so it is answered as one and nothing is filed or cancelled."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent == "report_different" and tracker.get_slot(DUPLICATE_SLOT) is None:
        dispatcher.utter_message(text=STALE_TEXT)
        return True
    return False


class ActionFollowReport(Action):
    """ "To to samo – powiadamiaj mnie": the resident follows the open report."""

    def name(self) -> str:
        return "action_follow_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        reference = tracker.get_slot(DUPLICATE_SLOT)
        if not reference or tracker.get_slot("report_confirmation") != CONFIRMED:
            dispatcher.utter_message(text=STALE_TEXT)
            return []
        _, _, email = form_input.decode_contact(tracker.get_slot("report_contact"))
        consent = tracker.get_slot("report_contact_consent") == "tak" and email is not None
        db = database()
        try:
            report = get_report(db, str(reference))
            channel = channel_of(db, tracker)
            done = report is not None and follow(
                db, str(reference), tracker.sender_id, channel, email, consent
            )
        except DBAPIError:
            dispatcher.utter_message(text=NOT_STORED.format(what="zgłoszenia"))
            return []
        if not done or report is None:
            dispatcher.utter_message(text=STALE_TEXT)
            return [SlotSet(slot, None) for slot in EVERY_SLOT]
        dispatcher.utter_message(
            text=notices.followed(report, email if consent else None),
            buttons=[{"title": notices.STOP, "payload": notices.STOP_PAYLOAD}],
        )
        return [SlotSet(slot, None) for slot in EVERY_SLOT]


class ActionStopFollowing(Action):
    """ "Nie powiadamiaj mnie": this conversation follows no report any more."""

    def name(self) -> str:
        return "action_stop_following"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        try:
            stopped = stop_following(database(), tracker.sender_id)
        except DBAPIError:
            dispatcher.utter_message(text=NOT_STORED.format(what="wyboru"))
            return []
        dispatcher.utter_message(text=STOPPED if stopped else NOTHING_FOLLOWED)
        return []
