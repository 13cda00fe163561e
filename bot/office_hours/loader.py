"""Reads the office calendar from YAML (``bot/office_hours.yml`` by default).

It exists apart from the calendar so that the rules of the file (required
keys, quoted "HH:MM" times, dates, short days) and their error messages live
in one place, and a typo in the configuration stops the process at start-up
with a message naming the file and the problem.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays as holidays_lib
import yaml

from bot.office_hours.calendar import OfficeCalendar, ShortDay

# The file stays beside the package, where README, .env.example and bot/kck.py point.
DEFAULT_PATH = Path(__file__).parent.parent / "office_hours.yml"
ENV_VAR = "KCK_OFFICE_HOURS_FILE"

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_REQUIRED_KEYS = {"timezone", "weekly", "holidays"}
_OPTIONAL_KEYS = {"closed_days", "short_days", "callback_window_minutes", "days_for_callback"}


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
