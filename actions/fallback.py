"""When Rasa does not understand: the two-stage NLU fallback and the policy's fallback.

First stage (``action_default_ask_affirmation``): ask back with the likeliest
topics as buttons. Rasa's default asks "Did you mean 'faq'?" in English.
Residents instead get up to three Polish topic names taken from the intent
ranking and, for FAQ questions, from the response selector's ranking, then
always "Zgłoś problem" and "Porozmawiaj z konsultantem" (a letter the model is
unsure about is often a problem to report, or a matter for a person), and
"Żaden z tych". Second stage: Rasa asks to rephrase. A further miss
(``action_default_fallback``) hands the chat to a person or offers a callback
(``actions.handoff``). Apart from these, ``action_core_fallback`` answers a turn
the dialogue policy is unsure of.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handoff import hand_off
from bot.handoff import queue
from bot.topics import FAQ_TOPICS, INTENT_TITLES

MAX_SUGGESTIONS = 3
ALWAYS_OFFERED = [
    {"title": "Zgłoś problem", "payload": "/report_intervention"},
    {"title": "Porozmawiaj z konsultantem", "payload": "/request_human"},
]
NONE_OF_THESE = {"title": "Żaden z tych", "payload": "/out_of_scope"}


def suggestions(parse_data: Dict[str, Any]) -> List[Dict[str, str]]:
    """Buttons for the likeliest topics of one parsed message, best first."""
    buttons: List[Dict[str, str]] = []
    for ranked in parse_data.get("intent_ranking") or []:
        name = ranked.get("name")
        if name == "faq":
            buttons.extend(_faq_buttons(parse_data))
        elif name in INTENT_TITLES:
            buttons.append({"title": INTENT_TITLES[name], "payload": f"/{name}"})
        if len(buttons) >= MAX_SUGGESTIONS:
            break
    return buttons[:MAX_SUGGESTIONS]


def _faq_buttons(parse_data: Dict[str, Any]) -> List[Dict[str, str]]:
    selector = (parse_data.get("response_selector") or {}).get("faq") or {}
    buttons = []
    for ranked in (selector.get("ranking") or [])[:2]:
        key = str(ranked.get("intent_response_key", "")).split("/", 1)[-1]
        if key in FAQ_TOPICS:
            title, question = FAQ_TOPICS[key]
            buttons.append({"title": title, "payload": question})
    return buttons


class ActionSuggestTopics(Action):
    """Replaces Rasa's ``action_default_ask_affirmation``."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        topics = suggestions(tracker.latest_message or {})
        offered = {button["payload"] for button in topics}
        extra = [button for button in ALWAYS_OFFERED if button["payload"] not in offered]
        # "/out_of_scope" keeps the fallback loop going: Rasa asks to rephrase.
        buttons = [*topics, *extra, NONE_OF_THESE]
        if topics:
            text = "Nie jestem pewien, o co chodzi. Czy o któryś z tych tematów?"
        else:
            text = "Nie jestem pewien, o co chodzi. Wybierz, co mogę zrobić, albo napisz inaczej."
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


class ActionCoreFallback(Action):
    """The dialogue policy is unsure what to do next: say so and forget the message.

    Kept apart from ``action_default_fallback`` (the end of the two-stage NLU
    fallback, which hands the chat to a person): an unusual turn in the dialogue
    is no reason to queue the resident for a consultant.
    """

    def name(self) -> str:
        return "action_core_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        dispatcher.utter_message(response="utter_default")
        return [UserUtteranceReverted()]


class ActionDefaultFallback(Action):
    """After the two-stage fallback fails twice, a person takes over (or a callback)."""

    def name(self) -> Text:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(text="Niestety nadal nie rozumiem – poproszę o pomoc człowieka.")
        events = hand_off(dispatcher, tracker, queue.FIRST_LINE, None, "fallback")
        return [UserUtteranceReverted(), *events]
