"""The questions each report category asks beyond "where" and "what happened".

Data beside the routing table (bot/reports/routing.py), the way FixMyStreet and
Open311 service definitions ask per category: the number on a lamp post, whether
a fallen tree blocks the road, the kind of dumped waste. The chat asks them
(actions/report_details.py) only when the resident's own words have not already
answered them, every answer may be "nie wiem" or "pomiń", and Open311 publishes
them as service definitions (bot/web/open311.py). Reading answers out of words
is bot/reports/details.py.

Patterns are whole words of folded text (nlu/folding.py: no Polish letters,
lower case). ``heard`` is tried in order, the first pattern that matches gives
the answer; ``moot`` says the question does not apply (snow is no dumped waste).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Tuple

UNKNOWN = "nie_wiem"  # the answer key of "Nie wiem" in every list question


@dataclass(frozen=True)
class Choice:
    key: str  # stored and sent by Open311 clients
    name: str  # what residents and staff read (Polish), also the button title


@dataclass(frozen=True)
class Question:
    code: str  # unique across categories: an Open311 attribute code
    category: str
    label: str  # short, for staff and the summary ("numer słupa")
    prompt: str  # the question residents read
    datatype: str  # Open311: "string" or "singlevaluelist"
    datatype_description: str
    # Open311 clients must send it ("nie_wiem" counts); residents may always skip.
    required: bool = False
    choices: Tuple[Choice, ...] = ()
    heard: Tuple[Tuple[str, re.Pattern], ...] = ()
    moot: re.Pattern | None = None
    # A string answer: what a value looks like, on folded text.
    value_pattern: re.Pattern | None = None

    def choice(self, key: str) -> Choice | None:
        return next((c for c in self.choices if c.key == key), None)


_DONT_KNOW = Choice(UNKNOWN, "Nie wiem")
# "przewróciło się na jezdnię", "blokuje chodnik", "leży na ulicy" (up to four words between).
_BLOCKS = (
    r"\b(?:blokuj\w*|zablokowa\w*|tarasuj\w*|zatarasowa\w*|zagradz\w*|lez(?:y|a|ac\w*) na|"
    r"przewrocil\w*|spadl\w*|runel\w*|upadl\w*|powalon\w*)\W+(?:\w+\W+){0,4}?"
)
_ROAD = r"(?:jezdni\w*|ulic[aeyi]?|ulice|drog[aeiou]?|drodze|przejazd\w*)\b"
_WALK = r"(?:chodnik\w*|sciezk\w*|przejsci\w*)\b"


def _words(pattern: str) -> re.Pattern:
    return re.compile(pattern)


QUESTIONS: List[Question] = [
    Question(
        code="numer_slupa",
        category="oswietlenie",
        label="numer słupa",
        prompt=(
            "Jaki numer jest na słupie latarni? Zwykle to tabliczka z kilkoma cyframi. "
            "Jeśli go nie widać, napisz „nie wiem”."
        ),
        datatype="string",
        datatype_description="Numer z tabliczki na słupie: cyfry i litery, do 12 znaków.",
        heard=(
            (
                "",  # a string question: the first group is the answer
                _words(
                    r"\b(?:latarni\w*|slup\w*|lamp\w*)\s+(?:o\s+)?(?:(?:nr|numer\w*)\.?\s*:?\s*)?"
                    r"((?=[0-9a-z/.-]*\d)[0-9a-z][0-9a-z/.-]{0,11})(?![0-9a-z])"
                ),
            ),
            (
                "",
                _words(
                    r"\b(?:nr|numer\w*)\.?\s+(?:latarni\w*|slup\w*|lamp\w*)\s*:?\s*"
                    r"((?=[0-9a-z/.-]*\d)[0-9a-z][0-9a-z/.-]{0,11})(?![0-9a-z])"
                ),
            ),
        ),
        value_pattern=re.compile(r"(?=[0-9a-z/.-]*\d)[0-9a-z][0-9a-z/.-]{0,11}"),
    ),
    Question(
        code="blokuje",
        category="drzewa_przy_drodze",
        label="czy blokuje przejazd lub przejście",
        prompt="Czy drzewo lub gałąź blokuje jezdnię albo chodnik?",
        datatype="singlevaluelist",
        datatype_description="Co zagradza drzewo lub gałąź.",
        required=True,
        choices=(
            Choice("jezdnia", "Jezdnię"),
            Choice("chodnik", "Chodnik lub ścieżkę"),
            Choice("jezdnia_i_chodnik", "Jezdnię i chodnik"),
            Choice("nie_blokuje", "Nie blokuje"),
            _DONT_KNOW,
        ),
        heard=(
            ("nie_blokuje", _words(r"\bnie (?:blokuj\w*|tarasuj\w*|zagradz\w*)|^nie\W*$")),
            ("jezdnia_i_chodnik", _words(rf"{_BLOCKS}{_ROAD}\W+(?:\w+\W+){{0,2}}?{_WALK}")),
            ("jezdnia_i_chodnik", _words(rf"{_BLOCKS}{_WALK}\W+(?:\w+\W+){{0,2}}?{_ROAD}")),
            ("jezdnia", _words(rf"{_BLOCKS}{_ROAD}")),
            ("chodnik", _words(rf"{_BLOCKS}{_WALK}")),
        ),
    ),
    Question(
        code="rodzaj_odpadow",
        category="czystosc",
        label="rodzaj odpadów",
        prompt="Jakie to odpady?",
        datatype="singlevaluelist",
        datatype_description="Rodzaj odpadów, po który MPO wysyła ekipę.",
        choices=(
            Choice("smieci", "Śmieci, worki"),
            Choice("gabaryty", "Meble, AGD, gabaryty"),
            Choice("gruz", "Gruz, odpady budowlane"),
            Choice("opony", "Opony"),
            Choice("zielone", "Gałęzie, liście, trawa"),
            Choice("inne", "Inne"),
            _DONT_KNOW,
        ),
        heard=(
            ("gruz", _words(r"\b(?:gruz\w*|odpad\w* budowlan\w*|plyt\w* gipsow\w*)\b")),
            ("opony", _words(r"\bopon\w*")),
            (
                "gabaryty",
                _words(
                    r"\b(?:mebl\w*|kanap\w*|wersalk\w*|szaf[aeyi]?|lodowk\w*|pralk\w*|"
                    r"materac\w*|gabaryt\w*|agd|telewizor\w*|fotel\w*)\b"
                ),
            ),
            ("zielone", _words(r"\b(?:galez\w*|galaz|lisci|liscie|skoszon\w*|trawa|trawe)\b")),
            (
                "smieci",
                _words(
                    r"\b(?:smieci|smiec\w*|zasmiec\w*|odpadk\w*|worek|worki|workow|workami|"
                    r"kosz(?:e|y|ow)?|kontener\w*|butel\w*|puszk\w*)\b"
                ),
            ),
        ),
        moot=_words(r"\b(?:snieg\w*|odsniez\w*|nieodsniez\w*|gololedz\w*|oblodzon\w*|slisko)\b"),
    ),
    Question(
        code="miejsce_uszkodzenia",
        category="drogi",
        label="gdzie jest usterka",
        prompt=(
            "Czego dotyczy usterka: jezdni, chodnika, drogi rowerowej "
            "czy przejścia dla pieszych?"
        ),
        datatype="singlevaluelist",
        datatype_description="Część drogi, na której jest usterka.",
        choices=(
            Choice("jezdnia", "Jezdnia"),
            Choice("chodnik", "Chodnik"),
            Choice("droga_rowerowa", "Droga rowerowa"),
            Choice("przejscie", "Przejście dla pieszych"),
            _DONT_KNOW,
        ),
        heard=(
            ("przejscie", _words(r"\b(?:przejsci\w* dla pieszych|pasy|pasach)\b")),
            ("droga_rowerowa", _words(r"\b(?:(?:sciezk\w*|drog\w*) rowerow\w*|rowerow\w*)\b")),
            ("jezdnia", _words(r"\b(?:jezdni\w*|asfalt\w*)\b")),
            ("chodnik", _words(r"\bchodnik\w*")),
        ),
        # Signs, traffic lights and barriers stand beside the road: the place says enough.
        moot=_words(r"\b(?:znak(?:|i|u|iem|ow|ami)|sygnalizacj\w*|swiatla|barierk\w*)\b"),
    ),
]

BY_CODE: Dict[str, Question] = {q.code: q for q in QUESTIONS}


def questions_for(category: str) -> List[Question]:
    """The category's questions in the order they are asked (none for most)."""
    return [q for q in QUESTIONS if q.category == category]
