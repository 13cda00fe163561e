"""Polish words for office hours: when the office opens, and callback windows.

It exists apart from the calendar because wording is a matter of language
(Polish cases, CLDR month names via Babel), not of time: the calendar decides
*when*, this module only says it to a resident.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_time

from bot.office_hours.calendar import as_utc

# "On Wednesday" in Polish takes the accusative ("w środę"), and "we" rather
# than "w" before "wtorek". Babel's EEEE gives only the nominative ("środa"):
# CLDR has no accusative weekday names, hence this table (Monday first).
_ON_WEEKDAY_PL = (
    "w poniedziałek",
    "we wtorek",
    "w środę",
    "w czwartek",
    "w piątek",
    "w sobotę",
    "w niedzielę",
)

_LOCALE = "pl"


def _day_month(day: date) -> str:
    """Day and month, "1 grudnia": CLDR's format-context month is the genitive Polish needs."""
    return format_date(day, "d MMMM", locale=_LOCALE)


def _clock(at: datetime) -> str:
    """The wall-clock time of ``at`` as given ("7:40"), with no zone conversion."""
    return format_time(at.time(), "H:mm", locale=_LOCALE)


def describe_opening(opening: datetime, at: datetime, locale: str = "pl") -> str:
    """When the office opens, as seen at ``at``: "dziś od 7:40", "jutro od 7:40",
    "w poniedziałek 1 grudnia od 7:40"; "teraz" if ``opening`` is not after ``at``.

    ``opening`` should be local (as ``next_opening`` returns it); "today" and
    "tomorrow" are judged in its timezone. Only Polish exists so far: the
    ``locale`` parameter is there so callers pass the conversation's language
    and get a clear error instead of Polish in the wrong conversation.
    """
    if locale != _LOCALE:
        raise ValueError(f"describe_opening supports only locale 'pl', got {locale!r}")
    if opening.tzinfo is None:
        raise ValueError(f"opening must be timezone-aware, got {opening!r}")
    instant = as_utc(at)
    if opening <= instant:
        return "teraz"
    days_ahead = (opening.date() - instant.astimezone(opening.tzinfo).date()).days
    if days_ahead == 0:
        when = "dziś"
    elif days_ahead == 1:
        when = "jutro"
    else:
        when = f"{_ON_WEEKDAY_PL[opening.weekday()]} {_day_month(opening.date())}"
    return f"{when} od {_clock(opening)}"


def describe_window(start: datetime, end: datetime) -> str:
    """A callback window, short enough for a button: "czwartek 26 listopada, 9:40–11:40".

    Uses the wall-clock times of ``start`` and ``end`` as given: pass local
    datetimes, as ``callback_windows`` returns them.
    """
    day = format_date(start.date(), "EEEE d MMMM", locale=_LOCALE)
    return f"{day}, {_clock(start)}–{_clock(end)}"


def describe_window_for_confirmation(start: datetime, end: datetime) -> str:
    """The same window inside a sentence ("Oddzwonimy …"):
    "w czwartek 26 listopada między 9:40 a 11:40"."""
    weekday = _ON_WEEKDAY_PL[start.weekday()]
    return f"{weekday} {_day_month(start.date())} między {_clock(start)} a {_clock(end)}"
