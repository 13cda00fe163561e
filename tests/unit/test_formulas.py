"""Greetings, farewells and thanks said on their own (nlu/formulas.py).

A resident who writes "siema" or "do zobaczenia" is greeted or seen off, never asked
which topic was meant; a formula followed by a matter is left to the classifier.
"""

from __future__ import annotations

import pytest

from nlu.formulas import formula_intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("siema", "greet"),
        ("Dzień dobry!", "greet"),
        ("dzien dobry panu", "greet"),
        ("Witam serdecznie", "greet"),
        ("heeej", "greet"),
        ("Do zobaczenia", "goodbye"),
        ("no to pa", "goodbye"),
        ("ŻEGNAM", "goodbye"),
        ("Dziękuję bardzo!", "thank"),
        ("Halo?", "greet"),
        ("elo", "greet"),
        ("pozdro", "goodbye"),
        ("trzymaj się", "goodbye"),
        ("thx", "thank"),
        ("dzięki bardzo", "thank"),
        ("dziekuje pieknie", "thank"),
        ("jasne", "affirm"),
        ("Zgadza się", "affirm"),
        ("no pewnie", "affirm"),
        ("takkk", "affirm"),
        ("nie", "deny"),
        ("Nie, dziękuję", "deny"),
    ],
)
def test_a_formula_on_its_own_names_its_intent(text: str, intent: str) -> None:
    assert formula_intent(text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "dzień dobry, zgubiłem dowód",  # a matter follows: the classifier decides
        "dzień dobry, dziękuję",  # two kinds of formula
        "hejnał z wieży mariackiej",  # "hej" is inside "hejnał": whole words only
        "pan",  # "pa" is inside "pan"
        "papiery do meldunku",
        "dziękuję za nic, nikt nie naprawił latarni",
        "pa 2",  # digits are never a formula
        "",
        "!!!",
        "kontakt",  # "tak" is inside "kontakt"
        "obok",  # "ok" is inside "obok"
        "jasne?",  # a question is not an answer
        "nie wiem",  # negation first: never a yes, and not a plain no either
        "nie tak",
        "chwila",  # wait is not no
        "super, dziękuję",  # yes or thanks: the classifier decides
        "tak, ale latarnia dalej nie świeci",
    ],
)
def test_anything_else_is_left_to_the_classifier(text: str) -> None:
    assert formula_intent(text) is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("pomoc", "help"),
        ("POMOC!", "help"),
        ("/pomoc", "help"),
        ("help", "help"),
        ("konsultant", "request_human"),
        ("/start", "greet"),
    ],
)
def test_a_command_word_alone_is_that_command(text: str, intent: str) -> None:
    from nlu.commands import command_intent

    assert command_intent(text) == intent


@pytest.mark.parametrize(
    "text", ["pomoc społeczna", "potrzebuję pomocy z zasiłkiem", "konsultant nie odbiera", ""]
)
def test_a_command_word_inside_a_sentence_is_left_to_the_classifier(text: str) -> None:
    from nlu.commands import command_intent

    assert command_intent(text) is None
