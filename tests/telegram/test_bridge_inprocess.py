"""The bridge without the Rasa stack: polling mode against the fake Bot API and a
fake Rasa, plus its small parts (callback data, Kraków's bounds, the keyed hash,
the webhook's secret check). Fast; no model needed."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Iterator, List

import pytest
from starlette.testclient import TestClient
from telegram.error import BadRequest, NetworkError, TimedOut

from bot import geo
from bot.app import create_app
from bot.migrate import upgrade
from bot.settings import Settings
from bot.telegram import keyboards, outgoing, retry
from bot.tokens import digest, keyed_digest
from tests.helpers.fake_rasa import LONG_PAYLOAD, FakeRasa
from tests.telegram.fake_api import FakeBotApi, fake_token
from tests.telegram.updates import Updates

TOKEN = fake_token()


@pytest.fixture()
def polling_gateway(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.delenv("KCK_RASA_URL", raising=False)
    api = FakeBotApi(TOKEN).start()
    rasa = FakeRasa()
    rasa.server.start()
    settings = Settings(
        var_dir=tmp_path,
        database_url="",
        rasa_port=rasa.server.port,
        telegram_bot_token=TOKEN,
        telegram_mode="polling",
        telegram_base_url=api.url,
    )
    upgrade(settings.db_url)
    with TestClient(create_app(settings)) as client:
        yield client, api, rasa
    rasa.server.stop()
    api.stop()


def test_polling_text_and_a_long_payload_button(polling_gateway: Any) -> None:
    client, api, rasa = polling_gateway
    deadline = time.monotonic() + 20
    while client.get("/healthz").json().get("telegram") != "ok":
        assert time.monotonic() < deadline, "the bridge did not connect"
        time.sleep(0.1)
    # Polling mode: the webhook is not served, and the bridge removed any set webhook.
    assert client.post("/telegram/webhook", json={}).status_code == 404
    assert api.recorded("deleteWebhook") and api.recorded("setMyCommands")

    chat_id = 6_123_456_789
    updates = Updates(chat_id, api.next_update_id)
    api.push_update(updates.text("dzień dobry"))
    api.wait_for(lambda _: bool(api.recorded("sendMessage", chat_id)), 20)
    answer = api.recorded("sendMessage", chat_id)[0]
    assert answer.params["text"] == "Odpowiedź asystenta"
    datas = [b["callback_data"] for b in answer.buttons]
    assert len(datas) == 2 and all(len(d.encode()) <= 64 for d in datas)
    assert rasa.received[0]["message"] == "dzień dobry"

    api.push_update(updates.press(answer.result, datas[0]))
    api.wait_for(lambda _: len(rasa.received) == 2, 20)
    assert rasa.received[1]["message"] == LONG_PAYLOAD  # the whole payload, from the server side
    assert api.recorded("answerCallbackQuery")
    api.wait_for(lambda _: bool(api.recorded("editMessageText", chat_id)), 20)
    assert "➡️ Wtorek 7:40–9:40" in api.recorded("editMessageText", chat_id)[0].params["text"]

    # Forged callback data resolves to nothing: a Polish answer, Rasa not asked.
    api.push_update(updates.press(answer.result, "b1:AAAAAAAAAAAAAAAAAAAAAAAA"))
    api.wait_for(
        lambda _: any("nieaktualny" in c.params["text"] for c in api.recorded("sendMessage")), 20
    )
    assert len(rasa.received) == 2


def test_callback_data_fits_whatever_the_payload() -> None:
    for payload in ["/help", LONG_PAYLOAD, "/inform" + json.dumps({"x": "ż" * 2000})]:
        data = keyboards.callback_data({"title": "Tak", "payload": payload})
        assert len(data.encode("utf-8")) <= keyboards.MAX_CALLBACK_BYTES
        offered = [{"title": "Nie", "payload": "/deny"}, {"title": "Tak", "payload": payload}]
        assert keyboards.find(data, offered) == offered[1]
    assert keyboards.find("b1:forged", [{"title": "Tak", "payload": "/affirm"}]) is None


def test_krakow_bounds() -> None:
    assert geo.in_krakow(50.06143, 19.93658)  # Rynek Główny
    assert geo.in_krakow(50.0857, 20.0350)  # Nowa Huta
    assert geo.in_krakow(49.9867, 19.9250)  # Łagiewniki
    assert not geo.in_krakow(52.2297, 21.0122)  # Warszawa
    assert not geo.in_krakow(50.0413, 21.9990)  # Rzeszów
    assert not geo.in_krakow(float("nan"), 19.9)
    assert geo.location_text(50.061434, 19.936581) == "📍 lokalizacja: 50.06143, 19.93658"
    assert "poza Krakowem" in geo.OUTSIDE_KRAKOW


def test_chat_ids_are_stored_under_a_key() -> None:
    key = b"k" * 32
    hashed = keyed_digest(key, "telegram:6123456789")
    assert hashed != digest("telegram:6123456789") and len(hashed) == 64
    assert hashed != keyed_digest(b"other", "telegram:6123456789")


def test_long_texts_are_split_for_telegram() -> None:
    text = ("Akapit o dowodzie osobistym. " * 40 + "\n") * 10
    pieces = outgoing.chunks(text)
    assert len(pieces) > 1 and all(len(p) <= 4096 for p in pieces)
    assert "".join(pieces).replace("\n", "").replace(" ", "") == text.replace("\n", "").replace(
        " ", ""
    )


async def test_network_errors_are_retried_with_backoff_and_bad_requests_are_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pauses: List[float] = []

    async def no_sleep(seconds: float) -> None:
        pauses.append(seconds)

    monkeypatch.setattr(retry.asyncio, "sleep", no_sleep)
    attempts: List[int] = []

    async def flaky() -> str:
        attempts.append(1)
        if len(attempts) < 3:
            raise TimedOut()
        return "sent"

    assert await retry.with_backoff(flaky, "sendMessage") == "sent"
    assert len(attempts) == 3 and len(pauses) == 2 and pauses[1] > pauses[0]

    async def refused() -> str:
        attempts.append(1)
        raise BadRequest("Chat not found")

    attempts.clear()
    with pytest.raises(BadRequest):
        await retry.with_backoff(refused, "sendMessage")
    assert len(attempts) == 1

    async def down() -> str:
        raise NetworkError("connection refused")

    with pytest.raises(NetworkError):
        await retry.with_backoff(down, "sendMessage")


def _gateway(tmp_path: Path, **telegram: Any) -> TestClient:
    settings = Settings(var_dir=tmp_path, database_url="", rasa_port=1, **telegram)
    upgrade(settings.db_url)
    return TestClient(create_app(settings))


def test_without_a_token_there_is_no_bridge_and_no_webhook(tmp_path: Path) -> None:
    with _gateway(tmp_path, telegram_bot_token="") as client:
        assert "telegram" not in client.get("/healthz").json()
        assert client.post("/telegram/webhook", json={"update_id": 1}).status_code == 404


def test_webhook_mode_without_a_secret_refuses_everything(tmp_path: Path) -> None:
    api = FakeBotApi(TOKEN).start()
    try:
        with _gateway(
            tmp_path,
            telegram_bot_token=TOKEN,
            telegram_mode="webhook",
            telegram_base_url=api.url,
            telegram_webhook_secret="",
        ) as client:
            assert client.get("/healthz").json()["telegram"] == "error"
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": ""}):
                answer = client.post("/telegram/webhook", json={"update_id": 1}, headers=headers)
                assert answer.status_code == 403
        assert api.recorded() == []  # never even connected
    finally:
        api.stop()


def test_the_bridge_keeps_trying_while_telegram_is_away(tmp_path: Path) -> None:
    """Five failed getMe calls: retried with back-off, then the bridge connects."""
    api = FakeBotApi(TOKEN)
    api.failures["getMe"] = 5
    api.start()
    try:
        with _gateway(
            tmp_path,
            telegram_bot_token=TOKEN,
            telegram_mode="webhook",
            telegram_base_url=api.url,
            telegram_webhook_secret="s3cret-for-the-test",
        ) as client:
            assert client.get("/healthz").json()["telegram"] == "starting"
            deadline = time.monotonic() + 30
            while client.get("/healthz").json()["telegram"] != "ok":
                assert time.monotonic() < deadline, "the bridge did not connect"
                time.sleep(0.2)
            assert len(api.recorded("getMe")) == 6
    finally:
        api.stop()
