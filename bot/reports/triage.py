"""Reading a resident's first report message: danger, utility faults, category, place.

Keyword rules on folded text (no Polish letters, lower case), so that
"nie swieci latarnia" and "Nie świeci latarnia!" are read alike. They only
pre-fill what the resident already said; anything unclear is asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Tuple

from nlu.folding import fold

# Danger to life or health: 112 before anything else.
_DANGER = re.compile(
    r"ktos (jest )?w srodku|uwiezi|rann|krwawi|nieprzytomn|nie oddycha|pali sie|pozar|"
    r"plonie|ogien|zagraz\w* zyciu|zagrozenie zycia|wypadek|potracon|topi sie|"
    r"przygniot|zasypan|zawal\w* sie|spadl\w* na (czlowieka|osobe|dziecko|ludzi)"
)


@dataclass(frozen=True)
class Utility:
    name: str
    phone: str


UTILITIES: Tuple[Tuple[re.Pattern, Utility], ...] = (
    (re.compile(r"\bgaz\w*|ulatnia"), Utility("pogotowie gazowe", "992")),
    (
        re.compile(r"brak wody|nie ma wody|wyciek wody|pekl\w* rur|awaria wod|kanaliz|wodociag"),
        Utility("pogotowie wodociągowe (MPWiK)", "994"),
    ),
    (
        re.compile(r"ogrzewani|kaloryfer|grzejnik|cieplej wody|brak ciepla|cieplown"),
        Utility("pogotowie ciepłownicze (MPEC)", "993"),
    ),
    (
        re.compile(r"nie ma pradu|brak pradu|awaria pradu|zerwan\w* (linia|przewod)|iskrzy"),
        Utility("pogotowie energetyczne", "991"),
    ),
)

_CATEGORY_RULES: Tuple[Tuple[str, re.Pattern], ...] = (
    ("srodowisko", re.compile(r"wycie\w*|wycina\w*|wycinka|bez zezwolenia|zanieczyszcz|sciek")),
    (
        "drzewa_przy_drodze",
        re.compile(r"(drzew|konar|galez)\w*.{0,40}(drog|jezdni|ulic|chodnik)"),
    ),
    ("oswietlenie", re.compile(r"latarn|oswietl|lamp\w* uliczn|nie swieci|ciemno na")),
    (
        "drogi",
        re.compile(
            r"dziur|wyrw|chodnik|jezdni|asfalt|krawezn|znak\w* drogow|znak|sygnaliz|"
            r"swiatla|studzienk|pasy|przejsci\w* dla pieszych|barierk"
        ),
    ),
    (
        "czystosc",
        re.compile(
            r"smiec|smieci|kosz\w* (pelny|przepeln)|przepeln|odsniez|snieg|gololedz|brud|odpad"
        ),
    ),
    (
        "porzadek",
        re.compile(
            r"parkuj|zaparkowa|wrak|porzucon\w* (auto|samoch)|dym|komin|halas|graffiti|psie"
        ),
    ),
    (
        "zielen",
        re.compile(
            r"park|skwer|trawnik|kosz\w*\s*traw|skos|galez|konar|drzew|plac\w* zabaw|zielen"
        ),
    ),
)

_NAME = r"[A-ZŁŚŻŹĆÓ][\w.\-]*(?:\s+[A-ZŁŚŻŹĆÓ][\w.\-]*){0,3}"
_NUMBER = r"\d+[a-zA-Z]?(?:/\d+)?"
_PLACES = (
    # "ul. Karmelicka 12", "os. Piastów 20", "al. Pokoju", "parku Jordana": kept with the keyword
    re.compile(
        r"\b(?:ul\.?|ulic[ay]|al\.?|alej[ai]|aleja|os\.?|osiedl[eu]|pl\.?|plac[u]?|rond(?:o|zie)|"
        rf"park(?:u|iem)?)\s+{_NAME}(?:\s+{_NUMBER})?"
    ),
    # "przy Długiej 5", "naprzeciwko Wawelu 3": the name and number only
    re.compile(rf"\b(?:przy|na|obok|koło|kolo|naprzeciw(?:ko)?|pod)\s+({_NAME}\s+{_NUMBER})"),
    # "róg Dietla i Starowiślnej", "skrzyżowanie Dietla i Starowiślnej"
    re.compile(r"\b(?:róg|rogu|skrzyżowani[eu])\s+[A-ZŁŚŻŹĆÓ][\w.\-]*\s+i\s+[A-ZŁŚŻŹĆÓ][\w.\-]*"),
)


def is_danger(text: str) -> bool:
    """Whether the message speaks of danger to life or health right now."""
    return bool(_DANGER.search(fold(text)))


def utility_fault(text: str) -> Utility | None:
    """The 24 h line for a water, heating, electricity or gas fault, if that is what it is."""
    folded = fold(text)
    for pattern, utility in UTILITIES:
        if pattern.search(folded):
            return utility
    return None


def guess_category(text: str) -> str | None:
    """The report category the words point to, or None when they do not say."""
    folded = fold(text)
    for code, pattern in _CATEGORY_RULES:
        if pattern.search(folded):
            return code
    return None


def find_place(text: str) -> str | None:
    """A street with a number, an estate, a square or a crossing named in the text."""
    for pattern in _PLACES:
        match = pattern.search(text)
        if match:
            return (match.group(1) if match.groups() else match.group(0)).strip(" .,")
    return None
