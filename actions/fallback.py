"""First stage of the two-stage fallback: suggest the likeliest topics as buttons.

Rasa's default asks "Did you mean 'faq'?" in English. Residents instead get
up to three Polish topic names taken from the intent ranking and, for FAQ
questions, from the response selector's ranking, plus "Nic z tych".
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.topics import FAQ_TOPICS, INTENT_TITLES

MAX_SUGGESTIONS = 3


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
        buttons = suggestions(tracker.latest_message or {})
        # "/out_of_scope" keeps the fallback loop going: Rasa asks to rephrase.
        buttons.append({"title": "Żaden z tych", "payload": "/out_of_scope"})
        if len(buttons) > 1:
            text = "Nie jestem pewien, o co pytasz. Czy chodzi o któryś z tych tematów?"
        else:
            text = (
                "Nie jestem pewien, o co pytasz. Napisz proszę inaczej albo wybierz „Nic z tych”."
            )
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
