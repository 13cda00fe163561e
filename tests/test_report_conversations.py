"""Reports, ideas and status queries as residents have them, through the real stack."""

from __future__ import annotations

import io
import json

import httpx
import pytest
from PIL import Image
from sqlalchemy import select

from bot.db import Database
from bot.models import Message
from tests.conftest import LiveAssistant
from tests.helpers.images import jpeg_with_gps, png
from tests.helpers.reports import NUMBER, Chat, count, stored
from tests.staff import Staff

pytestmark = pytest.mark.stack


@pytest.fixture()
def chat(report_chat: Chat) -> Chat:
    return report_chat


def test_full_report_with_every_question(chat: Chat, app_db: Database) -> None:
    assert "kategori" in chat.say("chcę zgłosić problem").lower()
    assert "Gdzie" in chat.press("Oświetlenie ulic")
    assert "Opisz" in chat.say("Długa 5")
    assert "numer jest na słupie" in chat.say("latarnia nie świeci od tygodnia")
    assert "zdjęcie" in chat.say("4521")
    assert "publicznie" in chat.photo(png()).json()["messages"][0]["text"]
    assert "kontakt" in chat.press("Nie, tylko dla urzędu")
    assert "Podaj imię" in chat.press("Tak, zgadzam się")
    summary = chat.say("Anna, 600 123 456")
    for expected in ["Oświetlenie ulic", "Długa 5", "latarnia nie świeci", "+48600123456"]:
        assert expected in summary
    done = chat.press("Wyślij zgłoszenie")
    reference = NUMBER.search(done)
    assert reference and "Przekażemy je Zarządowi Dróg Miasta Krakowa" in done
    report = stored(app_db, reference.group(0))
    assert report is not None
    assert (report.category, report.unit, report.location_text) == (
        "oswietlenie",
        "ZDMK",
        "Długa 5",
    )
    assert report.photo_path and report.photo_path.startswith("photo-")
    assert report.contact_consent and report.contact_phone == "+48600123456"


def test_one_message_report_skips_what_it_already_said(chat: Chat, app_db: Database) -> None:
    first = chat.say("nie świeci latarnia przy Długiej 5")
    assert "numer jest na słupie" in first and "Gdzie" not in first
    assert "zdjęcie" in chat.press("Nie wiem")
    chat.press("Pomiń zdjęcie")
    summary = chat.press("Nie, bez kontaktu")
    assert "Długiej 5" in summary and "bez kontaktu" in summary
    reference = NUMBER.search(chat.press("Wyślij zgłoszenie"))
    assert reference
    report = stored(app_db, reference.group(0))
    assert report is not None and report.contact_phone is None and not report.contact_consent


def test_one_field_can_be_corrected_before_sending(chat: Chat, app_db: Database) -> None:
    chat.say("wielka dziura w jezdni przy Karmelickiej 10")
    chat.press("Pomiń zdjęcie")
    chat.press("Nie, bez kontaktu")
    assert "Gdzie" in chat.press("Zmień miejsce")
    summary = chat.say("róg Karmelickiej i Batorego")
    assert "róg Karmelickiej i Batorego" in summary
    reference = NUMBER.search(chat.press("Wyślij zgłoszenie"))
    assert reference
    report = stored(app_db, reference.group(0))
    assert report is not None and report.location_text == "róg Karmelickiej i Batorego"


def test_cancel_stores_nothing(chat: Chat, app_db: Database) -> None:
    before = count(app_db)
    chat.say("chcę zgłosić problem")
    chat.press("Czystość i śmieci")
    assert "nic nie zostało zapisane" in chat.say("anuluj")
    assert count(app_db) == before
    assert "https://" in chat.say("jak wyrobić dowód osobisty")  # the assistant goes on


def test_danger_inside_a_report_answers_112_first(chat: Chat) -> None:
    chat.say("chcę zgłosić problem")
    chat.press("Parki i zieleń")
    chat.say("park Jordana")
    chat.say("drzewo spadło na auto, ktoś jest w środku")
    assert "112" in chat.replies[0]["text"].splitlines()[0]
    # The danger message is not taken as the description: the form waits for its answer.
    assert len(chat.replies) == 1 and "ostatnie pytanie" in chat.replies[0]["text"]
    assert "zdjęcie" in chat.say("drzewo spadło na zaparkowane auto")  # the report goes on


def test_utility_fault_gets_its_24h_line_and_no_form(chat: Chat) -> None:
    reply = chat.say("chcę zgłosić awarię: nie ma wody w całym bloku")
    assert "994" in reply and "kategori" not in reply.lower()


def test_idea_is_filed_with_a_civic_budget_hint(chat: Chat, app_db: Database) -> None:
    first = chat.say("mam pomysł, żeby postawić ławki przy przystanku na Rondzie Mogilskim")
    assert "Gdzie" not in first and "kontakt" in first  # the place was in the message
    assert "• miejsce: na Rondzie Mogilskim" in chat.press("Nie, bez kontaktu")
    done = chat.press("Wyślij pomysł")
    reference = NUMBER.search(done)
    assert reference and "budzet.krakow.pl" in done
    idea = stored(app_db, reference.group(0))
    assert idea is not None and idea.kind == "idea" and "ławki" in idea.description
    assert idea.location_text == "na Rondzie Mogilskim"


