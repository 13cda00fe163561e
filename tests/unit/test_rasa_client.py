"""RasaClient on its own, against a scripted Rasa over real HTTP (tests/helpers/scripted_rasa.py).

Why: the router relies on the client's promises (replies as shown, RasaUnavailable for any
failure, the next replica only when the first cannot be reached, the form's question); a
break in one would reach residents as silence or a wrong "unavailable".
"""

from __future__ import annotations

from typing import Iterator

import pytest

from bot.rasa_client import RasaClient, RasaUnavailable
from tests.helpers.scripted_rasa import ScriptedRasa, closed_port_url

SECRET = "kanal-" + "y" * 20
TOKEN = "api-token-test"


@pytest.fixture()
def rasa() -> Iterator[ScriptedRasa]:
    server = ScriptedRasa(secret=SECRET, token=TOKEN).start()
    yield server
    server.stop()


def client_for(*urls: str, token: str = TOKEN) -> RasaClient:
    return RasaClient(list(urls), token, timeout=5, channel_secret=SECRET)


async def test_replies_keep_text_buttons_and_control_and_drop_empty_ones(
    rasa: ScriptedRasa,
) -> None:
    rasa.answers = [
        [
            {"text": "Pierwsza"},
            {"image": "https://example.invalid/obrazek.png"},  # nothing the gateway shows
            {"buttons": [{"title": "Tak", "payload": "/affirm"}]},
            {"custom": {"kck_control": "erase_conversation"}},
        ]
    ]
    client = client_for(rasa.url)
    try:
        replies = await client.send("rozmowa-1", "Dzień dobry")
    finally:
        await client.close()
    assert [(r.sender, r.text, r.buttons, r.control) for r in replies] == [
        ("bot", "Pierwsza", [], None),
        ("bot", "", [{"title": "Tak", "payload": "/affirm"}], None),
        ("bot", "", [], "erase_conversation"),
    ]
    assert rasa.received == [{"sender": "rozmowa-1", "message": "Dzień dobry"}]
    assert rasa.secrets == [SECRET]


async def test_an_unreachable_first_replica_hands_over_to_the_next(rasa: ScriptedRasa) -> None:
    client = client_for(closed_port_url(), rasa.url)
    try:
        replies = await client.send("rozmowa-2", "Dzień dobry")
    finally:
        await client.close()
    assert [r.text for r in replies] == ["Odpowiedź asystenta"]
    assert len(rasa.received) == 1


async def test_an_error_answer_is_not_sent_to_another_replica(rasa: ScriptedRasa) -> None:
    """The first replica received the message: sending it elsewhere could process it twice."""
    other = ScriptedRasa(secret=SECRET, token=TOKEN).start()
    rasa.answers = [500]
    client = client_for(rasa.url, other.url)
    try:
        with pytest.raises(RasaUnavailable):
            await client.send("rozmowa-3", "Dzień dobry")
    finally:
        await client.close()
        other.stop()
    assert len(rasa.received) == 1
    assert other.received == []


async def test_a_timeout_is_not_sent_to_another_replica(rasa: ScriptedRasa) -> None:
    """A slow replica may still process the message: a second one must not get it too."""
    other = ScriptedRasa(secret=SECRET, token=TOKEN).start()
    rasa.answers = [2.0]
    client = RasaClient([rasa.url, other.url], TOKEN, timeout=0.5, channel_secret=SECRET)
    try:
        with pytest.raises(RasaUnavailable):
            await client.send("rozmowa-7", "Dzień dobry")
    finally:
        await client.close()
        other.stop()
    assert len(rasa.received) == 1
    assert other.received == []


async def test_no_replica_reachable_is_rasa_unavailable() -> None:
    client = client_for(closed_port_url(), closed_port_url())
    try:
        with pytest.raises(RasaUnavailable):
            await client.send("rozmowa-4", "Dzień dobry")
        with pytest.raises(RasaUnavailable):
            await client.is_paused("rozmowa-4")
        assert await client.is_ready() is False
    finally:
        await client.close()


async def test_the_forms_question_and_pause_come_from_the_tracker_with_the_token(
    rasa: ScriptedRasa,
) -> None:
    client = client_for(rasa.url)
    try:
        assert await client.form_question("rozmowa-5") is None
        assert await client.active_loop("rozmowa-5") is None
        tracker = rasa.tracker("rozmowa-5")
        tracker.form, tracker.requested_slot, tracker.paused = "report_form", "report_place", True
        assert await client.form_question("rozmowa-5") == "report_form:report_place"
        assert await client.active_loop("rozmowa-5") == "report_form"
        assert await client.is_paused("rozmowa-5") is True
        await client.resume("rozmowa-5")
        assert await client.is_paused("rozmowa-5") is False
    finally:
        await client.close()
    assert set(rasa.api_tokens) == {TOKEN}
    # Rasa answers these calls with every event of the conversation unless told not to;
    # the gateway reads the state only (README "Performance").
    assert {path for path, _ in rasa.api_events_asked} == {"tracker", "events"}
    assert {asked for _, asked in rasa.api_events_asked} == {"NONE"}


async def test_a_wrong_api_token_is_rasa_unavailable(rasa: ScriptedRasa) -> None:
    client = client_for(rasa.url, token="zly-token")
    try:
        with pytest.raises(RasaUnavailable):
            await client.form_question("rozmowa-6")
        assert await client.is_ready() is False
    finally:
        await client.close()


async def test_ready_only_with_a_loaded_model(rasa: ScriptedRasa) -> None:
    client = client_for(rasa.url)
    try:
        assert await client.is_ready() is True
        rasa.model_loaded = False
        assert await client.is_ready() is False
    finally:
        await client.close()


async def test_a_turn_brings_the_forms_question_named_in_rasas_answer(
    rasa: ScriptedRasa,
) -> None:
    client = client_for(rasa.url)
    try:
        outside = await client.turn("rozmowa-8", "Dzień dobry")
        tracker = rasa.tracker("rozmowa-8")
        tracker.form, tracker.requested_slot = "report_form", "report_photo"
        inside = await client.turn("rozmowa-8", "nie świeci latarnia przy Długiej 5")
        rasa.form_header = False
        unsaid = await client.turn("rozmowa-8", "Pomiń")
    finally:
        await client.close()
    assert outside.form_question == ""
    assert inside.form_question == "report_form:report_photo"
    assert unsaid.form_question is None  # not said: the router reads the tracker instead
    assert [reply.text for reply in inside.replies] == ["Odpowiedź asystenta"]
    assert rasa.tracker_reads == 0
