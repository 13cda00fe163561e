"""Hand-off to people through the running assistant: the queue, the consultant's
API, the second line and the callback form (HTTP; the browser test drives the
same paths through the widget and the console pages).

The in-hours stack's clock stands on Monday 30 November 2026, 9:00 in Kraków;
the other stack's on Saturday 28 November (tests/conftest.py).
"""

from __future__ import annotations

import re
from typing import Any, Dict, List

import httpx
import pytest
from sqlalchemy import select

from bot.db import Database
from bot.models import CallbackRequest, Handoff
from tests.conftest import LiveAssistant
from tests.helpers.chat import new_chat, say, texts, waiting_ids
from tests.helpers.gateway import vague_message
from tests.staff import Staff

pytestmark = [pytest.mark.stack, pytest.mark.usefixtures("empty_queue")]


def transcript(gateway: httpx.Client, conversation: dict) -> List[Dict[str, Any]]:
    answer = gateway.get(
        f"/api/v1/conversations/{conversation['conversation_id']}/messages",
        headers=conversation["headers"],
    )
    return answer.json()["messages"]


def test_in_hours_a_consultant_takes_the_chat_and_gives_it_back(
    gateway: httpx.Client, staff: Staff
) -> None:
    console = staff.client("consultant")
    assert console.get("/console/api/queue").status_code == 200  # online now
    chat = new_chat(gateway)
    cid = chat["conversation_id"]

    queued = texts(say(gateway, chat, "chcę porozmawiać z konsultantem"))
    assert "Przekazuję rozmowę konsultantowi" in queued
    assert "pierwsza w kolejce" in queued and "około 5 minut" in queued

    # While queued, the bot is silent and says the message waits for the person.
    waiting = say(gateway, chat, "halo, jest tam ktoś?")
    assert [m["sender"] for m in waiting] == ["system"] and "konsultant zobaczy" in waiting[0][
        "text"
    ]
    assert cid in waiting_ids(console)

    assert console.post(f"/console/api/conversations/{cid}/take").status_code == 200
    assert cid not in waiting_ids(console)
    seen = console.get(f"/console/api/conversations/{cid}").json()
    assert "halo, jest tam ktoś?" in texts(seen["messages"])  # the whole transcript first

    assert (
        console.post(
            f"/console/api/conversations/{cid}/messages",
            json={"text": "Dzień dobry, w czym pomóc?"},
        ).status_code
        == 200
    )
    assert say(gateway, chat, "chodzi o meldunek syna") == []  # to the consultant, not the bot
    assert "chodzi o meldunek syna" in texts(
        console.get(f"/console/api/conversations/{cid}").json()["messages"]
    )
    assert (
        console.post(
            f"/console/api/conversations/{cid}/notes", json={"text": "dzwonił już wczoraj"}
        ).status_code
        == 200
    )

    assert console.post(f"/console/api/conversations/{cid}/end").status_code == 200
    shown = transcript(gateway, chat)
    said = [(m["sender"], m["text"]) for m in shown]
    assert ("consultant", "Dzień dobry, w czym pomóc?") in said
    # The bot greets the resident back (then asks for the rating: tests/test_csat.py).
    assert "znów odpowiada asystent" in shown[-2]["text"]
    assert "dzwonił już wczoraj" not in texts(shown)  # notes never reach the resident

    again = texts(say(gateway, chat, "jak wyrobić dowód osobisty"))
    assert "dowód" in again.lower()  # Rasa answers again (ConversationResumed)


def test_second_line_goes_to_the_units_specialist_only(gateway: httpx.Client, staff: Staff) -> None:
    usc = staff.client("specialist", ("USC",))
    wsa = staff.client("specialist", ("WSA",))
    first_line = staff.client("consultant")
    for client in (usc, wsa, first_line):
        client.get("/console/api/queue")
    chat = new_chat(gateway)
    cid = chat["conversation_id"]

    asked = say(gateway, chat, "chciałbym się dowiedzieć, na jakim etapie jest moja sprawa")
    # The unit is not named: the resident chooses it.
    assert "Którego urzędu dotyczy sprawa?" in texts(asked)
    usc_button = next(
        b for m in asked for b in m.get("buttons", []) if "Stanu Cywilnego" in b["title"]
    )
    queued = texts(say(gateway, chat, payload=usc_button["payload"]))
    assert "Przekazuję rozmowę specjaliście – Urząd Stanu Cywilnego" in queued

    assert cid in waiting_ids(usc)
    assert cid not in waiting_ids(wsa) and cid not in waiting_ids(first_line)
    for outsider in (wsa, first_line):
        assert outsider.post(f"/console/api/conversations/{cid}/take").status_code == 403
        assert outsider.get(f"/console/api/conversations/{cid}").status_code == 403
    assert usc.post(f"/console/api/conversations/{cid}/take").status_code == 200
    assert "Do rozmowy dołączył specjalista: Urząd Stanu Cywilnego" in texts(
        transcript(gateway, chat)
    )
    assert usc.post(f"/console/api/conversations/{cid}/end").status_code == 200


