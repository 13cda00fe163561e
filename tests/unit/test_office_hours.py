"""Office hours: when a consultant can answer, the next opening, callback slots, words.

The tables use the real default configuration (bot/office_hours.yml), so a change
there that breaks a known case (a holiday, the 7:40 opening) shows up here.
Weekdays of the dates used were checked with Python's calendar module.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator
from zoneinfo import ZoneInfo

import pytest

from bot import clock
from bot.office_hours.calendar import OfficeCalendar
from bot.office_hours.loader import DEFAULT_PATH, load_calendar
from bot.office_hours.wording import (
    describe_opening,
    describe_window,
    describe_window_for_confirmation,
)

WARSAW = ZoneInfo("Europe/Warsaw")
UTC = timezone.utc


def at(text: str) -> datetime:
    """An aware datetime from ISO 8601 with an offset (or Z)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=WARSAW)


@pytest.fixture(scope="module")
def cal() -> OfficeCalendar:
    return load_calendar(DEFAULT_PATH)


# --- is_open -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        pytest.param("2026-11-26T10:00:00+01:00", True, id="thursday-morning"),
        pytest.param("2026-11-26T06:00:00+01:00", False, id="thursday-early"),
        pytest.param("2026-11-26T20:00:00+01:00", False, id="thursday-evening"),
        pytest.param("2026-11-26T07:39:00+01:00", False, id="07:39-closed"),
        pytest.param("2026-11-26T07:39:59+01:00", False, id="07:39:59-closed"),
        pytest.param("2026-11-26T07:40:00+01:00", True, id="07:40-open"),
        pytest.param("2026-11-26T15:29:00+01:00", True, id="15:29-open"),
        pytest.param("2026-11-26T15:29:59.999999+01:00", True, id="15:29:59-open"),
        pytest.param("2026-11-26T15:30:00+01:00", False, id="15:30-closed"),
        pytest.param("2026-11-28T10:00:00+01:00", False, id="saturday"),
        pytest.param("2026-11-29T10:00:00+01:00", False, id="sunday"),
        pytest.param("2026-04-06T10:00:00+02:00", False, id="easter-monday-2026"),
        pytest.param("2026-04-03T10:00:00+02:00", True, id="good-friday-is-a-working-day"),
        pytest.param("2026-06-04T10:00:00+02:00", False, id="corpus-christi-2026"),
        pytest.param("2025-12-23T10:00:00+01:00", True, id="23-dec-2025"),
        pytest.param("2025-12-24T10:00:00+01:00", False, id="wigilia-2025"),
        pytest.param("2025-12-31T10:00:00+01:00", True, id="31-dec-usual-hours"),
        pytest.param("2025-05-02T10:00:00+02:00", False, id="umk-day-off-2-may-2025"),
        pytest.param("2025-11-11T10:00:00+01:00", False, id="independence-day"),
        # Given in UTC: 06:40Z is 07:40 in winter, 05:40Z is 07:40 in summer.
        pytest.param("2026-11-26T06:40:00Z", True, id="utc-winter-opening"),
        pytest.param("2026-11-26T06:39:00Z", False, id="utc-winter-before"),
        pytest.param("2026-06-05T05:40:00Z", True, id="utc-summer-opening"),
        pytest.param("2026-06-05T13:29:00Z", True, id="utc-summer-15:29"),
        pytest.param("2026-06-05T13:30:00Z", False, id="utc-summer-15:30"),
        # Thursday 22:00 in Hawaii is Friday 09:00 in Kraków: the local date decides.
        pytest.param("2026-11-26T22:00:00-10:00", True, id="other-zone-next-local-day"),
    ],
)
def test_is_open(cal: OfficeCalendar, instant: str, expected: bool) -> None:
    assert cal.is_open(at(instant)) is expected


def test_naive_datetime_is_refused(cal: OfficeCalendar) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        cal.is_open(datetime(2026, 11, 26, 10, 0))


# --- hours_on --------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 11, 28),  # Saturday
        date(2026, 11, 29),  # Sunday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 6, 4),  # Corpus Christi
        date(2025, 12, 24),  # Wigilia, a public holiday from 2025
        date(2025, 5, 2),  # configured UMK day off
    ],
)
def test_hours_on_closed_days(cal: OfficeCalendar, day: date) -> None:
    assert cal.hours_on(day) is None


