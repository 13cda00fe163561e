"""Who handles which report (../shared/design/FAQ_KEYS.md, facts §9).

The category list is the assistant's own (no official KCK list was found);
each category names the unit the report is forwarded to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict


@dataclass(frozen=True)
class Unit:
    """A unit reports go to; its name declined for "Trafi do …" and "Przekażemy je …"."""

    code: str
    name: str  # nominative: "Zarząd Dróg Miasta Krakowa"
    contact: str
    genitive: str  # "Trafi do Zarządu Dróg Miasta Krakowa"
    dative: str  # "Przekażemy je Zarządowi Dróg Miasta Krakowa"


@dataclass(frozen=True)
class Category:
    code: str
    title: str  # what residents read (Polish)
    description: str  # Open311 service description
    unit: Unit


ZDMK = Unit(
    "ZDMK",
    "Zarząd Dróg Miasta Krakowa",
    "dyspozytor 24 h: 12 616 75 55",
    "Zarządu Dróg Miasta Krakowa",
    "Zarządowi Dróg Miasta Krakowa",
)
MPO = Unit("MPO", "MPO Kraków", "tel. 801 084 084", "MPO Kraków", "MPO Kraków")
STRAZ = Unit(
    "SM",
    "Straż Miejska Miasta Krakowa",
    "tel. 986, całą dobę",
    "Straży Miejskiej Miasta Krakowa",
    "Straży Miejskiej Miasta Krakowa",
)
ZZM = Unit(
    "ZZM",
    "Zarząd Zieleni Miejskiej",
    "tel. 12 20 10 241",
    "Zarządu Zieleni Miejskiej",
    "Zarządowi Zieleni Miejskiej",
)
WKS = Unit(
    "WKS",
    "Wydział Kształtowania Środowiska",
    "ws.umk@um.krakow.pl",
    "Wydziału Kształtowania Środowiska",
    "Wydziałowi Kształtowania Środowiska",
)
KCK = Unit(
    "KCK",
    "Krakowskie Centrum Kontaktu",
    "tel. 12 616 55 55",
    "Krakowskiego Centrum Kontaktu",
    "Krakowskiemu Centrum Kontaktu",
)

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
