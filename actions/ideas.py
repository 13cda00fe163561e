"""The idea form: what, where (optional), contact with consent; civic-budget hint."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import form_input
from actions.checked_values import CheckedSlots
from actions.contact import ContactQuestions, say_and_keep
from actions.corrections import Field, apply_answer
from actions.filing import CANCELLED, NO_PHOTO, FileFormAction, contact_line
from actions.tracker_reading import latest_text
from bot.reports.store import ReportView
from bot.reports.triage import find_place
from bot.understanding.confirm import Kind
from nlu.folding import fold

SLOTS = [
    "idea_description",
    "idea_location",
    "report_contact_consent",
    "report_contact",
    "idea_confirmation",
]
# Ideas of this kind (things to build or plant) are what civic-budget projects are made of.
# Whole words from their start; "park" only as the word itself ("parking" is not one).
_BUDGET_LIKE = re.compile(
    r"\b(?:lawk\w*|plac\w* zabaw|sciezk\w*|rower\w*|park|parku|parki|parkow|skwer\w*|"
    r"drzew\w*|zielen\w*|boisk\w*|chodnik\w*|oswietl\w*|toalet\w*|fontann\w*|stojak\w*|"
    r"altan\w*|silowni\w*|wybieg\w*)\b"
)


def fits_civic_budget(text: str) -> bool:
    return bool(_BUDGET_LIKE.search(fold(text)))


_IDEA_TRIGGERS = {
    "mam",
    "pomysl",
    "pomysl,",
    "chce",
    "zaproponowac",
    "proponuje",
    "zglosic",
    "pomysl:",
}


class ActionStartIdea(Action):
    """Opens the idea form, keeping the idea when the first message already states it."""

    def name(self) -> Text:
        return "action_start_idea"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        text = latest_text(tracker)
        events: List[EventType] = [SlotSet(slot, None) for slot in SLOTS]
        words = [w for w in fold(text).split() if w.strip(".,!?:") not in _IDEA_TRIGGERS]
        if not text.startswith("/") and len(words) >= 4:
            checked = form_input.check_description(text)
            events.append(SlotSet("idea_description", checked.value))
            place = find_place(text)  # "ławki na rondzie Mogilskim": not asked again
            if place:
                events.append(SlotSet("idea_location", place))
        return [*events, FollowupAction("idea_form")]


# What a correction at the idea summary can change, and how its new value is checked.
IDEA_FIELDS = {
    "description": Field("idea_description", "opis pomysłu", form_input.check_description),
    "place": Field("idea_location", "miejsce", form_input.check_place),
    "contact": Field("report_contact_consent", "kontakt", None, ("report_contact",)),
}


class ValidateIdeaForm(CheckedSlots, ContactQuestions, FormValidationAction):
    def name(self) -> str:
        return "validate_idea_form"

    async def required_slots(
        self,
        domain_slots: List[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[str]:
        if tracker.get_slot("idea_confirmation") == CANCELLED:
            return []
        slots = ["idea_description", "idea_location", "report_contact_consent"]
        if tracker.get_slot("report_contact_consent") == "tak":
            slots.append("report_contact")
        return [*slots, "idea_confirmation"]

    def _interrupt(self, value: Any, dispatcher: CollectingDispatcher) -> Optional[Dict[str, Any]]:
        return {"idea_confirmation": CANCELLED} if form_input.is_cancel(str(value)) else None

    async def validate_idea_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._interrupt(value, dispatcher)) is not None:
            return stop
        return say_and_keep(
            dispatcher, "idea_description", form_input.check_description(str(value))
        )

    async def validate_idea_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._interrupt(value, dispatcher)) is not None:
            return stop
        if form_input.is_skip(str(value)):
            return {"idea_location": NO_PHOTO}
        return say_and_keep(dispatcher, "idea_location", form_input.check_place(str(value)))

    async def validate_idea_confirmation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Only a plain yes files; no, corrections and anything unclear show the summary again."""
        return apply_answer(
            str(value or ""), Kind.IDEA, "idea_confirmation", IDEA_FIELDS, dispatcher
        )


class ActionAskIdeaConfirmation(Action):
    def name(self) -> str:
        return "action_ask_idea_confirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        place = tracker.get_slot("idea_location")
        contact = contact_line(tracker)
        text = "\n".join(
            [
                "Sprawdź pomysł:",
                f"• pomysł: {tracker.get_slot('idea_description')}",
                f"• miejsce: {place if place and place != NO_PHOTO else 'nie podano'}",
                f"• kontakt: {contact}",
            ]
        )
        titles = ["Wyślij pomysł", "Zmień opis", "Zmień miejsce", "Anuluj"]
        dispatcher.utter_message(text=text, buttons=[{"title": t, "payload": t} for t in titles])
        return []


class ActionSubmitIdea(FileFormAction, Action):
    kind, slots, confirmation_slot = "idea", SLOTS, "idea_confirmation"

    def name(self) -> str:
        return "action_submit_idea"

    def confirmation(self, filed: ReportView, tracker: Tracker) -> str:
        text = (
            f"Dziękuję za pomysł! Zapisałem go pod numerem {filed.reference}; "
            "Krakowskie Centrum Kontaktu przekaże go właściwej jednostce."
        )
        if fits_civic_budget(str(tracker.get_slot("idea_description"))):
            text += (
                "\nTaki pomysł może też nadawać się na projekt budżetu obywatelskiego – "
                "terminy naboru podaje https://budzet.krakow.pl"
            )
        return text