def test_hours_on_gives_local_times_with_the_day_s_offset(cal: OfficeCalendar) -> None:
    winter = cal.hours_on(date(2026, 3, 27))
    summer = cal.hours_on(date(2026, 3, 30))
    assert winter == (local(2026, 3, 27, 7, 40), local(2026, 3, 27, 15, 30))
    assert summer == (local(2026, 3, 30, 7, 40), local(2026, 3, 30, 15, 30))
    assert winter[0].utcoffset() == timedelta(hours=1)
    assert summer[0].utcoffset() == timedelta(hours=2)


def test_closed_reason_names_holidays_and_configured_days(cal: OfficeCalendar) -> None:
    assert cal.closed_reason(date(2025, 12, 24)) == "Wigilia Bożego Narodzenia"
    assert "3 Maja" in (cal.closed_reason(date(2025, 5, 2)) or "")
    assert cal.closed_reason(date(2026, 11, 28)) is None  # an ordinary Saturday
    assert cal.closed_reason(date(2026, 11, 26)) is None


# --- next_opening ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "expected_local", "expected_utc"),
    [
        pytest.param(
            "2026-11-26T10:00:00+01:00",
            "2026-11-26T10:00:00+01:00",
            "2026-11-26T09:00:00Z",
            id="open-now-is-itself",
        ),
        pytest.param(
            "2026-11-26T09:00:00Z",
            "2026-11-26T10:00:00+01:00",
            "2026-11-26T09:00:00Z",
            id="open-now-given-in-utc",
        ),
        pytest.param(
            "2026-11-26T06:00:00+01:00",
            "2026-11-26T07:40:00+01:00",
            "2026-11-26T06:40:00Z",
            id="before-opening-same-day",
        ),
        pytest.param(
            "2026-11-26T15:30:00+01:00",
            "2026-11-27T07:40:00+01:00",
            "2026-11-27T06:40:00Z",
            id="at-closing-next-day",
        ),
        pytest.param(
            "2026-11-28T10:00:00+01:00",
            "2026-11-30T07:40:00+01:00",
            "2026-11-30T06:40:00Z",
            id="saturday-to-monday",
        ),
        pytest.param(
            "2026-03-27T16:00:00+01:00",
            "2026-03-30T07:40:00+02:00",
            "2026-03-30T05:40:00Z",
            id="dst-starts-sunday-29-march",
        ),
        pytest.param(
            "2026-10-24T10:00:00+02:00",
            "2026-10-26T07:40:00+01:00",
            "2026-10-26T06:40:00Z",
            id="dst-ends-sunday-25-october",
        ),
        pytest.param(
            "2025-12-31T16:00:00+01:00",
            "2026-01-02T07:40:00+01:00",
            "2026-01-02T06:40:00Z",
            id="new-year",
        ),
        pytest.param(
            "2025-12-23T16:00:00+01:00",
            "2025-12-29T07:40:00+01:00",
            "2025-12-29T06:40:00Z",
            id="christmas-24-to-28-december-2025",
        ),
        pytest.param(
            "2026-04-03T16:00:00+02:00",
            "2026-04-07T07:40:00+02:00",
            "2026-04-07T05:40:00Z",
            id="easter-2026",
        ),
        pytest.param(
            "2025-04-30T16:00:00+02:00",
            "2025-05-05T07:40:00+02:00",
            "2025-05-05T05:40:00Z",
            id="majowka-2025-with-day-off",
        ),
        pytest.param(
            "2026-11-26T20:30:00Z",
            "2026-11-27T07:40:00+01:00",
            "2026-11-27T06:40:00Z",
            id="utc-evening",
        ),
    ],
)
def test_next_opening(
    cal: OfficeCalendar, instant: str, expected_local: str, expected_utc: str
) -> None:
    opening = cal.next_opening(at(instant))
    assert opening == at(expected_utc)
    assert opening.astimezone(UTC) == at(expected_utc)
    assert opening.tzinfo == WARSAW
    assert opening.isoformat() == expected_local


