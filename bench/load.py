"""The asyncio load client: residents' conversations through the gateway or straight at Rasa.

Every conversation plays the same kind of visit: one or two FAQ questions, a
report in one message ("nie świeci latarnia przy Długiej 5"), then the buttons
"Nie wiem" (where the category asks one more question: the lamp post's number),
"Pomiń zdjęcie", "Nie, bez kontaktu", "Wyślij zgłoszenie", and a status query
for the number it got. A share of the conversations (chosen by the seed) asks for
a consultant after the FAQ questions and waits for the simulated consultant's
answer before the report (bench/handoff.py); straight at Rasa that step is skipped.
Between messages the resident "thinks" for a random time; the conversations of a
level start spread over the first think time. Each reply is checked (the expected
button is there, a number came back, the status names it), so a fast but wrong
answer counts as an error. The targets are in bench/targets.py.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

import httpx
import numpy as np

from bench import handoff
from bench.handoff import ConsoleSession, Consultant, HandoffRecord
from bench.targets import FlowError, GatewayTarget, Handle, RasaTarget, Reply, Target, describe
from bot.topics import FAQ_TOPICS

__all__ = ["ConsoleSession", "GatewayTarget", "LevelResult", "RasaTarget", "run_level"]

NUMBER = re.compile(r"KCK-\d{4}-\d{6}")
FAQ_QUESTIONS = sorted(question for _title, question in FAQ_TOPICS.values())
# One-message reports: category and place are in the words, so the form asks for the photo next.
REPORTS = [
    "nie świeci latarnia przy Długiej 5",
    "wielka dziura w jezdni przy Karmelickiej 10",
    "zepsuta latarnia przy Karmelickiej 12 nie świeci od tygodnia",
    "dziura w chodniku przy Starowiślnej 20, można się przewrócić",
]
# Samples that are not scenario messages both targets send (so outside the latency figures).
NOT_COMPARED = ("create", "handoff")


class Stopped(Exception):
    """The ramp is over: the conversation sends nothing more (not an error)."""


@dataclass
class Sample:
    kind: str  # create | faq | handoff | report | button | status
    seconds: float
    error: Optional[str] = None
    sent: str = ""  # the text sent (kept for the report of failures)
    at: float = 0.0  # perf_counter when it was sent


@dataclass
class Conversation:
    """One resident's visit against one target, recording every request."""

    target: Target
    client: httpx.AsyncClient
    rng: random.Random
    think: Tuple[float, float]
    hand_off: bool = False
    deadline: Optional[float] = None  # perf_counter after which it sends nothing more
    timeout: float = 120.0
    samples: List[Sample] = field(default_factory=list)
    replies: List[Reply] = field(default_factory=list)
    handoff: Optional[HandoffRecord] = None
    handoff_skipped: bool = False

    async def play(self, start_delay: float) -> None:
        await asyncio.sleep(start_delay)
        try:
            started = time.perf_counter()
            try:
                handle = await self.target.open(self.client)
            finally:
                self.samples.append(Sample("create", time.perf_counter() - started, at=started))
            questions = self.rng.sample(FAQ_QUESTIONS, self.rng.choice([1, 2]))
            for question in questions:
                await self.say(handle, "faq", question)
                if not any(r["text"] for r in self.replies):
                    raise FlowError("no answer to a FAQ question")
            if self.hand_off:
                await self.ask_for_consultant(handle)
            await self.say(handle, "report", self.rng.choice(REPORTS))
            if self.offers("Nie wiem"):  # a category question (bot/reports/questions.py)
                await self.press(handle, "Nie wiem")
            await self.press(handle, "Pomiń zdjęcie")
            await self.press(handle, "Nie, bez kontaktu")
            await self.press(handle, "Wyślij zgłoszenie")
            found = NUMBER.search(self.all_text())
            if not found:
                raise FlowError("no report number after sending")
            typed = found.group(0).lower().replace("-", "")
            await self.say(handle, "status", f"jaki jest status zgłoszenia {typed}")
            if found.group(0) not in self.all_text():
                raise FlowError("the status answer does not name the report")
        except Stopped:
            pass
        except Exception as error:
            if self.samples and self.samples[-1].error is None:
                self.samples[-1].error = describe(error)
            if self.handoff and self.handoff.resumed is None and self.handoff.error is None:
                self.handoff.error = describe(error)

    async def ask_for_consultant(self, handle: Handle) -> None:
        """Asks for a consultant and waits until their answer came and the assistant is
        back; straight at Rasa, only the think time is drawn (the same random sequence
        goes on) and the step is skipped."""
        if not self.target.can_hand_off:
            self.rng.uniform(*self.think)
            self.handoff_skipped = True
            return
        async with self.target.live(handle) as pushes:
            self.handoff = HandoffRecord(requested=time.perf_counter())
            await self.say(handle, "handoff", handoff.HANDOFF_TEXT, record=self.handoff)
            if handoff.QUEUED not in self.all_text():
                raise FlowError("hand-off: the chat was not queued")
            await handoff.wait_for_consultant(pushes, self.handoff, self.timeout)
        self.replies = []

    async def say(
        self,
        handle: Handle,
        kind: str,
        text: str,
        payload: str | None = None,
        record: Optional[HandoffRecord] = None,
    ) -> None:
        pause = self.rng.uniform(*self.think)
        if self.deadline is not None and time.perf_counter() + pause > self.deadline:
            raise Stopped
        await asyncio.sleep(pause)
        started = time.perf_counter()
        if record is not None:
            record.requested = started
        try:
            self.replies = await self.target.send(self.client, handle, text, payload)
        finally:
            self.samples.append(Sample(kind, time.perf_counter() - started, sent=text, at=started))

    async def press(self, handle: Handle, title: str) -> None:
        buttons = [b for r in self.replies for b in r["buttons"] if b.get("title") == title]
        if not buttons:
            raise FlowError(f"no button {title!r}")
        await self.say(handle, "button", title, str(buttons[0]["payload"]))

    def offers(self, title: str) -> bool:
        return any(b.get("title") == title for r in self.replies for b in r["buttons"])

    def all_text(self) -> str:
        return "\n".join(r["text"] for r in self.replies)


