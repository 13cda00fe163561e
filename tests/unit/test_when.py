"""A callback time typed in words is matched to the windows the office hours offer.

The windows come from the real calendar (bot/office_hours.yml) on Monday
30 November 2026 at 10:00: the rest of Monday, Tuesday 1 and Wednesday
2 December (callback_windows: three working days; checked with Python's
calendar module). A time no window fits gives None: the form asks again with
the buttons.
"""

from __future__ import annotations

from datetime import datetime
from typing import List, Optional, Tuple
from zoneinfo import ZoneInfo

import pytest

from bot.office_hours.calendar import Window
from bot.office_hours.loader import DEFAULT_PATH, load_calendar
from bot.understanding.when import match_window

WARSAW = ZoneInfo("Europe/Warsaw")
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=WARSAW)  # a Monday


def windows() -> List[Window]:
    return load_calendar(DEFAULT_PATH).callback_windows(NOW)


def hours(window: Optional[Window]) -> Optional[Tuple[int, str, str]]:
    """(day of month, start, end) of a window, for readable expectations."""
    if window is None:
        return None
    start, end = window
    return start.day, start.strftime("%H:%M"), end.strftime("%H:%M")


def test_the_offered_windows_are_the_ones_this_table_assumes() -> None:
    assert [hours(w) for w in windows()] == [
        (30, "09:40", "11:40"),
        (30, "11:40", "13:40"),
        (30, "13:40", "15:30"),
        (1, "07:40", "09:40"),
        (1, "09:40", "11:40"),
        (1, "11:40", "13:40"),
        (1, "13:40", "15:30"),
        (2, "07:40", "09:40"),
        (2, "09:40", "11:40"),
        (2, "11:40", "13:40"),
        (2, "13:40", "15:30"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jutro rano", (1, "07:40", "09:40")),
        ("Jutro rano", (1, "07:40", "09:40")),
        ("jutro z samego rana", (1, "07:40", "09:40")),
        ("we wtorek rano", (1, "07:40", "09:40")),
        ("w środę po 12", (2, "13:40", "15:30")),
        ("w srode po 12", (2, "13:40", "15:30")),
        ("w środę po dwunastej", (2, "13:40", "15:30")),
        ("po 14", (30, "13:40", "15:30")),
        ("po 14:00", (30, "13:40", "15:30")),
        ("dziś po południu", (30, "13:40", "15:30")),
        ("dzis po poludniu", (30, "13:40", "15:30")),
        ("dzisiaj", (30, "09:40", "11:40")),
        ("jutro", (1, "07:40", "09:40")),
        ("pojutrze o 10", (2, "09:40", "11:40")),
        ("jutro o 10", (1, "09:40", "11:40")),
        ("jutro około 12", (1, "11:40", "13:40")),
        ("jutro między 10 a 12", (1, "09:40", "11:40")),
        ("jutro przed południem", (1, "07:40", "09:40")),
        ("2 grudnia o 8", (2, "07:40", "09:40")),
        ("1.12 po 12", (1, "13:40", "15:30")),
        ("w poniedziałek po 12", (30, "13:40", "15:30")),
    ],
)
def test_a_time_in_words_gets_its_window(text: str, expected: Tuple[int, str, str]) -> None:
    assert hours(match_window(text, windows(), NOW)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "w czwartek po 12",  # Thursday is not among the offered days: asked again
        "w sobotę",
        "wieczorem",
        "po 16",
        "kiedykolwiek",
        "jak najszybciej",
        "3 stycznia",
        "",
    ],
)
def test_a_time_no_window_fits_is_asked_again(text: str) -> None:
    assert match_window(text, windows(), NOW) is None


def test_thursday_is_matched_when_it_is_offered() -> None:
    wednesday = datetime(2026, 12, 2, 8, 0, tzinfo=WARSAW)
    offered = load_calendar(DEFAULT_PATH).callback_windows(wednesday)
    assert hours(match_window("w czwartek po 12", offered, wednesday)) == (3, "13:40", "15:30")