# --- describe_opening ------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param("2026-11-26T06:00:00+01:00", "dziś od 7:40", id="today"),
        # 00:30 in Kraków is still the previous day in UTC: "today" is local.
        pytest.param("2026-11-25T23:30:00Z", "dziś od 7:40", id="today-given-in-utc"),
        pytest.param("2026-11-25T18:00:00+01:00", "jutro od 7:40", id="tomorrow"),
        pytest.param(
            "2026-11-28T10:00:00+01:00", "w poniedziałek 30 listopada od 7:40", id="monday"
        ),
        pytest.param("2026-04-03T16:00:00+02:00", "we wtorek 7 kwietnia od 7:40", id="tuesday"),
        pytest.param("2025-12-31T16:00:00+01:00", "w piątek 2 stycznia od 7:40", id="new-year"),
        pytest.param("2025-11-28T16:00:00+01:00", "w poniedziałek 1 grudnia od 7:40", id="dec"),
        pytest.param("2026-11-26T10:00:00+01:00", "teraz", id="open-now"),
    ],
)
def test_describe_opening(cal: OfficeCalendar, now: str, expected: str) -> None:
    instant = at(now)
    assert describe_opening(cal.next_opening(instant), instant) == expected


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        (local(2025, 12, 3, 7, 40), "w środę 3 grudnia od 7:40"),
        (local(2025, 12, 4, 7, 40), "w czwartek 4 grudnia od 7:40"),
        (local(2025, 12, 6, 9, 5), "w sobotę 6 grudnia od 9:05"),
        (local(2025, 12, 7, 12, 0), "w niedzielę 7 grudnia od 12:00"),
    ],
)
def test_describe_opening_weekdays_in_the_accusative(opening: datetime, expected: str) -> None:
    assert describe_opening(opening, local(2025, 12, 1, 16, 0)) == expected


def test_describe_opening_supports_only_polish() -> None:
    with pytest.raises(ValueError, match="pl"):
        describe_opening(local(2026, 11, 30, 7, 40), local(2026, 11, 28, 10), locale="en")


# --- describe_window -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "button", "sentence"),
    [
        (
            local(2026, 11, 26, 9, 40),
            local(2026, 11, 26, 11, 40),
            "czwartek 26 listopada, 9:40–11:40",
            "w czwartek 26 listopada między 9:40 a 11:40",
        ),
        (
            local(2025, 12, 3, 13, 40),
            local(2025, 12, 3, 15, 30),
            "środa 3 grudnia, 13:40–15:30",
            "w środę 3 grudnia między 13:40 a 15:30",
        ),
        (
            local(2025, 12, 2, 7, 40),
            local(2025, 12, 2, 9, 40),
            "wtorek 2 grudnia, 7:40–9:40",
            "we wtorek 2 grudnia między 7:40 a 9:40",
        ),
    ],
)
def test_describe_window(start: datetime, end: datetime, button: str, sentence: str) -> None:
    assert describe_window(start, end) == button
    assert describe_window_for_confirmation(start, end) == sentence
    assert len(button) <= 40  # fits a chat button


# --- callback_windows ------------------------------------------------------------


def _day_windows(day: date) -> list[tuple[datetime, datetime]]:
    """The four default windows of a full day."""
    bounds = [(7, 40), (9, 40), (11, 40), (13, 40), (15, 30)]
    points = [local(day.year, day.month, day.day, h, m) for h, m in bounds]
    return list(itertools.pairwise(points))


def test_callback_windows_from_a_saturday(cal: OfficeCalendar) -> None:
    windows = cal.callback_windows(at("2026-11-28T10:00:00+01:00"))
    days = [date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)]
    assert windows == [w for day in days for w in _day_windows(day)]
    assert len(windows) == 12
    for start, end in windows:
        assert start.tzinfo == WARSAW
        assert cal.is_open(start)
        assert cal.is_open(end - timedelta(microseconds=1))
        assert end - start <= timedelta(minutes=120)


def test_callback_windows_skip_holidays(cal: OfficeCalendar) -> None:
    windows = cal.callback_windows(at("2025-12-23T16:00:00+01:00"))
    assert sorted({start.date() for start, _ in windows}) == [
        date(2025, 12, 29),
        date(2025, 12, 30),
        date(2025, 12, 31),
    ]
    assert all(cal.closed_reason(start.date()) is None for start, _ in windows)