def _ms(values: List[float], q: float) -> float:
    return round(float(np.percentile(values or [0.0], q)), 1)


@dataclass
class LevelResult:
    target: str
    concurrency: int
    wall_seconds: float
    samples: List[Sample]
    handoffs: List[HandoffRecord] = field(default_factory=list)
    handoffs_skipped: int = 0
    consultant: Dict[str, Any] = field(default_factory=dict)

    def summary(self) -> Dict[str, Any]:
        """Latency and msg/s over the scenario messages both targets send (hand-off
        requests apart, in "handoff"); errors over every request."""
        messages = [s for s in self.samples if s.kind not in NOT_COMPARED]
        ms = [s.seconds * 1000 for s in messages]
        errors: Dict[str, int] = {}
        for sample in self.samples:
            if sample.error:
                errors[sample.error] = errors.get(sample.error, 0) + 1
        answered = [s for s in messages if s.error is None]
        by_kind = {
            kind: _ms([s.seconds * 1000 for s in self.samples if s.kind == kind], 50)
            for kind in sorted({s.kind for s in self.samples} - {"create"})
        }
        creates = [s.seconds * 1000 for s in self.samples if s.kind == "create"]
        requests = [s.seconds * 1000 for s in self.samples if s.kind == "handoff"]
        figures = handoff.summarize(self.handoffs, self.handoffs_skipped, self.consultant)
        figures["request_ms_median"] = _ms(requests, 50) if requests else None
        return {
            "target": self.target,
            "concurrency": self.concurrency,
            "conversations": len(creates),
            "messages": len(messages),
            "answered": len(answered),
            "errors": sum(errors.values()),
            "error_kinds": errors,
            "wall_seconds": round(self.wall_seconds, 1),
            "messages_per_second": round(len(answered) / self.wall_seconds, 2),
            "latency_ms_median": _ms(ms, 50),
            "latency_ms_p95": _ms(ms, 95),
            "latency_ms_p99": _ms(ms, 99),
            "latency_ms_max": round(max(ms or [0.0]), 1),
            "latency_ms_median_by_kind": by_kind,
            "create_ms_median": _ms(creates, 50) if creates else None,
            "handoff": figures,
            "failures": [
                {"kind": s.kind, "sent": s.sent, "error": s.error, "ms": round(s.seconds * 1000)}
                for s in self.samples
                if s.error
            ][:20],
        }


def handoff_picks(concurrency: int, share: float, seed: int) -> set[int]:
    """Which conversations of a level hand off: ``share`` of them (at least one when the
    share is above 0), chosen by the seed, so both targets play the same ones."""
    if share <= 0 or concurrency <= 0:
        return set()
    count = min(concurrency, max(1, round(concurrency * share)))
    return set(random.Random(seed * 7 + 1).sample(range(concurrency), count))  # noqa: S311


async def run_level(
    target: Target,
    concurrency: int,
    think: Tuple[float, float],
    seed: int,
    timeout: float = 120.0,
    handoff_share: float = 0.0,
    consultant: Optional[ConsoleSession] = None,
) -> LevelResult:
    """``concurrency`` conversations at once, each playing one visit; the same seed plays
    the same questions, reports, hand-offs and think times against either target. With
    hand-offs on a target that can hand off, the ``consultant`` session serves the queue
    until the level ends."""
    limits = httpx.Limits(max_connections=concurrency + 10, max_keepalive_connections=concurrency)
    picks = handoff_picks(concurrency, handoff_share, seed)
    async with AsyncExitStack() as stack:
        desk: Optional[Consultant] = None
        if picks and target.can_hand_off:
            if consultant is None:
                raise ValueError("hand-offs through the gateway need a console session")
            desk = await stack.enter_async_context(handoff.on_duty(consultant))
        client = await stack.enter_async_context(
            httpx.AsyncClient(base_url=target.base_url, timeout=timeout, limits=limits)
        )
        ramp = random.Random(seed)  # noqa: S311 - load pattern, not security
        conversations = [
            Conversation(
                target,
                client,
                random.Random(seed * 100_003 + i),  # noqa: S311
                think,
                hand_off=i in picks,
                timeout=timeout,
            )
            for i in range(concurrency)
        ]
        started = time.perf_counter()
        await asyncio.gather(*(c.play(ramp.uniform(0, max(think[1], 0.1))) for c in conversations))
        wall = time.perf_counter() - started
    return LevelResult(
        target.name,
        concurrency,
        wall,
        [s for c in conversations for s in c.samples],
        [c.handoff for c in conversations if c.handoff is not None],
        sum(c.handoff_skipped for c in conversations),
        desk.figures() if desk else {},
    )
