"""Issue 17, point 5: Open311 publishes ``media_url`` only for a photo the reporter agreed
to show, through the running stack (widget API, Rasa, action server, gateway).

After a photo the report form asks one question: may the photo be shown publicly with
the report (actions/report_photo.py)? A yes gives the request a ``media_url`` in JSON and
XML, and that address serves the picture (re-encoded: no EXIF, no GPS) to anyone; a no
leaves ``media_url`` empty and the public address answers 404 like any report without a
public photo. No question is asked when there is no photo.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import httpx
import pytest
from PIL import Image

from bot.db import Database
from tests.conftest import LiveAssistant
from tests.helpers.images import jpeg_with_gps, png
from tests.helpers.reports import NUMBER, Chat, stored
from tests.staff import Staff

pytestmark = pytest.mark.stack

BASE = "/open311/v2"
QUESTION = "Czy możemy pokazać to zdjęcie publicznie przy zgłoszeniu (bez Twoich danych)?"


def buttons(chat: Chat) -> list[str]:
    return [b["title"] for r in chat.replies for b in r.get("buttons", [])]


def photo_reply(chat: Chat, data: bytes, content_type: str) -> str:
    answer = chat.photo(data, content_type)
    assert answer.status_code == 200, answer.text
    return "\n".join(m["text"] for m in answer.json()["messages"])


def media_urls(gateway: httpx.Client, reference: str) -> tuple:
    """media_url of the request by id in JSON, in XML, and in the JSON list searched by id."""
    (as_json,) = gateway.get(f"{BASE}/requests/{reference}.json").json()
    as_xml = ET.fromstring(gateway.get(f"{BASE}/requests/{reference}.xml").content)
    (listed,) = gateway.get(
        f"{BASE}/requests.json", params={"service_request_id": reference}
    ).json()
    return as_json["media_url"], as_xml.findtext("request/media_url"), listed["media_url"]


def test_an_agreed_photo_is_published_with_the_request(
    report_chat: Chat,
    gateway: httpx.Client,
    app_db: Database,
    live: LiveAssistant,
    staff: Staff,
) -> None:
    chat = report_chat
    assert "numer jest na słupie" in chat.say("nie świeci latarnia przy Długiej 5")
    assert "zdjęcie" in chat.press("Nie wiem")
    assert QUESTION in photo_reply(chat, jpeg_with_gps(), "image/jpeg")
    assert buttons(chat) == ["Tak, można pokazać", "Nie, tylko dla urzędu"]
    assert "kontakt" in chat.press("Tak, można pokazać")
    summary = chat.press("Nie, bez kontaktu")
    assert "zdjęcie: tak (widoczne publicznie przy zgłoszeniu)" in summary
    done = NUMBER.search(chat.press("Wyślij zgłoszenie"))
    assert done
    reference = done.group(0)
    report = stored(app_db, reference)
    assert report is not None and report.photo_path and report.photo_public is True

    url = f"{live.gateway_url}{BASE}/media/{reference}"
    assert media_urls(gateway, reference) == (url, url, url)

    # Anyone may read it (no session, no cookie): the stored picture, without EXIF or GPS.
    served = httpx.get(url, timeout=30)
    assert served.status_code == 200 and served.headers["content-type"] == "image/jpeg"
    assert served.content == (live.var_dir / "photos" / report.photo_path).read_bytes()
    assert b"KCKTestPhone" not in served.content
    with Image.open(io.BytesIO(served.content)) as image:
        assert image.size == (120, 80) and not image.getexif()

    # The staff's own address stays behind the login; the page says the photo is public.
    staff_photo = httpx.get(f"{live.gateway_url}/console/reports/{reference}/photo", timeout=30)
    assert staff_photo.status_code != 200 and not staff_photo.headers.get(
        "content-type", ""
    ).startswith("image/")
    page = staff.client("consultant").get(f"/console/reports/{reference}")
    assert 'id="report-photo-consent"' in page.text and "Publiczne:" in page.text


def test_a_refused_photo_stays_with_the_unit_and_is_not_served(
    report_chat: Chat,
    gateway: httpx.Client,
    app_db: Database,
    live: LiveAssistant,
    staff: Staff,
) -> None:
    chat = report_chat
    assert "zdjęcie" in chat.say("wielka dziura w jezdni przy Karmelickiej 10")
    assert QUESTION in photo_reply(chat, png(), "image/png")
    assert "kontakt" in chat.press("Tak, można pokazać")
    # A new photo is a new question: the yes was about the one before.
    assert QUESTION in photo_reply(chat, png(48), "image/png")
    # Typed answers are read like every closed question: unclear asks again, no is no.
    assert "Wybierz proszę" in chat.say("a kto to zobaczy?")
    assert "kontakt" in chat.say("nie pokazujcie go")
    summary = chat.press("Nie, bez kontaktu")
    assert "zdjęcie: tak (tylko dla urzędu)" in summary
    done = NUMBER.search(chat.press("Wyślij zgłoszenie"))
    assert done
    reference = done.group(0)
    report = stored(app_db, reference)
    assert report is not None and report.photo_path and report.photo_public is False

    assert media_urls(gateway, reference) == (None, "", None)
    refused = httpx.get(f"{live.gateway_url}{BASE}/media/{reference}", timeout=30)
    unknown = httpx.get(f"{live.gateway_url}{BASE}/media/KCK-2020-999999", timeout=30)
    assert refused.status_code == unknown.status_code == 404
    assert refused.content == unknown.content and b"image" not in refused.content
    page = staff.client("consultant").get(f"/console/reports/{reference}")
    assert "Niepubliczne:" in page.text


def test_no_photo_no_question(report_chat: Chat, app_db: Database, live: LiveAssistant) -> None:
    chat = report_chat
    chat.say("wielka dziura w jezdni przy Karmelickiej 12")
    asked = chat.press("Pomiń zdjęcie")
    assert "kontakt" in asked and "publicznie" not in asked
    chat.press("Nie, bez kontaktu")
    done = NUMBER.search(chat.press("Wyślij zgłoszenie"))
    assert done
    report = stored(app_db, done.group(0))
    assert report is not None and report.photo_path is None and report.photo_public is False
    served = httpx.get(f"{live.gateway_url}{BASE}/media/{done.group(0)}", timeout=30)
    assert served.status_code == 404
