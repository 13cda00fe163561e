"""A yes, a no or a thank-you outside the forms, read against the question just asked.

The NLU only says "affirm", "deny" or "thank"; what that means depends on the
assistant's last question, and the words themselves are read again by
``bot.understanding.confirm`` (the same reader as every form's confirmation):

* after "Czy na pewno usunąć tę rozmowę?": only a plain yes erases
  (``utter_erase_conversation`` carries the gateway's marker); a no keeps
  everything; anything unclear asks the question again;
* after "Czy mogę pomóc w czymś jeszcze?": "nie", "nie, dziękuję", "to
  wszystko" say goodbye; a yes shows what the assistant can do;
* anything else keeps the earlier answers (``utter_anything_else``,
  ``utter_thank``).
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_reading import latest_text
from bot.understanding.confirm import Kind, Verdict, read_answer
from nlu.folding import fold

ERASE_QUESTION = "utter_confirm_erase"
# The assistant's "anything else?" in its several wordings (utter_thank,
# utter_anything_else, utter_report_cancelled, utter_erase_cancelled, …).
_ANYTHING_ELSE = re.compile(r"pomoc w czyms jeszcze|jeszcze w czyms pomoc")


def last_question(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The assistant's last message before the resident's answer, None if none."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return event
    return None


def asked_erasure(bot: Optional[Dict[str, Any]]) -> bool:
    """Whether the assistant's last message was the erasure question."""
    return bot is not None and (bot.get("metadata") or {}).get("utter_action") == ERASE_QUESTION


def asked_anything_else(bot: Optional[Dict[str, Any]]) -> bool:
    """Whether the assistant's last message asked if it can help with anything else."""
    return bot is not None and bool(_ANYTHING_ELSE.search(fold(str(bot.get("text") or ""))))


class ActionReadAnswer(Action):
    """Answers affirm, deny and thank outside the forms (rules in data/rules/)."""

    def name(self) -> str:
        return "action_read_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        text = latest_text(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        question = last_question(tracker)
        if asked_erasure(question):
            verdict = read_answer(text, Kind.ERASURE).verdict
            if verdict is Verdict.YES:
                dispatcher.utter_message(response="utter_erase_conversation")
            elif verdict in (Verdict.NO, Verdict.CANCEL):
                dispatcher.utter_message(response="utter_erase_cancelled")
            else:
                dispatcher.utter_message(response=ERASE_QUESTION)
            return []
        if asked_anything_else(question):
            verdict = read_answer(text, Kind.MORE).verdict
            if verdict is Verdict.NO:
                dispatcher.utter_message(response="utter_goodbye")
                return []
            if verdict is Verdict.YES:
                dispatcher.utter_message(response="utter_help")
                return []
        if intent == "thank":
            dispatcher.utter_message(response="utter_thank")
        else:
            dispatcher.utter_message(response="utter_anything_else")
        return []
