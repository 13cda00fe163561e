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
        ("dziekuje pieknie", "thank"),
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
    ],
)
def test_anything_else_is_left_to_the_classifier(text: str) -> None:
    assert formula_intent(text) is None
