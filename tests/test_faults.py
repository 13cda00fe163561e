"""Faults against the running processes (issue 6): Rasa killed mid-conversation,
the action server down, the gateway restarted. Nothing the resident wrote is
lost, the resident is told in Polish what happened, and the chat recovers.

Its own stack (ports 18800/15805/15855), so stopping processes never disturbs
the other tests.
"""

from __future__ import annotations

import os
import signal
from typing import Any, Dict, Iterator, List

import httpx
import pytest

from bot import texts
from bot.console.desk import BACK_TO_BOT
from tests.conftest import IN_HOURS, LiveAssistant, start_stack
from tests.staff import Staff, staff_for

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveAssistant]:
    yield from start_stack(tmp_path_factory.mktemp("kck-faults"), (18800, 15805, 15855), IN_HOURS)


@pytest.fixture()
def client(faulty: LiveAssistant) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=faulty.gateway_url, timeout=60) as http:
        yield http


def new_chat(client: httpx.Client) -> Dict[str, Any]:
    created = client.post("/api/v1/conversations").json()
    created["headers"] = {"Authorization": f"Bearer {created['token']}"}
    return created


def say(client: httpx.Client, chat: Dict[str, Any], text: str) -> List[Dict[str, Any]]:
    answer = client.post(
        f"/api/v1/conversations/{chat['conversation_id']}/messages",
        json={"text": text},
        headers=chat["headers"],
    )
    assert answer.status_code == 200, answer.text
    return list(answer.json()["messages"])


def transcript(client: httpx.Client, chat: Dict[str, Any]) -> List[Dict[str, Any]]:
    return list(
        client.get(
            f"/api/v1/conversations/{chat['conversation_id']}/messages", headers=chat["headers"]
        ).json()["messages"]
    )


def kill(faulty: LiveAssistant, name: str) -> None:
    """SIGKILL, not a polite stop: the process gets no chance to clean up."""
    assert faulty.stack is not None
    process = faulty.stack.processes.pop(name)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def bring_back(faulty: LiveAssistant, name: str) -> None:
    assert faulty.stack is not None
    faulty.stack.restart(name)
    faulty.stack.wait_healthy()


def test_rasa_killed_mid_conversation(faulty: LiveAssistant, client: httpx.Client) -> None:
    chat = new_chat(client)
    assert "dowód" in say(client, chat, "jak wyrobić dowód osobisty")[0]["text"].lower()
    kill(faulty, "rasa")
    try:
        down = say(client, chat, "a ile kosztuje odpis aktu urodzenia?")
        assert [m["text"] for m in down] == [texts.RASA_DOWN]
        assert "12 616 55 55" in down[0]["text"]
        said = [m["text"] for m in transcript(client, chat) if m["sender"] == "user"]
        assert said[-1] == "a ile kosztuje odpis aktu urodzenia?"  # stored all the same
    finally:
        bring_back(faulty, "rasa")
    again = say(client, chat, "ile kosztuje odpis aktu urodzenia")
    assert any("zł" in m["text"] for m in again)  # the same chat goes on


def test_action_server_down_gets_a_sensible_answer(
    faulty: LiveAssistant, client: httpx.Client
) -> None:
    chat = new_chat(client)
    kill(faulty, "actions")
    try:
        # The report starts with a custom action, which cannot run now.
        answer = say(client, chat, "chcę zgłosić dziurę w jezdni na ul. Długiej 5")
        assert answer and all(m["text"] for m in answer), answer
        assert any("12 616 55 55" in m["text"] for m in answer)
        # Answers that need no custom action still work.
        faq = say(client, chat, "jak wyrobić dowód osobisty")
        assert "dowód" in " ".join(m["text"] for m in faq).lower()
    finally:
        bring_back(faulty, "actions")


def test_gateway_restart_keeps_chats_queue_and_console_sessions(
    faulty: LiveAssistant, client: httpx.Client
) -> None:
    staff_gen = staff_for(f"sqlite:///{faulty.var_dir / 'kck.db'}", faulty.gateway_url)
    staff: Staff = next(staff_gen)
    try:
        console = staff.client("consultant")
        console.get("/console/api/queue")
        chat = new_chat(client)
        queued = say(client, chat, "chcę porozmawiać z konsultantem")
        assert "Przekazuję rozmowę" in queued[0]["text"]

        kill(faulty, "gateway")
        bring_back(faulty, "gateway")

        # The resident's token, the transcript, the queue entry and the console
        # session all live in the database, so they survive.
        assert len(transcript(client, chat)) == 2
        waiting = console.get("/console/api/queue")
        assert waiting.status_code == 200
        assert chat["conversation_id"] in [e["conversation_id"] for e in waiting.json()["waiting"]]
        cid = chat["conversation_id"]
        assert console.post(f"/console/api/conversations/{cid}/take").status_code == 200
        assert (
            console.post(
                f"/console/api/conversations/{cid}/messages", json={"text": "Już jestem."}
            ).status_code
            == 200
        )
        assert ("consultant", "Już jestem.") in [
            (m["sender"], m["text"]) for m in transcript(client, chat)
        ]
        assert console.post(f"/console/api/conversations/{cid}/end").status_code == 200
    finally:
        next(staff_gen, None)


def test_rasa_down_when_a_consultant_ends_the_chat(
    faulty: LiveAssistant, client: httpx.Client
) -> None:
    """The end of the hand-off never reaches Rasa, so its tracker stays paused; the
    resident is greeted back by the gateway and, once Rasa is up, the next message is
    answered by the bot (the router resumes the paused tracker) instead of silence."""
    staff_gen = staff_for(f"sqlite:///{faulty.var_dir / 'kck.db'}", faulty.gateway_url)
    staff: Staff = next(staff_gen)
    try:
        console = staff.client("consultant")
        console.get("/console/api/queue")
        chat = new_chat(client)
        cid = chat["conversation_id"]
        assert (
            "Przekazuję rozmowę" in say(client, chat, "chcę porozmawiać z konsultantem")[0]["text"]
        )
        assert console.post(f"/console/api/conversations/{cid}/take").status_code == 200
        kill(faulty, "rasa")
        try:
            assert console.post(f"/console/api/conversations/{cid}/end").status_code == 200
            # The greeting back, then the rating question (tests/test_csat.py).
            assert transcript(client, chat)[-2]["text"] == BACK_TO_BOT
        finally:
            bring_back(faulty, "rasa")
        answer = say(client, chat, "jak wyrobić dowód osobisty")
        assert "dowód" in " ".join(m["text"] for m in answer).lower(), answer
    finally:
        next(staff_gen, None)
