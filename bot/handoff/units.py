"""Which second-line unit a resident's own case goes to, and the unit's name.

The units and their names are in bot/units.py (``second_line=True``); KCK
serves these six; a case of any other office goes to the first line, whose
consultant knows where to send it.
"""

from __future__ import annotations

import re
from typing import Dict, Optional

from bot.units import SECOND_LINE_UNITS
from nlu.folding import fold

# What names a unit's matters, on whole words of the folded text: a stem matches only at a
# word's start, and where a longer word would mean something else the endings are listed
# ("park" but not "parking", "zasilek" but not "zasilanie", "akt" but not "aktualny").
# The first unit with a hit wins.
_WORDS: Dict[str, re.Pattern[str]] = {
    code: re.compile(r"\b(?:" + "|".join(patterns) + r")", re.IGNORECASE)
    for code, patterns in {
        "WSA": (r"dowod", r"meldun", r"wymeld", r"zameld", r"administracyj"),
        "USC": (
            r"usc\b",
            r"stanu cywil",
            r"akt(?:u|y|ow|em|ami)?\b",
            r"slub",
            r"urodzen",
            r"zgon",
            r"malzen",
        ),
        "GUP": (
            r"bezrobot",
            r"zasil(?:ek|ku|kiem|ki|kow|kach)\b",
            r"urz(?:ad|edzie|edu) pracy",
            r"gup\b",
            r"staz",
            r"szkoleni",
        ),
        "WKS": (r"wycink", r"drzew", r"srodowisk", r"ksztaltowania"),
        "WGK": (
            r"geodez",
            r"map(?:a|y|e|ie|ach|ami|om)?\b",
            r"wypis",
            r"wyrys",
            r"dzialk",
            r"zasob",
        ),
        "ZZM": (r"zieleni", r"park(?:u|i|ie|ow|ach|ami|iem)?\b", r"skwer", r"trawnik"),
    }.items()
}


def unit_name(code: Optional[str]) -> str:
    """The unit's Polish name (the code itself for an unknown one)."""
    return SECOND_LINE_UNITS.get(code or "", code or "")


def guess_unit(text: str) -> Optional[str]:
    """The unit a resident's words point to, None when they do not say."""
    folded = fold(text)
    for code, words in _WORDS.items():
        if words.search(folded):
            return code
    return None