def test_status_of_a_known_and_an_unknown_number(chat: Chat) -> None:
    chat.say("nie świeci latarnia przy Długiej 7")
    chat.press("Nie wiem")
    chat.press("Pomiń zdjęcie")
    chat.press("Tak, zgadzam się")
    chat.say("Zofia, 600 123 456")
    reference = NUMBER.search(chat.press("Wyślij zgłoszenie"))
    assert reference
    typed = reference.group(0).lower().replace("-", "")
    status = chat.say(f"jaki jest status zgłoszenia {typed}")
    assert reference.group(0) in status and "przyjęte" in status
    assert "Zofia" not in status and "600" not in status
    unknown = chat.say("status zgłoszenia KCK-2026-999999")
    assert "Nie znalazłem" in unknown and "KCK-2026-999999" in unknown


def test_bad_answers_get_polish_explanations_and_the_form_goes_on(chat: Chat) -> None:
    chat.say("chcę zgłosić problem")
    chat.press("Drogi i chodniki")
    assert "ulicę" in chat.say("a")
    assert "pusta" in chat.say("   ")
    assert "HTML" in chat.say("<script>alert('x')</script>Długa 9")
    assert "1000" in chat.say("dziura " * 1400)
    chat.press("Nie wiem")  # jezdnia or chodnik (bot/reports/questions.py)
    not_image = chat.photo(b"%PDF-1.4 to nie jest obraz", "image/png")
    assert not_image.status_code == 415 and "JPG" in not_image.json()["error"]
    too_big = chat.photo(b"\x89PNG" + b"0" * (6 * 1024 * 1024), "image/png")
    assert too_big.status_code == 413 and "za duże" in too_big.json()["error"]
    assert "kontakt" in chat.say("pomiń zdjęcie")
    chat.say("tak, podam kontakt")
    assert "niepoprawny" in chat.say("Jan 123")
    summary = chat.say("Jan, 600 123 456")
    assert "Długa 9" in summary and "<script>" not in summary


def test_a_status_set_in_the_console_reaches_the_resident(
    chat: Chat, staff: Staff, gateway: httpx.Client
) -> None:
    chat.say("nie świeci latarnia przy Długiej 5")
    chat.press("Nie wiem")
    chat.press("Pomiń zdjęcie")
    chat.press("Nie, bez kontaktu")
    reference = NUMBER.search(chat.press("Wyślij zgłoszenie"))
    assert reference
    console = staff.client("consultant")
    listed = console.get("/console/reports", params={"category": "oswietlenie"})
    assert reference.group(0) in listed.text
    changed = console.post(
        f"/console/reports/{reference.group(0)}/status",
        data={
            "status": "w realizacji",
            "note": "Ekipa ZDMK wymieni lampę do piątku.",
            "note_for": "resident",
        },
    )
    assert changed.status_code == 303
    shown = gateway.get(chat.path + "/messages", headers=chat.headers).json()["messages"]
    assert f"{reference.group(0)}: „w realizacji”" in shown[-1]["text"]  # told in the open chat
    answer = chat.say(f"jaki jest status {reference.group(0)}")
    assert "w realizacji" in answer and "Ekipa ZDMK wymieni lampę do piątku." in answer


def test_an_uploaded_photo_is_stored_without_exif_gps_or_appended_html(
    chat: Chat, app_db: Database, live: LiveAssistant
) -> None:
    """Issue 15, finding 10: the phone's GPS position and model never reach the disk, and
    a PNG carrying HTML after its end is stored as the picture alone."""
    chat.say("nie świeci latarnia przy Długiej 5")
    photo = jpeg_with_gps()
    assert chat.photo(photo, "image/jpeg").status_code == 200
    polyglot = png() + b"<html><script>alert(document.cookie)</script></html>"
    assert chat.photo(polyglot).status_code == 200
    conversation_id = chat.path.rsplit("/", 1)[1]
    with app_db.session() as session:
        payloads = session.execute(
            select(Message.payload).where(
                Message.conversation_id == conversation_id,
                Message.payload.like("/provide_photo%"),
            )
        ).scalars()
        names = [json.loads(p[len("/provide_photo") :])["report_photo"] for p in payloads]
    assert len(names) == 2 and names[0].endswith(".jpg") and names[1].endswith(".png")
    jpeg, png_file = ((live.var_dir / "photos" / name).read_bytes() for name in names)
    assert b"Exif" not in jpeg and b"KCKTestPhone" not in jpeg
    with Image.open(io.BytesIO(jpeg)) as image:
        assert not image.getexif() and image.size == (120, 80)
    assert b"<script" not in png_file and png_file.endswith(b"IEND\xaeB`\x82")
