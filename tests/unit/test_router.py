"""The router on its own: a real SQLite transcript, a scripted Rasa over real HTTP.

What a resident notices of the Rasa side: the replies in Rasa's order, a Polish
"unavailable" message (and the message kept) when Rasa is down, an answer after a
hand-off whose end Rasa never heard of, a form's old buttons refused once the form has
moved on, and a notice when only the start of a long message was read.
"""

from __future__ import annotations

import uuid
from typing import AsyncIterator, Iterator, List

import pytest

from bot import offered, texts, transcript
from bot.db import Database
from bot.hub import Hub
from bot.rasa_client import RasaClient
from bot.router import ConversationRouter, Incoming
from bot.transcript import OutMessage
from tests.helpers.scripted_rasa import ScriptedRasa, closed_port_url

SECRET = "kanal-" + "x" * 20
TOKEN = "api-token-test"
NLU_CHARS = 60
POTHOLE = "Na ulicy Długiej jest głęboka dziura w jezdni"

# tests/conftest.py's db, on SQLite only: the router is the subject here, not the database.
pytestmark = pytest.mark.parametrize("db", ["sqlite"], indirect=True)


@pytest.fixture()
def rasa() -> Iterator[ScriptedRasa]:
    server = ScriptedRasa(secret=SECRET, token=TOKEN).start()
    yield server
    server.stop()


async def make_router(db: Database, url: str) -> ConversationRouter:
    client = RasaClient(url, TOKEN, timeout=5, channel_secret=SECRET)
    return ConversationRouter(db, client, Hub(), max_chars=2000, nlu_chars=NLU_CHARS)


@pytest.fixture()
async def router(db: Database, rasa: ScriptedRasa) -> AsyncIterator[ConversationRouter]:
    built = await make_router(db, rasa.url)
    yield built
    await built.rasa.close()


def chat(db: Database) -> str:
    return transcript.create_conversation(db, "web", uuid.uuid4().hex)


def stored(db: Database, conversation_id: str) -> List[tuple]:
    return [(m.sender, m.text) for m in transcript.history(db, conversation_id)]


def said(replies: List[OutMessage]) -> List[str]:
    return [reply.text for reply in replies]


