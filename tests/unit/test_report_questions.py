"""The category questions as data (bot/reports/questions.py) and the reading of answers
(bot/reports/details.py): what residents' words already answer, what a typed answer
means, and what is stored."""

from __future__ import annotations

import pytest

from bot.reports import details
from bot.reports.questions import BY_CODE, QUESTIONS, UNKNOWN, questions_for
from bot.reports.routing import CATEGORIES


def test_every_question_is_well_formed_data() -> None:
    assert len(BY_CODE) == len(QUESTIONS)  # codes are Open311 attribute codes
    for question in QUESTIONS:
        assert question.category in CATEGORIES
        assert question.prompt.endswith(("?", "”."))
        assert question.datatype in ("string", "singlevaluelist")
        if question.datatype == "singlevaluelist":
            assert question.choices[-1].key == UNKNOWN  # "Nie wiem" is always an answer
            assert len({c.key for c in question.choices}) == len(question.choices)
        else:
            assert not question.choices and question.value_pattern is not None
            assert not question.required  # a number nobody can see cannot be required


def test_the_categories_that_ask() -> None:
    asking = {c for c in CATEGORIES if questions_for(c)}
    assert asking == {"oswietlenie", "drzewa_przy_drodze", "czystosc", "drogi"}


@pytest.mark.parametrize(
    ("text", "code", "value"),
    [
        ("latarnia nr 123 nie świeci", "numer_slupa", "123"),
        ("Latarnia 45A przy Długiej nie działa", "numer_slupa", "45A"),
        ("numer słupa: OS-12/3, nie świeci", "numer_slupa", "OS-12/3"),
        ("drzewo przewróciło się na jezdnię przy Lea 5", "blokuje", "jezdnia"),
        ("konar spadł na chodnik", "blokuje", "chodnik"),
        ("drzewo przewróciło się na jezdnię i chodnik", "blokuje", "jezdnia_i_chodnik"),
        ("gałąź nie blokuje przejazdu, ale wisi nisko", "blokuje", "nie_blokuje"),
        ("dzikie wysypisko gruzu w lesie", "rodzaj_odpadow", "gruz"),
        ("ktoś zostawił starą kanapę przy śmietniku", "rodzaj_odpadow", "gabaryty"),
        ("przepełnione kosze na Plantach", "rodzaj_odpadow", "smieci"),
        ("wielka dziura w jezdni przy Karmelickiej 10", "miejsce_uszkodzenia", "jezdnia"),
        ("wyrwa na ścieżce rowerowej wzdłuż Wisły", "miejsce_uszkodzenia", "droga_rowerowa"),
    ],
)
def test_words_that_answer_a_question(text: str, code: str, value: str) -> None:
    assert details.details_in(text)[code] == value


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("nie świeci latarnia przy Długiej 5", "numer_slupa"),  # a house number, not the lamp's
        ("latarnia nie świeci od 3 dni", "numer_slupa"),
        ("pochylone drzewo nad ulicą", "blokuje"),  # hangs over, blocks nothing yet
        ("śmieci", "blokuje"),
    ],
)
def test_words_that_do_not_answer(text: str, code: str) -> None:
    assert code not in details.details_in(text)


def test_snow_and_signs_make_a_question_moot() -> None:
    assert details.details_in("nieodśnieżony chodnik, ślisko")["rodzaj_odpadow"] is None
    assert details.details_in("przewrócony znak drogowy")["miejsce_uszkodzenia"] is None
    assert details.pending("czystosc", details.details_in("oblodzony chodnik")) == []


@pytest.mark.parametrize(
    ("code", "answer", "value"),
    [
        ("numer_slupa", "4521", "4521"),
        ("numer_slupa", "nr 4521", "4521"),
        ("numer_slupa", "na słupie jest os-12", "OS-12"),
        ("numer_slupa", "nie wiem", None),
        ("numer_slupa", "pomiń", None),
        ("numer_slupa", "nie widać numeru", None),
        ("blokuje", "Jezdnię", "jezdnia"),
        ("blokuje", "blokuje cały chodnik", "chodnik"),
        ("blokuje", "nie", "nie_blokuje"),
        ("blokuje", "Nie wiem", UNKNOWN),
        ("blokuje", "pomiń", UNKNOWN),
        ("rodzaj_odpadow", "Opony", "opony"),
    ],
)
def test_typed_answers(code: str, answer: str, value: str | None) -> None:
    assert details.read_answer(BY_CODE[code], answer) == details.Reading(True, value)


@pytest.mark.parametrize(
    ("code", "answer"),
    [("numer_slupa", "ta wysoka"), ("numer_slupa", "1234567890123"), ("blokuje", "tak")],
)
def test_answers_asked_again(code: str, answer: str) -> None:
    assert not details.read_answer(BY_CODE[code], answer).understood


def test_only_the_filed_categorys_valid_answers_are_stored() -> None:
    slot = details.encode(
        {"numer_slupa": "123", "blokuje": "jezdnia", "rodzaj_odpadow": None, "zmyslony": "x"}
    )
    known = details.decode(slot)
    assert "zmyslony" not in known
    assert details.attributes_to_store("oswietlenie", known) == {"numer_slupa": "123"}
    assert details.attributes_to_store("czystosc", known) == {}
    forged = {"numer_slupa": "<script>", "blokuje": "kosmos"}
    assert details.attributes_to_store("oswietlenie", forged) == {}
    assert details.attributes_to_store("drzewa_przy_drodze", forged) == {}
    assert details.decode("[1, 2]") == {} and details.decode(None) == {}


def test_first_words_win_over_later_ones() -> None:
    merged = details.merged({"numer_slupa": "123"}, {"numer_slupa": "999", "blokuje": None})
    assert merged == {"numer_slupa": "123", "blokuje": None}


def test_answers_as_staff_read_them() -> None:
    shown = details.described({"blokuje": "jezdnia_i_chodnik", "numer_slupa": "12"})
    assert shown == [
        ("numer słupa", "12"),
        ("czy blokuje przejazd lub przejście", "Jezdnię i chodnik"),
    ]