@pytest.mark.parametrize(
    ("now", "first"),
    [
        pytest.param("2026-11-26T06:00:00+01:00", (7, 40), id="before-opening-all-of-today"),
        pytest.param("2026-11-26T10:13:00+01:00", (9, 40), id="started-87-min-left"),
        pytest.param("2026-11-26T11:10:00+01:00", (9, 40), id="started-30-min-left"),
        pytest.param("2026-11-26T11:11:00+01:00", (11, 40), id="started-29-min-left"),
        pytest.param("2026-11-26T11:40:00+01:00", (11, 40), id="starts-now"),
    ],
)
def test_callback_windows_today_skip_the_past(
    cal: OfficeCalendar, now: str, first: tuple[int, int]
) -> None:
    windows = cal.callback_windows(at(now))
    assert windows[0][0] == local(2026, 11, 26, *first)
    # Today counts as one of the three days: Thursday, Friday, Monday.
    assert sorted({start.date() for start, _ in windows}) == [
        date(2026, 11, 26),
        date(2026, 11, 27),
        date(2026, 11, 30),
    ]


@pytest.mark.parametrize("now", ["2026-11-26T15:10:00+01:00", "2026-11-26T15:30:00+01:00"])
def test_callback_windows_today_does_not_count_without_a_slot(
    cal: OfficeCalendar, now: str
) -> None:
    windows = cal.callback_windows(at(now))
    assert sorted({start.date() for start, _ in windows}) == [
        date(2026, 11, 27),
        date(2026, 11, 30),
        date(2026, 12, 1),
    ]


def test_callback_windows_count_days(cal: OfficeCalendar) -> None:
    saturday = at("2026-11-28T10:00:00+01:00")
    assert cal.callback_windows(saturday, count_days=1) == _day_windows(date(2026, 11, 30))
    assert cal.callback_windows(saturday, count_days=0) == []
    with pytest.raises(ValueError):
        cal.callback_windows(saturday, count_days=-1)


def test_callback_windows_across_dst(cal: OfficeCalendar) -> None:
    windows = cal.callback_windows(at("2026-03-27T16:00:00+01:00"), count_days=1)
    assert windows == _day_windows(date(2026, 3, 30))
    assert windows[0][0].astimezone(UTC) == at("2026-03-30T05:40:00Z")
    assert windows[0][1] - windows[0][0] == timedelta(hours=2)


# --- a configuration of one's own -----------------------------------------------

CUSTOM = """\
timezone: Europe/Warsaw
weekly:
  monday: "08:00-16:00"
  tuesday: "08:00-16:00"
  wednesday: "08:00-16:00"
  thursday: "08:00-16:00"
  friday: "08:00-14:00"
holidays: null
closed_days:
  - date: 2026-11-27
    reason: inwentaryzacja
short_days:
  2026-11-26: "12:00"
  "12-31": "13:00"
callback_window_minutes: 60
days_for_callback: 2
"""


@pytest.fixture
def custom(tmp_path: Path) -> OfficeCalendar:
    path = tmp_path / "hours.yml"
    path.write_text(CUSTOM, encoding="utf-8")
    return load_calendar(path)


def test_custom_short_day(custom: OfficeCalendar) -> None:
    assert custom.hours_on(date(2026, 11, 26)) == (
        local(2026, 11, 26, 8, 0),
        local(2026, 11, 26, 12, 0),
    )
    assert custom.is_open(local(2026, 11, 26, 11, 59))
    assert not custom.is_open(local(2026, 11, 26, 12, 0))
    windows = custom.callback_windows(local(2026, 11, 26, 7, 0), count_days=1)
    assert [(s.hour, e.hour) for s, e in windows] == [(8, 9), (9, 10), (10, 11), (11, 12)]


def test_custom_yearly_short_day_only_shortens(custom: OfficeCalendar) -> None:
    thursday = custom.hours_on(date(2026, 12, 31))
    friday = custom.hours_on(date(2027, 12, 31))
    assert thursday is not None and thursday[1] == local(2026, 12, 31, 13, 0)
    assert friday is not None and friday[1] == local(2027, 12, 31, 13, 0)
    assert custom.hours_on(date(2026, 12, 4)) == (  # an ordinary Friday: its own hours
        local(2026, 12, 4, 8, 0),
        local(2026, 12, 4, 14, 0),
    )


