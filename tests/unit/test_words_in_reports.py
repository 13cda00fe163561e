"""Category and place read from a report's words, never from pieces of words.

"parking" is no park, "kratka ściekowa" no sewage for the environment
department, "wycieczka" no tree felling; a place is the street and number (or
the landmark) and never runs on into the next sentence.
"""

from __future__ import annotations

from typing import Optional

import pytest

from actions.form_input import check_place
from actions.ideas import fits_civic_budget
from bot.reports.triage import find_place, guess_category

LONG_COMPLAINT = (
    "Dzień dobry. Od tygodnia nie świeci latarnia przy ul. Kocmyrzowskiej 12. "
    "Od wieczora jest zupełnie ciemno. Proszę o interwencję."
)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("samochody stoją na parkingu pod blokiem", None),
        ("na parkingu leży wrak auta", "porzadek"),
        ("auta parkują na trawniku", "porzadek"),
        ("kratka ściekowa jest zatkana", "drogi"),
        ("kratka sciekowa zapadnieta", "drogi"),
        ("ścieki płyną do Wisły", "srodowisko"),
        ("wycieczka szkolna zaśmieciła skwer", "czystosc"),
        ("wycięli drzewa bez zgody", "srodowisko"),
        ("wycinka drzew na osiedlu", "srodowisko"),
        ("latarnia pali się cały dzień", "oswietlenie"),
        ("latarnia pali sie caly dzien", "oswietlenie"),
        ("chodnik zasypany śniegiem", "czystosc"),
        ("w parku Jordana połamana ławka", "zielen"),
        ("połamane gałęzie w parku", "zielen"),
        ("dym z komina sąsiada", "porzadek"),
        ("dziura w asfalcie", "drogi"),
        ("nie świeci latarnia", "oswietlenie"),
        ("drogo i daleko", None),
        ("wycie psa przez całą noc", None),
        ("parkiet w urzędzie", None),
    ],
)
def test_category_from_whole_words(text: str, category: Optional[str]) -> None:
    assert guess_category(text) == category


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (LONG_COMPLAINT, "ul. Kocmyrzowskiej 12"),
        ("Nie świeci latarnia przy ul. Kocmyrzowskiej. Od wieczora ciemno.", "ul. Kocmyrzowskiej"),
        ("ławki na rondzie Mogilskim", "na rondzie Mogilskim"),
        ("połamana ławka w parku Jordana", "w parku Jordana"),
        ("ul. Kocmyrzowska, przystanek", "ul. Kocmyrzowska"),
        ("dziura przy Długiej 5", "Długiej 5"),
        ("róg Dietla i Starowiślnej", "róg Dietla i Starowiślnej"),
        ("dziura na rogu Dietla i Starowiślnej.", "rogu Dietla i Starowiślnej"),
        ("al. 29 Listopada 50", "al. 29 Listopada 50"),
        ("dziura na ul. Jana Pawła II 12, od miesiąca", "ul. Jana Pawła II 12"),
        ("śmieci przy przystanku Rondo Mogilskie", "przy przystanku Rondo Mogilskie"),
        ("na Rynku Głównym leżą śmieci", "na Rynku Głównym"),
        ("dziura w Krakowie", None),
        ("Proszę o pomoc. W nocy ktoś zniszczył ławkę.", None),
        ("jest dziura w jezdni", None),
    ],
)
def test_place_named_in_words(text: str, place: Optional[str]) -> None:
    assert find_place(text) == place


def test_a_long_answer_to_where_keeps_only_the_place() -> None:
    assert check_place(LONG_COMPLAINT).value == "ul. Kocmyrzowskiej 12"


@pytest.mark.parametrize(
    "text",
    ["w parku Jordana", "na rondzie Mogilskim", "ul. Kocmyrzowska, przystanek", "Długa 5"],
)
def test_a_short_answer_to_where_is_taken_as_typed(text: str) -> None:
    assert check_place(text).value == text


@pytest.mark.parametrize(
    ("idea", "hint"),
    [
        ("ławki na rondzie Mogilskim", True),
        ("park kieszonkowy na Grzegórzkach", True),
        ("ścieżka rowerowa wzdłuż Wisły", True),
        ("więcej miejsc na parkingu przy szpitalu", False),
        ("kontrola parkowania pod szkołą", False),
    ],
)
def test_civic_budget_hint_from_whole_words(idea: str, hint: bool) -> None:
    assert fits_civic_budget(idea) is hint


@pytest.mark.parametrize(
    ("answer", "place"),
    [
        ("zmień miejsce na ul. Kocmyrzowska, przystanek", "ul. Kocmyrzowska, przystanek"),
        ("zmien miejsce na rondo Mogilskie", "rondo Mogilskie"),
        ("popraw adres na Długa 5", "Długa 5"),
        ("ul. Kocmyrzowska 12", "ul. Kocmyrzowska 12"),
    ],
)
def test_a_correction_typed_at_the_place_question_keeps_only_the_place(
    answer: str, place: str
) -> None:
    from actions.form_input import check_place

    assert check_place(answer).value == place
