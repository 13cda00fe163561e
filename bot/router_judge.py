"""What a resident's message is judged by before it goes anywhere, split from the
router (bot/router.py): the transcript's latest turns.

- A pressed button counts only if this conversation was offered it
  (``bot.offered``); a form's button only while the form still asks its question,
  which only Rasa knows, so Rasa is asked only when a form's button of an older turn
  than the newest is pressed (the newest turn names the question its form asks).
- "to nie jest nagłe" right after the 112 answer means that answer's report button.
- Typed text is words, never an intent with slots (``as_text``).

Most messages need neither: ``turns_to_judge`` says how many turns to read (0 for
most), so the router reads the transcript only when it judges by it.
"""

from __future__ import annotations

from typing import Sequence

from bot import offered, safety
from bot.router_rasa import RasaLeg
from bot.safety import answers as safety_answers

# Rasa reads a message that starts with this as an intent with slots (its
# RegexInterpreter shortcut, applied after str.strip()): typed text never may.
INTENT_PREFIX = "/"
# The widget's own first message (its greeting), sent without a button.
WIDGET_GREETING = "/greet"
# How far back a pressed button may have been offered, and the 112 answer found.
BUTTON_TURNS = 60
ALARM_TURNS = 5


def is_pressed_button(payload: str | None, trusted: bool) -> bool:
    """A payload from a pressed button (not one the gateway made): it counts only if the
    conversation offered it."""
    return bool(payload) and not trusted and payload != WIDGET_GREETING


def may_dismiss_alarm(text: str, payload: str | None) -> bool:
    """Words that, right after the 112 answer, mean its report button ("to nie jest
    nagłe"): the message may take that button's payload."""
    return not payload and safety.is_dismissal(text)


def turns_to_judge(text: str, payload: str | None, trusted: bool) -> int:
    """How many of the latest transcript messages judge this message; 0 for most."""
    if is_pressed_button(payload, trusted):
        return BUTTON_TURNS
    return ALARM_TURNS if may_dismiss_alarm(text, payload) else 0


async def judge_button(
    rasa: RasaLeg, conversation_id: str, payload: str, turns: Sequence[offered.Turn]
) -> str:
    """``offered.ACCEPTED`` or ``offered.STALE`` for a pressed button. A lasting button
    counts whatever a form asks; a form's button counts while its question is the one
    the assistant's newest turn asked, which the form still asks (issue 19: reading
    Rasa's tracker cost the gateway and Rasa CPU on three messages in seven); any other
    form button needs Rasa's word on the question it asks now."""
    verdict = offered.judge(payload, turns, offered.newest_question(turns))
    if verdict == offered.STALE:
        asked, known = await rasa.form_question(conversation_id)
        verdict = offered.judge(payload, turns, asked, known)
    return verdict


def after_alarm(turns: Sequence[offered.Turn]) -> bool:
    """Whether the assistant's latest turn (before the resident's new message) carries
    the 112 answer's report button."""
    for sender, buttons in turns:
        if sender == "user":
            return False
        if safety_answers.NOT_DANGER_BUTTON in [
            {"title": b.get("title"), "payload": b.get("payload")} for b in buttons
        ]:
            return True
    return False


def as_text(typed: str) -> str:
    """Typed text as Rasa must read it: as words, never as an intent. Rasa takes a
    message whose stripped text starts with "/" for ``/intent{"slot": …}``, so the
    leading slashes go (the transcript keeps the words as typed)."""
    text = typed.strip()
    while text.startswith(INTENT_PREFIX):
        text = text.lstrip(INTENT_PREFIX).strip()
    return text
