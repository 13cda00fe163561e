"""Office hours of the city contact centre: when a consultant can answer.

The bot hands a conversation to a consultant only while the contact centre is
open; otherwise it says when it opens ("jutro od 7:40") and offers callback
slots. Those answers are pure functions of the configuration
(``office_hours.yml``) and an instant, so this module has no HTTP, no database
and no clock of its own: callers pass ``bot.clock.now()``.

Instants may be given in any timezone. They are compared as absolute instants
(aware datetimes in different zones compare in UTC) and returned in the
office's timezone, which keeps daylight-saving changes and year ends correct.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays as holidays_lib
import yaml
from babel.dates import format_date, format_time

DEFAULT_PATH = Path(__file__).with_name("office_hours.yml")
ENV_VAR = "KCK_OFFICE_HOURS_FILE"

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# A callback window is worth offering only if at least this much of it is left:
# a window that has already started is dropped below it, and a stub at the end
# of the day shorter than this is merged into the window before it.
MIN_WINDOW_LEFT = timedelta(minutes=30)

# How far ahead to look for an opening before deciding the configuration never
# opens (a year and a bit covers any real run of holidays and closed days).
SEARCH_DAYS = 400

_REQUIRED_KEYS = {"timezone", "weekly", "holidays"}
_OPTIONAL_KEYS = {"closed_days", "short_days", "callback_window_minutes", "days_for_callback"}

Window = tuple[datetime, datetime]


@dataclass(frozen=True)
class ShortDay:
    """An early closing: on ``month``-``day`` of ``year`` (every year when None)."""

    month: int
    day: int
    year: int | None
    closes: time


@dataclass(frozen=True)
class OfficeCalendar:
    """Weekly hours minus holidays and closed days, in one timezone.

    Build it with ``load_calendar()``. Tuples rather than dicts keep it
    immutable and hashable; the lists are a handful of entries long.
    """

    tz: ZoneInfo
    # Monday first, 7 entries: (opens, closes) local wall-clock times, or None when closed.
    weekly: tuple[tuple[time, time] | None, ...]
    # Country code for the `holidays` package, or None for no public holidays.
    holiday_country: str | None
    closed_days: tuple[tuple[date, str], ...] = ()
    short_days: tuple[ShortDay, ...] = ()
    callback_window_minutes: int = 120
    days_for_callback: int = 3

    def closed_reason(self, day: date) -> str | None:
        """Why the office is closed on ``day`` if it is a configured closed day or a
        public holiday (in Polish); None otherwise, including ordinary weekends."""
        for closed, reason in self.closed_days:
            if closed == day:
                return reason
        if self.holiday_country is None:
            return None
        return _public_holidays(self.holiday_country, day.year).get(day)

    def hours_on(self, day: date) -> tuple[datetime, datetime] | None:
        """Local aware opening and closing datetimes on ``day``; None when closed."""
        regular = self.weekly[day.weekday()]
        if regular is None or self.closed_reason(day) is not None:
            return None
        opens, closes = regular
        early = self._short_day_closing(day)
        if early is not None:
            closes = min(closes, early)  # a short day only ever shortens the hours
        if closes <= opens:
            return None
        return (
            datetime.combine(day, opens, tzinfo=self.tz),
            datetime.combine(day, closes, tzinfo=self.tz),
        )

    def is_open(self, at: datetime) -> bool:
        """Whether the office is open at instant ``at``: opening inclusive, closing exclusive."""
        instant = _as_utc(at)
        hours = self.hours_on(instant.astimezone(self.tz).date())
        return hours is not None and hours[0] <= instant < hours[1]

    def next_opening(self, at: datetime) -> datetime:
        """``at`` (in local time) if the office is open then, else the next opening instant.

        Raises ValueError if the configuration has no opening within ``SEARCH_DAYS``.
        """
        instant = _as_utc(at)
        today = instant.astimezone(self.tz).date()
        for offset in range(SEARCH_DAYS):
            hours = self.hours_on(today + timedelta(days=offset))
            if hours is None:
                continue
            opens, closes = hours
            if instant < closes:
                return instant.astimezone(self.tz) if instant >= opens else opens
        raise ValueError(f"the office does not open within {SEARCH_DAYS} days of {at}")

    def callback_windows(self, at: datetime, count_days: int | None = None) -> list[Window]:
        """Callback slots within office hours on the next ``count_days`` working days.

        ``count_days`` defaults to ``days_for_callback``. Today counts as one of
        them only if a slot still lies ahead: slots that have ended are skipped,
        and one that has started is kept only while ``MIN_WINDOW_LEFT`` remains.
        Each day is cut into windows of ``callback_window_minutes`` from opening;
        the last one ends at closing (a stub shorter than ``MIN_WINDOW_LEFT`` is
        merged into the window before it). Windows are returned in local time,
        in order. Fewer days are returned only if the
        configuration has fewer within ``SEARCH_DAYS``.
        """
        wanted = self.days_for_callback if count_days is None else count_days
        if wanted < 0:
            raise ValueError(f"count_days must not be negative, got {wanted}")
        instant = _as_utc(at)
        today = instant.astimezone(self.tz).date()
        windows: list[Window] = []
        days_found = 0
        for offset in range(SEARCH_DAYS):
            if days_found >= wanted:
                break
            hours = self.hours_on(today + timedelta(days=offset))
            if hours is None:
                continue
            offered = [w for w in self._windows_between(*hours) if _still_offered(w, instant)]
            if offered:
                windows.extend(offered)
                days_found += 1
        return windows

    def _windows_between(self, opens: datetime, closes: datetime) -> list[Window]:
        """Cut one day's hours into windows, computed in UTC so that the lengths
        are real durations, then shown in local time."""
        length = timedelta(minutes=self.callback_window_minutes)
        start, end = _as_utc(opens), _as_utc(closes)
        bounds: list[Window] = []
        while start < end:
            stop = min(start + length, end)
            bounds.append((start, stop))
            start = stop
        if len(bounds) > 1 and bounds[-1][1] - bounds[-1][0] < MIN_WINDOW_LEFT:
            _, last_end = bounds.pop()
            bounds[-1] = (bounds[-1][0], last_end)
        return [(s.astimezone(self.tz), e.astimezone(self.tz)) for s, e in bounds]

    def _short_day_closing(self, day: date) -> time | None:
        """The early closing time on ``day``: a rule for that date wins over a yearly one."""
        yearly: time | None = None
        for rule in self.short_days:
            if (rule.month, rule.day) != (day.month, day.day):
                continue
            if rule.year == day.year:
                return rule.closes
            if rule.year is None:
                yearly = rule.closes
        return yearly


def _as_utc(at: datetime) -> datetime:
    """The same instant in UTC; a naive datetime is refused because its zone is a guess."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"need a timezone-aware datetime (e.g. bot.clock.now()), got {at!r}")
    return at.astimezone(timezone.utc)


