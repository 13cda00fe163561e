"""Who handles which report (../shared/design/FAQ_KEYS.md, facts §9).

The category list is the assistant's own (no official KCK list was found);
each category names the unit the report is forwarded to. The units' names and
contacts are in bot/units.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict

from bot.units import UNITS, Unit


@dataclass(frozen=True)
class Category:
    code: str
    title: str  # what residents read (Polish)
    description: str  # Open311 service description
    unit: Unit


ZDMK, MPO, STRAZ = UNITS["ZDMK"], UNITS["MPO"], UNITS["SM"]
ZZM, WKS, KCK = UNITS["ZZM"], UNITS["WKS"], UNITS["KCK"]

CATEGORIES: Dict[str, Category] = {
    c.code: c
    for c in [
        Category(
            "drogi", "Drogi i chodniki", "Dziura, zniszczony chodnik, znak, sygnalizacja", ZDMK
        ),
        Category("oswietlenie", "Oświetlenie ulic", "Niedziałająca lub migająca latarnia", ZDMK),
        Category(
            "czystosc", "Czystość i śmieci", "Śmieci, przepełnione kosze, nieodśnieżona ulica", MPO
        ),
        Category(
            "porzadek", "Porządek publiczny", "Złe parkowanie, wrak auta, dym z komina", STRAZ
        ),
        Category(
            "zielen", "Parki i zieleń", "Park, skwer, złamana gałąź, koszenie, plac zabaw", ZZM
        ),
        Category(
            "drzewa_przy_drodze", "Drzewo przy drodze", "Niebezpieczne drzewo nad jezdnią", ZDMK
        ),
        Category("srodowisko", "Środowisko", "Wycinka bez zezwolenia, szkody w środowisku", WKS),
        Category("inne", "Inna sprawa", "Wszystko inne: KCK przekaże sprawę", KCK),
    ]
}

IDEA_UNIT = KCK


def category(code: str) -> Category:
    """The category with this code; unknown codes fall back to "inne"."""
    return CATEGORIES.get(code, CATEGORIES["inne"])