def test_a_consultant_transfers_to_a_units_second_line(gateway: httpx.Client, staff: Staff) -> None:
    first_line = staff.client("consultant")
    gup = staff.client("specialist", ("GUP",))
    first_line.get("/console/api/queue")
    chat = new_chat(gateway)
    cid = chat["conversation_id"]
    say(gateway, chat, "poproszę konsultanta")
    assert first_line.post(f"/console/api/conversations/{cid}/take").status_code == 200
    assert (
        first_line.post(
            f"/console/api/conversations/{cid}/transfer", json={"unit": "NOPE"}
        ).status_code
        == 422
    )
    assert (
        first_line.post(
            f"/console/api/conversations/{cid}/transfer", json={"unit": "GUP"}
        ).status_code
        == 200
    )
    assert "Grodzki Urząd Pracy" in transcript(gateway, chat)[-1]["text"]
    assert cid in waiting_ids(gup) and cid not in waiting_ids(first_line)
    # The one who transferred no longer holds the chat.
    assert (
        first_line.post(
            f"/console/api/conversations/{cid}/messages", json={"text": "x"}
        ).status_code
        == 403
    )
    assert gup.post(f"/console/api/conversations/{cid}/take").status_code == 200
    assert gup.post(f"/console/api/conversations/{cid}/end").status_code == 200


def test_in_hours_with_nobody_online_the_callback_is_offered(gateway: httpx.Client) -> None:
    chat = new_chat(gateway)
    answer = say(gateway, chat, "czy mogę porozmawiać z człowiekiem?")
    assert "nie mogę połączyć" in texts(answer)
    assert any(b["payload"] == "/request_callback" for m in answer for b in m.get("buttons", []))


def fill_callback(gateway: httpx.Client, chat: dict) -> str:
    """Goes through the callback form with one wrong phone; returns the confirmation."""
    # Typed: a button counts only where the chat offered it (bot/offered.py).
    consent = texts(say(gateway, chat, "proszę o oddzwonienie"))
    assert "Zgadzasz się?" in consent
    assert "imię" in texts(say(gateway, chat, "tak, zgadzam się")).lower()
    assert "numer telefonu" in texts(say(gateway, chat, "Jan Kowalski"))
    wrong = texts(say(gateway, chat, "123 45"))
    assert "niepoprawny" in wrong
    windows = say(gateway, chat, "600 123 456")
    buttons = [b for m in windows for b in m.get("buttons", [])]
    assert buttons, texts(windows)
    # A time no offered window fits (the office is closed on Saturdays) is asked again.
    assert "Nie mam wolnego terminu" in texts(say(gateway, chat, "w sobotę"))
    topic = texts(say(gateway, chat, payload=buttons[0]["payload"]))
    assert "W jakiej sprawie" in topic
    return texts(say(gateway, chat, "<b>zameldowanie</b> dziecka"))


def stored_callbacks(live: LiveAssistant, conversation_id: str) -> List[CallbackRequest]:
    db = Database(f"sqlite:///{live.var_dir / 'kck.db'}")
    try:
        with db.session() as session:
            return list(
                session.execute(
                    select(CallbackRequest).where(
                        CallbackRequest.conversation_id == conversation_id
                    )
                ).scalars()
            )
    finally:
        db.dispose()


def test_callback_request_in_hours(
    gateway: httpx.Client, live: LiveAssistant, staff: Staff
) -> None:
    chat = new_chat(gateway)
    confirmation = fill_callback(gateway, chat)
    # The first window still open when the form asks (the stack's clock runs on from
    # Monday 9:00, so later in a long test run 7:40–9:40 may have closed).
    assert re.search(
        r"zadzwoni pod numer \+48 600 123 456 w poniedziałek 30 listopada "
        r"między (7:40 a 9:40|9:40 a 11:40)",
        confirmation,
    ), confirmation
    [row] = stored_callbacks(live, chat["conversation_id"])
    assert (row.name, row.phone, row.topic, row.consent) == (
        "Jan Kowalski",
        "+48600123456",
        "zameldowanie dziecka",
        True,
    )
    page = staff.client("consultant").get("/console/callbacks")
    assert "Jan Kowalski" in page.text and "+48600123456" in page.text


def test_cancelling_the_callback_form_stores_nothing(
    gateway: httpx.Client, live: LiveAssistant
) -> None:
    chat = new_chat(gateway)
    assert "Zgadzasz się?" in texts(say(gateway, chat, "proszę o oddzwonienie"))
    say(gateway, chat, "tak")
    assert "nie zapisałem żadnych danych" in texts(say(gateway, chat, "anuluj"))
    assert stored_callbacks(live, chat["conversation_id"]) == []


