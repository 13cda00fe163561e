"""The dashboard's filter: a range of whole days in Kraków's time and a channel.

Why whole local days: a supervisor asks about "1–30 November", meaning
Kraków's calendar, so the range runs from the first day's midnight in
Europe/Warsaw to the midnight after the last day (exclusive), converted to
UTC, which is how every timestamp is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping, Optional
from zoneinfo import ZoneInfo

WARSAW = ZoneInfo("Europe/Warsaw")
CHANNELS = ("web", "telegram")
DEFAULT_DAYS = 30
MAX_DAYS = 366


class PeriodError(ValueError):
    """A filter that cannot be read; ``code`` says why (the console words it in Polish)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Period:
    """Days ``first``..``last`` (inclusive) and a channel (None: every channel)."""

    first: dt.date
    last: dt.date
    channel: Optional[str] = None

    @property
    def start(self) -> dt.datetime:
        """The first day's midnight in Kraków, in UTC (inclusive)."""
        return _midnight_utc(self.first)

    @property
    def end(self) -> dt.datetime:
        """The midnight after the last day in Kraków, in UTC (exclusive)."""
        return _midnight_utc(self.last + dt.timedelta(days=1))

    def query(self) -> str:
        """The filter as a query string, so the CSV links repeat it exactly."""
        channel = f"&channel={self.channel}" if self.channel else ""
        return f"from={self.first.isoformat()}&to={self.last.isoformat()}{channel}"


def _midnight_utc(day: dt.date) -> dt.datetime:
    local = dt.datetime.combine(day, dt.time(0, 0), tzinfo=WARSAW)
    return local.astimezone(dt.timezone.utc)


def today_in_krakow(now: dt.datetime) -> dt.date:
    return now.astimezone(WARSAW).date()


def parse_period(params: Mapping[str, str], now: dt.datetime) -> Period:
    """The period of a request's query (``from``, ``to`` as YYYY-MM-DD, ``channel``).

    Missing dates: the last 30 days up to today in Kraków. A date that is not
    a date, a range backwards or longer than a year, or an unknown channel
    raise ``PeriodError``.
    """
    today = today_in_krakow(now)
    last = _date(params.get("to"), today)
    first = _date(params.get("from"), last - dt.timedelta(days=DEFAULT_DAYS - 1))
    if first > last:
        raise PeriodError("backwards")
    if (last - first).days + 1 > MAX_DAYS:
        raise PeriodError("too_long")
    channel = params.get("channel") or None
    if channel is not None and channel not in CHANNELS:
        raise PeriodError("channel")
    return Period(first, last, channel)


def _date(value: Optional[str], default: dt.date) -> dt.date:
    if not value:
        return default
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as error:
        raise PeriodError("date") from error
