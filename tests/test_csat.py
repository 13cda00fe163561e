"""The resident's rating after a chat ends, through the running assistant (issue 18, point 3).

A goodbye to the assistant and a consultant ending the chat each bring one question
(1–5 and "Pomiń"); a score and one typed comment are stored with who handled the chat,
the channel and the time; skipping stores no score, and nothing is asked again.
"""

from __future__ import annotations

from typing import Any, Dict, List

import httpx
import pytest
from sqlalchemy import select

from bot.csat import wording
from bot.db import Database
from bot.models import ChatRating
from tests.conftest import LiveAssistant
from tests.helpers.chat import new_chat, say, texts
from tests.staff import Staff

pytestmark = [pytest.mark.stack, pytest.mark.usefixtures("empty_queue")]
QUESTION_START = "Jak oceniasz tę rozmowę?"


def ratings(live: LiveAssistant, conversation_id: str) -> List[ChatRating]:
    db = Database(f"sqlite:///{live.var_dir / 'kck.db'}")
    try:
        with db.session() as session:
            rows = session.execute(
                select(ChatRating)
                .where(ChatRating.conversation_id == conversation_id)
                .order_by(ChatRating.id)
            ).scalars()
            found = list(rows)
            session.expunge_all()
            return found
    finally:
        db.dispose()


def question_in(messages: List[Dict[str, Any]]) -> Dict[str, Any]:
    [asked] = [m for m in messages if m["text"].startswith(QUESTION_START)]
    return asked


def say_goodbye(gateway: httpx.Client, chat: dict) -> List[Dict[str, Any]]:
    say(gateway, chat, "jak wyrobić dowód osobisty")
    say(gateway, chat, "dziękuję")
    return say(gateway, chat, "nie, dziękuję")


def test_a_goodbye_asks_once_and_stores_the_score_and_one_comment(
    gateway: httpx.Client, live: LiveAssistant
) -> None:
    chat = new_chat(gateway)
    cid = chat["conversation_id"]
    goodbye = say_goodbye(gateway, chat)
    assert "Do widzenia" in texts(goodbye)
    asked = question_in(goodbye)
    assert [b["title"] for b in asked["buttons"]] == ["1", "2", "3", "4", "5", "Pomiń"]

    thanks = say(gateway, chat, payload=wording.score_payload(4))
    assert "Dziękujemy za ocenę" in texts(thanks)
    assert "komentarz zapisany" in texts(say(gateway, chat, "Szybko i konkretnie"))
    # A comment is taken once: the next message is the assistant's again.
    again = say(gateway, chat, "jak wyrobić dowód osobisty")
    assert "dowód" in texts(again).lower() and "komentarz" not in texts(again)

    [row] = ratings(live, cid)
    assert (row.score, row.comment, row.handled_by, row.channel) == (
        4,
        "Szybko i konkretnie",
        "assistant",
        "web",
    )
    assert row.rated_at is not None and row.closed
    # Another goodbye in the same conversation: no second question.
    assert QUESTION_START not in texts(say_goodbye(gateway, chat))
    assert len(ratings(live, cid)) == 1


def test_skipping_stores_no_score_and_nothing_is_asked_again(
    gateway: httpx.Client, live: LiveAssistant
) -> None:
    chat = new_chat(gateway)
    cid = chat["conversation_id"]
    question_in(say_goodbye(gateway, chat))
    assert "bez oceny" in texts(say(gateway, chat, payload=wording.SKIP))
    # The old buttons do nothing now, and a later goodbye asks nothing.
    stale = texts(say(gateway, chat, payload=wording.score_payload(5)))
    assert "nieaktualne" in stale
    assert QUESTION_START not in texts(say_goodbye(gateway, chat))
    [row] = ratings(live, cid)
    assert (row.score, row.comment, row.closed) == (None, None, True)


def test_ignoring_the_question_goes_on_with_the_chat(
    gateway: httpx.Client, live: LiveAssistant
) -> None:
    chat = new_chat(gateway)
    question_in(say_goodbye(gateway, chat))
    answer = say(gateway, chat, "jak wyrobić dowód osobisty")
    assert "dowód" in texts(answer).lower()  # the assistant answers: never forced
    [row] = ratings(live, chat["conversation_id"])
    assert row.score is None and row.closed


def test_a_chat_a_consultant_ends_is_rated_with_the_consultant(
    gateway: httpx.Client, live: LiveAssistant, staff: Staff
) -> None:
    console = staff.client("consultant")
    console.get("/console/api/queue")
    chat = new_chat(gateway)
    cid = chat["conversation_id"]
    say(gateway, chat, "chcę porozmawiać z konsultantem")
    assert console.post(f"/console/api/conversations/{cid}/take").status_code == 200
    assert console.post(f"/console/api/conversations/{cid}/end").status_code == 200
    shown = gateway.get(f"/api/v1/conversations/{cid}/messages", headers=chat["headers"]).json()[
        "messages"
    ]
    assert shown[-1]["text"].startswith(QUESTION_START)
    assert "Dziękujemy za ocenę" in texts(say(gateway, chat, payload=wording.score_payload(2)))
    assert "Dobrze" in texts(say(gateway, chat, payload=wording.NO_COMMENT))
    [row] = ratings(live, cid)
    assert (row.score, row.comment, row.handled_by, row.unit) == (2, None, "consultant", None)
    assert row.consultant_id is not None and row.handoff_id is not None


def test_erasure_removes_the_comment_and_keeps_the_score(
    gateway: httpx.Client, live: LiveAssistant
) -> None:
    chat = new_chat(gateway)
    cid = chat["conversation_id"]
    question_in(say_goodbye(gateway, chat))
    say(gateway, chat, payload=wording.score_payload(5))
    say(gateway, chat, "Pani Anna Nowak bardzo pomogła, tel. 600 700 800")
    assert ratings(live, cid)[0].comment is not None
    assert "Czy na pewno usunąć tę rozmowę?" in texts(say(gateway, chat, "usuń moje dane"))
    assert "Usunąłem" in texts(say(gateway, chat, "tak"))
    [row] = ratings(live, cid)
    assert (row.score, row.comment) == (5, None)
