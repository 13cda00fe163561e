"""Phone numbers in the console are grouped for reading; what is stored stays as typed."""

from __future__ import annotations

import pytest

from bot.console.phones import shown_phone


@pytest.mark.parametrize(
    "stored,shown",
    [
        ("+48600700800", "+48 600 700 800"),
        ("600700800", "+48 600 700 800"),
        ("126165555", "+48 12 616 55 55"),
        ("+380501234567", "+380 50 123 4567"),
        ("nie pamiętam", "nie pamiętam"),  # not a number: shown as stored
        ("12", "12"),
    ],
)
def test_numbers_are_grouped_for_reading(stored: str, shown: str) -> None:
    assert shown_phone(stored) == shown
