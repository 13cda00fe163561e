"""The office calendar: when the city contact centre is open, and callback slots.

It exists apart from the YAML loader and the Polish wording because these
answers are pure functions of a calendar and an instant: no file, no words, no
HTTP, no database and no clock of its own (callers pass ``bot.clock.now()``).
The bot hands a conversation to a consultant only while the contact centre is
open; otherwise it says when it opens and offers callback slots computed here.

Instants may be given in any timezone. They are compared as absolute instants
(aware datetimes in different zones compare in UTC) and returned in the
office's timezone, which keeps daylight-saving changes and year ends correct.
Build an ``OfficeCalendar`` with ``bot.office_hours.loader.load_calendar``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays as holidays_lib

# A callback window is worth offering only if at least this much of it is left:
# a window that has already started is dropped below it, and a stub at the end
# of the day shorter than this is merged into the window before it.
MIN_WINDOW_LEFT = timedelta(minutes=30)

# How far ahead to look for an opening before deciding the configuration never
# opens (a year and a bit covers any real run of holidays and closed days).
SEARCH_DAYS = 400

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
        instant = as_utc(at)
        hours = self.hours_on(instant.astimezone(self.tz).date())
        return hours is not None and hours[0] <= instant < hours[1]

    def next_opening(self, at: datetime) -> datetime:
        """``at`` (in local time) if the office is open then, else the next opening instant.

        Raises ValueError if the configuration has no opening within ``SEARCH_DAYS``.
        """
        instant = as_utc(at)
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
        instant = as_utc(at)
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
        start, end = as_utc(opens), as_utc(closes)
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


def as_utc(at: datetime) -> datetime:
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
