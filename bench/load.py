"""The asyncio load client: residents' conversations through the gateway or straight at Rasa.

Every conversation plays the same kind of visit: one or two FAQ questions, a
report in one message ("nie świeci latarnia przy Długiej 5"), then the buttons
"Nie wiem" (where the category asks one more question: the lamp post's number),
"Pomiń zdjęcie", "Nie, bez kontaktu", "Wyślij zgłoszenie", and a status query
for the number it got. Between messages the resident "thinks" for a random
time; the conversations of a level start spread over the first think time.
Each reply is checked (the expected button is there, a number came back, the
status names it), so a fast but wrong answer counts as an error.

The gateway target uses the widget API (bot/web/widget_api.py); the Rasa
target sends the same texts and button payloads to Rasa's input channel
(``POST /webhooks/gateway/webhook`` with sender/message and the gateway's secret,
bot/rasa_channel.py), which is what the gateway itself does, so the two differ
only by the gateway's work.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Protocol, Tuple

import httpx
import numpy as np

from bot import texts
from bot.rasa_door import SECRET_HEADER, WEBHOOK_PATH
from bot.topics import FAQ_TOPICS

NUMBER = re.compile(r"KCK-\d{4}-\d{6}")
FAQ_QUESTIONS = sorted(question for _title, question in FAQ_TOPICS.values())
# One-message reports: category and place are in the words, so the form asks for the photo next.
REPORTS = [
    "nie świeci latarnia przy Długiej 5",
    "wielka dziura w jezdni przy Karmelickiej 10",
    "zepsuta latarnia przy Karmelickiej 12 nie świeci od tygodnia",
    "dziura w chodniku przy Starowiślnej 20, można się przewrócić",
]
Reply = Dict[str, Any]  # {"text": str, "buttons": [{"title", "payload"}]}


class FlowError(Exception):
    """The answer came, but not the one the conversation needs to go on."""


class Target(Protocol):
    name: str
    base_url: str

    async def open(self, client: httpx.AsyncClient) -> Tuple[str, Dict[str, str]]:
        """A new conversation: its id and the headers its messages carry."""
        ...

    async def send(
        self,
        client: httpx.AsyncClient,
        conversation: Tuple[str, Dict[str, str]],
        text: str,
        payload: Optional[str],
    ) -> List[Reply]: ...


@dataclass
class GatewayTarget:
    """The widget API: create a conversation, then POST its messages with the bearer token."""

    base_url: str
    name: str = "gateway"

    async def open(self, client: httpx.AsyncClient) -> Tuple[str, Dict[str, str]]:
        response = await client.post("/api/v1/conversations")
        response.raise_for_status()
        created = response.json()
        return created["conversation_id"], {"Authorization": f"Bearer {created['token']}"}

    async def send(
        self,
        client: httpx.AsyncClient,
        conversation: Tuple[str, Dict[str, str]],
        text: str,
        payload: Optional[str],
    ) -> List[Reply]:
        conversation_id, headers = conversation
        body = {"text": text, "payload": payload} if payload else {"text": text}
        response = await client.post(
            f"/api/v1/conversations/{conversation_id}/messages", json=body, headers=headers
        )
        response.raise_for_status()
        messages = response.json()["messages"]
        if any(m.get("text") == texts.RASA_DOWN for m in messages):
            raise FlowError("the gateway answered that Rasa is unavailable")
        return [{"text": m.get("text") or "", "buttons": m.get("buttons") or []} for m in messages]


@dataclass
class RasaTarget:
    """Rasa's input channel, as the gateway calls it (with its secret): the button's
    payload as the message."""

    base_url: str
    channel_secret: str
    name: str = "rasa"

    async def open(self, client: httpx.AsyncClient) -> Tuple[str, Dict[str, str]]:
        return f"bench-{uuid.uuid4().hex}", {}

    async def send(
        self,
        client: httpx.AsyncClient,
        conversation: Tuple[str, Dict[str, str]],
        text: str,
        payload: Optional[str],
    ) -> List[Reply]:
        sender, _headers = conversation
        response = await client.post(
            WEBHOOK_PATH,
            json={"sender": sender, "message": payload or text},
            headers={SECRET_HEADER: self.channel_secret},
        )
        response.raise_for_status()
        return [
            {"text": r.get("text") or "", "buttons": r.get("buttons") or []}
            for r in response.json()
        ]


@dataclass
class Sample:
    kind: str  # create | faq | report | button | status
    seconds: float
    error: Optional[str] = None
    sent: str = ""  # the text sent (kept for the report of failures)


@dataclass
class Conversation:
    """One resident's visit against one target, recording every request."""

    target: Target
    client: httpx.AsyncClient
    rng: random.Random
    think: Tuple[float, float]
    samples: List[Sample] = field(default_factory=list)
    replies: List[Reply] = field(default_factory=list)

    async def play(self, start_delay: float) -> None:
        await asyncio.sleep(start_delay)
        try:
            started = time.perf_counter()
            try:
                handle = await self.target.open(self.client)
            finally:
                self.samples.append(Sample("create", time.perf_counter() - started))
            questions = self.rng.sample(FAQ_QUESTIONS, self.rng.choice([1, 2]))
            for question in questions:
                await self.say(handle, "faq", question)
                if not any(r["text"] for r in self.replies):
                    raise FlowError("no answer to a FAQ question")
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
        except Exception as error:
            if self.samples and self.samples[-1].error is None:
                self.samples[-1].error = describe(error)

    async def say(
        self, handle: Tuple[str, Dict[str, str]], kind: str, text: str, payload: str | None = None
    ) -> None:
        await asyncio.sleep(self.rng.uniform(*self.think))
        started = time.perf_counter()
        try:
            self.replies = await self.target.send(self.client, handle, text, payload)
        finally:
            self.samples.append(Sample(kind, time.perf_counter() - started, sent=text))

    async def press(self, handle: Tuple[str, Dict[str, str]], title: str) -> None:
        buttons = [b for r in self.replies for b in r["buttons"] if b.get("title") == title]
        if not buttons:
            raise FlowError(f"no button {title!r}")
        await self.say(handle, "button", title, str(buttons[0]["payload"]))

    def offers(self, title: str) -> bool:
        return any(b.get("title") == title for r in self.replies for b in r["buttons"])

    def all_text(self) -> str:
        return "\n".join(r["text"] for r in self.replies)


