"""The intervention report form: start, questions, validation, summary, filing.

Safety comes first: danger to life or health gets 112 from the gateway before
anything else (bot/safety), and utility faults get their 24 h lines instead of
a report. What the first
message already says (category, place, description) is not asked again.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import form_input
from actions.checked_values import POINT_PREFIX, CheckedSlots, place_from_point, point
from actions.contact import ContactQuestions, say_and_keep
from actions.corrections import Field, apply_answer, checked_category
from actions.duplicates import answered_already, offer_duplicate
from actions.filing import CANCELLED, FileFormAction, contact_line
from actions.report_details import (
    DetailQuestions,
    detail_slots,
    heard_in,
    summary_lines,
)
from actions.report_photo import PhotoQuestions, photo_line, photo_slots
from actions.report_slots import EVERY_SLOT, SLOTS
from actions.tracker_reading import latest_text
from bot.geo import OUTSIDE_KRAKOW
from bot.reports.routing import CATEGORIES, category
from bot.reports.store import ReportView
from bot.reports.triage import find_place, guess_category
from bot.safety import utility_fault
from bot.understanding.confirm import Kind
from nlu.folding import fold

_TRIGGER_WORDS = {"chce", "chcialbym", "chcialabym", "zglosic", "zglaszam", "zgloszenie", "prosze"}


def description_from_first_message(text: str) -> Optional[str]:
    """The first message is the description when it says more than "I want to report X"."""
    words = [w for w in fold(text).split() if w.strip(".,!?") not in _TRIGGER_WORDS]
    return form_input.check_description(text).value if len(words) >= 3 else None


class ActionStartReport(Action):
    """Checks for danger and utility faults, pre-fills the form, then opens it."""

    def name(self) -> str:
        return "action_start_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        text = latest_text(tracker)
        typed = not text.startswith("/")
        # Danger never reaches this action: the gateway answers it with 112 first and
        # does not pass it on (bot/safety, bot/router.py).
        utility = utility_fault(text) if typed else None
        if utility:
            dispatcher.utter_message(
                text=f"To wygląda na awarię – zadzwoń na {utility.name}: {utility.phone} "
                "(całą dobę). Awarii nie przyjmuję w czacie, "
                "bo pogotowie reaguje szybciej. Jeśli chodzi o coś innego, napisz „zgłoś problem”."
            )
            return []
        events: List[EventType] = [SlotSet(slot, None) for slot in EVERY_SLOT]
        if typed:
            prefilled = {
                "report_category": guess_category(text),
                "report_location": find_place(text),
                "report_description": description_from_first_message(text),
                **heard_in(None, text),
            }
            events += [SlotSet(slot, value) for slot, value in prefilled.items() if value]
        return [*events, FollowupAction("report_form")]


def category_from_answer(text: str) -> Optional[str]:
    """A category chosen by its button or named in words."""
    folded = fold(text).strip()
    for code, item in CATEGORIES.items():
        if folded in (code, fold(item.title)):
            return code
    return guess_category(text)


# What a correction at the summary can change, and how its new value is checked.
REPORT_FIELDS = {
    "category": Field("report_category", "kategorię", checked_category(category_from_answer)),
    "place": Field(
        "report_location", "miejsce", form_input.check_place, ("report_lat", "report_lon")
    ),
    "description": Field("report_description", "opis", form_input.check_description),
    "photo": Field("report_photo", "zdjęcie", None, ("report_photo_public",)),
    "contact": Field("report_contact_consent", "kontakt", None, ("report_contact",)),
}


class ValidateReportForm(
    CheckedSlots, ContactQuestions, PhotoQuestions, DetailQuestions, FormValidationAction
):
    """Validates every answer; "anuluj" at any question cancels the report."""

    def name(self) -> str:
        return "validate_report_form"

    async def required_slots(
        self,
        domain_slots: List[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[str]:
        if tracker.get_slot("report_confirmation") == CANCELLED:
            return []
        slots = [*SLOTS[:3], *detail_slots(tracker), *photo_slots(tracker)]
        slots.append("report_contact_consent")
        if tracker.get_slot("report_contact_consent") == "tak":
            slots.append("report_contact")
        return [*slots, "report_confirmation"]

    def _interrupt(self, value: Any, dispatcher: CollectingDispatcher) -> Optional[Dict[str, Any]]:
        """Cancel inside any answer; None to go on validating. (Danger inside an answer
        gets 112 from the gateway before the form sees it: bot/safety.)"""
        text = str(value or "")
        if form_input.is_cancel(text):
            return {"report_confirmation": CANCELLED}
        return None

    async def extract_report_location(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """A shared location answers "where?" (and replaces a place typed earlier)."""
        if (tracker.latest_message.get("intent") or {}).get("name") != "provide_location":
            return {}
        lat = next(tracker.get_latest_entity_values("report_lat"), None)
        lon = next(tracker.get_latest_entity_values("report_lon"), None)
        found = point(lat, lon)  # any channel can send this payload: finite, in Kraków
        if found is None:
            dispatcher.utter_message(text=OUTSIDE_KRAKOW)
            return {}
        return {"report_location": place_from_point(found)}

    async def validate_report_category(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._interrupt(value, dispatcher)) is not None:
            return stop
        code = category_from_answer(str(value))
        if code is None:
            dispatcher.utter_message(text="Nie rozpoznałem kategorii – wybierz proszę z listy.")
        return {"report_category": code}

    async def validate_report_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._interrupt(value, dispatcher)) is not None:
            return stop
        kept = say_and_keep(dispatcher, "report_location", form_input.check_place(str(value)))
        if not str(value).startswith(POINT_PREFIX):
            kept.update({"report_lat": None, "report_lon": None})  # a typed place wins
        return kept

    async def validate_report_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._interrupt(value, dispatcher)) is not None:
            return stop
        kept = say_and_keep(
            dispatcher, "report_description", form_input.check_description(str(value))
        )
        return {**kept, **heard_in(tracker, str(value))} if kept["report_description"] else kept

    async def validate_report_confirmation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Only a plain yes files; no, corrections and anything unclear show the summary again."""
        return apply_answer(
            str(value or ""), Kind.REPORT, "report_confirmation", REPORT_FIELDS, dispatcher
        )


