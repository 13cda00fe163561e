"""Reports and ideas in the app database (SQLite and, when it answers, PostgreSQL)."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from bot.db import Database
from bot.reports.numbers import find_reference
from bot.reports.store import (
    NewReport,
    UnknownStatus,
    create_report,
    get_report,
    list_reports,
    set_status,
)
from bot.reports.wording import status_answer


def pothole(**extra: object) -> NewReport:
    fields = {
        "kind": "intervention",
        "category": "drogi",
        "description": "Duża dziura w jezdni",
        "channel": "web",
        "location_text": "ul. Długa 5",
    }
    fields.update(extra)
    return NewReport(**fields)  # type: ignore[arg-type]


def test_report_gets_a_number_unit_and_first_status(db: Database) -> None:
    report = create_report(db, pothole())
    assert re.fullmatch(r"KCK-\d{4}-\d{6}", report.reference)
    assert report.unit == "ZDMK" and report.status == "przyjęte"
    assert [step.status for step in report.history] == ["przyjęte"]
    assert get_report(db, report.reference) == report


def test_status_changes_are_kept_in_order(db: Database) -> None:
    report = create_report(db, pothole())
    set_status(db, report.reference, "przekazane")
    done = set_status(db, report.reference, "załatwione", note="Dziurę załatano.")
    assert done is not None and done.is_closed
    assert [s.status for s in done.history] == ["przyjęte", "przekazane", "załatwione"]
    assert done.history[-1].note == "Dziurę załatano."
    with pytest.raises(UnknownStatus):
        set_status(db, report.reference, "zgubione")
    assert set_status(db, "KCK-2026-999999", "przekazane") is None


def test_contact_is_stored_only_with_consent(db: Database) -> None:
    without = create_report(db, pothole(contact_phone="+48600123456", contact_consent=False))
    with_consent = create_report(
        db, pothole(contact_name="Anna", contact_phone="+48600123456", contact_consent=True)
    )
    with db.engine.connect() as connection:
        rows = dict(
            connection.execute(text("SELECT reference, contact_phone FROM reports")).fetchall()
        )
    assert rows[without.reference] is None
    assert rows[with_consent.reference] == "+48600123456"


def test_status_answer_shows_no_personal_data(db: Database) -> None:
    report = create_report(
        db, pothole(contact_name="Anna Nowak", contact_phone="+48600123456", contact_consent=True)
    )
    answer = status_answer(report)
    assert report.reference in answer and "Zarząd Dróg Miasta Krakowa" in answer
    assert "Anna" not in answer and "600" not in answer


def test_an_idea_is_przyjety_and_a_report_przyjete(db: Database) -> None:
    """A "pomysł" is masculine: its status agrees with it, the stored status does not change."""
    idea = create_report(db, pothole(kind="idea", category="pomysl"))
    answer = status_answer(idea)
    assert "status „przyjęty”" in answer and "Przyjęty " in answer
    assert "przyjęte" not in answer.lower() and idea.status == "przyjęte"
    report = status_answer(create_report(db, pothole()))
    assert "status „przyjęte”" in report and "Przyjęte " in report


def test_filters_by_category_status_and_kind(db: Database) -> None:
    lamp = create_report(db, pothole(category="oswietlenie"))
    hole = create_report(db, pothole())
    idea = create_report(db, pothole(kind="idea", category="pomysl"))
    set_status(db, hole.reference, "odrzucone")
    refs = lambda reports: {r.reference for r in reports}  # noqa: E731
    assert refs(list_reports(db, categories=["oswietlenie"])) == {lamp.reference}
    assert refs(list_reports(db, statuses=["odrzucone"])) == {hole.reference}
    assert refs(list_reports(db, kind="idea")) == {idea.reference}
    assert idea.unit == "KCK"


def test_reports_filed_at_once_get_different_numbers(db: Database) -> None:
    with ThreadPoolExecutor(10) as pool:
        references = list(pool.map(lambda _: create_report(db, pothole()).reference, range(40)))
    assert len(set(references)) == 40
    assert len(list_reports(db)) == 40


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("status KCK-2026-000123 proszę", "KCK-2026-000123"),
        ("kck 2026 000123", "KCK-2026-000123"),
        ("kck2026000123", "KCK-2026-000123"),
        ("numer kck-2026-123", "KCK-2026-000123"),
        ("Mój numer to KCK/2025/000017.", "KCK-2025-000017"),
        ("nie mam numeru", None),
        ("WS-05.6131.412.2025", None),
    ],
)
def test_reference_found_in_free_text(typed: str, found: str | None) -> None:
    assert find_reference(typed) == found
