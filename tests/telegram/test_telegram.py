"""Residents on Telegram, through the real stack: the Telegram bridge in webhook mode,
the real python-telegram-bot Application talking to the fake Bot API, real update
JSON posted to /telegram/webhook, the real Rasa model and action server.

The clock stands on Monday 30 November 2026, 9:00 in Kraków (office hours).
"""

from __future__ import annotations

import io
import re
import sqlite3
import time
from pathlib import Path
from typing import List, Optional

import httpx
import pytest
from PIL import Image
from sqlalchemy import func, select

from bot.db import Database
from bot.geo import OUTSIDE_KRAKOW
from bot.models import (
    ChatRating,
    Conversation,
    Message,
    Report,
    ReportFollower,
    TelegramReportChat,
)
from bot.offered import STALE_TEXT
from bot.telegram import keyboards
from bot.telegram import texts as tg_texts
from bot.tokens import digest, keyed_digest
from tests.conftest import LiveAssistant
from tests.helpers.reports import Chat, count
from tests.helpers.smtp import MailSink
from tests.staff import Staff
from tests.telegram.conftest import Resident, texts
from tests.telegram.fake_api import Call, FakeBotApi

pytestmark = pytest.mark.stack
NUMBER = re.compile(r"KCK-\d{4}-\d{6}")
RYNEK = (50.061434, 19.936581)  # Rynek Główny, Kraków
WARSZAWA = (52.229676, 21.012229)


def conversation_of(live: LiveAssistant, db: Database, chat_id: int) -> Optional[Conversation]:
    """The chat's conversation, found the way the bridge finds it: by the keyed hash."""
    key = (live.var_dir / "id_hash_key").read_text().strip().encode()
    with db.session() as session:
        return session.execute(
            select(Conversation).where(
                Conversation.token_hash == keyed_digest(key, f"telegram:{chat_id}")
            )
        ).scalar_one_or_none()


def message_count(db: Database) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count(Message.id))).scalar_one())


def png(size: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), "orange").save(buffer, "PNG")
    return buffer.getvalue()


def buttons_of(calls: List[Call]) -> List[str]:
    return [b["text"] for c in calls for b in c.buttons]


def test_faq_answer_has_inline_buttons_and_pressing_one_works(
    resident: Resident, fake_api: FakeBotApi
) -> None:
    answer = resident.say("jak wyrobić dowód osobisty", expect="owód")
    assert "dowód" in texts(answer).lower()
    assert "Zgubiłem dowód" in buttons_of(answer)
    for call in answer:
        assert all(len(b["callback_data"].encode()) <= 64 for b in call.buttons)
        assert call.params["link_preview_options"] == {"is_disabled": True}

    answered_before = len(fake_api.recorded("answerCallbackQuery"))
    pressed = resident.press("Zgubiłem dowód")
    assert "zgub" in texts(pressed).lower() or "utrat" in texts(pressed).lower()
    assert len(fake_api.recorded("answerCallbackQuery")) == answered_before + 1
    # The pressed message keeps its text and shows the choice instead of the keyboard.
    (edit,) = fake_api.recorded("editMessageText", resident.chat_id)
    assert edit.params["text"].endswith("➡️ Zgubiłem dowód") and "reply_markup" not in edit.params


def test_start_greets_with_the_privacy_notice_and_the_commands_work(resident: Resident) -> None:
    greeting = texts(resident.say("/start", expect="Dzień dobry"))
    assert "Krakowskiego Centrum Kontaktu" in greeting and "/prywatnosc" in greeting
    helped = resident.say("/pomoc")
    assert helped and buttons_of(helped)  # the assistant's help, with its buttons