def _still_offered(window: Window, instant: datetime) -> bool:
    """A future window always; a started one only while enough of it is left."""
    start, end = window
    if start >= instant:
        return True
    return end - instant >= MIN_WINDOW_LEFT


@lru_cache(maxsize=64)
def _public_holidays(country: str, year: int) -> Mapping[date, str]:
    """Public holidays of ``country`` in ``year`` with Polish names where available.

    For PL, holidays 0.86 already includes 24 December (Wigilia) from 2025.
    """
    found = holidays_lib.country_holidays(country, years=year, language="pl")
    return MappingProxyType(dict(found.items()))


# --- loading -----------------------------------------------------------------


def load_calendar(path: Path | None = None) -> OfficeCalendar:
    """Read the calendar from ``path``, else ``$KCK_OFFICE_HOURS_FILE``, else the default.

    Raises ValueError naming the file and the problem when the file is not valid,
    so a typo in the configuration stops the process at start-up.
    """
    source = path if path is not None else Path(os.environ.get(ENV_VAR) or DEFAULT_PATH)
    with source.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    try:
        return _build(raw)
    except ValueError as exc:
        raise ValueError(f"{source}: {exc}") from exc


def _build(raw: Any) -> OfficeCalendar:
    if not isinstance(raw, dict):
        raise ValueError("expected a mapping at the top level")
    missing = _REQUIRED_KEYS - raw.keys()
    unknown = raw.keys() - _REQUIRED_KEYS - _OPTIONAL_KEYS
    if missing:
        raise ValueError(f"missing keys: {', '.join(sorted(missing))}")
    if unknown:
        raise ValueError(f"unknown keys: {', '.join(sorted(map(str, unknown)))}")
    return OfficeCalendar(
        tz=_parse_timezone(raw["timezone"]),
        weekly=_parse_weekly(raw["weekly"]),
        holiday_country=_parse_holiday_country(raw["holidays"]),
        closed_days=_parse_closed_days(raw.get("closed_days") or []),
        short_days=_parse_short_days(raw.get("short_days") or {}),
        callback_window_minutes=_positive_int(
            raw.get("callback_window_minutes", 120), "callback_window_minutes"
        ),
        days_for_callback=_positive_int(raw.get("days_for_callback", 3), "days_for_callback"),
    )


