"""The category questions inside the report form (bot/reports/questions.py).

One form slot, ``report_detail``, stands for every question: while the category
has a question the resident's words have not answered, the form asks for it
(``ActionAskReportDetail`` picks the question) and the validator files the answer
into ``report_details`` (JSON text, bot/reports/details.py) and empties the slot,
so the form asks the next one. A question already answered by the first message
or the description ("latarnia nr 123 nie świeci") is never asked; "nie wiem" and
"pomiń" are answers too. Answers of a category the resident later changed stay
in the slot but are not stored: filing keeps only the filed category's answers.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.reports import details
from bot.reports.questions import Question

DETAIL_SLOT, DETAILS_SLOT = "report_detail", "report_details"
SKIP_BUTTON = {"title": "Nie wiem", "payload": "nie wiem"}
NOT_A_NUMBER = (
    "Nie rozumiem tego numeru. Podaj sam numer z tabliczki (np. 1234) albo napisz „nie wiem”."
)
NOT_A_CHOICE = (
    "Nie rozumiem tej odpowiedzi. Wybierz proszę jedną z podanych albo napisz „nie wiem”."
)


def known(tracker: Tracker) -> details.Details:
    return details.decode(tracker.get_slot(DETAILS_SLOT))


def next_question(tracker: Tracker) -> Optional[Question]:
    """The first question of the chosen category still to ask, if any."""
    category = tracker.get_slot("report_category")
    if not isinstance(category, str):
        return None
    waiting = details.pending(category, known(tracker))
    return waiting[0] if waiting else None


def heard_in(tracker: Optional[Tracker], text: str) -> Dict[str, Any]:
    """The slot value for answers the words give: a first message (no tracker: a new
    report, nothing known yet) or the description, merged with what the form knows."""
    found = details.details_in(text)
    if not found:
        return {}
    earlier = known(tracker) if tracker is not None else {}
    return {DETAILS_SLOT: details.encode(details.merged(earlier, found))}


def ask(dispatcher: CollectingDispatcher, question: Question) -> None:
    """The question with a button per answer; a free answer gets "Nie wiem" only."""
    buttons = [{"title": c.name, "payload": c.name} for c in question.choices]
    dispatcher.utter_message(text=question.prompt, buttons=buttons or [SKIP_BUTTON])


class DetailQuestions:
    """Validator of ``report_detail`` for the report form (a mixin)."""

    def _interrupt(self, value: Any, dispatcher: CollectingDispatcher) -> Optional[Dict[str, Any]]:
        raise NotImplementedError

    async def validate_report_detail(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._interrupt(value, dispatcher)) is not None:
            return stop
        question = next_question(tracker)
        if question is None:
            return {DETAIL_SLOT: None}
        reading = details.read_answer(question, str(value or ""))
        if not reading.understood:  # the form asks the same question again
            dispatcher.utter_message(text=NOT_A_CHOICE if question.choices else NOT_A_NUMBER)
            return {DETAIL_SLOT: None}
        answers = {**known(tracker), question.code: reading.value}
        # Emptied again: the form asks the next question, or leaves this slot behind.
        return {DETAIL_SLOT: None, DETAILS_SLOT: details.encode(answers)}


def detail_slots(tracker: Tracker) -> List[str]:
    """``report_detail`` while a question waits, for the form's required slots."""
    return [DETAIL_SLOT] if next_question(tracker) is not None else []


def summary_lines(tracker: Tracker) -> List[str]:
    """The answers of the chosen category as the summary shows them."""
    category = str(tracker.get_slot("report_category"))
    stored = details.attributes_to_store(category, known(tracker))
    return [f"• {label}: {answer}" for label, answer in details.described(stored)]


class ActionAskReportDetail(Action):
    def name(self) -> str:
        return "action_ask_report_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        question = next_question(tracker)
        if question is not None:
            ask(dispatcher, question)
        return []