def test_full_report_with_a_photo_and_a_location(
    resident: Resident,
    fake_api: FakeBotApi,
    tg_db: Database,
    live_telegram: LiveAssistant,
) -> None:
    first_call = len(fake_api.recorded())
    assert "kategori" in texts(resident.say("chcę zgłosić problem")).lower()
    assert "Gdzie" in texts(resident.press("Oświetlenie ulic"))

    # Outside Kraków: refused in Polish, nothing reaches Rasa or the transcript.
    stored_before = message_count(tg_db)
    outside = resident.exchange(resident.updates.location(*WARSZAWA))
    assert texts(outside) == OUTSIDE_KRAKOW
    assert message_count(tg_db) == stored_before

    # Inside Kraków: the coordinates answer "where?" and are stored with the report.
    assert "Opisz" in texts(resident.exchange(resident.updates.location(*RYNEK)))
    assert "numer jest na słupie" in texts(resident.say("latarnia nie świeci od tygodnia"))
    assert "zdjęcie" in texts(resident.press("Nie wiem"))

    picture = png()
    for file_id in ("ph-small", "ph-medium", "ph-large"):
        fake_api.files[file_id] = picture
    sizes = [
        ("ph-small", 90, 1_200),
        ("ph-medium", 320, len(picture)),
        ("ph-large", 1280, 6_000_000),  # over the 5 MB limit
    ]
    assert "publicznie" in texts(resident.exchange(resident.updates.photo(sizes)))
    # The largest size within the 5 MB limit was fetched, through getFile and the file URL.
    assert [c.params["file_id"] for c in fake_api.recorded("getFile")][-1] == "ph-medium"
    assert fake_api.recorded("file")[-1].params["path"] == "photos/ph-medium.png"

    assert "kontakt" in texts(resident.press("Nie, tylko dla urzędu"))
    summary = texts(resident.press("Nie, bez kontaktu"))
    assert "Oświetlenie ulic" in summary and "50.06143, 19.93658" in summary
    assert "zdjęcie: tak (tylko dla urzędu)" in summary
    done = texts(resident.press("Wyślij zgłoszenie"))
    reference = NUMBER.search(done)
    assert reference, done

    with tg_db.session() as session:
        report = session.execute(
            select(Report).where(Report.reference == reference.group(0))
        ).scalar_one()
    assert report.channel == "telegram" and report.category == "oswietlenie"
    assert report.location_text == "punkt z mapy: 50.06143, 19.93658"
    assert (report.lat, report.lon) == pytest.approx((50.06143, 19.93658))
    assert report.photo_path and report.photo_path.startswith("photo-")
    # Stored re-encoded from its pixels (issue 15): the same picture, not the same bytes.
    saved = (live_telegram.var_dir / "photos" / report.photo_path).read_bytes()
    with Image.open(io.BytesIO(saved)) as stored_image, Image.open(io.BytesIO(picture)) as sent:
        assert stored_image.format == "PNG" and stored_image.size == sent.size
        assert list(stored_image.convert("RGB").getdata()) == list(sent.convert("RGB").getdata())

    print("\nBot API calls of the report conversation:")
    for call in fake_api.recorded()[first_call:]:
        print(" ", describe(call))


def describe(call: Call) -> str:
    """One recorded call, shortened for the closing note."""
    params = {k: v for k, v in call.params.items() if k not in ("link_preview_options",)}
    if "text" in params:
        text = str(params["text"])
        # An edited message keeps its text and gains the choice at its end.
        edited = call.method == "editMessageText"
        params["text"] = "…" + short(text[-40:]) if edited else short(text)
    if "reply_markup" in params:
        params["reply_markup"] = [b["text"] for b in call.buttons]
    return f"{call.method} {params}"


