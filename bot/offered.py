"""Only what the conversation offered: which button presses the router accepts.

A payload is a button's meaning, so the router accepts one only if this
conversation was shown that button. Buttons of a form's question (stored with
``question: "form:slot"``, the question Rasa's form was asking) count only while
the form still asks that question; every other button (topics, "Porozmawiaj z
konsultantem", "Zgłoś problem") keeps doing what it says. The rule reads the
stored transcript and Rasa's tracker, so a pressed button is judged the same
live and after a reload, on the widget and on Telegram.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Tuple

# On a form question's buttons: which question ("form:slot") they answer.
QUESTION = "question"
ACCEPTED, STALE = "accepted", "stale"
STALE_TEXT = (
    "To pytanie jest już nieaktualne – rozmowa poszła dalej. Odpowiedz proszę na ostatnie "
    "pytanie albo napisz, w czym mogę pomóc."
)

Turn = Tuple[str, List[Dict[str, str]]]


def scoped_to_question(buttons: Iterable[Dict[str, str]], question: str) -> List[Dict[str, str]]:
    """The buttons of a form's question, marked so they expire with the question."""
    return [{**button, QUESTION: question} for button in buttons]


def judge(payload: str, turns: Iterable[Turn], asked: str | None, known: bool = True) -> str:
    """``ACCEPTED`` for a lasting button this conversation was shown, or a form button
    whose question the form still asks (``asked``, "form:slot", None outside a form);
    ``STALE`` otherwise (an expired form button, or one never shown). When Rasa
    cannot tell what it asks (``known`` False), only the latest turn's buttons count."""
    latest = True
    for sender, buttons in turns:  # newest first
        if sender == "user":
            latest = False
            continue
        for button in buttons:
            if (button.get("payload") or button.get("title")) != payload:
                continue
            question = button.get(QUESTION)
            if question is None or question == asked or (latest and not known):
                return ACCEPTED
    return STALE


def newest_question(turns: Iterable[Turn]) -> str | None:
    """The form question ("form:slot") the assistant's newest stored turn asked, if it
    did: its form still asks it, as every exchange with Rasa is stored under the
    conversation's lock (a resident's message, a consultant's, a resume's welcome), so
    nothing has moved the form on since that turn named it. None when the newest turn
    is not the assistant's or asks no form question: then only Rasa can tell."""
    for sender, buttons in turns:  # newest first: only the first turn counts
        if sender != "bot":
            return None
        return next((b[QUESTION] for b in buttons if b.get(QUESTION)), None)
    return None