def describe(error: BaseException) -> str:
    if isinstance(error, httpx.HTTPStatusError):
        return f"HTTP {error.response.status_code}"
    if isinstance(error, FlowError):
        return f"wrong answer: {error}"
    return type(error).__name__


@dataclass
class LevelResult:
    target: str
    concurrency: int
    wall_seconds: float
    samples: List[Sample]

    def summary(self) -> Dict[str, Any]:
        messages = [s for s in self.samples if s.kind != "create"]
        ms = np.array([s.seconds * 1000 for s in messages]) if messages else np.zeros(1)
        errors: Dict[str, int] = {}
        for sample in self.samples:
            if sample.error:
                errors[sample.error] = errors.get(sample.error, 0) + 1
        answered = [s for s in messages if s.error is None]
        by_kind = {
            kind: round(float(np.median([s.seconds * 1000 for s in messages if s.kind == kind])), 1)
            for kind in sorted({s.kind for s in messages})
        }
        creates = [s.seconds * 1000 for s in self.samples if s.kind == "create"]
        return {
            "target": self.target,
            "concurrency": self.concurrency,
            "conversations": sum(1 for s in self.samples if s.kind == "create"),
            "messages": len(messages),
            "answered": len(answered),
            "errors": sum(errors.values()),
            "error_kinds": errors,
            "wall_seconds": round(self.wall_seconds, 1),
            "messages_per_second": round(len(answered) / self.wall_seconds, 2),
            "latency_ms_median": round(float(np.percentile(ms, 50)), 1),
            "latency_ms_p95": round(float(np.percentile(ms, 95)), 1),
            "latency_ms_p99": round(float(np.percentile(ms, 99)), 1),
            "latency_ms_max": round(float(ms.max()), 1),
            "latency_ms_median_by_kind": by_kind,
            "create_ms_median": round(float(np.median(creates)), 1) if creates else None,
            "failures": [
                {"kind": s.kind, "sent": s.sent, "error": s.error, "ms": round(s.seconds * 1000)}
                for s in self.samples
                if s.error
            ][:20],
        }


async def run_level(
    target: Target,
    concurrency: int,
    think: Tuple[float, float],
    seed: int,
    timeout: float = 120.0,
) -> LevelResult:
    """``concurrency`` conversations at once, each playing one visit; the same seed plays
    the same questions, reports and think times against either target."""
    limits = httpx.Limits(max_connections=concurrency + 10, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=target.base_url, timeout=timeout, limits=limits
    ) as client:
        ramp = random.Random(seed)  # noqa: S311 - load pattern, not security
        conversations = [
            Conversation(target, client, random.Random(seed * 100_003 + i), think)  # noqa: S311
            for i in range(concurrency)
        ]
        started = time.perf_counter()
        await asyncio.gather(*(c.play(ramp.uniform(0, max(think[1], 0.1))) for c in conversations))
        wall = time.perf_counter() - started
    samples = [s for c in conversations for s in c.samples]
    return LevelResult(target.name, concurrency, wall, samples)