def short(text: str, limit: int = 70) -> str:
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def test_handoff_both_ways_and_back_to_the_bot(
    resident: Resident,
    fake_api: FakeBotApi,
    tg_staff: Staff,
    tg_db: Database,
    live_telegram: LiveAssistant,
) -> None:
    console = tg_staff.client("consultant")
    assert console.get("/console/api/queue").status_code == 200  # online now

    queued = texts(resident.say("/konsultant", expect="konsultant"))
    assert "Przekazuję rozmowę konsultantowi" in queued
    conversation = conversation_of(live_telegram, tg_db, resident.chat_id)
    assert conversation is not None and conversation.channel == "telegram"
    cid = conversation.id
    waiting = console.get("/console/api/queue").json()["waiting"]
    assert any(e["conversation_id"] == cid and e["channel"] == "telegram" for e in waiting)

    assert console.post(f"/console/api/conversations/{cid}/take").status_code == 200
    fake_api.wait_for(lambda _: "Konsultant KCK dołączył" in texts(resident.sent()), 30)

    written = console.post(
        f"/console/api/conversations/{cid}/messages",
        json={"text": "Dzień dobry, tu konsultantka Anna. W czym pomóc?"},
    )
    assert written.status_code == 200
    fake_api.wait_for(lambda _: "tu konsultantka Anna" in texts(resident.sent()), 30)
    live = [c for c in resident.sent() if "tu konsultantka Anna" in c.params["text"]]
    assert live[0].params["text"].startswith("👤 Konsultant KCK:")

    before = len(resident.sent())
    assert resident.post(resident.updates.text("chodzi o meldunek syna")).status_code == 200

    def seen_in_console() -> bool:
        shown = console.get(f"/console/api/conversations/{cid}").json()["messages"]
        return any(m["text"] == "chodzi o meldunek syna" for m in shown)

    fake_api.wait_for(lambda _: seen_in_console(), 30)
    assert len(resident.sent()) == before  # the consultant answers, not the bot

    assert console.post(f"/console/api/conversations/{cid}/end").status_code == 200
    fake_api.wait_for(lambda _: "znów odpowiada asystent" in texts(resident.sent()[before:]), 30)
    again = resident.say("jak wyrobić dowód osobisty", expect="owód")
    assert "dowód" in texts(again).lower()


def test_webhook_with_a_wrong_or_missing_secret_changes_nothing(
    resident: Resident, fake_api: FakeBotApi, tg_db: Database, live_telegram: LiveAssistant
) -> None:
    calls, stored = len(fake_api.recorded()), message_count(tg_db)
    question = "jak wyrobić dowód osobisty"
    wrong = resident.post(resident.updates.text(question), secret="wrong-secret")
    missing = resident.post(resident.updates.text(question), secret=None)
    almost = resident.post(resident.updates.text("dzień dobry"), secret=resident.secret[:-1])
    assert (wrong.status_code, missing.status_code, almost.status_code) == (403, 403, 403)
    # Give a wrongly accepted update time to show itself.
    with pytest.raises(AssertionError):
        fake_api.wait_for(lambda c: len(c) > calls, timeout=3)
    assert message_count(tg_db) == stored
    assert conversation_of(live_telegram, tg_db, resident.chat_id) is None


def test_the_gateway_registered_its_webhook_with_the_secret(
    fake_api: FakeBotApi, webhook_secret: str, live_telegram: LiveAssistant
) -> None:
    (registered,) = fake_api.recorded("setWebhook")
    assert registered.params["url"] == "https://kck.example.org/telegram/webhook"
    assert registered.params["secret_token"] == webhook_secret
    commands = fake_api.recorded("setMyCommands")[0].params["commands"]
    assert [c["command"] for c in commands] == ["start", "pomoc", "konsultant"]


def test_unsupported_updates_get_short_polish_answers(
    resident: Resident, fake_api: FakeBotApi, tg_gateway: httpx.Client
) -> None:
    resident.say("dzień dobry")
    cases = [
        (resident.updates.edited("jak wyrobić paszport"), tg_texts.EDITED),
        (resident.updates.sticker(), tg_texts.STICKER),
        (resident.updates.voice(), tg_texts.VOICE),
        (resident.updates.unknown(), tg_texts.UNSUPPORTED),
    ]
    for update, expected in cases:
        assert texts(resident.exchange(update)) == expected
    # An unknown update naming no chat: nothing to answer, nothing breaks.
    calls = len(fake_api.recorded())
    assert resident.post(resident.updates.unknown_without_chat()).status_code == 200
    with pytest.raises(AssertionError):
        fake_api.wait_for(lambda c: len(c) > calls, timeout=2)
    # And the bridge goes on answering.
    assert "dowód" in texts(resident.say("jak wyrobić dowód osobisty", expect="owód")).lower()
    assert tg_gateway.get("/healthz").json()["telegram"] == "ok"