def _parse_timezone(value: Any) -> ZoneInfo:
    if not isinstance(value, str):
        raise ValueError(f"timezone must be a name like Europe/Warsaw, got {value!r}")
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone {value!r}") from exc


def _parse_time(value: Any, where: str) -> time:
    """A time written "HH:MM"; it must be quoted in YAML, where 15:30 is the number 930."""
    if not isinstance(value, str):
        raise ValueError(f'{where}: expected a quoted time like "07:40", got {value!r}')
    try:
        return datetime.strptime(value.strip(), "%H:%M").time()
    except ValueError as exc:
        raise ValueError(f'{where}: {value!r} is not a time like "07:40"') from exc


def _parse_weekly(value: Any) -> tuple[tuple[time, time] | None, ...]:
    if not isinstance(value, dict):
        raise ValueError('weekly must map weekday names to "HH:MM-HH:MM"')
    unknown = set(value) - set(WEEKDAYS)
    if unknown:
        raise ValueError(f"weekly: unknown weekdays {sorted(map(str, unknown))}")
    return tuple(_parse_range(value.get(name), f"weekly.{name}") for name in WEEKDAYS)


def _parse_range(value: Any, where: str) -> tuple[time, time] | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.count("-") != 1:
        raise ValueError(f'{where}: expected "HH:MM-HH:MM" or null, got {value!r}')
    opens_text, closes_text = value.split("-")
    opens, closes = _parse_time(opens_text, where), _parse_time(closes_text, where)
    if closes <= opens:
        raise ValueError(f"{where}: closing {closes_text.strip()} is not after opening")
    return opens, closes


def _parse_holiday_country(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"holidays must be a country code like PL or null, got {value!r}")
    try:
        holidays_lib.country_holidays(value)
    except NotImplementedError as exc:
        raise ValueError(f"holidays: no public holidays known for {value!r}") from exc
    return value


def _parse_date(value: Any, where: str) -> date:
    """A YAML date (unquoted 2025-05-02) or an ISO string."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{where}: expected a date like 2025-05-02, got {value!r}")


def _parse_closed_days(value: Any) -> tuple[tuple[date, str], ...]:
    if not isinstance(value, list):
        raise ValueError("closed_days must be a list of {date, reason}")
    parsed = []
    for index, entry in enumerate(value):
        where = f"closed_days[{index}]"
        if not isinstance(entry, dict) or set(entry) != {"date", "reason"}:
            raise ValueError(f"{where}: expected exactly the keys date and reason")
        reason = entry["reason"]
        if not isinstance(reason, str) or not reason.strip():
            raise ValueError(f"{where}: the reason must be a non-empty text")
        parsed.append((_parse_date(entry["date"], where), reason.strip()))
    return tuple(parsed)


def _parse_short_days(value: Any) -> tuple[ShortDay, ...]:
    if not isinstance(value, dict):
        raise ValueError('short_days must map dates (or "MM-DD") to closing times')
    return tuple(_parse_short_day(key, closes) for key, closes in value.items())


def _parse_short_day(key: Any, closes: Any) -> ShortDay:
    where = f"short_days[{key}]"
    closing = _parse_time(closes, where)
    if isinstance(key, str) and len(key.strip()) == 5:  # "MM-DD": every year
        try:
            # 2000 is a leap year, so "02-29" is accepted.
            yearly = date.fromisoformat(f"2000-{key.strip()}")
        except ValueError as exc:
            raise ValueError(f'{where}: expected "MM-DD" or a full date') from exc
        return ShortDay(month=yearly.month, day=yearly.day, year=None, closes=closing)
    day = _parse_date(key, where)
    return ShortDay(month=day.month, day=day.day, year=day.year, closes=closing)


def _positive_int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{where} must be a positive whole number, got {value!r}")
    return value


# --- words -------------------------------------------------------------------

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
    instant = _as_utc(at)
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
