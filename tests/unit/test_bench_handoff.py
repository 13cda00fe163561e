"""The bench's hand-off bookkeeping (bench/handoff.py, bench/load.py; issue 19): which
conversations hand off, what the resident waits for, the figures, and that straight at
Rasa the same conversation skips the step and sends the same other messages."""

from __future__ import annotations

import asyncio
import random
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import AsyncIterator, Dict, List, Optional

import httpx

from bench.handoff import (
    CONSULTANT_ANSWER,
    HANDOFF_TEXT,
    NOT_POSSIBLE,
    HandoffRecord,
    is_consultants_answer,
    summarize,
)
from bench.load import Conversation, LevelResult, Sample, handoff_picks
from bench.targets import Handle, Reply

QUEUED = "Przekazuję rozmowę konsultantowi. Twoja rozmowa jest pierwsza w kolejce."
BACK = "Konsultant zakończył rozmowę – znów odpowiada asystent."


def reply(text: str, *buttons: str, sender: str = "bot") -> Reply:
    return {
        "text": text,
        "buttons": [{"title": b, "payload": f"/{b}"} for b in buttons],
        "sender": sender,
    }


@dataclass
class FakePushes:
    """What the widget's socket pushes after the request: the consultant joining, their
    answer, the assistant back; then nothing (a wait that times out)."""

    frames: List[Reply]
    read: int = 0

    async def next(self, timeout: float) -> Reply:
        if self.read < len(self.frames):
            self.read += 1
            return self.frames[self.read - 1]
        await asyncio.sleep(timeout)
        raise asyncio.TimeoutError


@dataclass
class FakeAssistant:
    """Answers the scenario's steps; after a hand-off request its socket pushes the
    consultant's answer and the assistant's return."""

    can_hand_off: bool
    name: str = "fake"
    base_url: str = "http://fake"
    sent: List[str] = field(default_factory=list)
    sockets: int = 0

    async def open(self, client: httpx.AsyncClient) -> Handle:
        return "c1", {}

    async def send(
        self, client: httpx.AsyncClient, conversation: Handle, text: str, payload: Optional[str]
    ) -> List[Reply]:
        self.sent.append(text)
        if text == HANDOFF_TEXT:
            return [reply(QUEUED)]
        if text.startswith("jaki jest status"):
            return [reply("Zgłoszenie KCK-2026-000123: przyjęte.")]
        steps = {
            "Pomiń zdjęcie": reply("Kontakt?", "Nie, bez kontaktu"),
            "Nie, bez kontaktu": reply("Wysłać?", "Wyślij zgłoszenie"),
            "Wyślij zgłoszenie": reply("Numer zgłoszenia: KCK-2026-000123."),
        }
        if text in steps:
            return [steps[text]]
        if "przy" in text:  # a report
            return [reply("Zdjęcie?", "Pomiń zdjęcie")]
        return [reply("Odpowiedź na pytanie.")]

    def pushed(self) -> List[Reply]:
        return [
            reply("Konsultant KCK dołączył do rozmowy.", sender="system"),
            reply(CONSULTANT_ANSWER, sender="consultant"),
            reply(BACK),
        ]

    @asynccontextmanager
    async def live(self, conversation: Handle) -> AsyncIterator[FakePushes]:
        self.sockets += 1
        yield FakePushes(self.pushed())


def play(target: FakeAssistant, seed: int = 5, timeout: float = 10) -> Conversation:
    async def run() -> Conversation:
        async with httpx.AsyncClient() as client:
            conversation = Conversation(
                target, client, random.Random(seed), (0.0, 0.0), hand_off=True, timeout=timeout
            )
            await conversation.play(0.0)
            return conversation

    return asyncio.run(run())


def test_the_picks_are_a_share_of_the_level_chosen_by_the_seed() -> None:
    assert len(handoff_picks(200, 0.2, seed=2226)) == 40
    assert handoff_picks(50, 0.2, seed=1) == handoff_picks(50, 0.2, seed=1)
    assert handoff_picks(50, 0.2, seed=1) != handoff_picks(50, 0.2, seed=2)
    assert len(handoff_picks(2, 0.2, seed=1)) == 1  # at least one when the share is above 0
    assert handoff_picks(10, 0.0, seed=1) == set()
    assert all(0 <= i < 10 for i in handoff_picks(10, 0.5, seed=3))