class ActionAskReportCategory(Action):
    def name(self) -> str:
        return "action_ask_report_category"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        buttons = [{"title": c.title, "payload": c.title} for c in CATEGORIES.values()]
        dispatcher.utter_message(
            text="Czego dotyczy zgłoszenie? Wybierz kategorię:", buttons=buttons
        )
        return []


def summary(tracker: Tracker) -> str:
    item = category(str(tracker.get_slot("report_category")))
    contact = contact_line(tracker)
    return "\n".join(
        [
            "Sprawdź zgłoszenie:",
            f"• kategoria: {item.title}",
            f"• miejsce: {tracker.get_slot('report_location')}",
            f"• opis: {tracker.get_slot('report_description')}",
            *summary_lines(tracker),
            f"• zdjęcie: {photo_line(tracker)}",
            f"• kontakt: {contact}",
            f"Trafi do {item.unit.genitive}.",
        ]
    )


class ActionAskReportConfirmation(Action):
    def name(self) -> str:
        return "action_ask_report_confirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        titles = ["Wyślij zgłoszenie", "Zmień kategorię", "Zmień miejsce", "Zmień opis", "Anuluj"]
        dispatcher.utter_message(
            text=summary(tracker), buttons=[{"title": t, "payload": t} for t in titles]
        )
        return []


class ActionSubmitReport(FileFormAction, Action):
    """Files the confirmed report, unless it first shows the same problem reported
    already (actions/duplicates.py); "To inny problem" runs it again and it files."""

    kind, confirmation_slot = "intervention", "report_confirmation"
    slots = EVERY_SLOT

    def name(self) -> str:
        return "action_submit_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        if answered_already(dispatcher, tracker):
            return []
        offered = offer_duplicate(dispatcher, tracker)
        return offered or await super().run(dispatcher, tracker, domain)

    def confirmation(self, filed: ReportView, tracker: Tracker) -> str:
        unit = category(filed.category).unit
        return (
            f"Dziękuję! Zgłoszenie przyjęte pod numerem {filed.reference}. "
            f"Przekażemy je {unit.dative} – {unit.contact}. "
            "Status sprawdzisz tutaj, podając ten numer."
        )
