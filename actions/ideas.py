"""The idea form: what, where (optional), contact with consent; civic-budget hint."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import form_input
from actions.app_db import database
from actions.filing import channel_of, file_report
from actions.reports import CANCELLED, CONFIRMED, NO_PHOTO
from nlu.folding import fold

SLOTS = [
    "idea_description",
    "idea_location",
    "report_contact_consent",
    "report_contact",
    "idea_confirmation",
]
# Ideas of this kind (things to build or plant) are what civic-budget projects are made of.
_BUDGET_LIKE = re.compile(
    r"lawk|plac\w* zabaw|sciezk|rower|park|skwer|drzew|zielen|boisk|chodnik|oswietl|"
    r"toalet|fontann|stojak|altan|silowni|wybieg"
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
        text = str((tracker.latest_message or {}).get("text") or "")
        events: List[EventType] = [SlotSet(slot, None) for slot in SLOTS]
        words = [w for w in fold(text).split() if w.strip(".,!?:") not in _IDEA_TRIGGERS]
        if not text.startswith("/") and len(words) >= 4:
            checked = form_input.check_description(text)
            events.append(SlotSet("idea_description", checked.value))
        return [*events, FollowupAction("idea_form")]


class ValidateIdeaForm(FormValidationAction):
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

    def _cancel(self, value: Any) -> Optional[Dict[str, Any]]:
        return {"idea_confirmation": CANCELLED} if form_input.is_cancel(str(value)) else None

    async def validate_idea_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._cancel(value)) is not None:
            return stop
        checked = form_input.check_description(str(value))
        if checked.message:
            dispatcher.utter_message(text=checked.message)
        return {"idea_description": checked.value}

    async def validate_idea_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._cancel(value)) is not None:
            return stop
        if form_input.is_skip(str(value)):
            return {"idea_location": NO_PHOTO}
        checked = form_input.check_place(str(value))
        if checked.message:
            dispatcher.utter_message(text=checked.message)
        return {"idea_location": checked.value}

    async def validate_report_contact_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._cancel(value)) is not None:
            return stop
        answer = form_input.consent_answer(str(value))
        if answer is None:
            dispatcher.utter_message(text="Wybierz proszę: zostawiasz kontakt czy nie?")
            return {"report_contact_consent": None}
        return {"report_contact_consent": "tak" if answer else "nie"}

    async def validate_report_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._cancel(value)) is not None:
            return stop
        if form_input.consent_answer(str(value)) is False:
            return {"report_contact_consent": "nie", "report_contact": None}
        checked = form_input.check_contact(str(value))
        if checked.message:
            dispatcher.utter_message(text=checked.message)
        return {"report_contact": checked.value}

    async def validate_idea_confirmation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        folded = fold(str(value or ""))
        if "anuluj" in folded or form_input.is_cancel(str(value)):
            return {"idea_confirmation": CANCELLED}
        if "zmien" in folded:
            return {"idea_description": None, "idea_confirmation": None}
        if any(word in folded for word in ("wysl", "potwierdz", "tak", "ok")):
            return {"idea_confirmation": CONFIRMED}
        dispatcher.utter_message(text="Wybierz proszę jedną z opcji pod podsumowaniem.")
        return {"idea_confirmation": None}


class ActionAskIdeaConfirmation(Action):
    def name(self) -> str:
        return "action_ask_idea_confirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        place = tracker.get_slot("idea_location")
        name, phone, email = form_input.decode_contact(tracker.get_slot("report_contact"))
        contact = ", ".join(x for x in (name, phone, email) if x) or "bez kontaktu"
        text = "\n".join(
            [
                "Sprawdź pomysł:",
                f"• pomysł: {tracker.get_slot('idea_description')}",
                f"• miejsce: {place if place and place != NO_PHOTO else 'nie podano'}",
                f"• kontakt: {contact}",
            ]
        )
        titles = ["Wyślij pomysł", "Zmień opis", "Anuluj"]
        dispatcher.utter_message(text=text, buttons=[{"title": t, "payload": t} for t in titles])
        return []


class ActionSubmitIdea(Action):
    def name(self) -> str:
        return "action_submit_idea"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        reset: List[EventType] = [SlotSet(slot, None) for slot in SLOTS]
        if tracker.get_slot("idea_confirmation") != CONFIRMED:
            dispatcher.utter_message(response="utter_report_cancelled")
            return reset
        db = database()
        idea = file_report(db, tracker, kind="idea", channel=channel_of(db, tracker))
        text = (
            f"Dziękuję za pomysł! Zapisałem go pod numerem {idea.reference}; "
            "Krakowskie Centrum Kontaktu przekaże go właściwej jednostce."
        )
        if fits_civic_budget(str(tracker.get_slot("idea_description"))):
            text += (
                "\nTaki pomysł może też nadawać się na projekt budżetu obywatelskiego – "
                "terminy naboru podaje https://budzet.krakow.pl"
            )
        dispatcher.utter_message(text=text)
        return reset