def test_no_telegram_id_in_plain_text_in_the_databases_or_logs(
    resident: Resident, tg_db: Database, live_telegram: LiveAssistant
) -> None:
    """Runs last in this module: every chat of the tests above has been stored by now."""
    resident.say("jak wyrobić dowód osobisty", expect="owód")
    conversation = conversation_of(live_telegram, tg_db, resident.chat_id)
    assert conversation is not None
    # Keyed: neither the id nor a plain hash of it can be looked up.
    assert conversation.token_hash not in (
        digest(str(resident.chat_id)),
        digest(f"telegram:{resident.chat_id}"),
    )
    chat_ids = set(_all_chat_ids())
    assert resident.chat_id in chat_ids
    var: Path = live_telegram.var_dir
    for database in (var / "kck.db", var / "tracker.db"):
        dump = "\n".join(sqlite3.connect(database).iterdump())
        leaked = [chat_id for chat_id in chat_ids if str(chat_id) in dump]
        assert not leaked, f"chat ids stored in plain text in {database.name}"
    for log in (var / "log").glob("*.log"):
        content = log.read_text(errors="replace")
        assert not [chat_id for chat_id in chat_ids if str(chat_id) in content], log.name
        assert "handling a Telegram update" not in content, f"a handler failed: {log.name}"
        assert "jan_kowalski_krk" not in content and "Kowalski" not in content


_CHAT_IDS: List[int] = []


def _all_chat_ids() -> List[int]:
    return _CHAT_IDS


@pytest.fixture(autouse=True)
def _remember_chat_ids(request: pytest.FixtureRequest) -> None:
    if "resident" in request.fixturenames:
        _CHAT_IDS.append(request.getfixturevalue("resident").chat_id)


# --- issue 14: danger first, only what the chat offered ------------------------------
# (here, not in a module of their own: each module starts its own Telegram stack)


def test_danger_gets_112_first_on_telegram(resident: Resident) -> None:
    answer = resident.say("facet z nożem atakuje ludzi na przystanku")
    assert "112" in str(answer[0].params["text"]).splitlines()[0]
    assert "Czego dotyczy" not in texts(answer)  # no form question after it


def test_a_typed_external_intent_is_text_on_telegram(resident: Resident) -> None:
    resident.say("/start", expect="Dzień dobry")
    answer = texts(resident.say("/EXTERNAL_handoff_ended"))
    assert "Konsultant zakończył rozmowę" not in answer


def test_forged_callback_data_does_nothing(resident: Resident) -> None:
    greeting = resident.say("/start", expect="Dzień dobry")
    shown = greeting[-1].result
    forged = keyboards.callback_data({"title": "x", "payload": "/EXTERNAL_handoff_ended"})
    answer = texts(resident.exchange(resident.updates.press(shown, forged)))
    assert answer == tg_texts.STALE_BUTTON
    assert "Konsultant zakończył rozmowę" not in answer


def test_a_stale_form_button_is_answered_politely(resident: Resident) -> None:
    assert "kategori" in texts(resident.say("chcę zgłosić problem")).lower()
    # Typed instead of pressed: the form moves on to the place.
    assert "Gdzie" in texts(resident.say("oświetlenie ulic"))
    answer = texts(resident.press("Drogi i chodniki"))
    assert answer == STALE_TEXT


def test_a_stale_press_leaves_the_old_message_unmarked(
    resident: Resident, fake_api: FakeBotApi
) -> None:
    resident.say("chcę zgłosić problem")
    resident.say("oświetlenie ulic")
    edits_before = len(fake_api.recorded("editMessageText", resident.chat_id))
    assert texts(resident.press("Parki i zieleń")) == STALE_TEXT
    assert len(fake_api.recorded("editMessageText", resident.chat_id)) == edits_before


# --- issue 17: a problem reported already is followed, and everyone hears back ---------
# (a chat message on the fake Bot API, the widget's transcript, e-mail on the local SMTP
# server; here for the same reason as above)

PLACE_TG = "nie świeci latarnia przy Szewskiej 21"
PLACE_WIDGET = "ul. Szewska 21"  # the same street and number, written another way
EMAIL = "ewa.follower@example.org"


