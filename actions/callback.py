"""The callback request form: consent first, then name, phone, a time window and the topic.

Consent comes first so that nothing personal is asked for (or kept) before
the resident knows why; "anuluj" at any question drops everything.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional, Text, Tuple

import phonenumbers
from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import form_input
from actions.app_db import database
from actions.checked_values import CheckedSlots, well_formed
from actions.contact import say_and_keep
from actions.filing import CANCELLED, channel_of
from actions.handoff import calendar
from bot import clock, kck
from bot.handoff.callbacks import NewCallback, create_callback
from bot.handoff.units import SECOND_LINE_UNITS
from bot.office_hours.calendar import Window
from bot.office_hours.wording import describe_window, describe_window_for_confirmation
from bot.understanding.when import match_window

SLOTS = ["callback_consent", "callback_name", "callback_phone", "callback_window", "callback_topic"]
MAX_TOPIC_CHARS = 500
WINDOW_BUTTONS = 8


def offered_windows() -> List[Window]:
    """The windows the resident may choose now (the same list the buttons show)."""
    return calendar().callback_windows(clock.now())[:WINDOW_BUTTONS]


def window_key(window: Window) -> str:
    """A window's button payload, an ISO 8601 interval (the resident sees the button's title)."""
    return f"{window[0].isoformat(timespec='minutes')}/{window[1].isoformat(timespec='minutes')}"


def parse_window(key: str) -> Window:
    start, end = key.split("/")
    return dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)


def chosen_window(text: str) -> Optional[Window]:
    """The offered window the answer names (by payload), None otherwise."""
    for window in offered_windows():
        if window_key(window) == text.strip():
            return window
    return None


def typed_window(text: str) -> Optional[Window]:
    """The window a time typed in words asks for ("jutro rano", "w czwartek po 12").

    Matched among all the windows the office hours offer (the buttons show
    the first ``WINDOW_BUTTONS`` of them), None when none fits.
    """
    now = clock.now()
    return match_window(text, calendar().callback_windows(now), now)


NO_SUCH_WINDOW = (
    "Nie mam wolnego terminu, który by do tego pasował. Wybierz proszę jedną z pór "
    "poniżej albo napisz inaczej, np. „jutro rano” albo „w środę po 12”."
)


class ActionStartCallback(Action):
    """Clears what an earlier request left and opens the form."""

    def name(self) -> Text:
        return "action_start_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        # Only slots an earlier request left filled are cleared: a trailing run of
        # SlotSet(None) would reach the form's validators as answers to check.
        stale = [SlotSet(slot, None) for slot in SLOTS if tracker.get_slot(slot) is not None]
        return [*stale, FollowupAction("callback_form")]


class ValidateCallbackForm(CheckedSlots, FormValidationAction):
    def name(self) -> Text:
        return "validate_callback_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        return [] if tracker.get_slot("callback_consent") == CANCELLED else list(SLOTS)

    @staticmethod
    def _cancel(value: Any) -> Optional[Dict[str, Any]]:
        return {"callback_consent": CANCELLED} if form_input.is_cancel(str(value or "")) else None

    async def validate_callback_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        answer = form_input.consent_answer(str(value or ""))
        if self._cancel(value) or answer is False:
            return {"callback_consent": CANCELLED}
        if answer is None:
            dispatcher.utter_message(text="Wybierz proszę: zgadzasz się czy nie?")
            return {"callback_consent": None}
        return {"callback_consent": "tak"}

    async def validate_callback_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._cancel(value)) is not None:
            return stop
        return say_and_keep(dispatcher, "callback_name", form_input.check_name(str(value)))

    async def validate_callback_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._cancel(value)) is not None:
            return stop
        return say_and_keep(dispatcher, "callback_phone", form_input.check_phone(str(value)))

    async def validate_callback_window(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._cancel(value)) is not None:
            return stop
        text = str(value or "").strip()
        if chosen_window(text) is not None:
            return {"callback_window": text}
        window = typed_window(text)
        if window is None:
            dispatcher.utter_message(text=NO_SUCH_WINDOW)
            return {"callback_window": None}
        dispatcher.utter_message(text=f"Zapisuję termin: {describe_window(*window)}.")
        return {"callback_window": window_key(window)}

    async def validate_callback_topic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if (stop := self._cancel(value)) is not None:
            return stop
        checked = form_input.check_description(str(value))
        if checked.value and len(checked.value) > MAX_TOPIC_CHARS:
            checked = form_input.Checked(checked.value[:MAX_TOPIC_CHARS], checked.message)
        return say_and_keep(dispatcher, "callback_topic", checked)


class ActionAskCallbackWindow(Action):
    def name(self) -> Text:
        return "action_ask_callback_window"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        buttons = [
            {"title": describe_window(*window), "payload": window_key(window)}
            for window in offered_windows()
        ]
        dispatcher.utter_message(text="Kiedy możemy zadzwonić? Wybierz porę:", buttons=buttons)
        return []


class ActionSubmitCallback(Action):
    """Stores the request, or confirms the cancel; clears the form either way."""

    def name(self) -> Text:
        return "action_submit_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        reset: List[EventType] = [SlotSet(slot, None) for slot in SLOTS]
        if tracker.get_slot("callback_consent") != "tak":
            dispatcher.utter_message(
                text="Dobrze, nie zapisałem żadnych danych. Konsultanci KCK odbierają też "
                f"telefon {kck.PHONE} w dni robocze {kck.HOURS}."
            )
            return reset
        checked = _checked_request(tracker)
        if checked is None:  # only a forged tracker gets here: the form checked every answer
            dispatcher.utter_message(text=NOT_CHECKED)
            return reset
        name, phone, window, topic = checked
        db = database()
        create_callback(
            db,
            NewCallback(
                name=name,
                phone=phone,
                window_start=window[0],
                window_end=window[1],
                topic=topic,
                channel=channel_of(db, tracker),
                conversation_id=tracker.sender_id,
                unit=_known_unit(tracker.get_slot("handoff_unit")),
            ),
        )
        dispatcher.utter_message(
            text=f"Dziękuję, {name}! Konsultant KCK zadzwoni pod "
            f"numer {_national(phone)} "
            f"{describe_window_for_confirmation(*window)}."
        )
        return reset


NOT_CHECKED = (
    "Coś w odpowiedziach się nie zgadza, więc niczego nie zapisałem. "
    "Napisz proszę jeszcze raz „oddzwońcie do mnie”."
)


def _checked_request(tracker: Tracker) -> Optional[Tuple[str, str, Window, str]]:
    """Name, phone, window and topic checked again before they are stored, or None."""
    raw = [tracker.get_slot(s) for s in ("callback_name", "callback_phone", "callback_window")]
    topic = tracker.get_slot("callback_topic")
    if not all(well_formed(value) for value in [*raw, topic]):
        return None
    name, phone = form_input.check_name(raw[0]).value, form_input.check_phone(raw[1]).value
    try:
        # Kept as chosen even if the window started while the topic was typed.
        window = parse_window(str(raw[2]))
    except ValueError:
        return None
    if name is None or phone is None or not str(topic).strip():
        return None
    return name, phone, window, str(topic)


def _known_unit(code: Any) -> Optional[str]:
    """The second-line unit the callback is for; a code nobody offered counts as none."""
    return code if isinstance(code, str) and code in SECOND_LINE_UNITS else None


def _national(phone: str) -> str:
    """+48600123456 → "+48 600 123 456": how the resident recognises their number."""
    parsed = phonenumbers.parse(phone, None)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