def test_custom_closed_day(custom: OfficeCalendar) -> None:
    assert custom.hours_on(date(2026, 11, 27)) is None
    assert custom.closed_reason(date(2026, 11, 27)) == "inwentaryzacja"
    assert custom.next_opening(local(2026, 11, 26, 13, 0)) == local(2026, 11, 30, 8, 0)
    assert custom.is_open(local(2026, 12, 25, 10, 0))  # holidays: null
    days = {s.date() for s, _ in custom.callback_windows(local(2026, 11, 26, 13, 0))}
    assert sorted(days) == [date(2026, 11, 30), date(2026, 12, 1)]  # days_for_callback: 2


def test_short_tail_window_is_merged(tmp_path: Path) -> None:
    path = tmp_path / "hours.yml"
    path.write_text(
        CUSTOM.replace('monday: "08:00-16:00"', 'monday: "07:40-15:50"').replace(
            "callback_window_minutes: 60", "callback_window_minutes: 120"
        ),
        encoding="utf-8",
    )
    windows = load_calendar(path).callback_windows(local(2026, 11, 30, 7, 0), count_days=1)
    assert windows[-1] == (local(2026, 11, 30, 13, 40), local(2026, 11, 30, 15, 50))
    assert len(windows) == 4


def test_env_var_chooses_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "hours.yml"
    path.write_text(CUSTOM, encoding="utf-8")
    monkeypatch.setenv("KCK_OFFICE_HOURS_FILE", str(path))
    assert load_calendar().callback_window_minutes == 60


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('"08:00-16:00"', '"16:00-08:00"'), "weekly.monday: closing"),
        (('"12:00"', "12:00"), "quoted time"),  # unquoted, YAML reads 12:00 as 720
        (("holidays: null", "holidays: null\nholiday: PL"), "unknown keys: holiday"),
        (('"12:00"', '"noon"'), "short_days"),
        (("timezone: Europe/Warsaw", "timezone: Europe/Krakow"), "unknown timezone"),
        (("days_for_callback: 2", "days_for_callback: 0"), "days_for_callback"),
    ],
)
def test_bad_configuration_is_refused(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = tmp_path / "hours.yml"
    path.write_text(CUSTOM.replace(*change, 1), encoding="utf-8")
    with pytest.raises(ValueError, match=message) as failure:
        load_calendar(path)
    assert str(path) in str(failure.value)


# --- the clock ---------------------------------------------------------------------


@pytest.fixture
def fresh_clock() -> Iterator[None]:
    clock.reset()
    yield
    clock.reset()


def test_clock_starts_at_kck_now_and_ticks(
    fresh_clock: None, monkeypatch: pytest.MonkeyPatch, cal: OfficeCalendar
) -> None:
    monkeypatch.setenv("KCK_NOW", "2026-11-28T10:00:00+01:00")
    first = clock.now()
    assert first.utcoffset() == timedelta(0)
    assert abs(first - at("2026-11-28T09:00:00Z")) < timedelta(seconds=5)
    assert clock.now() >= first  # moves forward in real time
    # Read once: changing the variable without reset() changes nothing.
    monkeypatch.setenv("KCK_NOW", "2030-01-01T00:00:00+00:00")
    assert clock.now() - first < timedelta(seconds=5)
    # The whole point: configuration alone puts the bot outside office hours.
    assert not cal.is_open(clock.now())
    opening = cal.next_opening(clock.now())
    assert describe_opening(opening, clock.now()) == "w poniedziałek 30 listopada od 7:40"


def test_clock_reset_reads_the_variable_again(
    fresh_clock: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KCK_NOW", "2026-11-28T09:00:00Z")
    assert abs(clock.now() - at("2026-11-28T09:00:00Z")) < timedelta(seconds=5)
    monkeypatch.delenv("KCK_NOW")
    clock.reset()
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)


def test_clock_refuses_a_time_without_offset(
    fresh_clock: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KCK_NOW", "2026-11-28T10:00:00")
    with pytest.raises(ValueError, match="offset"):
        clock.now()
