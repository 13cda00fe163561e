"""A place typed by a resident, reduced to its street and house number for comparison.

Residents write the same address many ways: "ul. Długa 5", "Długiej 5",
"przy dlugiej 5". Two reports are at the same address when their streets'
words have the same stems and the numbers are equal. Each word is lemmatised
(simplemma: "Długiej" -> "długi"), folded to ASCII, and its Polish case ending
cut off, so a word typed without Polish letters ("dlugiej") meets its
lemma ("dlugi") at the stem "dlug". Whole words only: never a substring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Tuple

from nlu.folding import fold
from nlu.lemmas import lemma_of

# Words that only say what kind of place follows, or where in relation to it.
_NOISE = frozenset(
    {
        "ul", "ulica", "ulicy", "ulice", "ulicach", "al", "aleja", "alei", "aleje", "os",
        "osiedle", "osiedlu", "pl", "plac", "placu", "przy", "na", "w", "we", "obok", "pod",
        "przed", "naprzeciwko", "kolo", "okolo", "nr", "numer", "numerem", "blisko",
        "krakow", "krakowie", "z", "od", "do", "u", "i", "oraz",
    }
)  # fmt: skip
# Case endings cut from a folded word, longest first (a stem keeps three letters).
_ENDINGS = ("iego", "iemu", "iej", "ego", "emu", "ej", "ym", "im", "a", "i", "y", "e", "u", "o")
_NUMBER = re.compile(r"^(\d{1,4})([a-z]?)(?:/\d+)?$")
_DECIMAL = re.compile(r"\d[.,]\d")  # coordinates ("50.06143, 19.93658"), never a house number
_WORD = re.compile(r"[0-9a-ząćęłńóśźż/]+", re.IGNORECASE)


@dataclass(frozen=True)
class Address:
    """A street (its words' stems, in order) and a house number ("5", "12a")."""

    street: Tuple[str, ...]
    number: str


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """The word's lemma, folded, without its case ending: "Długiej", "dlugiej" -> "dlug"."""
    folded = fold(lemma_of(word.lower()))
    for ending in _ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            return folded[: -len(ending)]
    return folded


def address_of(place: Optional[str]) -> Optional[Address]:
    """The street and number of a typed place; None without a number after a street.

    The first number that follows street words is the house number ("Długa 5 m. 3"
    -> Długa 5); a place without one (a crossing, a park) has no address to compare.
    """
    if not place or _DECIMAL.search(place):
        return None
    street: list[str] = []
    for word in _WORD.findall(place):
        folded = fold(word)
        found = _NUMBER.match(folded)
        if found and street:
            return Address(tuple(street), found.group(1) + found.group(2))
        if found or folded in _NOISE:
            if street and not found:
                street = []  # "Długa przy Grodzkiej 5": the street is the one before the number
            continue
        street.append(stem(word))
    return None


def same_address(first: Optional[str], second: Optional[str]) -> bool:
    """Whether two typed places name the same street and house number."""
    one, other = address_of(first), address_of(second)
    return one is not None and one == other
