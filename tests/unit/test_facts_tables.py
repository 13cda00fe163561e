"""Each fact the assistant states or checks lives in one table (issue 16).

Two copies of a fact drift apart: the Kraków box had a west edge of 19.79 in
one module and 19.78 in another, so a Telegram location near the city's west
edge was refused while Open311 accepted the same point.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List

import pytest

from bot import geo
from bot.http.requests import BadInput
from bot.web import open311_params

# The city's boundary reaches 19°47' E (19.783°), 50°08' N and 49°58' N.
WEST_EDGE = (50.02, 19.785)


def test_a_point_at_the_west_edge_of_krakow_is_in_krakow() -> None:
    assert geo.in_krakow(*WEST_EDGE)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [WEST_EDGE, (50.06143, 19.93658), (49.96, 20.22), (49.95, 19.9), (50.05, 19.77)],
)
def test_open311_and_the_chat_channels_accept_the_same_points(lat: float, lon: float) -> None:
    try:
        accepted = open311_params.position({"lat": str(lat), "long": str(lon)}) == (lat, lon)
    except BadInput:
        accepted = False
    assert accepted == geo.in_krakow(lat, lon)


# KCK's phone and hours ---------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
PHONE_WRITTEN_OUT = re.compile(r"12[ -]?616[ -]?55[ -]?55")
HOURS_WRITTEN_OUT = re.compile(r"7:40\s*[–-]\s*15:30")


def python_files() -> List[Path]:
    return sorted(
        path
        for folder in ("bot", "actions")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
    )


def test_only_bot_kck_writes_out_the_kck_phone_and_hours() -> None:
    copies = [
        str(path.relative_to(ROOT))
        for path in python_files()
        if path != ROOT / "bot" / "kck.py"
        and (
            PHONE_WRITTEN_OUT.search(text := path.read_text("utf-8"))
            or HOURS_WRITTEN_OUT.search(text)
        )
    ]
    assert copies == []


def test_the_kck_hours_residents_are_told_are_the_hours_of_the_office_calendar() -> None:
    from bot import kck
    from bot.office_hours.loader import DEFAULT_PATH, load_calendar

    weekly = load_calendar(DEFAULT_PATH).weekly
    # "pn–pt" in the texts: Monday to Friday share one range, the weekend is closed.
    assert len(set(weekly[:5])) == 1 and weekly[5:] == (None, None)
    opens, closes = weekly[0] or (None, None)
    assert kck.HOURS == f"{opens:%-H:%M}–{closes:%-H:%M}" == "7:40–15:30"
    assert kck.PHONE == "12 616 55 55"
    assert kck.CONTACT == "Krakowskie Centrum Kontaktu: tel. 12 616 55 55, pn–pt 7:40–15:30."


# Units -------------------------------------------------------------------------------


def test_a_unit_that_takes_reports_and_second_line_chats_is_one_entry() -> None:
    from bot.handoff.units import SECOND_LINE_UNITS, unit_name
    from bot.reports.routing import CATEGORIES
    from bot.units import UNITS

    for category in CATEGORIES.values():
        assert category.unit is UNITS[category.unit.code]
    for code, name in SECOND_LINE_UNITS.items():
        assert UNITS[code].second_line and unit_name(code) == UNITS[code].name == name
    assert list(SECOND_LINE_UNITS) == ["WSA", "USC", "GUP", "WKS", "WGK", "ZZM"]


# FAQ keys ----------------------------------------------------------------------------


def test_every_faq_answer_has_a_topic_title_and_every_title_an_answer() -> None:
    """A key missing from bot/topics.py shows as a raw key in the console's ready
    answers and is never suggested; a title without an answer leads nowhere."""
    import yaml

    from bot.topics import FAQ_TOPICS

    answered = {
        name.split("/", 1)[1]
        for path in sorted((ROOT / "data" / "responses").glob("*.yml"))
        for name in yaml.safe_load(path.read_text("utf-8"))["responses"]
        if name.startswith("utter_faq/")
    }
    assert answered, "no FAQ answers found in data/responses/"
    assert sorted(answered - set(FAQ_TOPICS)) == [], "FAQ keys without a title in bot/topics.py"
    assert sorted(set(FAQ_TOPICS) - answered) == [], "titles in bot/topics.py without an answer"