def test_the_resident_waits_for_the_answer_and_the_assistant_then_goes_on() -> None:
    gateway = play(FakeAssistant(can_hand_off=True))
    record = gateway.handoff
    assert record is not None and record.error is None
    assert record.answered is not None and record.resumed is not None
    assert record.requested <= record.answered <= record.resumed
    assert record.pushes == 3
    assert [s.kind for s in gateway.samples][-5:] == [
        "report",
        "button",
        "button",
        "button",
        "status",
    ]
    assert all(s.error is None for s in gateway.samples)


def test_straight_at_rasa_the_step_is_skipped_and_the_other_messages_are_the_same() -> None:
    gateway, rasa = FakeAssistant(can_hand_off=True), FakeAssistant(can_hand_off=False)
    through_gateway, straight = play(gateway), play(rasa)
    assert straight.handoff is None and straight.handoff_skipped
    assert HANDOFF_TEXT in gateway.sent and HANDOFF_TEXT not in rasa.sent
    assert [t for t in gateway.sent if t != HANDOFF_TEXT] == rasa.sent
    assert rasa.sockets == 0 and gateway.sockets == 1
    assert all(s.error is None for s in straight.samples)
    assert [s.kind for s in through_gateway.samples if s.kind != "handoff"] == [
        s.kind for s in straight.samples
    ]


def test_a_chat_never_answered_is_a_hand_off_error() -> None:
    class Silent(FakeAssistant):
        def pushed(self) -> List[Reply]:
            return [reply("Konsultant KCK dołączył do rozmowy.", sender="system")]

    conversation = play(Silent(can_hand_off=True), timeout=0.8)
    assert conversation.handoff is not None and conversation.handoff.resumed is None
    assert conversation.handoff.error == "wrong answer: hand-off: no consultant's answer within 1 s"
    assert conversation.samples[-1].kind == "handoff" and conversation.samples[-1].error


def test_only_the_consultants_words_from_the_consultant_are_the_answer() -> None:
    assert is_consultants_answer(reply(CONSULTANT_ANSWER, sender="consultant"))
    # The same words from the bot are not the consultant's answer, nor other words.
    assert not is_consultants_answer(reply(CONSULTANT_ANSWER))
    assert not is_consultants_answer(reply("Chwileczkę.", sender="consultant"))


def test_the_assistant_back_before_the_answer_does_not_end_the_wait() -> None:
    class Early(FakeAssistant):
        def pushed(self) -> List[Reply]:
            return [reply(BACK), reply(CONSULTANT_ANSWER, sender="consultant")]

    conversation = play(Early(can_hand_off=True), timeout=0.8)
    record = conversation.handoff
    assert record is not None and record.answered is not None and record.resumed is None
    assert record.error == "wrong answer: hand-off: no assistant back within 1 s"


def test_the_figures_of_a_level() -> None:
    records = [
        HandoffRecord(requested=10.0, answered=11.0, resumed=11.5, pushes=2),
        HandoffRecord(requested=20.0, answered=23.0, resumed=24.0, pushes=6),
        HandoffRecord(requested=30.0, error="wrong answer: hand-off: the chat was not queued"),
    ]
    consultant: Dict[str, int] = {"chats_handled": 2}
    figures = summarize(records, skipped=0, consultant=consultant)
    assert figures["requested"] == 3 and figures["answered"] == 2 and figures["given_back"] == 2
    assert figures["errors"] == 1
    assert figures["error_kinds"] == {"wrong answer: hand-off: the chat was not queued": 1}
    assert figures["answer_ms_median"] == 2000.0
    assert 2800 < (figures["answer_ms_p95"] or 0) <= 3000
    assert figures["given_back_ms_median"] == 2750.0
    assert figures["resident_pushes"] == 8 and figures["consultant"] == consultant
    assert figures["note"] == ""
    skipped = summarize([], skipped=4, consultant={})
    assert skipped["requested"] == 0 and skipped["skipped"] == 4
    assert skipped["note"] == NOT_POSSIBLE and skipped["answer_ms_median"] is None


def test_the_level_latency_leaves_hand_off_requests_out() -> None:
    samples = [
        Sample("create", 0.01),
        Sample("faq", 0.1),
        Sample("handoff", 5.0),
        Sample("report", 0.3),
    ]
    summary = LevelResult("gateway", 1, 10.0, samples).summary()
    assert summary["messages"] == 2 and summary["latency_ms_max"] == 300.0
    assert summary["latency_ms_median_by_kind"]["handoff"] == 5000.0
    assert summary["handoff"]["request_ms_median"] == 5000.0
