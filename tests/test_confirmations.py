"""Yes, no and corrections in words, through the running assistant (widget API).

A refusal at a summary files nothing and asks what to change; a correction in
words takes its new value and shows the summary again; places and callback
times typed in words are taken; "nie" to "Czy mogę pomóc w czymś jeszcze?"
says goodbye. The reader itself is tested in tests/unit/test_confirm.py.
"""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from bot.db import Database
from bot.models import CallbackRequest
from tests.conftest import LiveAssistant
from tests.helpers.reports import NUMBER, Chat, count, stored

pytestmark = pytest.mark.stack


@pytest.fixture()
def chat(report_chat: Chat) -> Chat:
    return report_chat


def at_report_summary(chat: Chat) -> str:
    chat.say("nie świeci latarnia przy Długiej 5")
    chat.press("Nie wiem")  # the lamp post's number (bot/reports/questions.py)
    chat.press("Pomiń zdjęcie")
    summary = chat.press("Nie, bez kontaktu")
    assert "Sprawdź zgłoszenie" in summary
    return summary


def test_refusals_at_the_report_summary_file_nothing(chat: Chat, app_db: Database) -> None:
    before = count(app_db)
    at_report_summary(chat)
    # "nie zgadza się miejsce": nothing filed, the place is asked again
    answer = chat.say("nie zgadza się miejsce")
    assert not NUMBER.search(answer) and "Gdzie" in answer
    summary = chat.say("Długa 7")
    assert "Długa 7" in summary and "Sprawdź zgłoszenie" in summary
    for refusal in ["nie potwierdzam", "nie, nie wysyłaj", "nie", "jeszcze nie", "obok jest ok?"]:
        answer = chat.say(refusal)
        assert not NUMBER.search(answer), refusal
        assert "Sprawdź zgłoszenie" in answer, refusal  # the summary and its buttons again
        assert "Wyślij zgłoszenie" in [
            b["title"] for r in chat.replies for b in r.get("buttons", [])
        ]
    assert "niczego nie wysłałem" in chat.say("nie potwierdzam")
    assert count(app_db) == before
    answer = chat.say("popraw kontakt")
    assert not NUMBER.search(answer) and "Czy zostawisz kontakt" in answer
    assert count(app_db) == before


def test_a_place_corrected_in_words_is_taken(chat: Chat, app_db: Database) -> None:
    at_report_summary(chat)
    summary = chat.say("zmień miejsce na ul. Kocmyrzowska, przystanek")
    assert "Zmieniłem miejsce" in summary
    assert "• miejsce: ul. Kocmyrzowska, przystanek" in summary
    assert "Gdzie" not in summary
    reference = NUMBER.search(chat.press("Wyślij zgłoszenie"))
    assert reference
    report = stored(app_db, reference.group(0))
    assert report is not None and report.location_text == "ul. Kocmyrzowska, przystanek"


def test_the_summary_says_where_the_report_goes_in_polish(chat: Chat) -> None:
    summary = at_report_summary(chat)
    assert "Trafi do Zarządu Dróg Miasta Krakowa." in summary
    done = chat.press("Wyślij zgłoszenie")
    assert "Przekażemy je Zarządowi Dróg Miasta Krakowa – dyspozytor 24 h" in done


def test_a_park_named_in_the_first_message_is_not_asked_again(chat: Chat) -> None:
    first = chat.say("połamana ławka w parku Jordana")
    assert "Gdzie" not in first and "zdjęcie" in first
    chat.press("Pomiń zdjęcie")
    summary = chat.press("Nie, bez kontaktu")
    assert "• miejsce: w parku Jordana" in summary


def test_the_idea_summary_reads_refusals_and_corrections(chat: Chat, app_db: Database) -> None:
    before = count(app_db)
    first = chat.say("mam pomysł, żeby postawić ławki na rondzie Mogilskim")
    assert "Gdzie" not in first and "kontakt" in first  # the place was in the message
    summary = chat.press("Nie, bez kontaktu")
    assert "• miejsce: na rondzie Mogilskim" in summary
    for refusal in ["nie potwierdzam", "nie, nie wysylaj", "obok jest ok?"]:
        assert not NUMBER.search(chat.say(refusal)), refusal
    assert "Gdzie" in chat.say("nie zgadza się miejsce")
    summary = chat.say("na rondzie Grzegórzeckim")
    assert "• miejsce: na rondzie Grzegórzeckim" in summary
    summary = chat.say("zmień miejsce na park Jordana")
    assert "• miejsce: park Jordana" in summary
    assert count(app_db) == before
    reference = NUMBER.search(chat.press("Wyślij pomysł"))
    assert reference
    idea = stored(app_db, reference.group(0))
    assert idea is not None and idea.location_text == "park Jordana"


def test_a_callback_time_typed_in_words(gateway: httpx.Client, live: LiveAssistant) -> None:
    chat = Chat(gateway)
    assert "Zgadzasz się?" in chat.say("proszę o oddzwonienie")
    chat.say("tak, zgadzam się")
    chat.say("Ewa")
    asked = chat.say("600 123 456")
    assert "Kiedy możemy zadzwonić" in asked
    # The stack's clock stands on Monday 30 November 2026: "jutro rano" is Tuesday 7:40–9:40.
    chosen = chat.say("jutro rano")
    assert "Zapisuję termin: wtorek 1 grudnia, 7:40–9:40" in chosen
    assert "W jakiej sprawie" in chosen
    done = chat.say("wymiana dowodu")
    assert "wtorek 1 grudnia między 7:40 a 9:40" in done, done
    db = Database(f"sqlite:///{live.var_dir / 'kck.db'}")
    try:
        with db.session() as session:
            rows = list(
                session.execute(
                    select(CallbackRequest).where(CallbackRequest.name == "Ewa")
                ).scalars()
            )
    finally:
        db.dispose()
    assert [(row.phone, row.topic) for row in rows] == [("+48600123456", "wymiana dowodu")]


def test_no_to_anything_else_says_goodbye(chat: Chat) -> None:
    chat.say("jak wyrobić dowód osobisty")
    assert "w czymś jeszcze" in chat.say("dziękuję")
    assert "Do widzenia" in chat.say("nie, dziękuję")


def test_only_a_plain_yes_erases_the_conversation(chat: Chat) -> None:
    """A typed refusal or a question keeps the conversation; "tak, usuń" erases it."""
    chat.say("jak wyrobić dowód osobisty")
    for answer in ["nie usuwaj", "tak?", "nie teraz", "obok jest ok?"]:
        assert "Czy na pewno usunąć tę rozmowę?" in chat.say("usuń moje dane")
        assert "Usunąłem" not in chat.say(answer), answer
    transcript = chat.gateway.get(chat.path + "/messages", headers=chat.headers).json()
    assert any("dowód" in m["text"] for m in transcript["messages"])  # nothing was erased
    assert "Czy na pewno usunąć tę rozmowę?" in chat.say("usuń moje dane")
    assert "Usunąłem tę rozmowę" in chat.say("tak, usuń")


def test_a_yes_in_other_words_is_a_yes(chat: Chat) -> None:
    """"jasne" or "zgadza się" typed on their own are read as yes (nlu/formulas.py with the
    confirmations' own words), not met with "which topic did you mean?"."""
    chat.say("jak wyrobić dowód osobisty")
    assert "Czy na pewno usunąć tę rozmowę?" in chat.say("usuń moje dane")
    assert "Usunąłem tę rozmowę" in chat.say("jasne")
