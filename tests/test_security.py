"""Security of the running assistant from the outside (issue 6, point 5).

Rasa's API behind its token and on loopback; widget tokens that cannot be
guessed or carried to another conversation (HTTP and WebSocket); bodies over the
limit refused on every way in, before anything is stored. Markup staying inert
in the browser is in tests/browser/test_widget.py and test_console_xss.py; the
rate limits in tests/unit/test_rate_limits.py; personal data in logs is checked
after the whole run (tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import json
import secrets
from pathlib import Path
from typing import List

import httpx
import pytest
import websockets
from sqlalchemy import func, select

from bot.db import Database
from bot.models import Message
from tests.conftest import OPEN311_TEST_KEY, LiveAssistant
from tests.helpers.chat import new_chat, say
from tests.helpers.gateway import run_in_own_loop
from tests.staff import Staff

pytestmark = pytest.mark.stack
MEGABYTE = 1024 * 1024


@pytest.mark.parametrize(
    "path", ["/status", "/version/../status", "/conversations/abc/tracker", "/model/parse"]
)
def test_rasa_api_refuses_without_its_token(live: LiveAssistant, path: str) -> None:
    method = "POST" if path == "/model/parse" else "GET"
    body = {"text": "dzień dobry"} if method == "POST" else None
    for params in ({}, {"token": "zgadnięty-token"}, {"token": ""}):
        answer = httpx.request(method, live.rasa_url + path, params=params, json=body, timeout=30)
        assert answer.status_code in (401, 403), (path, params, answer.status_code)
    answer = httpx.request(
        method, live.rasa_url + path, params={"token": live.rasa_token}, json=body, timeout=30
    )
    assert answer.status_code not in (401, 403)  # the token itself opens it


def _listening(port: int) -> List[str]:
    """Local addresses listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.append(address)
    return found


def test_rasa_action_server_and_gateway_listen_on_loopback_only(live: LiveAssistant) -> None:
    if live.stack is None:
        pytest.skip("an outside assistant: its addresses are its operator's business")
    settings = live.stack.settings
    loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1
    for port in (settings.rasa_port, settings.action_port, settings.gateway_port):
        addresses = _listening(port)
        assert addresses, port
        assert set(addresses) <= loopback, (port, addresses)


def test_guessed_tokens_open_nothing(gateway: httpx.Client, conversation: dict) -> None:
    cid = conversation["conversation_id"]
    real = conversation["token"]
    assert len(real) >= 32
    changed = real[:-1] + ("A" if real[-1] != "A" else "B")
    guesses = [secrets.token_urlsafe(32) for _ in range(30)] + [real[:-1], changed, real + "x"]
    for guess in guesses:
        answer = gateway.get(
            f"/api/v1/conversations/{cid}/messages", headers={"Authorization": f"Bearer {guess}"}
        )
        assert answer.status_code in (401, 403), guess


def test_a_token_cannot_be_carried_to_another_conversation(gateway: httpx.Client) -> None:
    first, second = new_chat(gateway), new_chat(gateway)
    say(gateway, second, "jak wyrobić dowód osobisty")
    path = f"/api/v1/conversations/{second['conversation_id']}"
    for method, suffix, body in [
        ("GET", "/messages", None),
        ("POST", "/messages", {"text": "to nie moja rozmowa"}),
    ]:
        answer = gateway.request(method, path + suffix, json=body, headers=first["headers"])
        assert answer.status_code in (401, 403), (method, suffix)
    run_in_own_loop(_websocket_refuses(gateway, first, second))


async def _websocket_refuses(gateway: httpx.Client, mine: dict, theirs: dict) -> None:
    url = str(gateway.base_url).replace("http", "ws", 1).rstrip("/")
    url += f"/api/v1/conversations/{theirs['conversation_id']}/ws"
    async with websockets.connect(url) as socket:
        await socket.send(json.dumps({"token": mine["token"]}))
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(socket.recv(), 10)
        assert closed.value.code == 4401


def _stored_messages(live: LiveAssistant, conversation_id: str) -> int:
    db = Database(f"sqlite:///{live.var_dir / 'kck.db'}")
    try:
        with db.session() as session:
            return int(
                session.execute(
                    select(func.count())
                    .select_from(Message)
                    .where(Message.conversation_id == conversation_id)
                ).scalar_one()
            )
    finally:
        db.dispose()


def test_oversized_bodies_are_refused_everywhere(
    live: LiveAssistant, gateway: httpx.Client, staff: Staff
) -> None:
    huge = "a" * (2 * MEGABYTE)
    chat = new_chat(gateway)
    cid = chat["conversation_id"]
    before = _stored_messages(live, cid)

    widget = gateway.post(
        f"/api/v1/conversations/{cid}/messages",
        content=json.dumps({"text": huge}),
        headers={**chat["headers"], "content-type": "application/json"},
    )
    assert widget.status_code == 413
    assert "za duż" in widget.json()["error"].lower() or "za dług" in widget.json()["error"].lower()
    assert _stored_messages(live, cid) == before

    photo = gateway.post(
        f"/api/v1/conversations/{cid}/photos",
        content=b"\x89PNG" + b"0" * (6 * MEGABYTE),
        headers={**chat["headers"], "content-type": "image/png"},
    )
    assert photo.status_code == 413

    open311 = gateway.post(
        "/open311/v2/requests.json",
        data={"api_key": OPEN311_TEST_KEY, "service_code": "oswietlenie", "description": huge},
    )
    assert open311.status_code == 413

    console = staff.client("consultant")
    say(gateway, chat, "chcę porozmawiać z konsultantem")
    assert console.post(f"/console/api/conversations/{cid}/take").status_code == 200
    written = console.post(
        f"/console/api/conversations/{cid}/messages",
        content=json.dumps({"text": huge}),
        headers={"content-type": "application/json"},
    )
    assert written.status_code == 413
    note = console.post(
        f"/console/api/conversations/{cid}/notes",
        content=json.dumps({"text": huge}),
        headers={"content-type": "application/json"},
    )
    assert note.status_code == 413
    assert console.post(f"/console/api/conversations/{cid}/end").status_code == 200

    telegram = gateway.post("/telegram/webhook", content=b"{" + b" " * (2 * MEGABYTE) + b"}")
    assert telegram.status_code in (403, 404, 413)  # Telegram is off on this stack
