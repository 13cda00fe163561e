"""Only what the conversation offered: which button presses the router accepts.

A payload is a button's meaning, so the router accepts one only if this
conversation was shown that button. Buttons of a form's question (marked
``scope: question`` when stored, because Rasa was filling a form when it asked)
count only while that question is the latest one; every other button (topics,
"Porozmawiaj z konsultantem", "Zgłoś problem") keeps doing what it says. The
rule reads the stored transcript, so a pressed button is judged the same live
and after a reload, on the widget and on Telegram.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Tuple

# Buttons valid only while their question is the latest (set on form questions).
SCOPE = "scope"
QUESTION = "question"
ACCEPTED, STALE = "accepted", "stale"
STALE_TEXT = (
    "To pytanie jest już nieaktualne – rozmowa poszła dalej. Odpowiedz proszę na ostatnie "
    "pytanie albo napisz, w czym mogę pomóc."
)

Turn = Tuple[str, List[Dict[str, str]]]


def scoped_to_question(buttons: Iterable[Dict[str, str]]) -> List[Dict[str, str]]:
    """The buttons of a form's question, marked so they expire with the question."""
    return [{**button, SCOPE: QUESTION} for button in buttons]


def judge(payload: str, turns: Iterable[Turn]) -> str:
    """``ACCEPTED`` when the payload is a button of the latest turn (the messages after
    the resident's last one) or a lasting button shown earlier; ``STALE`` otherwise
    (an expired form button, or one this conversation was never shown)."""
    latest = True
    for sender, buttons in turns:  # newest first
        if sender == "user":
            latest = False
            continue
        for button in buttons:
            if (button.get("payload") or button.get("title")) != payload:
                continue
            if latest or button.get(SCOPE) != QUESTION:
                return ACCEPTED
    return STALE
