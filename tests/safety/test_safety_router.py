"""The safety net through the running assistant (widget API → router → Rasa), in every
state a chat can be in: with the bot, inside the report form, queued for a person and
with a consultant.

Every message of tests/safety/danger.txt must get 112 first; at most 2 % of
tests/safety/near_miss.txt may. Each test prints its figures (``pytest -s``).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any, Dict, Iterator, List

import httpx
import pytest
import websockets

from bot.safety.answers import IN_FORM, NOT_DANGER_BUTTON, REPORT_INSTEAD, WITH_PERSON
from bot.texts import WAITING
from tests.conftest import LiveAssistant
from tests.helpers.safety import (
    Replies,
    in_form,
    new_chat,
    open_report_form,
    send,
    tracker,
    user_events,
)
from tests.safety.sets import DANGER, NEAR_MISS, NEAR_MISS_LIMIT
from tests.staff import Staff

pytestmark = [pytest.mark.stack, pytest.mark.usefixtures("empty_queue")]


def first_is_112(replies: Replies) -> bool:
    """Whether the first thing the resident reads names 112 (in its first line)."""
    return bool(replies) and "112" in replies[0]["text"].splitlines()[0]


def report(figure: str, hits: int, total: int) -> None:
    print(f"\n{figure}: {hits}/{total} ({100 * hits / total:.1f} %)")


# --- with the bot ----------------------------------------------------------------------


def test_every_danger_message_gets_112_first_and_never_a_form(
    gateway: httpx.Client, live: LiveAssistant
) -> None:
    missed: List[str] = []
    for message in DANGER:
        chat = new_chat(gateway)
        replies = send(gateway, chat, text=message)
        if not first_is_112(replies):
            missed.append(message)
            continue
        # The answer is the gateway's alone: one message, the way back to a report.
        assert len(replies) == 1 and REPORT_INSTEAD in replies[0]["text"], replies
        assert replies[0]["buttons"] == [NOT_DANGER_BUTTON]
        seen_by_rasa = tracker(live, chat["conversation_id"])
        assert not seen_by_rasa.get("active_loop", {}).get("name")  # no form opened
        assert not user_events(seen_by_rasa["events"])  # Rasa never saw it
    report("bot: danger answered with 112 first", len(DANGER) - len(missed), len(DANGER))
    assert not missed


def test_near_misses_with_the_bot_rarely_get_112(gateway: httpx.Client) -> None:
    fired = [m for m in NEAR_MISS if first_is_112(send(gateway, new_chat(gateway), text=m))]
    report("bot: near-misses answered with 112 first", len(fired), len(NEAR_MISS))
    assert len(fired) <= NEAR_MISS_LIMIT * len(NEAR_MISS), fired


def test_saying_it_is_not_an_emergency_goes_on_with_the_report(gateway: httpx.Client) -> None:
    chat = new_chat(gateway)
    assert first_is_112(send(gateway, chat, text="kabel pod napięciem leży na chodniku"))
    form = send(gateway, chat, text="to nie jest nagłe, nikomu nic nie grozi")
    assert not first_is_112(form)
    assert "Czego dotyczy zgłoszenie?" in "\n".join(r["text"] for r in form)

    pressed = new_chat(gateway)
    send(gateway, pressed, text="czuć gaz na klatce schodowej")
    button = send(
        gateway, pressed, payload=NOT_DANGER_BUTTON["payload"], text=NOT_DANGER_BUTTON["title"]
    )
    assert "Czego dotyczy zgłoszenie?" in "\n".join(r["text"] for r in button)


# --- inside the report form ------------------------------------------------------------


def test_inside_the_form_danger_gets_112_first_and_the_form_goes_on(
    gateway: httpx.Client, live: LiveAssistant
) -> None:
    missed: List[str] = []
    chat = new_chat(gateway)
    open_report_form(gateway, live, chat)
    for message in DANGER:
        if not in_form(live, chat):  # the form took enough answers to end: a new one
            chat = new_chat(gateway)
            open_report_form(gateway, live, chat)
        asked = tracker(live, chat["conversation_id"])["slots"]["requested_slot"]
        replies = send(gateway, chat, text=message)
        if not first_is_112(replies):
            missed.append(message)
            continue
        assert IN_FORM in replies[0]["text"] and not replies[0].get("buttons"), replies
        # The form does not take the danger message as its answer: it still waits.
        assert len(replies) == 1 and in_form(live, chat), replies
        assert tracker(live, chat["conversation_id"])["slots"]["requested_slot"] == asked
    report("form: danger answered with 112 first", len(DANGER) - len(missed), len(DANGER))
    assert not missed


def test_inside_the_form_near_misses_rarely_get_112(
    gateway: httpx.Client, live: LiveAssistant
) -> None:
    fired: List[str] = []
    chat = new_chat(gateway)
    open_report_form(gateway, live, chat)
    for message in NEAR_MISS:
        if not in_form(live, chat):
            chat = new_chat(gateway)
            open_report_form(gateway, live, chat)
        if first_is_112(send(gateway, chat, text=message)):
            fired.append(message)
    report("form: near-misses answered with 112 first", len(fired), len(NEAR_MISS))
    assert len(fired) <= NEAR_MISS_LIMIT * len(NEAR_MISS), fired


# --- queued and with a consultant ------------------------------------------------------


class ConsoleListener:
    """The consultant's live view of one chat (the console page's WebSocket), in a thread."""

    def __init__(self, live: LiveAssistant, console: httpx.Client, conversation_id: str):
        base = live.gateway_url.replace("http", "ws", 1)
        self.url = f"{base}/console/api/conversations/{conversation_id}/ws"
        self.headers = {
            "Origin": live.gateway_url,
            "Cookie": "; ".join(f"{k}={v}" for k, v in console.cookies.items()),
        }
        self.frames: List[Dict[str, Any]] = []
        self.ready = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._listen()), daemon=True)

    async def _listen(self) -> None:
        async with websockets.connect(self.url, extra_headers=self.headers) as socket:
            while not self._stop.is_set():
                try:
                    frame = json.loads(await asyncio.wait_for(socket.recv(), 0.2))
                except asyncio.TimeoutError:
                    continue
                if frame.get("type") == "ready":
                    self.ready.set()
                else:
                    self.frames.append(frame)

    def __enter__(self) -> ConsoleListener:
        self._thread.start()
        assert self.ready.wait(15), "the console's live view did not open"
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(10)

    def alarms(self) -> List[Dict[str, Any]]:
        return [frame for frame in self.frames if frame.get("sender") == "alarm"]


@pytest.fixture()
def queued_chat(
    gateway: httpx.Client, staff: Staff, live: LiveAssistant
) -> Iterator[tuple[Dict[str, Any], httpx.Client]]:
    console = staff.client("consultant")
    assert console.get("/console/api/queue").status_code == 200  # online
    chat = new_chat(gateway)
    queued = send(gateway, chat, text="chcę porozmawiać z konsultantem")
    assert "Przekazuję rozmowę konsultantowi" in "\n".join(r["text"] for r in queued)
    yield chat, console
    console.post(f"/console/api/conversations/{chat['conversation_id']}/end")


def run_sets_with_a_person(
    gateway: httpx.Client, chat: Dict[str, Any], listener: ConsoleListener, state: str
) -> None:
    missed = [m for m in DANGER if not _alarmed(send(gateway, chat, text=m))]
    report(f"{state}: danger answered with 112 first", len(DANGER) - len(missed), len(DANGER))
    fired: List[str] = []
    for message in NEAR_MISS:
        replies = send(gateway, chat, text=message)
        if first_is_112(replies):
            fired.append(message)
        elif state == "queued":
            assert [r["text"] for r in replies] == [WAITING]
        else:
            assert replies == []  # the consultant answers, not the bot
    report(f"{state}: near-misses answered with 112 first", len(fired), len(NEAR_MISS))
    assert not missed
    assert len(fired) <= NEAR_MISS_LIMIT * len(NEAR_MISS), fired
    time.sleep(1)  # the last frames on their way
    # The console saw every message and an alarm for each danger message.
    assert len(listener.alarms()) == len(DANGER) + len(fired)
    residents = [f["text"] for f in listener.frames if f.get("sender") == "user"]
    assert residents == [*DANGER, *NEAR_MISS]


def _alarmed(replies: Replies) -> bool:
    return first_is_112(replies) and WITH_PERSON in replies[0]["text"]


def test_queued_and_with_a_consultant_danger_gets_112_and_the_console_an_alarm(
    gateway: httpx.Client, live: LiveAssistant, queued_chat: tuple[Dict[str, Any], httpx.Client]
) -> None:
    chat, console = queued_chat
    cid = chat["conversation_id"]
    assert console.get(f"/console/api/conversations/{cid}").status_code == 200
    paused_at = len(tracker(live, cid)["events"])
    with ConsoleListener(live, console, cid) as listener:
        run_sets_with_a_person(gateway, chat, listener, "queued")
    after = tracker(live, cid)
    assert after["paused"] and not user_events(after["events"][paused_at:])  # Rasa heard none
    # A reloaded console chat page shows the alarms as well.
    reloaded = console.get(f"/console/api/conversations/{cid}").json()["messages"]
    assert len([m for m in reloaded if m["sender"] == "alarm"]) == len(listener.alarms())

    assert console.post(f"/console/api/conversations/{cid}/take").status_code == 200
    with ConsoleListener(live, console, cid) as listener:
        run_sets_with_a_person(gateway, chat, listener, "consultant")
    after = tracker(live, cid)
    assert after["paused"] and not user_events(after["events"][paused_at:])
