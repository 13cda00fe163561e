"""A callback time typed in words, matched to the windows the assistant offered.

"jutro rano", "w czwartek po 12", "po 14", "dziś po południu", "2 grudnia
o 10": a day (relative, a weekday or a date) and/or a time of day. The answer
is always one of the offered windows (``bot.office_hours`` computes them), or
None: then the resident is asked again with the buttons. Weekday and month
names come from babel's Polish locale data, not from a table of our own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Optional, Sequence, Tuple

from babel.dates import get_day_names, get_month_names

from bot.office_hours.calendar import Window
from nlu.folding import fold

# At least this much of a window must lie inside the wanted time when no
# window starts inside it ("po 14" with a 13:40–15:30 window).
MIN_OVERLAP = dt.timedelta(minutes=30)
_MORNING_ENDS = dt.time(10, 0)
_NOON = dt.time(12, 0)
_RELATIVE_DAYS = {"dzis": 0, "dzisiaj": 0, "teraz": 0, "jutro": 1, "pojutrze": 2}
# Hours said as ordinals ("po dwunastej"): the genitive/locative feminine forms.
_ORDINAL_HOURS = {
    "siodmej": 7,
    "osmej": 8,
    "dziewiatej": 9,
    "dziesiatej": 10,
    "jedenastej": 11,
    "dwunastej": 12,
    "trzynastej": 13,
    "czternastej": 14,
    "pietnastej": 15,
    "szesnastej": 16,
}
_HOUR = r"(?P<{name}>\d{{1,2}}(?:[:.]\d{{2}})?|" + "|".join(_ORDINAL_HOURS) + r")"
_AFTER = re.compile(r"\b(?:po|od|after)\s+(?:godz\w*\s+)?" + _HOUR.format(name="h") + r"\b")
_BEFORE = re.compile(r"\b(?:przed|do)\s+(?:godz\w*\s+)?" + _HOUR.format(name="h") + r"\b")
_AT = re.compile(r"\b(?:o|okolo|na|godz\w*|ok)\s+(?:godz\w*\s+)?" + _HOUR.format(name="h") + r"\b")
_BETWEEN = re.compile(
    r"\b(?:miedzy|pomiedzy|od)?\s*"
    + _HOUR.format(name="a")
    + r"\s*(?:-|–|a|do)\s*"
    + _HOUR.format(name="b")
    + r"\b"
)
_DATE = re.compile(r"\b(?P<day>\d{1,2})(?:\.(?P<month>\d{1,2})\b|\s+(?P<name>[a-z]+))")


@dataclass(frozen=True)
class Wanted:
    """What the resident asked for: a day and/or a span of the day (local wall clock)."""

    day: Optional[dt.date] = None
    start: Optional[dt.time] = None  # from (inclusive)
    end: Optional[dt.time] = None  # until (exclusive)
    point: Optional[dt.time] = None  # "o 10": the window holding this time


@lru_cache(maxsize=1)
def _weekday_forms() -> Dict[str, int]:
    """Folded forms of the Polish weekday names: "czwartek", "środę", "wtorku"."""
    forms: Dict[str, int] = {}
    for weekday, name in get_day_names("wide", locale="pl").items():
        folded = fold(str(name))
        forms[folded] = int(weekday)
        if folded.endswith("a"):  # środa, sobota, niedziela: środę, środy
            forms[folded[:-1] + "e"] = int(weekday)
            forms[folded[:-1] + "y"] = int(weekday)
        if folded.endswith("ek"):  # poniedziałek, wtorek: do poniedziałku, we wtorku
            forms[folded[:-2] + "ku"] = int(weekday)
    return forms


@lru_cache(maxsize=1)
def _month_forms() -> Dict[str, int]:
    """Folded Polish month names, genitive ("grudnia") and nominative ("grudzień")."""
    forms: Dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for month, name in get_month_names("wide", context=context, locale="pl").items():
            forms[fold(str(name))] = int(month)
    return forms


def _hour(text: str) -> Optional[dt.time]:
    if text in _ORDINAL_HOURS:
        return dt.time(_ORDINAL_HOURS[text])
    hours, _, minutes = text.replace(".", ":").partition(":")
    try:
        return dt.time(int(hours), int(minutes or 0))
    except ValueError:
        return None


def _day(folded: str, today: dt.date) -> Optional[dt.date]:
    words = re.findall(r"[a-z]+", folded)
    for word in words:
        if word in _RELATIVE_DAYS:
            return today + dt.timedelta(days=_RELATIVE_DAYS[word])
    for word in words:
        weekday = _weekday_forms().get(word)
        if weekday is not None:  # the next such day, today included
            return today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    found = _DATE.search(folded)
    if found:
        month = int(found.group("month")) if found.group("month") else None
        if found.group("name"):
            month = _month_forms().get(found.group("name"))
        if month is not None:
            try:
                day = dt.date(today.year, month, int(found.group("day")))
            except ValueError:
                return None
            return day if day >= today else day.replace(year=today.year + 1)
    return None


def read_wanted(text: str, today: dt.date) -> Optional[Wanted]:
    """The day and time the text asks for; None when it names neither."""
    folded = fold(text)
    day = _day(folded, today)
    start = end = point = None
    if re.search(r"\b(?:po poludniu|popoludniu|po obiedzie)\b", folded):
        start = _NOON
    elif re.search(r"\b(?:przed poludniem|przedpoludniem)\b", folded):
        end = _NOON
    elif re.search(r"\b(?:rano|rankiem|z rana|z samego rana|wczesnie)\b", folded):
        end = _MORNING_ENDS
    elif re.search(r"\bw poludnie\b", folded):
        point = _NOON
    elif between := _BETWEEN.search(folded):
        start, end = _hour(between.group("a")), _hour(between.group("b"))
    elif after := _AFTER.search(folded):
        start = _hour(after.group("h"))
    elif before := _BEFORE.search(folded):
        end = _hour(before.group("h"))
    elif at := _AT.search(folded):
        point = _hour(at.group("h"))
    if day is None and start is None and end is None and point is None:
        return None
    return Wanted(day, start, end, point)


def _span(window: Window, wanted: Wanted) -> Tuple[dt.datetime, dt.datetime]:
    """The wanted time on the window's day, as aware datetimes in the window's zone."""
    day, tz = window[0].date(), window[0].tzinfo
    start = dt.datetime.combine(day, wanted.start or dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(day, wanted.end, tzinfo=tz) if wanted.end else window[1]
    return start, max(end, start)


def match_window(text: str, windows: Sequence[Window], now: dt.datetime) -> Optional[Window]:
    """The first offered window that fits what the text asks for, None if none does."""
    if not windows:
        return None
    today = now.astimezone(windows[0][0].tzinfo).date()
    wanted = read_wanted(text, today)
    if wanted is None:
        return None
    on_day = [w for w in windows if wanted.day is None or w[0].date() == wanted.day]
    if wanted.point is not None:
        point = wanted.point
        return next((w for w in on_day if w[0].time() <= point < w[1].time()), None)
    if wanted.start is None and wanted.end is None:
        return on_day[0] if on_day else None
    overlaps = [(_overlap(w, wanted), w) for w in on_day]
    fitting = [(size, w) for size, w in overlaps if size >= MIN_OVERLAP]
    if not fitting:
        return None
    if wanted.end is None:  # "po 12": the first window starting then, else the one running
        starting = [w for _, w in fitting if w[0] >= _span(w, wanted)[0]]
        return starting[0] if starting else fitting[0][1]
    best = max(size for size, _ in fitting)  # "między 10 a 12": the window covering most
    return next(w for size, w in fitting if size == best)


def _overlap(window: Window, wanted: Wanted) -> dt.timedelta:
    start, end = _span(window, wanted)
    return max(min(window[1], end) - max(window[0], start), dt.timedelta(0))
