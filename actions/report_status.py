"""Status of a report or idea by its number (no personal data is ever shown)."""

from __future__ import annotations

from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.app_db import database
from actions.tracker_reading import latest_text
from bot import kck
from bot.reports.numbers import find_reference
from bot.reports.store import get_report
from bot.reports.wording import status_answer


class ActionReportStatus(Action):
    def name(self) -> str:
        return "action_report_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        reference = find_reference(latest_text(tracker))
        if reference is None:
            dispatcher.utter_message(
                text="Podaj proszę numer zgłoszenia – jest w potwierdzeniu, np. KCK-2026-000123."
            )
            return []
        report = get_report(database(), reference)
        if report is None:
            dispatcher.utter_message(
                text=f"Nie znalazłem zgłoszenia o numerze {reference}. Sprawdź proszę numer "
                f"w potwierdzeniu. Pomogą też konsultanci KCK: tel. {kck.PHONE}, pn–pt {kck.HOURS}."
            )
            return []
        dispatcher.utter_message(text=status_answer(report))
        return []