def telegram_report(resident: Resident) -> str:
    """The Telegram resident files the lamp first and gets its number."""
    assert "numer" in texts(resident.say(PLACE_TG))  # the lamp post's number first
    assert "zdjęcie" in texts(resident.press("Nie wiem"))
    resident.press("Pomiń zdjęcie")
    resident.press("Nie, bez kontaktu")
    done = texts(resident.press("Wyślij zgłoszenie"))
    found = NUMBER.search(done)
    assert found, done
    return found.group(0)


def widget_report_until_asked(chat: Chat, contact: str | None = None) -> str:
    """A widget resident reports the same lamp, up to the press of "Wyślij zgłoszenie"."""
    assert "kategori" in chat.say("chcę zgłosić problem").lower()
    assert "Gdzie" in chat.press("Oświetlenie ulic")
    assert "Opisz" in chat.say(PLACE_WIDGET)
    assert "numer" in chat.say("latarnia nie świeci od wczoraj wieczorem")
    assert "zdjęcie" in chat.press("Nie wiem")
    if contact:
        chat.press("Pomiń zdjęcie")
        chat.press("Tak, zgadzam się")
        chat.say(contact)
    else:
        chat.press("Pomiń zdjęcie")
        chat.press("Nie, bez kontaktu")
    return chat.press("Wyślij zgłoszenie")


def shown(gateway: httpx.Client, chat: Chat) -> List[str]:
    """Every message of the widget conversation, as the widget loads it on a visit."""
    answer = gateway.get(chat.path + "/messages", headers=chat.headers)
    return [m["text"] for m in answer.json()["messages"]]


def change_status(staff: Staff, reference: str, status: str, note: str) -> None:
    console = staff.client("consultant")
    changed = console.post(
        f"/console/reports/{reference}/status",
        data={"status": status, "note": note, "note_for": "resident"},
    )
    assert changed.status_code == 303


def test_a_second_report_follows_the_first_and_both_reporters_hear_back(
    resident: Resident,
    tg_gateway: httpx.Client,
    tg_db: Database,
    tg_staff: Staff,
    fake_api: FakeBotApi,
    mail_sink: MailSink,
) -> None:
    first = telegram_report(resident)
    filed_before = count(tg_db)

    # The widget resident is shown the first report and follows it: nothing new is filed.
    follower = Chat(tg_gateway)
    asked = widget_report_until_asked(follower, f"Ewa, {EMAIL}")
    assert f"Ta latarnia jest już zgłoszona: {first}" in asked
    assert "status „przyjęte”" in asked and "temu" in asked
    titles = [b["title"] for r in follower.replies for b in r.get("buttons", [])]
    assert titles == ["To to samo – powiadamiaj mnie", "To inny problem"]
    answer = follower.press("To to samo – powiadamiaj mnie")
    assert first in answer and "e-mailem" in answer
    assert count(tg_db) == filed_before
    with tg_db.session() as session:
        rows = session.execute(select(ReportFollower)).scalars().all()
        assert [(r.channel, r.contact_email, r.contact_consent) for r in rows] == [
            ("web", EMAIL, True)
        ]

    # Staff change the status with a note for residents: everyone hears it.
    note = "Ekipa ZDMK wymieni słup do piątku."
    sent_before = len(resident.sent())
    change_status(tg_staff, first, "w realizacji", note)
    fake_api.wait_for(lambda _: note in texts(resident.sent()[sent_before:]), 30)
    assert f"{first}: „w realizacji”" in texts(resident.sent()[sent_before:])
    assert any(first in text and note in text for text in shown(tg_gateway, follower))
    mail_sink.wait_for(lambda: len(mail_sink.to(EMAIL)) == 1)
    (mail,) = mail_sink.to(EMAIL)
    assert first in str(mail["Subject"]) and note in mail.get_content()

    # "To inny problem" files a new report after all.
    other = Chat(tg_gateway)
    asked = widget_report_until_asked(other)
    assert first in asked
    filed = NUMBER.search(other.press("To inny problem"))
    assert filed and filed.group(0) != first
    with tg_db.session() as session:
        report = session.execute(
            select(Report).where(Report.reference == filed.group(0))
        ).scalar_one()
        assert (report.category, report.location_text) == ("oswietlenie", PLACE_WIDGET)

    # "nie powiadamiaj mnie": the follower hears nothing more; the reporter still does.
    assert "nie będę Cię już powiadamiać" in follower.say("nie powiadamiaj mnie")
    messages_before = len(shown(tg_gateway, follower))
    sent_before = len(resident.sent())
    done = "Lampa wymieniona."
    change_status(tg_staff, first, "załatwione", done)
    fake_api.wait_for(lambda _: done in texts(resident.sent()[sent_before:]), 30)
    time.sleep(1.0)  # the mail goes out after the chats: give a wrong one time to arrive
    assert len(shown(tg_gateway, follower)) == messages_before
    assert len(mail_sink.to(EMAIL)) == 1
    with tg_db.session() as session:
        assert session.execute(select(ReportFollower)).scalars().all() == []