def test_outside_hours_the_next_opening_and_the_callback(
    live_closed: LiveAssistant, staff_closed: Staff
) -> None:
    staff_closed.client("supervisor").get("/console/api/queue")  # online, but the office is closed
    with httpx.Client(base_url=live_closed.gateway_url, timeout=60) as gateway:
        chat = new_chat(gateway)
        answer = texts(say(gateway, chat, "chcę rozmawiać z konsultantem"))
        assert "nie pracują" in answer and "w poniedziałek 30 listopada od 7:40" in answer
        confirmation = fill_callback(gateway, chat)
    assert "w poniedziałek 30 listopada między 7:40 a 9:40" in confirmation
    assert len(stored_callbacks(live_closed, chat["conversation_id"])) == 1
    db = Database(f"sqlite:///{live_closed.var_dir / 'kck.db'}")
    try:
        with db.session() as session:
            assert session.execute(select(Handoff)).first() is None  # nothing was queued
    finally:
        db.dispose()


CONSOLE_PAGES = ["/console", "/console/callbacks", "/console/reports", "/console/chat/abc"]
CONSOLE_API = [
    ("GET", "/console/api/queue"),
    ("GET", "/console/api/answers"),
    ("GET", "/console/api/units"),
    ("GET", "/console/api/conversations/abc"),
    ("POST", "/console/api/conversations/abc/take"),
    ("POST", "/console/api/conversations/abc/messages"),
    ("POST", "/console/api/conversations/abc/notes"),
    ("POST", "/console/api/conversations/abc/transfer"),
    ("POST", "/console/api/conversations/abc/end"),
]


@pytest.mark.parametrize("path", CONSOLE_PAGES)
def test_console_pages_send_strangers_to_the_login(gateway: httpx.Client, path: str) -> None:
    answer = gateway.get(path)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/console/login")


@pytest.mark.parametrize(("method", "path"), CONSOLE_API)
def test_console_api_refuses_without_a_session(
    gateway: httpx.Client, method: str, path: str
) -> None:
    answer = gateway.request(method, path, json={"text": "x"})
    assert answer.status_code == 401 and "error" in answer.json()


@pytest.mark.parametrize(
    "path", ["/console/callbacks/1", "/console/reports/KCK-2026-000001/status"]
)
def test_console_forms_refuse_without_a_session(gateway: httpx.Client, path: str) -> None:
    assert gateway.post(path, data={"status": "done"}).status_code in (303, 401)
    assert (
        gateway.post(path, data={"status": "done"})
        .headers.get("location", "")
        .startswith("/console/login")
    )


def test_console_changes_need_the_csrf_token(gateway: httpx.Client, staff: Staff) -> None:
    console = staff.client("consultant")
    del console.headers["X-CSRF-Token"]
    answer = console.post("/console/api/conversations/abc/take")
    assert answer.status_code == 403
    assert console.post("/console/callbacks/1", data={"status": "done"}).status_code == 403


def test_wrong_password_gives_no_session(live: LiveAssistant, staff: Staff) -> None:
    login, _password = staff.account("consultant")
    with httpx.Client(base_url=live.gateway_url) as client:
        page = client.get("/console/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        answer = client.post(
            "/console/login",
            data={"login": login, "password": "zle-haslo-123", "csrf_token": token.group(1)},
        )
        assert answer.status_code == 401 and "kck_console" not in answer.cookies
        assert client.get("/console/api/queue").status_code == 401


def test_a_residents_token_opens_only_their_own_chat(gateway: httpx.Client) -> None:
    mine, other = new_chat(gateway), new_chat(gateway)
    answer = gateway.get(
        f"/api/v1/conversations/{other['conversation_id']}/messages", headers=mine["headers"]
    )
    assert answer.status_code == 401


def test_two_failed_fallbacks_queue_the_chat_for_the_first_line(
    live: LiveAssistant, gateway: httpx.Client, staff: Staff
) -> None:
    console = staff.client("consultant")
    console.get("/console/api/queue")
    chat = new_chat(gateway)
    vague = vague_message(live)
    for _ in range(2):
        say(gateway, chat, vague)
        say(gateway, chat, "Żaden z tych", "/out_of_scope")
    assert "Przekazuję rozmowę konsultantowi" in texts(transcript(gateway, chat))
    [entry] = [
        e
        for e in console.get("/console/api/queue").json()["waiting"]
        if e["conversation_id"] == chat["conversation_id"]
    ]
    assert entry["reason"] == "fallback" and entry["line"] == "first"
    cid = chat["conversation_id"]
    assert console.post(f"/console/api/conversations/{cid}/take").status_code == 200
    assert console.post(f"/console/api/conversations/{cid}/end").status_code == 200
