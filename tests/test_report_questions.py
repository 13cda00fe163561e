"""The category questions (bot/reports/questions.py) as residents meet them, through the
real stack: asked only when the first words did not answer them, skippable, stored
with the report and shown to staff."""

from __future__ import annotations

from typing import Tuple

import pytest

from bot.db import Database
from tests.helpers.reports import NUMBER, Chat, stored
from tests.staff import Staff

pytestmark = pytest.mark.stack

LAMP_NUMBER = "Jaki numer jest na słupie latarni?"


@pytest.fixture()
def chat(report_chat: Chat) -> Chat:
    return report_chat


def send(chat: Chat) -> Tuple[str, str]:
    """Skips the photo and the contact and sends: the summary and the report's number."""
    chat.press("Pomiń zdjęcie")
    summary = chat.press("Nie, bez kontaktu")
    found = NUMBER.search(chat.press("Wyślij zgłoszenie"))
    assert found, chat.replies
    return summary, found.group(0)


def test_lamp_number_is_asked_when_the_first_message_lacks_it(
    chat: Chat, app_db: Database, staff: Staff
) -> None:
    first = chat.say("nie świeci latarnia przy Długiej 5")
    assert LAMP_NUMBER in first and "zdjęcie" not in first
    assert [b["title"] for b in chat.replies[-1]["buttons"]] == ["Nie wiem"]
    assert "Nie rozumiem tego numeru" in chat.say("ta wysoka")  # asked again, not stored
    assert LAMP_NUMBER in chat.replies[-1]["text"]
    assert "zdjęcie" in chat.say("nr 4521")
    summary, reference = send(chat)
    assert "• numer słupa: 4521" in summary
    report = stored(app_db, reference)
    assert report is not None and report.attributes == {"numer_slupa": "4521"}
    page = staff.client("supervisor").get("/console/reports", params={"category": "oswietlenie"})
    row = page.text.split(f'data-reference="{reference}"')[1].split("</tr>")[0]
    assert "<dt>numer słupa</dt><dd>4521</dd>" in row


def test_lamp_number_in_the_first_message_is_not_asked_again(
    chat: Chat, app_db: Database
) -> None:
    first = chat.say("latarnia nr 123 nie świeci przy Długiej 9")
    assert "zdjęcie" in first and LAMP_NUMBER not in first
    summary, reference = send(chat)
    assert "• numer słupa: 123" in summary
    report = stored(app_db, reference)
    assert report is not None and report.attributes == {"numer_slupa": "123"}


def test_i_dont_know_is_an_answer_and_nothing_is_stored(chat: Chat, app_db: Database) -> None:
    assert LAMP_NUMBER in chat.say("nie świeci latarnia przy Długiej 11")
    assert "zdjęcie" in chat.press("Nie wiem")
    summary, reference = send(chat)
    assert "numer słupa" not in summary
    report = stored(app_db, reference)
    assert report is not None and not report.attributes


def test_a_list_question_after_the_category_button(chat: Chat, app_db: Database) -> None:
    chat.say("chcę zgłosić problem")
    chat.press("Drzewo przy drodze")
    chat.say("Lea 12")
    asked = chat.say("pochylone drzewo nad ulicą, trzeszczy przy wietrze")
    assert "blokuje jezdnię albo chodnik" in asked
    titles = [b["title"] for b in chat.replies[-1]["buttons"]]
    assert titles == [
        "Jezdnię",
        "Chodnik lub ścieżkę",
        "Jezdnię i chodnik",
        "Nie blokuje",
        "Nie wiem",
    ]
    assert "zdjęcie" in chat.press("Nie blokuje")
    summary, reference = send(chat)
    assert "• czy blokuje przejazd lub przejście: Nie blokuje" in summary
    report = stored(app_db, reference)
    assert report is not None and report.attributes == {"blokuje": "nie_blokuje"}


def test_waste_kind_heard_in_the_description_and_not_asked_for_snow(chat: Chat) -> None:
    first = chat.say("dzikie wysypisko śmieci: stara kanapa i gruz przy Długiej 20")
    assert "zdjęcie" in first and "Jakie to odpady" not in first
    other = Chat(chat.gateway)
    other.say("chcę zgłosić problem")
    other.press("Czystość i śmieci")
    other.say("Długa 22")
    assert "zdjęcie" in other.say("nieodśnieżony chodnik, bardzo ślisko")


def test_a_category_changed_at_the_summary_asks_its_own_question(
    chat: Chat, app_db: Database
) -> None:
    assert "zdjęcie" in chat.say("latarnia nr 77 nie świeci przy Długiej 13")
    chat.press("Pomiń zdjęcie")
    assert "• numer słupa: 77" in chat.press("Nie, bez kontaktu")
    chat.press("Zmień kategorię")
    assert "blokuje jezdnię albo chodnik" in chat.press("Drzewo przy drodze")
    summary = chat.press("Jezdnię")
    assert "• czy blokuje przejazd lub przejście: Jezdnię" in summary
    assert "numer słupa" not in summary  # the lamp's answer is not the tree's
    found = NUMBER.search(chat.press("Wyślij zgłoszenie"))
    assert found
    report = stored(app_db, found.group(0))
    assert report is not None and report.category == "drzewa_przy_drodze"
    assert report.attributes == {"blokuje": "jezdnia"}
