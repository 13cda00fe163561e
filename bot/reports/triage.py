"""Reading a resident's first report message: category and place (danger and utility
faults: bot/safety).

Keyword rules on folded text (no Polish letters, lower case), so that
"nie swieci latarnia" and "Nie świeci latarnia!" are read alike. They only
pre-fill what the resident already said; anything unclear is asked.
"""

from __future__ import annotations

import re
from typing import Tuple

from nlu.folding import fold

# Category rules: whole words of the folded text. A stem is written only where
# every word it begins is meant ("latarn" -> latarnia, latarni...); where a
# longer word would mean something else ("park" / "parking", "sciek" /
# "sciekowa", "wycie" / "wycieczka") the forms are listed.
_CATEGORY_RULES: Tuple[Tuple[str, re.Pattern], ...] = (
    (
        "srodowisko",
        re.compile(
            r"\b(?:wycink[aiue]|wycince|wycin(?:a|aja|al|ali|ano|any|ane|ac)|"
            r"wyci(?:al|ela|eli|ely|eto|ete|ety|ac)|bez zezwolenia|zanieczyszcz\w*|"
            r"sciek(?:i|ow|ami|ach)?)\b"
        ),
    ),
    (
        "drzewa_przy_drodze",
        re.compile(
            r"\b(?:drzew[oa]?|drzewie|konar\w*|galez\w*|galaz)\b.{0,40}"
            r"\b(?:drog[aeiou]?|drodze|jezdni\w*|ulic[aeyi]?|chodnik\w*)\b"
        ),
    ),
    (
        "oswietlenie",
        re.compile(
            r"\b(?:latarn\w*|oswietleni\w*|nieoswietlon\w*|lamp[ay]? uliczn\w*|"
            r"nie swieci|nie swieca|ciemno na)\b"
        ),
    ),
    # Snow and ice first: "chodnik zasypany śniegiem" is winter cleaning, not the road.
    ("czystosc", re.compile(r"\b(?:snieg\w*|odsniez\w*|nieodsniez\w*|gololedz\w*|oblodzon\w*)\b")),
    (
        "drogi",
        re.compile(
            r"\b(?:dziur\w*|wyrw[aeyi]|chodnik\w*|jezdni\w*|asfalt\w*|krawezni\w*|"
            r"znak(?:|i|u|iem|ow|ami)|sygnalizacj\w*|swiatla|studzien\w*|pasy|"
            r"przejsci[eua] dla pieszych|barierk\w*|krat(?:ka|ki|ke|ce|ek) sciekow\w*)\b"
        ),
    ),
    (
        "czystosc",
        re.compile(
            r"\b(?:smiec\w*|smieci|zasmiec\w*|kosz(?:e|y|ow)? (?:pelny|pelne|przepelnion\w*)|"
            r"przepelnion\w*|brud\w*|odpad\w*)\b"
        ),
    ),
    (
        "porzadek",
        re.compile(
            r"\b(?:parkuj\w*|zaparkowa\w*|parkowani\w*|wrak\w*|porzucon\w* (?:auto|samoch\w*)|"
            r"dym|dymu|dymi|dymia|komin\w*|halas\w*|graffiti)\b"
        ),
    ),
    (
        "zielen",
        re.compile(
            r"\b(?:park|parku|parki|parkow|parkiem|parkach|skwer\w*|trawnik\w*|"
            r"kosz(?:enie|enia|eniu) traw\w*|skos\w*|galez\w*|galaz|konar\w*|drzew[oa]?|"
            r"drzewie|plac\w* zabaw|zielen\w*)\b"
        ),
    ),
)

# A name: capitalised words joined by single spaces, never across a full stop
# ("ul. Kocmyrzowskiej. Od wieczora" is "ul. Kocmyrzowskiej"); "3 Maja" and
# "Jana Pawła II" are names too.
_UPPER = "A-ZŁŚŻŹĆÓ"
_WORD = rf"[{_UPPER}][\w\-]*"
_NAME = rf"(?:\d{{1,2}}\s+)?{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
_NUMBER = r"\d+[a-zA-Z]?(?:/\d+)?\b"
# Capitalised words after "w"/"na" that are not a place in the city.
_NOT_A_PLACE = re.compile(
    r"(?:Krak[oó]\w*|Polsc\w*|Polsk\w*|KCK|UMK|MPO|ZDMK|ZZM|Urz[eę]d\w*|Pa[nń]\w*|"
    r"Internet\w*|Facebook\w*|Google\w*)\b"
)
_PLACES: Tuple[re.Pattern, ...] = (
    # "ul. Karmelicka 12", "os. Piastów 20", "al. 29 Listopada": the keyword and name
    re.compile(
        r"\b(?:ul\.?|ulic[ayi]|al\.?|alej[ai]|aleja|os\.?|osiedl[eu]|pl\.?|plac[u]?)"
        rf"\s+{_NAME}(?:\s+{_NUMBER})?"
    ),
    # "przy Długiej 5", "naprzeciwko Wawelu 3": the name and number only
    re.compile(rf"\b(?:przy|na|obok|koło|kolo|naprzeciw(?:ko)?|pod|w)\s+({_NAME}\s+{_NUMBER})"),
    # "róg Dietla i Starowiślnej", "skrzyżowanie Dietla i Starowiślnej"
    re.compile(rf"\b(?:róg|rogu|skrzyżowani[eu])\s+{_WORD}\s+i\s+{_WORD}"),
    # "na rondzie Mogilskim", "w parku Jordana", "przy przystanku Rondo Mogilskie":
    # a landmark with the word before it, as the resident said it
    re.compile(
        r"\b(?:(?:w|we|na|przy|obok|koło|kolo|pod|nad|przed|za|naprzeciw(?:ko)?)\s+)?"
        r"(?:rond(?:o|zie|a)|park(?:u|iem)?|skwer(?:ze|u)?|przystank(?:u|iem)|przystanek|"
        r"dworc(?:u|em)|dworzec|mo(?:ście|st|stem|stu)|pętl(?:i|a|ę)|bulwar(?:ze|ach|y)?|"
        r"kopc(?:u|em)|kopiec|cmentarz(?:u|em)?|targ(?:u|owisku)|hal(?:i|a)|zalewie|zalew)"
        rf"\s+{_NAME}"
    ),
    # "przy Wawelu", "na Rynku Głównym": a capitalised name after a place word
    re.compile(
        rf"\b(?:przy|obok|koło|kolo|naprzeciw(?:ko)?|pod|na|w)\s+(?!{_NOT_A_PLACE.pattern})"
        rf"{_NAME}"
    ),
)


def guess_category(text: str) -> str | None:
    """The report category the words point to, or None when they do not say."""
    folded = fold(text)
    for code, pattern in _CATEGORY_RULES:
        if pattern.search(folded):
            return code
    return None


def find_place(text: str) -> str | None:
    """A street with a number, an estate, a square, a crossing or a landmark named in the text.

    Only the place: "Od tygodnia nie świeci latarnia przy ul. Kocmyrzowskiej 12.
    Od wieczora…" gives "ul. Kocmyrzowskiej 12".
    """
    for pattern in _PLACES:
        for match in pattern.finditer(text):
            found = (match.group(1) if match.groups() else match.group(0)).strip(" .,")
            if found:
                return found
    return None
