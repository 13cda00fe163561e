"""The city units the assistant names: one table of their names and lines.

A unit appears in two roles: reports are forwarded to it (bot/reports/routing.py)
and its specialists take second-line chats about residents' own cases
(bot/handoff/units.py). Both read this table, so a unit's name is written once.
KCK serves the six second-line units; a case of any other office goes to the
first line, whose consultant knows where to send it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict

from bot import kck


@dataclass(frozen=True)
class Unit:
    """A city unit; its name declined for "Trafi do …" and "Przekażemy je …"."""

    code: str
    name: str  # nominative: "Zarząd Dróg Miasta Krakowa"
    genitive: str  # "Trafi do Zarządu Dróg Miasta Krakowa"
    dative: str  # "Przekażemy je Zarządowi Dróg Miasta Krakowa"
    contact: str = ""  # told to residents whose report goes there; "" if none checked
    second_line: bool = False  # its specialists take chats about residents' own cases


# Second-line units first, in the order the console lists them.
UNITS: Dict[str, Unit] = {
    u.code: u
    for u in [
        Unit(
            "WSA",
            "Wydział Spraw Administracyjnych",
            "Wydziału Spraw Administracyjnych",
            "Wydziałowi Spraw Administracyjnych",
            second_line=True,
        ),
        Unit(
            "USC",
            "Urząd Stanu Cywilnego",
            "Urzędu Stanu Cywilnego",
            "Urzędowi Stanu Cywilnego",
            second_line=True,
        ),
        Unit(
            "GUP",
            "Grodzki Urząd Pracy",
            "Grodzkiego Urzędu Pracy",
            "Grodzkiemu Urzędowi Pracy",
            second_line=True,
        ),
        Unit(
            "WKS",
            "Wydział Kształtowania Środowiska",
            "Wydziału Kształtowania Środowiska",
            "Wydziałowi Kształtowania Środowiska",
            "ws.umk@um.krakow.pl",
            second_line=True,
        ),
        Unit(
            "WGK",
            "Wydział Geodezji",
            "Wydziału Geodezji",
            "Wydziałowi Geodezji",
            second_line=True,
        ),
        Unit(
            "ZZM",
            "Zarząd Zieleni Miejskiej",
            "Zarządu Zieleni Miejskiej",
            "Zarządowi Zieleni Miejskiej",
            "tel. 12 20 10 241",
            second_line=True,
        ),
        Unit(
            "ZDMK",
            "Zarząd Dróg Miasta Krakowa",
            "Zarządu Dróg Miasta Krakowa",
            "Zarządowi Dróg Miasta Krakowa",
            "dyspozytor 24 h: 12 616 75 55",
        ),
        Unit("MPO", "MPO Kraków", "MPO Kraków", "MPO Kraków", "tel. 801 084 084"),
        Unit(
            "SM",
            "Straż Miejska Miasta Krakowa",
            "Straży Miejskiej Miasta Krakowa",
            "Straży Miejskiej Miasta Krakowa",
            "tel. 986, całą dobę",
        ),
        Unit(
            "KCK",
            "Krakowskie Centrum Kontaktu",
            "Krakowskiego Centrum Kontaktu",
            "Krakowskiemu Centrum Kontaktu",
            f"tel. {kck.PHONE}",
        ),
    ]
}

# code -> Polish name of the units whose specialists take second-line chats
SECOND_LINE_UNITS: Dict[str, str] = {u.code: u.name for u in UNITS.values() if u.second_line}
