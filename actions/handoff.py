"""Handing the chat to a person (../shared/design/ARCHITECTURE.md, "Hand-off protocol").

Open and staffed: the chat joins the queue and Rasa pauses. Otherwise the
resident learns when consultants are next available and is offered a
callback. The resident's own case (``ask_case_status``) needs the files, so
it goes to the second line of the unit that holds them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.app_db import database
from actions.tracker_reading import latest_text
from bot import clock
from bot.handoff import queue, wording
from bot.handoff.staffing import online_count
from bot.handoff.units import SECOND_LINE_UNITS, guess_unit, unit_name
from bot.office_hours.calendar import OfficeCalendar
from bot.office_hours.loader import load_calendar
from bot.office_hours.wording import describe_opening

CALLBACK_BUTTONS = [
    {"title": "Poproś o oddzwonienie", "payload": "/request_callback"},
    {"title": "Co potrafisz?", "payload": "/help"},
]


@lru_cache(maxsize=1)
def calendar() -> OfficeCalendar:
    """The office-hours calendar of this deployment (KCK_OFFICE_HOURS_FILE)."""
    return load_calendar()


def hand_off(
    dispatcher: CollectingDispatcher, tracker: Tracker, line: str, unit: Optional[str], reason: str
) -> List[EventType]:
    """Queues the chat when someone can take it now, else offers the callback."""
    db = database()
    now = clock.now()
    whom = "konsultanta" if line == queue.FIRST_LINE else f"specjalistę ({unit_name(unit)})"
    if calendar().is_open(now):
        online = online_count(db, line, unit, now)
        if online > 0:
            handoff_id = queue.open_handoff(db, tracker.sender_id, line, unit, reason, now)
            place = queue.position(db, handoff_id)
            minutes = place * queue.minutes_per_chat(db) / online
            to_whom = (
                "konsultantowi"
                if line == queue.FIRST_LINE
                else f"specjaliście – {unit_name(unit)}"
            )
            dispatcher.utter_message(text=wording.queued(place, minutes, to_whom))
            return [ConversationPaused()]
        dispatcher.utter_message(
            text=f"Niestety teraz nie mogę połączyć Cię na czacie z żadnym {_instr(line)} – "
            "wszyscy są zajęci lub niedostępni. Zostaw prośbę o oddzwonienie, a oddzwonimy "
            "w godzinach pracy.",
            buttons=CALLBACK_BUTTONS,
        )
        return []
    opening = calendar().next_opening(now)
    dispatcher.utter_message(
        text=f"Teraz konsultanci KCK nie pracują (pracują w dni robocze, poza świętami). "
        f"Na {whom} możesz liczyć {describe_opening(opening, now)}. "
        "Możesz też zostawić prośbę o oddzwonienie – oddzwonimy w godzinach pracy.",
        buttons=CALLBACK_BUTTONS,
    )
    return []


def _instr(line: str) -> str:
    return "konsultantem" if line == queue.FIRST_LINE else "specjalistą"


def case_unit(tracker: Tracker) -> Optional[str]:
    """The unit the resident chose with a button, else the one their words name."""
    chosen = next(tracker.get_latest_entity_values("handoff_unit"), None)
    if chosen in SECOND_LINE_UNITS:
        return str(chosen)
    return guess_unit(latest_text(tracker))


class ActionHandoff(Action):
    """``request_human`` → first line; ``ask_case_status`` → the unit's second line."""

    def name(self) -> Text:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent != "ask_case_status":
            return hand_off(dispatcher, tracker, queue.FIRST_LINE, None, "request_human")
        unit = case_unit(tracker)
        if unit is None:
            dispatcher.utter_message(
                text="Informacji o Twojej sprawie udzieli specjalista wydziału, który ją "
                "prowadzi – ma jej akta. Którego urzędu dotyczy sprawa?",
                buttons=unit_buttons(),
            )
            return []
        events = hand_off(dispatcher, tracker, queue.SECOND_LINE, unit, "case_status")
        return [SlotSet("handoff_unit", unit), *events]


def unit_buttons() -> List[Dict[str, Any]]:
    buttons = [
        {"title": name, "payload": '/ask_case_status{"handoff_unit":"' + code + '"}'}
        for code, name in SECOND_LINE_UNITS.items()
    ]
    return [*buttons, {"title": "Inny urząd / nie wiem", "payload": "/request_human"}]

