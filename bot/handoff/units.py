"""The units whose specialists take second-line chats (the resident's own case).

KCK serves these six units; a case of any other office goes to the first line,
whose consultant knows where to send it.
"""

from __future__ import annotations

from typing import Dict, Optional

from nlu.folding import fold

SECOND_LINE_UNITS: Dict[str, str] = {
    "WSA": "Wydział Spraw Administracyjnych",
    "USC": "Urząd Stanu Cywilnego",
    "GUP": "Grodzki Urząd Pracy",
    "WKS": "Wydział Kształtowania Środowiska",
    "WGK": "Wydział Geodezji",
    "ZZM": "Zarząd Zieleni Miejskiej",
}

# Folded word stems that name a unit's matters; the first unit with a hit wins.
_STEMS: Dict[str, tuple[str, ...]] = {
    "WSA": ("dowod", "meldun", "wymeld", "zameld", "administracyj"),
    "USC": ("usc", "stanu cywil", "akt ", "aktu", "slub", "urodzen", "zgon", "malzen"),
    "GUP": ("bezrobot", "zasil", "urzad pracy", "urzedzie pracy", "gup", "staz", "szkoleni"),
    "WKS": ("wycink", "drzew", "srodowisk", "ksztaltowania"),
    "WGK": ("geodez", "mapa", "mapy", "mape", "wypis", "wyrys", "dzialk", "zasob"),
    "ZZM": ("zieleni", "park", "skwer", "trawnik"),
}


def unit_name(code: Optional[str]) -> str:
    """The unit's Polish name (the code itself for an unknown one)."""
    return SECOND_LINE_UNITS.get(code or "", code or "")


def guess_unit(text: str) -> Optional[str]:
    """The unit a resident's words point to, None when they do not say."""
    folded = f" {fold(text)} "
    for code, stems in _STEMS.items():
        if any(stem in folded for stem in stems):
            return code
    return None