async def test_replies_come_in_rasas_order_and_are_stored_after_the_message(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    conversation = chat(db)
    rasa.answers = [
        [
            {"text": "Rozumiem, chodzi o dziurę w jezdni."},
            {"text": "Gdzie dokładnie?", "buttons": [{"title": "Mapa", "payload": "/mapa"}]},
            {"text": "Możesz też dodać zdjęcie."},
        ]
    ]
    replies = await router.handle(conversation, Incoming(text=POTHOLE))
    assert said(replies) == [
        "Rozumiem, chodzi o dziurę w jezdni.",
        "Gdzie dokładnie?",
        "Możesz też dodać zdjęcie.",
    ]
    assert replies[1].buttons == [{"title": "Mapa", "payload": "/mapa"}]
    assert stored(db, conversation) == [
        ("user", POTHOLE),
        ("bot", "Rozumiem, chodzi o dziurę w jezdni."),
        ("bot", "Gdzie dokładnie?"),
        ("bot", "Możesz też dodać zdjęcie."),
    ]
    assert rasa.texts_received() == [POTHOLE]


async def test_rasa_down_says_so_in_polish_and_keeps_the_message(db: Database) -> None:
    conversation = chat(db)
    router = await make_router(db, closed_port_url())
    try:
        replies = await router.handle(conversation, Incoming(text=POTHOLE))
    finally:
        await router.rasa.close()
    assert said(replies) == [texts.RASA_DOWN]
    assert "niedostępny" in replies[0].text
    assert stored(db, conversation) == [("user", POTHOLE), ("system", texts.RASA_DOWN)]


async def test_rasa_answering_with_an_error_counts_as_down(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    conversation = chat(db)
    rasa.answers = [500]
    replies = await router.handle(conversation, Incoming(text=POTHOLE))
    assert said(replies) == [texts.RASA_DOWN]
    assert stored(db, conversation)[0] == ("user", POTHOLE)


async def test_no_answer_from_a_paused_tracker_resumes_it_and_asks_again(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    """A consultant ended the chat while Rasa was down: its tracker stayed paused and
    said nothing. The router resumes it and the resident gets the real answer."""
    conversation = chat(db)
    rasa.tracker(conversation).paused = True
    rasa.answers = [[], [{"text": "Jestem z powrotem. W czym pomóc?"}]]
    replies = await router.handle(conversation, Incoming(text=POTHOLE))
    assert said(replies) == ["Jestem z powrotem. W czym pomóc?"]
    assert rasa.texts_received() == [POTHOLE, POTHOLE]
    assert rasa.tracker(conversation).events == [
        {"event": "resume"},
        {"event": "action", "name": "action_listen"},
    ]
    assert rasa.tracker(conversation).paused is False


async def test_no_answer_from_a_running_tracker_is_explained_without_resuming(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    conversation = chat(db)
    rasa.answers = [[]]
    replies = await router.handle(conversation, Incoming(text=POTHOLE))
    assert said(replies) == [texts.NO_ANSWER]
    assert rasa.texts_received() == [POTHOLE]
    assert rasa.tracker(conversation).events == []
    assert stored(db, conversation) == [("user", POTHOLE), ("system", texts.NO_ANSWER)]


async def test_a_forms_buttons_count_only_while_its_question_is_asked(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    conversation = chat(db)
    tracker = rasa.tracker(conversation)
    tracker.form, tracker.requested_slot = "report_form", "report_category"
    rasa.answers = [
        [
            {
                "text": "Jakiej kategorii dotyczy zgłoszenie?",
                "buttons": [{"title": "Drogi", "payload": "/inform_category"}],
            }
        ]
    ]
    replies = await router.handle(conversation, Incoming(text=POTHOLE))
    assert replies[0].buttons == [
        {"title": "Drogi", "payload": "/inform_category", "question": "report_form:report_category"}
    ]

    # The resident typed the category instead and the form moved on to the place: the
    # category button is stale now and Rasa never hears it.
    tracker.requested_slot = "report_place"
    rasa.answers = [[{"text": "Gdzie to jest?"}]]
    await router.handle(conversation, Incoming(text="drogi"))
    replies = await router.handle(conversation, Incoming(payload="/inform_category"))
    assert said(replies) == [offered.STALE_TEXT]
    assert rasa.texts_received() == [POTHOLE, "drogi"]

    # Back at the category question, the same button counts again: Rasa says so.
    tracker.requested_slot = "report_category"
    rasa.answers = [[{"text": "Dziękuję. Gdzie to jest?"}]]
    replies = await router.handle(conversation, Incoming(payload="/inform_category"))
    assert said(replies) == ["Dziękuję. Gdzie to jest?"]
    assert rasa.texts_received() == [POTHOLE, "drogi", "/inform_category"]


async def test_a_form_button_of_the_newest_answer_is_accepted_without_a_tracker_read(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    """Nothing reached Rasa since the answer that asked the question (every exchange is
    stored under the conversation's lock), so its form still asks it (issue 19)."""
    conversation = chat(db)
    tracker = rasa.tracker(conversation)
    tracker.form, tracker.requested_slot = "report_form", "report_photo"
    rasa.answers = [
        [{"text": "Dodasz zdjęcie?", "buttons": [{"title": "Pomiń", "payload": "/skip"}]}],
        [{"text": "Czy możemy się z Tobą skontaktować?"}],
    ]
    await router.handle(conversation, Incoming(text=POTHOLE))
    replies = await router.handle(conversation, Incoming(text="Pomiń", payload="/skip"))
    assert said(replies) == ["Czy możemy się z Tobą skontaktować?"]
    assert rasa.texts_received() == [POTHOLE, "/skip"]
    assert rasa.tracker_reads == 0


async def test_a_forms_question_comes_with_rasas_answer_not_from_a_tracker_read(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    """Rasa's channel names the question its form asks in the answer itself: the gateway
    marks the buttons without a second request (issue 19: a tracker read cost the gateway
    and Rasa CPU on every answer with buttons)."""
    conversation = chat(db)
    tracker = rasa.tracker(conversation)
    tracker.form, tracker.requested_slot = "report_form", "report_photo"
    rasa.answers = [[{"text": "Dodasz zdjęcie?", "buttons": [{"title": "Pomiń", "payload": "/s"}]}]]
    replies = await router.handle(conversation, Incoming(text=POTHOLE))
    assert replies[0].buttons == [
        {"title": "Pomiń", "payload": "/s", "question": "report_form:report_photo"}
    ]
    assert rasa.tracker_reads == 0


async def test_an_answer_that_does_not_name_the_question_has_the_tracker_read(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    """A Rasa without the gateway's channel (say, an older replica during an upgrade)
    still gets its form's buttons scoped: the gateway reads the tracker as before."""
    conversation = chat(db)
    rasa.form_header = False
    tracker = rasa.tracker(conversation)
    tracker.form, tracker.requested_slot = "report_form", "report_photo"
    rasa.answers = [[{"text": "Dodasz zdjęcie?", "buttons": [{"title": "Pomiń", "payload": "/s"}]}]]
    replies = await router.handle(conversation, Incoming(text=POTHOLE))
    assert replies[0].buttons == [
        {"title": "Pomiń", "payload": "/s", "question": "report_form:report_photo"}
    ]
    assert rasa.tracker_reads == 1


async def test_a_lasting_button_is_accepted_without_asking_rasa_what_it_asks(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    conversation = chat(db)
    rasa.answers = [[{"text": "Co mogę zrobić?", "buttons": [{"title": "Zgłoś", "payload": "/r"}]}]]
    await router.handle(conversation, Incoming(text=POTHOLE))
    replies = await router.handle(conversation, Incoming(text="Zgłoś", payload="/r"))
    assert said(replies) == ["Odpowiedź asystenta"]
    assert rasa.texts_received() == [POTHOLE, "/r"]
    assert rasa.tracker_reads == 0
    assert stored(db, conversation)[-2:] == [("user", "Zgłoś"), ("bot", "Odpowiedź asystenta")]


async def test_buttons_outside_a_form_keep_working_later(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    conversation = chat(db)
    rasa.answers = [[{"text": "Co mogę zrobić?", "buttons": [{"title": "Zgłoś", "payload": "/r"}]}]]
    replies = await router.handle(conversation, Incoming(text=POTHOLE))
    assert replies[0].buttons == [{"title": "Zgłoś", "payload": "/r"}]
    await router.handle(conversation, Incoming(text="Dziękuję bardzo za pomoc"))
    replies = await router.handle(conversation, Incoming(payload="/r"))
    assert said(replies) == ["Odpowiedź asystenta"]
    assert rasa.texts_received()[-1] == "/r"


async def test_every_message_carries_the_channels_secret(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    conversation = chat(db)
    await router.handle(conversation, Incoming(text=POTHOLE))
    await router.handle(conversation, Incoming(text="A chodnik obok też jest zniszczony"))
    assert rasa.secrets == [SECRET, SECRET]


async def test_a_wrong_secret_is_refused_and_the_resident_told_rasa_is_down(
    db: Database, rasa: ScriptedRasa
) -> None:
    conversation = chat(db)
    client = RasaClient(rasa.url, TOKEN, timeout=5, channel_secret="inny-sekret")
    router = ConversationRouter(db, client, Hub(), max_chars=2000, nlu_chars=NLU_CHARS)
    try:
        replies = await router.handle(conversation, Incoming(text=POTHOLE))
    finally:
        await client.close()
    assert said(replies) == [texts.RASA_DOWN]


async def test_a_long_message_is_cut_for_rasa_with_a_notice_and_stored_whole(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    conversation = chat(db)
    long_text = " ".join([POTHOLE] * 4)
    assert len(long_text) > NLU_CHARS
    replies = await router.handle(conversation, Incoming(text=long_text))
    notice = texts.LONG_MESSAGE.format(chars=NLU_CHARS, total=len(long_text))
    assert said(replies) == [notice, "Odpowiedź asystenta"]
    assert rasa.texts_received() == [long_text[:NLU_CHARS]]
    assert stored(db, conversation)[0] == ("user", long_text)


async def test_a_message_within_the_limit_goes_whole_without_a_notice(
    db: Database, rasa: ScriptedRasa, router: ConversationRouter
) -> None:
    conversation = chat(db)
    text = POTHOLE[:NLU_CHARS]
    replies = await router.handle(conversation, Incoming(text=text))
    assert said(replies) == ["Odpowiedź asystenta"]
    assert rasa.texts_received() == [text]
