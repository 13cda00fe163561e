"""Residents who write in Ukrainian or English, through the running assistant: the
gateway answers in their language with what the assistant can do and two buttons
(consultant, callback) whose payloads continue the usual Polish flow; Polish, also
typed without Polish letters, still reaches Rasa. The console speaks the browser's
language. Telegram shares the router: checked in process against the fake Bot API.

The in-hours stack's clock stands on Monday 30 November 2026, 9:00 in Kraków.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Dict, Iterator, List

import httpx
import pytest
from starlette.testclient import TestClient

from bot.app import create_app
from bot.migrate import upgrade
from bot.settings import Settings
from tests.helpers.chat import new_chat, say, texts, waiting_ids
from tests.helpers.fake_rasa import FakeRasa
from tests.staff import Staff
from tests.telegram.fake_api import FakeBotApi, fake_token
from tests.telegram.updates import Updates

UKRAINIAN_NOTE = "Поки що я відповідаю лише польською мовою"
ENGLISH_NOTE = "For now I answer in Polish only"


def buttons(messages: List[Dict[str, Any]]) -> Dict[str, str]:
    return {b["title"]: b["payload"] for m in messages for b in m.get("buttons", [])}


@pytest.mark.stack
def test_ukrainian_gets_the_ukrainian_note_and_the_consultant_button_hands_off(
    gateway: httpx.Client, staff: Staff
) -> None:
    console = staff.client("consultant")
    assert console.get("/console/api/queue").status_code == 200  # online now
    chat = new_chat(gateway)
    cid = chat["conversation_id"]

    note = say(gateway, chat, "Добрий день! Як отримати посвідчення особи?")
    assert [m["sender"] for m in note] == ["bot"] and note[0]["lang"] == "uk"
    assert UKRAINIAN_NOTE in note[0]["text"] and "12 616 55 55" in note[0]["text"]
    assert buttons(note) == {
        "Поговорити з консультантом": "/request_human",
        "Попросити зворотний дзвінок": "/request_callback",
    }

    queued = texts(say(gateway, chat, payload="/request_human"))
    assert "Przekazuję rozmowę konsultantowi" in queued  # the usual (Polish) hand-off
    assert cid in waiting_ids(console)
    assert console.post(f"/console/api/conversations/{cid}/take").status_code == 200
    seen = texts(console.get(f"/console/api/conversations/{cid}").json()["messages"])
    assert "Як отримати посвідчення особи?" in seen and UKRAINIAN_NOTE in seen
    assert console.post(f"/console/api/conversations/{cid}/end").status_code == 200


@pytest.mark.stack
def test_english_gets_the_english_note_and_the_callback_button_starts_the_form(
    gateway: httpx.Client,
) -> None:
    chat = new_chat(gateway)
    note = say(gateway, chat, "Hello, I lost my passport. What should I do?")
    assert ENGLISH_NOTE in note[0]["text"] and note[0]["lang"] == "en"
    assert buttons(note) == {
        "Talk to a consultant": "/request_human",
        "Ask for a callback": "/request_callback",
    }
    form = texts(say(gateway, chat, payload=buttons(note)["Ask for a callback"]))
    assert "Oddzwonimy w godzinach pracy KCK" in form  # the callback form asks for consent
    asked_name = texts(say(gateway, chat, payload="tak, zgadzam się"))
    assert "Jak konsultant ma się do Ciebie zwracać?" in asked_name
    # Inside the form a Cyrillic name is an answer, not a language to explain.
    after_name = texts(say(gateway, chat, "Олена Коваленко"))
    assert UKRAINIAN_NOTE not in after_name and "numer telefonu" in after_name
    assert "nie zapisałem" in texts(say(gateway, chat, "anuluj"))  # nothing stored


@pytest.mark.stack
@pytest.mark.parametrize(
    "text,answer",
    [("jak wyrobic dowod osobisty", "dowód"), ("nie swieci latarnia", "gdzie")],
)
def test_polish_without_polish_letters_still_gets_the_polish_answer(
    gateway: httpx.Client, text: str, answer: str
) -> None:
    chat = new_chat(gateway)
    replies = say(gateway, chat, text)
    shown = texts(replies).lower()
    assert answer in shown
    assert ENGLISH_NOTE.lower() not in shown and all("lang" not in m for m in replies)


@pytest.mark.stack
def test_the_console_speaks_the_browsers_language_or_the_chosen_one(
    gateway: httpx.Client,
) -> None:
    ukrainian = gateway.get("/console/login", headers={"Accept-Language": "uk-UA,uk;q=0.9"})
    assert '<html lang="uk">' in ukrainian.text and "Вхід до консолі KCK" in ukrainian.text
    english = gateway.get("/console/login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in english.text and "Log in to the KCK console" in english.text
    polish = gateway.get("/console/login")
    assert '<html lang="pl">' in polish.text and "Logowanie do konsoli KCK" in polish.text

    with httpx.Client(base_url=str(gateway.base_url), timeout=60, follow_redirects=True) as browser:
        switched = browser.get(
            "/console/language/en",
            headers={"Referer": f"{gateway.base_url}console/login"},
        )
        assert switched.url.path == "/console/login"  # back where the switcher was used
        assert "Log in to the KCK console" in switched.text
        again = browser.get("/console/login", headers={"Accept-Language": "uk"})
        assert "Log in to the KCK console" in again.text  # the cookie wins
        assert 'hreflang="uk" lang="uk">Українська</a>' in again.text


@pytest.mark.stack
def test_the_widget_catalogs_are_served(gateway: httpx.Client) -> None:
    english = gateway.get("/widget/i18n/en.json")
    assert english.status_code == 200 and english.json()["messages"]["Wyślij"] == "Send"
    assert gateway.get("/widget/i18n/ru.json").status_code == 404


@pytest.fixture()
def telegram_gateway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The gateway with Telegram polling the fake Bot API and a fake Rasa (no model)."""
    monkeypatch.delenv("KCK_RASA_URL", raising=False)
    token = fake_token()
    api = FakeBotApi(token).start()
    rasa = FakeRasa()
    rasa.server.start()
    settings = Settings(
        var_dir=tmp_path,
        database_url="",
        rasa_port=rasa.server.port,
        telegram_bot_token=token,
        telegram_mode="polling",
        telegram_base_url=api.url,
    )
    upgrade(settings.db_url)
    with TestClient(create_app(settings)) as client:
        yield client, api, rasa
    rasa.server.stop()
    api.stop()


def test_telegram_residents_get_the_note_in_their_language(telegram_gateway: Any) -> None:
    client, api, rasa = telegram_gateway
    deadline = time.monotonic() + 20
    while client.get("/healthz").json().get("telegram") != "ok":
        assert time.monotonic() < deadline, "the bridge did not connect"
        time.sleep(0.1)
    chat_id = 6_223_456_789
    updates = Updates(chat_id, api.next_update_id)
    api.push_update(updates.text("Де можна зареєструвати місце проживання?"))
    api.wait_for(lambda _: bool(api.recorded("sendMessage", chat_id)), 20)
    note = api.recorded("sendMessage", chat_id)[0]
    assert UKRAINIAN_NOTE in note.params["text"]
    assert [b["text"] for b in note.buttons] == [
        "Поговорити з консультантом",
        "Попросити зворотний дзвінок",
    ]
    assert rasa.received == []  # the Polish NLU never saw it

    api.push_update(updates.press(note.result, note.buttons[0]["callback_data"]))
    api.wait_for(lambda _: len(rasa.received) == 1, 20)
    assert rasa.received[0]["message"] == "/request_human"
