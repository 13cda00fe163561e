"""Is a point in Kraków? (A bounding box, and the Polish answer when it is not.)

The box encloses the city's boundary (49°58'–50°08' N, 19°47'–20°13' E, rounded
outwards: 19°47' E is 19.783°, so the west edge is 19.78), so no point of Kraków
is refused; its corners also take in bits of
neighbouring communes (e.g. parts of Wieliczka, Zabierzów). That is enough to
catch a location shared by mistake (home in another town, a GPS glitch); the
unit that receives the report still reads the address. A precise check needs
the city's boundary polygon. The report form checks again (any channel can send
the location payload), and so does Open311 (bot/web/open311_params.py): this is the
one table of the city's extent.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    south: float
    west: float
    north: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        if not (math.isfinite(lat) and math.isfinite(lon)):
            return False
        return self.south <= lat <= self.north and self.west <= lon <= self.east


KRAKOW = Box(south=49.96, west=19.78, north=50.13, east=20.22)

OUTSIDE_KRAKOW = (
    "Ta lokalizacja leży poza Krakowem, a przyjmuję tylko zgłoszenia z terenu miasta. "
    "Sprawdź proszę, czy udostępniasz właściwe miejsce, albo wpisz adres (ulicę i numer). "
    "Sprawy spoza Krakowa załatwia urząd gminy, w której leży to miejsce."
)


def in_krakow(lat: float, lon: float) -> bool:
    """Whether the point lies in Kraków's bounding box."""
    return KRAKOW.contains(lat, lon)


def location_text(lat: float, lon: float) -> str:
    """How a shared location shows in the transcript (the resident's words)."""
    return f"📍 lokalizacja: {lat:.5f}, {lon:.5f}"


def location_payload(lat: float, lon: float) -> str:
    """The message Rasa gets for a shared location: the report form stores the point
    (actions/reports.py) and answers "where?" with it."""
    entities = {"report_lat": f"{lat:.5f}", "report_lon": f"{lon:.5f}"}
    return "/provide_location" + json.dumps(entities)


EARTH_RADIUS_M = 6_371_000.0


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres between two points along the Earth's surface (haversine; a sphere is
    precise to well under a metre at the distances a duplicate report is looked for)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))
