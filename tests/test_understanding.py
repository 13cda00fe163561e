"""Residents as they really write, through the running stack (issue 13).

A long complaint starts the report form with what it already says, a matter
outside the six units gets the body that handles it, and a message the model
is unsure about gets a question back instead of a confident answer.
"""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from bot.db import Database
from bot.models import Report
from tests.helpers.reports import NUMBER, Chat

pytestmark = pytest.mark.stack

COMPLAINT = (
    "Dzień dobry. Od tygodnia nie świeci latarnia przy ul. Kocmyrzowskiej 12. "
    "Wieczorem na chodniku jest zupełnie ciemno i starsi sąsiedzi boją się tamtędy wracać. "
    "Proszę o szybką naprawę, bo zaraz ktoś się przewróci."
)


def test_a_four_sentence_complaint_starts_the_report_with_place_and_description(
    gateway: httpx.Client, live
) -> None:  # type: ignore[no-untyped-def]
    chat = Chat(gateway)
    first = chat.say(COMPLAINT)
    # Place, category and description are not asked again; the lamp post's number is
    # the next question (bot/reports/questions.py).
    assert "numer jest na słupie" in first and "Gdzie" not in first and "Opisz" not in first
    assert "zdjęcie" in chat.press("Nie wiem")
    chat.press("Pomiń zdjęcie")
    summary = chat.press("Nie, bez kontaktu")
    assert "ul. Kocmyrzowskiej 12" in summary
    assert "Oświetlenie" in summary
    assert "Proszę o szybką naprawę" in summary  # the whole message is the description
    filed = chat.press("Wyślij zgłoszenie")
    (number,) = NUMBER.findall(filed)
    db = Database(f"sqlite:///{live.var_dir / 'kck.db'}")
    with db.session() as session:
        report = session.scalars(select(Report).where(Report.reference == number)).one()
        assert report.location_text == "ul. Kocmyrzowskiej 12"
        assert report.description == COMPLAINT
    db.dispose()


@pytest.mark.parametrize(
    ("question", "body"),
    [
        (
            "Dzień dobry, mieszkam w Podgórzu i chcę kupić abonament mieszkańca do strefy "
            "płatnego parkowania. Gdzie to się załatwia?",
            "Strefy Płatnego Parkowania",
        ),
        ("gdzie zaplace za smieci i skad wziac numer konta", "Wydział Podatków i Opłat"),
        ("jak wyrobić Kartę Krakowską dla dziecka", "Kart"),
        ("sąsiad puszcza głośno muzykę w nocy, do kogo dzwonić?", "986"),
    ],
)
def test_a_matter_outside_the_units_gets_the_body_that_handles_it(
    gateway: httpx.Client, question: str, body: str
) -> None:
    answer = Chat(gateway).say(question)
    assert body in answer
    assert "KCK" in answer  # said plainly that the assistant does not handle it


def test_an_unsure_message_gets_a_question_back_with_buttons(gateway: httpx.Client, live) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers.gateway import vague_message

    chat = Chat(gateway)
    text = chat.say(vague_message(live))
    assert "Nie jestem pewien" in text
    titles = [b["title"] for r in chat.replies for b in r.get("buttons", [])]
    assert {"Zgłoś problem", "Porozmawiaj z konsultantem", "Żaden z tych"} <= set(titles)
    # The offered button really starts the report.
    assert "Czego dotyczy zgłoszenie?" in chat.press("Zgłoś problem")
