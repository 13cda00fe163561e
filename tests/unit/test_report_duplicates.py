"""The same problem reported twice: open, same category, within 50 m or at the same address."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.db import Database
from bot.geo import distance_m
from bot.privacy import policy as policies
from bot.privacy import retention
from bot.reports import changes
from bot.reports.duplicates import RADIUS_M, Place, find_duplicate
from bot.reports.followers import follow, followers_of, stop_following
from bot.reports.store import NewReport, create_report, set_status

SQLITE = pytest.mark.parametrize("db", ["sqlite"], indirect=True)

# Wawel's courtyard; 0.0001° of latitude is about 11.1 m.
LAT, LON = 50.05410, 19.93540


def lamp(**extra: object) -> NewReport:
    fields = {
        "kind": "intervention",
        "category": "oswietlenie",
        "description": "Latarnia nie świeci",
        "channel": "web",
        "location_text": "ul. Długa 5",
    }
    fields.update(extra)
    return NewReport(**fields)  # type: ignore[arg-type]


def test_distance_in_metres() -> None:
    assert distance_m(LAT, LON, LAT + 0.0001, LON) == pytest.approx(11.12, abs=0.05)
    assert distance_m(LAT, LON, LAT, LON) == 0.0


@SQLITE
def test_a_report_within_50_m_is_the_same_problem(db: Database) -> None:
    first = create_report(db, lamp(location_text=None, lat=LAT, lon=LON))
    near = Place(lat=LAT + 0.0004, lon=LON)  # 44 m north
    assert find_duplicate(db, "oswietlenie", near) == first


@SQLITE
def test_a_report_beyond_50_m_is_not(db: Database) -> None:
    create_report(db, lamp(location_text=None, lat=LAT, lon=LON))
    far = Place(lat=LAT + 0.0005, lon=LON)  # 56 m north
    assert distance_m(LAT, LON, far.lat, far.lon) > RADIUS_M  # type: ignore[arg-type]
    assert find_duplicate(db, "oswietlenie", far) is None


@SQLITE
def test_the_closest_of_several_is_shown(db: Database) -> None:
    create_report(db, lamp(location_text=None, lat=LAT + 0.0004, lon=LON))
    closest = create_report(db, lamp(location_text=None, lat=LAT + 0.0001, lon=LON))
    assert find_duplicate(db, "oswietlenie", Place(lat=LAT, lon=LON)) == closest


@SQLITE
def test_the_same_street_and_number_is_the_same_place(db: Database) -> None:
    first = create_report(db, lamp(location_text="ul. Długa 5"))
    assert find_duplicate(db, "oswietlenie", Place(text="Długiej 5")) == first
    assert find_duplicate(db, "oswietlenie", Place(text="Długa 7")) is None


@SQLITE
def test_another_category_or_a_closed_report_is_not_a_duplicate(db: Database) -> None:
    done = create_report(db, lamp())
    assert find_duplicate(db, "drogi", Place(text="Długa 5")) is None
    set_status(db, done.reference, "załatwione")
    assert find_duplicate(db, "oswietlenie", Place(text="Długa 5")) is None


@SQLITE
def test_followers_are_kept_once_and_forgotten_on_request(db: Database) -> None:
    first = create_report(db, lamp())
    assert follow(db, first.reference, "c1", "web", "anna@example.org", consent=True)
    assert follow(db, first.reference, "c1", "web", "anna@example.org", consent=True)
    assert follow(db, first.reference, "c2", "telegram", "bez@example.org", consent=False)
    assert not follow(db, "KCK-2026-999999", "c3", "web")
    followers = followers_of(db, first.reference)
    assert [(f.conversation_id, f.email) for f in followers] == [
        ("c1", "anna@example.org"),
        ("c2", None),  # no consent: the address is not kept
    ]
    assert stop_following(db, "c1") == 1
    assert [f.conversation_id for f in followers_of(db, first.reference)] == ["c2"]


@SQLITE
def test_retention_forgets_followers_with_the_reporters_contact(
    db: Database, tmp_path: Path
) -> None:
    closed = create_report(db, lamp())
    still_open = create_report(db, lamp(location_text="ul. Długa 9"))
    set_status(db, closed.reference, "załatwione")
    follow(db, closed.reference, "c1", "web", "anna@example.org", consent=True)
    follow(db, still_open.reference, "c2", "web", "ewa@example.org", consent=True)
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=31)
    retention.apply(db, None, tmp_path, policies.load(), later)
    assert followers_of(db, closed.reference) == []
    assert [f.email for f in followers_of(db, still_open.reference)] == ["ewa@example.org"]


def test_merging_a_repeat_hands_its_followers_to_the_kept_report(db: Database) -> None:
    """Staff merge a repeat (the report page): whoever followed it now hears of the kept
    report; a conversation that followed both is kept once."""
    kept = create_report(db, lamp())
    repeat = create_report(db, lamp(location_text="ul. Długa 7"))
    follow(db, repeat.reference, "c1", "web", "anna@example.org", consent=True)
    follow(db, repeat.reference, "c2", "telegram")
    follow(db, kept.reference, "c2", "telegram")
    merged = changes.merge(db, repeat.reference, kept.reference)
    assert merged is not None and merged.merged_into == kept.reference
    assert followers_of(db, repeat.reference) == []
    assert sorted((f.conversation_id, f.email) for f in followers_of(db, kept.reference)) == [
        ("c1", "anna@example.org"),
        ("c2", None),
    ]
