"""The widget API against the real stack: Rasa with the trained model behind the gateway."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
import websockets

from tests.helpers.gateway import run_in_own_loop, vague_message

pytestmark = pytest.mark.stack


def send(gateway: httpx.Client, conversation: dict, **body: str) -> httpx.Response:
    return gateway.post(
        f"/api/v1/conversations/{conversation['conversation_id']}/messages",
        json=body,
        headers=conversation["headers"],
    )


def history(gateway: httpx.Client, conversation: dict) -> list:
    response = gateway.get(
        f"/api/v1/conversations/{conversation['conversation_id']}/messages",
        headers=conversation["headers"],
    )
    assert response.status_code == 200
    return response.json()["messages"]


def test_health_reports_every_part(gateway: httpx.Client) -> None:
    body = gateway.get("/healthz").json()
    assert body == {"status": "ok", "rasa": "ok", "action_server": "ok", "database": "ok"}


def test_new_conversation_has_a_long_random_token(gateway: httpx.Client) -> None:
    first = gateway.post("/api/v1/conversations").json()
    second = gateway.post("/api/v1/conversations").json()
    assert len(first["token"]) >= 43  # 32 random bytes, URL-safe base64
    assert first["token"] != second["token"]
    assert first["conversation_id"] != second["conversation_id"]


def test_question_about_id_card_gets_the_answer_with_its_link(
    gateway: httpx.Client, conversation: dict
) -> None:
    response = send(gateway, conversation, text="jak wyrobić dowód osobisty")
    assert response.status_code == 200
    (answer, *_) = response.json()["messages"]
    assert answer["sender"] == "bot"
    assert "dow" in answer["text"].lower()
    assert "https://" in answer["text"]
    assert all({"title", "payload"} <= set(b) for b in answer.get("buttons", []))


def test_greeting_has_privacy_notice_and_buttons(gateway: httpx.Client, conversation: dict) -> None:
    (greeting, *_) = send(gateway, conversation, payload="/greet").json()["messages"]
    assert "/prywatnosc" in greeting["text"]
    assert {b["payload"] for b in greeting["buttons"]} >= {"/help", "/request_human"}


def test_button_payload_is_answered_and_its_title_kept(
    gateway: httpx.Client, conversation: dict
) -> None:
    send(gateway, conversation, payload="/greet")  # offers "Co potrafisz?"
    replies = send(gateway, conversation, payload="/help", text="Co potrafisz?").json()["messages"]
    assert len(replies[0]["buttons"]) >= 4
    assert {"sender": "user", "text": "Co potrafisz?"} in history(gateway, conversation)


def test_text_typed_without_polish_letters_is_understood(
    gateway: httpx.Client, conversation: dict
) -> None:
    with_letters = send(gateway, conversation, text="zgubiłem dowód osobisty").json()["messages"]
    without = send(gateway, conversation, text="ZGUBILEM DOWOD OSOBISTY!!!").json()["messages"]
    assert with_letters[0]["text"] == without[0]["text"]


def test_emergency_answers_112_at_once(gateway: httpx.Client, conversation: dict) -> None:
    replies = send(gateway, conversation, text="pali się mieszkanie sąsiada, dym na klatce").json()
    assert "112" in replies["messages"][0]["text"]


def test_missing_or_wrong_token_is_refused(gateway: httpx.Client, conversation: dict) -> None:
    path = f"/api/v1/conversations/{conversation['conversation_id']}/messages"
    assert gateway.post(path, json={"text": "hej"}).status_code == 401
    wrong = {"Authorization": "Bearer " + "x" * 43}
    refused = gateway.post(path, json={"text": "hej"}, headers=wrong)
    assert refused.status_code == 401
    assert "rozmowa" in refused.json()["error"].lower()
    assert gateway.get(path, headers=wrong).status_code == 401
    assert history(gateway, conversation) == []  # nothing was stored


def test_token_of_one_conversation_cannot_open_another(
    gateway: httpx.Client, conversation: dict
) -> None:
    other = gateway.post("/api/v1/conversations").json()
    send(gateway, conversation, text="mój sekret")
    path = f"/api/v1/conversations/{conversation['conversation_id']}/messages"
    response = gateway.get(path, headers={"Authorization": f"Bearer {other['token']}"})
    assert response.status_code == 401


def test_empty_message_gets_a_polish_hint(gateway: httpx.Client, conversation: dict) -> None:
    for body in ({"text": ""}, {"text": "   \n "}, {}):
        response = send(gateway, conversation, **body)
        assert response.status_code == 200
        assert "pusta" in response.json()["messages"][0]["text"]


def test_emoji_only_message_is_kept_and_answered(gateway: httpx.Client, conversation: dict) -> None:
    replies = send(gateway, conversation, text="😀😀👍").json()["messages"]
    assert "słowami" in replies[0]["text"]
    assert history(gateway, conversation)[0] == {"sender": "user", "text": "😀😀👍"}


def test_very_long_message_is_stored_whole_and_answered(
    gateway: httpx.Client, conversation: dict
) -> None:
    text = "Chcę zapytać o dowód osobisty. " + "bardzo długa historia " * 450
    text = text[:10_000]
    replies = send(gateway, conversation, text=text).json()["messages"]
    assert any("bardzo długa" in r["text"] for r in replies)
    assert any(r["sender"] == "bot" for r in replies)
    stored = history(gateway, conversation)[0]
    assert stored["text"] == text.strip()


def test_message_over_the_limit_is_refused_in_polish(
    gateway: httpx.Client, conversation: dict
) -> None:
    response = send(gateway, conversation, text="a" * 10_001)
    assert response.status_code == 413
    assert "za długa" in response.json()["error"]
    huge = gateway.post(
        f"/api/v1/conversations/{conversation['conversation_id']}/messages",
        content=json.dumps({"text": "a" * 200_000}),
        headers={**conversation["headers"], "content-type": "application/json"},
    )
    assert huge.status_code == 413


def test_malformed_json_gets_a_polish_error(gateway: httpx.Client, conversation: dict) -> None:
    response = gateway.post(
        f"/api/v1/conversations/{conversation['conversation_id']}/messages",
        content=b"{not json",
        headers={**conversation["headers"], "content-type": "application/json"},
    )
    assert response.status_code == 400
    assert "Spróbuj" in response.json()["error"]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>",
        "'; DROP TABLE messages; --",
        '<img src=x onerror="alert(1)">',
    ],
)
def test_markup_and_sql_are_stored_verbatim_and_answered(
    gateway: httpx.Client, conversation: dict, text: str
) -> None:
    response = send(gateway, conversation, text=text)
    assert response.status_code == 200
    assert response.json()["messages"]
    assert history(gateway, conversation)[0]["text"] == text


def test_websocket_needs_the_token_first(live, conversation: dict) -> None:  # type: ignore[no-untyped-def]
    run_in_own_loop(_check_websocket(live.gateway_url, conversation))


async def _check_websocket(gateway_url: str, conversation: dict) -> None:
    url = gateway_url.replace("http", "ws") + (
        f"/api/v1/conversations/{conversation['conversation_id']}/ws"
    )
    async with websockets.connect(url) as socket:
        await socket.send(json.dumps({"token": conversation["token"]}))
        assert json.loads(await asyncio.wait_for(socket.recv(), 10))["type"] == "ready"
    async with websockets.connect(url) as socket:
        await socket.send(json.dumps({"token": "nie-ten"}))
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(socket.recv(), 10)
        assert closed.value.code == 4401


def test_privacy_page_and_widget_assets_are_served(gateway: httpx.Client) -> None:
    assert "Krakowskiego Centrum Kontaktu" in gateway.get("/prywatnosc").text
    page = gateway.get("/")
    assert "/widget/widget.js" in page.text
    assert gateway.get("/widget/widget.js").status_code == 200
    assert "nosniff" in page.headers["x-content-type-options"]


def test_two_misses_offer_a_person_or_a_callback(
    live,
    gateway: httpx.Client,
    conversation: dict,  # type: ignore[no-untyped-def]
) -> None:
    """Nobody is online in the console here, so the hand-off offers the callback
    (tests/test_handoff.py has the queued case)."""
    vague = vague_message(live)
    (first,) = send(gateway, conversation, text=vague).json()["messages"]
    assert "któryś z tych tematów" in first["text"] or "napisz inaczej" in first["text"]
    titles = [button["title"] for button in first["buttons"]]
    assert "Zgłoś problem" in titles and "Porozmawiaj z konsultantem" in titles
    assert first["buttons"][-1] == {"title": "Żaden z tych", "payload": "/out_of_scope"}

    (rephrase,) = send(gateway, conversation, payload="/out_of_scope", text="Żaden z tych").json()[
        "messages"
    ]
    assert "inaczej" in rephrase["text"]

    send(gateway, conversation, text=vague)
    last = send(gateway, conversation, payload="/out_of_scope", text="Żaden z tych").json()[
        "messages"
    ]
    assert "poproszę o pomoc człowieka" in last[0]["text"]
    assert {"title": "Poproś o oddzwonienie", "payload": "/request_callback"} in last[-1]["buttons"]

    # and the assistant is itself again afterwards
    answer = send(gateway, conversation, text="jak wyrobić dowód osobisty").json()["messages"][0]
    assert "https://" in answer["text"]
