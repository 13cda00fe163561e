"""What the resident reads and presses when asked to rate a chat (Polish, neutral).

One question, five plain numbers and "Pomiń": the same buttons on the widget and on
Telegram. The payloads are the gateway's own (never sent to Rasa), so the router
answers them here whatever Rasa's model knows.
"""

from __future__ import annotations

from typing import Dict, List

# Rasa's response marker (``custom: {kck_control: ask_rating}`` on utter_goodbye).
CONTROL = "ask_rating"
PREFIX = "/csat_"
SCORES = (1, 2, 3, 4, 5)
SKIP = "/csat_skip"
NO_COMMENT = "/csat_no_comment"
COMMENT_MAX_CHARS = 1000

QUESTION = (
    "Jak oceniasz tę rozmowę? Wybierz od 1 (źle) do 5 (bardzo dobrze). Ocena jest "
    "dobrowolna – możesz ją pominąć."
)
THANKS = (
    "Dziękujemy za ocenę. Jeśli chcesz, dopisz teraz krótki komentarz w jednej wiadomości "
    "(bez danych osobowych)."
)
COMMENT_THANKS = "Dziękujemy, komentarz zapisany. W razie pytań jestem tu całą dobę."
SKIPPED = "Dobrze, bez oceny. W razie pytań jestem tu całą dobę."
NO_COMMENT_TEXT = "Dobrze. W razie pytań jestem tu całą dobę."


def score_payload(score: int) -> str:
    return f"{PREFIX}{score}"


def question_buttons() -> List[Dict[str, str]]:
    """Buttons 1–5 and "Pomiń", in this order."""
    buttons = [{"title": str(score), "payload": score_payload(score)} for score in SCORES]
    return [*buttons, {"title": "Pomiń", "payload": SKIP}]


def comment_buttons() -> List[Dict[str, str]]:
    return [{"title": "Bez komentarza", "payload": NO_COMMENT}]


def score_of(payload: str | None) -> int | None:
    """The score a rating button carries; None for any other payload."""
    for score in SCORES:
        if payload == score_payload(score):
            return score
    return None


def is_rating_payload(payload: str | None) -> bool:
    return score_of(payload) is not None or payload in (SKIP, NO_COMMENT)
