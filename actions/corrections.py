"""Acting on the answer to a report or idea summary: file, ask again, or correct.

The answer is read by ``bot.understanding.confirm``; this module turns the
reading into slot values of the form. Only a plain yes files; a no, a
correction or anything unclear keeps the confirmation empty, so the form
shows the summary (or the question of the corrected field) again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, Mapping, Optional

from rasa_sdk.executor import CollectingDispatcher

from actions import form_input
from actions.filing import CANCELLED, CONFIRMED
from bot.understanding.confirm import Kind, Reading, Verdict, read_answer

NOT_SENT = (
    "Dobrze, niczego nie wysłałem. Co chcesz zmienić? Wybierz przycisk pod podsumowaniem "
    "albo napisz np. „zmień miejsce na ul. Długa 5”."
)
WHAT_TO_CHANGE = (
    "Co chcesz zmienić? Wybierz przycisk pod podsumowaniem albo napisz np. "
    "„zmień opis na …”. Nic jeszcze nie zostało wysłane."
)
UNCLEAR = (
    "Nie jestem pewien, czy mogę wysłać. Wybierz proszę jedną z opcji pod podsumowaniem "
    "(„Wyślij”, „Zmień …” albo „Anuluj”) – bez tego niczego nie wyślę."
)
CHANGED = "Zmieniłem {what}. Sprawdź proszę jeszcze raz:"
ASK_AGAIN = "Dobrze, zmieńmy {what} – nic jeszcze nie zostało wysłane."


@dataclass(frozen=True)
class Field:
    """One field of a summary: its slot, how it is named, and how a new value is checked."""

    slot: str
    name: str  # accusative, as in "Zmieniłem miejsce"
    check: Optional[Callable[[str], form_input.Checked]]  # None: always asked again
    also_clear: tuple[str, ...] = ()  # slots emptied with it (e.g. the map point)


def apply_answer(
    text: str,
    kind: Kind,
    confirmation_slot: str,
    fields: Mapping[str, Field],
    dispatcher: CollectingDispatcher,
) -> Dict[str, Any]:
    """Slot values for the answer ``text`` to the summary of a ``kind`` form."""
    if form_input.is_cancel(text):  # "stop", "koniec": the words every question takes
        return {confirmation_slot: CANCELLED}
    reading = read_answer(text, kind)
    if reading.verdict is Verdict.YES:
        return {confirmation_slot: CONFIRMED}
    if reading.verdict is Verdict.CANCEL:
        return {confirmation_slot: CANCELLED}
    if reading.verdict is Verdict.CHANGE:
        return _correct(reading, confirmation_slot, fields, dispatcher)
    dispatcher.utter_message(text=NOT_SENT if reading.verdict is Verdict.NO else UNCLEAR)
    return {confirmation_slot: None}


def _correct(
    reading: Reading,
    confirmation_slot: str,
    fields: Mapping[str, Field],
    dispatcher: CollectingDispatcher,
) -> Dict[str, Any]:
    """The corrected field takes the new value, or is asked again when none was given."""
    field = fields.get(reading.field or "")
    if field is None:
        dispatcher.utter_message(text=WHAT_TO_CHANGE)
        return {confirmation_slot: None}
    cleared: Dict[str, Any] = dict.fromkeys(field.also_clear)
    values: Dict[str, Any] = {confirmation_slot: None, **cleared}
    if reading.value and field.check is not None:
        checked = field.check(reading.value)
        if checked.message:
            dispatcher.utter_message(text=checked.message)
        if checked.value is not None:
            dispatcher.utter_message(text=CHANGED.format(what=field.name))
            return {**values, field.slot: checked.value}
    else:
        dispatcher.utter_message(text=ASK_AGAIN.format(what=field.name))
    return {**values, field.slot: None}


def checked_category(guess: Callable[[str], Optional[str]]) -> Callable[[str], form_input.Checked]:
    """A category typed in a correction ("zmień kategorię na oświetlenie")."""

    def check(text: str) -> form_input.Checked:
        code = guess(text)
        if code is None:
            return form_input.Checked(None, "Nie rozpoznałem kategorii – wybierz proszę z listy.")
        return form_input.Checked(code)

    return check
