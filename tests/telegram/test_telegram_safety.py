"""Telegram through the real stack (issue 14): danger gets 112 first, a typed "/…" is
text, forged callback data and never-offered buttons do nothing, and a stale form button
is answered politely, the same as on the widget."""

from __future__ import annotations

import pytest

from bot.offered import STALE_TEXT
from bot.telegram import keyboards
from bot.telegram import texts as tg_texts
from tests.telegram.conftest import Resident, texts

pytestmark = pytest.mark.stack


def test_danger_gets_112_first_on_telegram(resident: Resident) -> None:
    answer = resident.say("facet z nożem atakuje ludzi na przystanku")
    assert "112" in str(answer[0].params["text"]).splitlines()[0]
    assert "Czego dotyczy" not in texts(answer)  # no form question after it


def test_a_typed_external_intent_is_text_on_telegram(resident: Resident) -> None:
    resident.say("/start", expect="Dzień dobry")
    answer = texts(resident.say("/EXTERNAL_handoff_ended"))
    assert "Konsultant zakończył rozmowę" not in answer


def test_forged_callback_data_does_nothing(resident: Resident) -> None:
    greeting = resident.say("/start", expect="Dzień dobry")
    shown = greeting[-1].result
    forged = keyboards.callback_data({"title": "x", "payload": "/EXTERNAL_handoff_ended"})
    answer = texts(resident.exchange(resident.updates.press(shown, forged)))
    assert answer == tg_texts.STALE_BUTTON
    assert "Konsultant zakończył rozmowę" not in answer


def test_a_stale_form_button_is_answered_politely(resident: Resident) -> None:
    assert "kategori" in texts(resident.say("chcę zgłosić problem")).lower()
    # Typed instead of pressed: the form moves on to the place.
    assert "Gdzie" in texts(resident.say("oświetlenie ulic"))
    answer = texts(resident.press("Drogi i chodniki"))
    assert answer == STALE_TEXT