def test_a_status_change_reaches_the_telegram_reporter_after_a_gateway_restart(
    resident: Resident,
    tg_db: Database,
    tg_staff: Staff,
    fake_api: FakeBotApi,
    live_telegram: LiveAssistant,
) -> None:
    """The bridge forgets every chat id it held in memory when the gateway stops; the
    chat of a conversation that filed a report is kept sealed for the report's notices
    (bot/reports/telegram_chats.py), so the next status change still reaches it."""
    reference = telegram_report(resident)
    conversation = conversation_of(live_telegram, tg_db, resident.chat_id)
    assert conversation is not None
    with tg_db.session() as session:
        kept = session.get(TelegramReportChat, conversation.id)
        assert kept is not None and str(resident.chat_id) not in kept.sealed_chat_id

    stack = live_telegram.stack
    assert stack is not None
    stack.stop_one("gateway")
    stack.restart("gateway")
    deadline = time.monotonic() + 90
    while (stack.health() or {}).get("telegram") != "ok":
        assert time.monotonic() < deadline, "the restarted gateway's bridge did not connect"
        time.sleep(0.3)

    # The resident has not written since the restart: the status change finds the chat.
    note = "Słup wymieniony, latarnia świeci od wczoraj."
    sent_before = len(resident.sent())
    change_status(tg_staff, reference, "załatwione", note)
    fake_api.wait_for(lambda _: note in texts(resident.sent()[sent_before:]), 30)
    notices = [c for c in resident.sent()[sent_before:] if note in str(c.params["text"])]
    assert len(notices) == 1
    assert f"{reference}: „załatwione”" in str(notices[0].params["text"])


# The rating after a chat ends (issue 18, point 3): the widget's question, its numbers 1–5
# in one row of the inline keyboard and "Pomiń" below.
def test_a_telegram_resident_rates_the_chat_with_buttons_and_comments(
    resident: Resident, fake_api: FakeBotApi, tg_db: Database, live_telegram: LiveAssistant
) -> None:
    resident.say("jak wyrobić dowód osobisty", expect="owód")
    resident.say("dziękuję", expect="jeszcze")
    goodbye = resident.say("nie, dziękuję", expect="Jak oceniasz tę rozmowę?")
    [question] = [call for call in goodbye if "Jak oceniasz" in call.params["text"]]
    rows = question.params["reply_markup"]["inline_keyboard"]
    assert [[key["text"] for key in row] for row in rows] == [["1", "2", "3", "4", "5"], ["Pomiń"]]

    assert "Dziękujemy za ocenę" in texts(resident.press("5", expect="Dziękujemy"))
    assert "komentarz zapisany" in texts(resident.say("Bardzo sprawnie", expect="komentarz"))

    conversation = conversation_of(live_telegram, tg_db, resident.chat_id)
    assert conversation is not None
    with tg_db.session() as session:
        [row] = session.execute(
            select(ChatRating).where(ChatRating.conversation_id == conversation.id)
        ).scalars()
        assert (row.score, row.comment, row.channel, row.handled_by) == (
            5,
            "Bardzo sprawnie",
            "telegram",
            "assistant",
        )
