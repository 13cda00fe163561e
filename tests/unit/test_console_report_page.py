"""Issue 17, point 1: one report's page for staff, in-process (the real gateway app on
SQLite). Those who handle the report's unit read everything on it (photo and contact
audited at each reading) and change its status, unit and merge it; staff of another line
or unit get 403 for the page, the photo, the contact and every change.

The lamp report belongs to ZDMK, which the first line serves: a first-line consultant
handles it, a USC specialist does not (bot/console/scope.py).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Dict

import pytest
from PIL import Image

from bot import transcript
from bot.db import Database
from bot.photos import store_photo
from bot.reports import store
from bot.reports.followers import follow
from bot.reports.wording import status_answer
from bot.transcript import OutMessage
from tests.helpers.console import audit_rows, signed_in

pytestmark = [
    pytest.mark.usefixtures("real_clock"),
    pytest.mark.parametrize("db", ["sqlite"], indirect=True),
]

PHONE = "+48600111222"
SHOWN_PHONE = "+48 600 111 222"  # as the console shows it (bot/console/phones.py)
EMAIL = "jan.kowalski@example.com"
POINT = "mlat=50.06140&mlon=19.93660#map=18/50.06140/19.93660"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture()
def lamp(db: Database, tmp_path: Path) -> Dict[str, str]:
    """A lamp report filed in a chat, with a photo, a point and a contact; and a second,
    bare report of the same lamp (filed by Open311)."""
    photo = store_photo(_png(), tmp_path / "photos", 5_000_000).name
    assert photo is not None
    chat = transcript.create_conversation(db, "web", "token-hash")
    transcript.append(
        db,
        chat,
        [
            OutMessage("user", "Zgasła latarnia na Długiej 5"),
            OutMessage("bot", "Gdzie dokładnie?"),
            # The contact typed into the form, and the summary that repeats it.
            OutMessage("user", f"Jan Kowalski, {SHOWN_PHONE}, {EMAIL}"),
            OutMessage("bot", f"Kontakt: Jan Kowalski, {PHONE}, {EMAIL}. Wysłać?"),
        ],
    )
    first = store.create_report(
        db,
        store.NewReport(
            "intervention",
            "oswietlenie",
            "Latarnia nie świeci od wczoraj",
            "web",
            "ul. Długa 5",
            50.0614,
            19.9366,
            photo,
            "Jan Kowalski",
            PHONE,
            EMAIL,
            True,
            chat,
        ),
    )
    second = store.create_report(
        db, store.NewReport("intervention", "oswietlenie", "Ciemno na Długiej", "open311")
    )
    return {"ref": first.reference, "again": second.reference, "photo": photo, "chat": chat}


def _actions(db: Database, login_id: int | None = None) -> list:
    return [(a, t) for who, a, t in audit_rows(db) if login_id is None or who == login_id]


def test_a_consultant_of_the_unit_reads_the_whole_report(
    db: Database, tmp_path: Path, lamp: Dict[str, str]
) -> None:
    ref = lamp["ref"]
    with signed_in(db, tmp_path, "anna", "consultant") as client:
        listing = client.get("/console/reports").text
        assert f'href="/console/reports/{ref}"' in listing
        page = client.get(f"/console/reports/{ref}")
        assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
        html = page.text
        for shown in (
            "Latarnia nie świeci od wczoraj",
            "Oświetlenie ulic",
            "Zarząd Dróg Miasta Krakowa",
            "ul. Długa 5",
            "50.06140, 19.93660",
            "https://www.openstreetmap.org/?" + POINT.replace("&", "&amp;"),  # HTML-escaped
            f'src="/console/reports/{ref}/photo"',
            f'href="/console/reports/{ref}/contact"',
            "Zgasła latarnia na Długiej 5",  # the transcript
        ):
            assert shown in html, shown
        # the contact only on its own page, not even in the transcript where it was typed
        assert PHONE not in html and SHOWN_PHONE not in html and EMAIL not in html
        assert "Kowalski" not in html and "[dane kontaktowe]" in html
        assert "<script" not in html  # no map script, nothing from outside

        photo = client.get(f"/console/reports/{ref}/photo")
        assert photo.status_code == 200 and photo.headers["content-type"] == "image/png"
        assert photo.content == (tmp_path / "photos" / lamp["photo"]).read_bytes()
        assert photo.headers["cache-control"] == "no-store"
        contact = client.get(f"/console/reports/{ref}/contact")
        assert contact.status_code == 200
        assert EMAIL in contact.text and "Jan Kowalski" in contact.text
        # grouped for reading, the link dialling the number as stored
        assert f'<a href="tel:{PHONE}" class="phone">{SHOWN_PHONE}</a>' in contact.text

    actions = _actions(db)
    for expected in (
        ("read_report", ref),
        ("read_transcript", lamp["chat"]),
        ("read_photo", ref),
        ("read_contact", ref),
    ):
        assert expected in actions, expected


def test_logged_out_the_photo_and_contact_are_nowhere(
    db: Database, tmp_path: Path, lamp: Dict[str, str]
) -> None:
    with signed_in(db, tmp_path, "anna", "consultant") as client:
        client.cookies.clear()  # the session cookie gone: a browser of someone else
        for part in ("", "/photo", "/contact"):
            answer = client.get(f"/console/reports/{lamp['ref']}{part}")
            assert answer.status_code == 303
            assert answer.headers["location"].startswith("/console/login")
        assert client.get(f"/static/photos/{lamp['photo']}").status_code == 404
        assert client.get(f"/photos/{lamp['photo']}").status_code == 404


def test_staff_of_another_unit_get_403_for_everything(
    db: Database, tmp_path: Path, lamp: Dict[str, str]
) -> None:
    ref = lamp["ref"]
    with signed_in(db, tmp_path, "ewa", "specialist", ("USC",)) as client:
        for part in ("", "/photo", "/contact"):
            answer = client.get(f"/console/reports/{ref}{part}")
            assert answer.status_code == 403, part
            assert "To zgłoszenie należy do innej linii lub wydziału." in answer.text
            assert PHONE not in answer.text and SHOWN_PHONE not in answer.text
        for part, form in (
            ("/status", {"status": "odrzucone", "resident_note": "x", "back": "page"}),
            ("/unit", {"unit": "USC", "back": "page"}),
            ("/merge", {"into": lamp["again"], "back": "page"}),
        ):
            assert client.post(f"/console/reports/{ref}{part}", data=form).status_code == 403
    report = store.get_report(db, ref)
    assert report is not None
    assert (report.status, report.unit, report.merged_into) == ("przyjęte", "ZDMK", None)
    actions = {action for action, _ in _actions(db)}
    assert not actions & {"read_report", "read_photo", "read_contact", "report_status"}


def test_the_status_changes_with_a_note_for_the_resident_and_an_internal_one(
    db: Database, tmp_path: Path, lamp: Dict[str, str]
) -> None:
    ref = lamp["ref"]
    with signed_in(db, tmp_path, "anna", "consultant") as client:
        answer = client.post(
            f"/console/reports/{ref}/status",
            data={
                "status": "w realizacji",
                "resident_note": "Ekipa wymieni słup do piątku.",
                "internal_note": "Zgłaszający dzwonił dwa razy.",
                "back": "page",
            },
        )
        assert answer.status_code == 303
        assert answer.headers["location"] == f"/console/reports/{ref}?done=status"
        page = client.get(answer.headers["location"]).text
        assert "Status zapisany." in page
        history = page.split('id="report-history"')[1]
        internal = history.index("Zgłaszający dzwonił dwa razy.")
        public = history.index("Ekipa wymieni słup do piątku.")
        assert history.index("Notatka wewnętrzna", internal) < public
        assert "Dla mieszkańca (publiczna)" in history[public:]
    report = store.get_report(db, ref)
    assert report is not None and report.status == "w realizacji"
    told = status_answer(report)  # what anyone holding the number reads
    assert "Ekipa wymieni słup do piątku." in told and "dzwonił" not in told
    assert ("report_status", f"{ref} w realizacji") in _actions(db)
    chat = [m.text for m in transcript.history(db, lamp["chat"])]
    # The reporter's chat hears of it, with the note for residents and never the internal one.
    said = f"Zmienił się status zgłoszenia {ref}: „w realizacji”"
    notice = [t for t in chat if t.startswith(said)]
    assert notice and "Ekipa wymieni słup do piątku." in notice[-1] and "dzwonił" not in notice[-1]


def test_a_report_handed_to_another_unit_leaves_the_consultants_scope(
    db: Database, tmp_path: Path, lamp: Dict[str, str]
) -> None:
    ref = lamp["ref"]
    with signed_in(db, tmp_path, "anna", "consultant") as client:
        bad = client.post(f"/console/reports/{ref}/unit", data={"unit": "XYZ", "back": "page"})
        assert bad.headers["location"] == f"/console/reports/{ref}?error=unit"
        moved = client.post(
            f"/console/reports/{ref}/unit",
            data={"unit": "ZZM", "internal_note": "Drzewo, nie latarnia.", "back": "page"},
        )
        assert moved.status_code == 303
        assert moved.headers["location"] == f"/console/reports?moved={ref}"
        assert (
            f"Zgłoszenie {ref} jest teraz w innej jednostce."
            in client.get(moved.headers["location"]).text
        )
        assert client.get(f"/console/reports/{ref}").status_code == 403
    assert ("report_unit", f"{ref} ZDMK>ZZM") in _actions(db)
    report = store.get_report(db, ref)
    assert report is not None and (report.unit, report.status) == ("ZZM", "przyjęte")
    assert report.history[-1].note == "Przekazano z ZDMK do ZZM. Drzewo, nie latarnia."
    assert not report.history[-1].public
    assert "Odpowiada: Zarząd Zieleni Miejskiej." in status_answer(report)
    with signed_in(db, tmp_path, "zofia", "specialist", ("ZZM",)) as specialist:
        page = specialist.get(f"/console/reports/{ref}")
        assert page.status_code == 200 and "Zarząd Zieleni Miejskiej (ZZM)" in page.text


def test_a_repeat_is_merged_into_the_report_kept(
    db: Database, tmp_path: Path, lamp: Dict[str, str]
) -> None:
    kept, again = lamp["ref"], lamp["again"]
    assert follow(db, again, "c0ffee", "web")
    with signed_in(db, tmp_path, "anna", "consultant") as client:
        following = "Mieszkańcy obserwujący to zgłoszenie (powiadamiani o każdej zmianie statusu)"
        assert f"{following}: 1" in client.get(f"/console/reports/{again}").text
        assert f"{following}: 0" in client.get(f"/console/reports/{kept}").text

        def merge(reference: str, into: str) -> str:
            answer = client.post(
                f"/console/reports/{reference}/merge", data={"into": into, "back": "page"}
            )
            assert answer.status_code == 303
            return str(answer.headers["location"])

        assert merge(again, again).endswith("?error=itself")
        assert merge(again, "KCK-2020-999999").endswith("?error=missing")
        assert merge(again, "latarnia").endswith("?error=missing")
        # Written the way residents write numbers, too.
        assert merge(again, kept.lower().replace("-", " ")) == (
            f"/console/reports/{again}?done=merged"
        )
        page = client.get(f"/console/reports/{again}").text
        assert f'href="/console/reports/{kept}"' in page and 'id="merge"' not in page
        kept_page = client.get(f"/console/reports/{kept}").text
        assert f'<a href="/console/reports/{again}">{again}</a>' in kept_page
        assert f"{following}: 1" in kept_page  # the follower moved with the merge
        assert merge(again, kept).endswith("?error=merged")
        assert merge(kept, again).endswith("?error=target_merged")
    merged = store.get_report(db, again)
    assert merged is not None
    assert (merged.status, merged.merged_into, merged.is_closed) == ("połączone", kept, True)
    assert kept in status_answer(merged)
    assert [a for a in _actions(db) if a[0] == "report_merge"] == [
        ("report_merge", f"{again}>{kept}")
    ]
    untouched = store.get_report(db, kept)
    assert untouched is not None and untouched.status == "przyjęte"


def test_a_report_without_photo_or_contact_says_so(
    db: Database, tmp_path: Path, lamp: Dict[str, str]
) -> None:
    again = lamp["again"]
    with signed_in(db, tmp_path, "kierownik", "supervisor") as client:
        page = client.get(f"/console/reports/{again}").text
        assert "Brak zdjęcia." in page and "Mieszkaniec nie zostawił kontaktu." in page
        assert "Brak współrzędnych." in page and "Brak rozmowy" in page
        assert client.get(f"/console/reports/{again}/photo").status_code == 404
        assert client.get("/console/reports/KCK-2020-999999").status_code == 404
    assert ("read_photo", again) not in _actions(db)
