"""Polish sentences about the queue (babel for the numbers and units)."""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_timedelta


def expected_wait(minutes: float) -> str:
    """"około 5 minut", rounded up to five-minute steps.

    Polish "około" takes the genitive; for multiples of five the genitive
    plural equals what babel's plural rules give ("5 minut", "20 minut"), so
    rounding to five keeps babel's wording grammatical. An hour or more is
    said as such rather than promised precisely.
    """
    steps = max(1, math.ceil(minutes / 5))
    if steps > 12:
        return "ponad godzinę"
    return "około " + format_timedelta(
        dt.timedelta(minutes=steps * 5), locale="pl", threshold=100, granularity="minute"
    )


def queued(position: int, minutes: float, to_whom: str = "konsultantowi") -> str:
    """What the resident reads once the chat is in the queue (``to_whom`` in the dative)."""
    place = (
        "Twoja rozmowa jest pierwsza w kolejce"
        if position <= 1
        else f"Miejsce w kolejce: {position}"
    )
    return (
        f"Przekazuję rozmowę {to_whom}. {place}, przewidywany czas oczekiwania: "
        f"{expected_wait(minutes)}. Możesz tu pisać dalej – konsultant zobaczy całą rozmowę."
    )
