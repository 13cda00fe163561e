"""Utility faults without danger: the 24 h line instead of a report.

Whole words of the folded text, like the danger lexicon: "gazety" is not a
gas fault, "rachunek za gaz" is not a fault at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Pattern, Tuple

from bot.safety.matching import normalise


@dataclass(frozen=True)
class Utility:
    """A 24 h emergency line (../shared/knowledge/facts.md §9)."""

    name: str
    phone: str


GAS = Utility("pogotowie gazowe", "992")
WATER = Utility("pogotowie wodociągowe (MPWiK)", "994")
HEATING = Utility("pogotowie ciepłownicze (MPEC)", "993")
ELECTRICITY = Utility("pogotowie energetyczne", "991")

_FAULT = r"brak|nie ma|awari\w*|wyciek\w*|nie dziala|odciet\w*|odcieli|zakrec\w*"
# A smell of gas is danger first (bot/safety/lexicon.py) and a gas fault as well.
_SMELL = r"czuc|czuje|zapach\w*|smierdzi\w*|smrod\w*"


def _words(pattern: str) -> Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b")


UTILITIES: Tuple[Tuple[Pattern[str], Utility], ...] = (
    (
        _words(
            rf"({_FAULT}|{_SMELL}) (\w+ )?(gaz|gazu|gazem)|(gaz|gazu) (\w+ )?({_FAULT})|"
            r"ulatnia sie"
        ),
        GAS,
    ),
    (
        _words(
            rf"({_FAULT}) (\w+ )?(wody|wodociag\w*)|pekl\w* (\w+ )?rur\w*|pekniet\w* rur\w*|"
            r"rura (\w+ )?pekl\w*|kanalizac\w*|wodociag\w*|cofa sie (\w+ )?(woda|sciek\w*)"
        ),
        WATER,
    ),
    (
        _words(
            r"ogrzewani\w*|kaloryfer\w*|grzejnik\w*|(brak|nie ma) (\w+ )?(ciepla|cieplej wody)|"
            r"cieplown\w*|zimne kaloryfery"
        ),
        HEATING,
    ),
    (
        _words(
            r"(brak|nie ma|bez|awari\w*) (\w+ )?pradu|iskrz\w*|"
            r"zerwan\w* (\w+ )?(lini\w*|przewod\w*|kabel|kabl\w*)"
        ),
        ELECTRICITY,
    ),
)


def utility_fault(text: str) -> Utility | None:
    """The 24 h line for a water, heating, electricity or gas fault, if that is what it is."""
    normalised = normalise(text)
    for pattern, utility in UTILITIES:
        if pattern.search(normalised):
            return utility
    return None
