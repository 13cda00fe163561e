"""Reading a resident's first report message: category and place (danger and utility
faults: bot/safety).

Keyword rules on folded text (no Polish letters, lower case), so that
"nie swieci latarnia" and "Nie świeci latarnia!" are read alike. They only
pre-fill what the resident already said; anything unclear is asked.
"""

from __future__ import annotations

import re
from typing import Tuple

# Danger and utility faults are read by the safety net (bot/safety), re-exported here
# for the report flow's older callers.
from bot.safety import Utility, is_danger, utility_fault  # noqa: F401
from nlu.folding import fold

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
