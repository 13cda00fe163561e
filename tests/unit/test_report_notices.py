"""What a resident reads about a report already filed and about its status changes."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.db import Database
from bot.reports.followers import follow
from bot.reports.notices import already_reported, recipients, status_notice
from bot.reports.store import NewReport, create_report, set_status

SQLITE = pytest.mark.parametrize("db", ["sqlite"], indirect=True)


def lamp(**extra: object) -> NewReport:
    fields = {
        "kind": "intervention",
        "category": "oswietlenie",
        "description": "Latarnia nie świeci",
        "channel": "web",
        "location_text": "ul. Długa 5",
        "conversation_id": "reporter",
    }
    fields.update(extra)
    return NewReport(**fields)  # type: ignore[arg-type]


@SQLITE
def test_the_earlier_report_is_named_with_its_age_and_status(db: Database) -> None:
    first = set_status(db, create_report(db, lamp()).reference, "w realizacji")
    assert first is not None
    text = already_reported(first, first.created_at + dt.timedelta(days=3))
    assert text.startswith(f"Ta latarnia jest już zgłoszona: {first.reference}, 3 dni temu")
    assert "status „w realizacji”" in text


@SQLITE
def test_only_a_note_for_the_resident_is_in_the_notice(db: Database) -> None:
    first = create_report(db, lamp())
    internal = set_status(db, first.reference, "przekazane", "dzwonić do p. Nowaka 600100200")
    assert internal is not None and "Nowaka" not in status_notice(internal)
    public = set_status(db, first.reference, "w realizacji", "Wymiana słupa do piątku.", True)
    assert public is not None
    assert status_notice(public) == (
        f"Zmienił się status zgłoszenia {first.reference}: „w realizacji” (Oświetlenie ulic).\n"
        "Informacja: Wymiana słupa do piątku."
    )


@SQLITE
def test_reporter_and_followers_hear_e_mail_only_with_consent(db: Database) -> None:
    first = create_report(
        db, lamp(contact_email="jan@example.org", contact_name="Jan", contact_consent=True)
    )
    follow(db, first.reference, "follower", "telegram", "ewa@example.org", consent=True)
    follow(db, first.reference, "quiet", "web", "nie@example.org", consent=False)
    found = recipients(db, first)
    assert found.conversations == ["reporter", "follower", "quiet"]
    assert found.emails == ["jan@example.org", "ewa@example.org"]
