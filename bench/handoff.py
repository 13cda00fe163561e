"""The hand-off in the bench: the resident asks for a consultant, a simulated consultant
answers through the real console API, and the bookkeeping of both.

The resident (a conversation of bench/load.py) writes HANDOFF_TEXT after its FAQ
questions; in office hours, with a consultant online, the assistant queues the chat
(actions/handoff.py, "Przekazuję rozmowę konsultantowi…") and pauses. The resident
then waits, on the conversation's WebSocket that it opened before asking (as the
widget keeps one open), for the consultant's answer pushed to it, and then for the
assistant's "znów odpowiada asystent" after it, and goes on. (Until 2026-12-02 it
polled the transcript every 0.5 s, which the widget never does: 2-6 reads of the
whole transcript per hand-off, counted in the gateway's CPU per message.)

The consultant logs in through the console's form (``/console/login``, CSRF cookie
and field) once, before the levels are measured. During each gateway level it polls
``GET /console/api/queue`` (which also keeps it "online") and, for each waiting chat,
within the console's limit of chats held at once (which bench/stack.py lifts):
``POST …/take``, ``POST …/messages`` with CONSULTANT_ANSWER, ``POST …/end``
(bot/console/api.py).
"""

from __future__ import annotations

import asyncio
import re
import time
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Dict, List, Optional, Set

import httpx
import numpy as np

from bench.targets import FlowError, Pushes, Reply, describe

HANDOFF_TEXT = "chcę rozmawiać z konsultantem"
QUEUED = "Przekazuję rozmowę"
CONSULTANT_ANSWER = "Dzień dobry, tu konsultant KCK. Sprawdzę to i zaraz wracam do bota."
BACK_TO_ASSISTANT = "odpowiada asystent"
# The console's queue refreshes every 3 s (bot/static/console/console-queue.js): the simulated
# consultant looks as often, so the gateway's CPU per message is not inflated by a console
# polling six times faster than the real one.
CONSOLE_POLL_SECONDS = 3.0
NOT_POSSIBLE = (
    "bare Rasa cannot hand off (no gateway, no queue, no console): its hand-off "
    "conversations skip that step and go on with the report"
)
_FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_META_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


@dataclass
class HandoffRecord:
    """One resident's hand-off: perf_counter times of the request, of the push of the
    consultant's answer, and of the assistant's message after it; messages pushed."""

    requested: float
    answered: Optional[float] = None
    resumed: Optional[float] = None
    error: Optional[str] = None
    pushes: int = 0


async def wait_for_consultant(pushes: Pushes, record: HandoffRecord, timeout: float) -> None:
    """Reads the resident's pushes until the consultant answered and the assistant is
    back; FlowError ``timeout`` seconds after the request."""
    while True:
        left = timeout - (time.perf_counter() - record.requested)
        try:
            if left <= 0:
                raise asyncio.TimeoutError
            message = await pushes.next(left)
        except asyncio.TimeoutError:
            missing = "consultant's answer" if record.answered is None else "assistant back"
            raise FlowError(f"hand-off: no {missing} within {timeout:.0f} s") from None
        record.pushes += 1
        if is_consultants_answer(message):
            record.answered = record.answered or time.perf_counter()
        elif record.answered is not None and BACK_TO_ASSISTANT in message["text"].lower():
            record.resumed = time.perf_counter()
            return


def is_consultants_answer(message: Reply) -> bool:
    """The simulated consultant's words from the consultant (the same words from the bot
    would not be)."""
    return message.get("sender") == "consultant" and message["text"] == CONSULTANT_ANSWER


def _ms(values: List[float], q: float) -> Optional[float]:
    return round(float(np.percentile(values, q)) * 1000, 1) if values else None


def summarize(records: List[HandoffRecord], skipped: int, consultant: Dict[str, Any]) -> Dict:
    """The level's hand-off figures: how many were asked for, answered, failed (and why),
    and the time from the request to the consultant's answer reaching the resident (and
    to the assistant taking the chat back)."""
    answer = [r.answered - r.requested for r in records if r.answered is not None]
    back = [r.resumed - r.requested for r in records if r.resumed is not None]
    kinds: Dict[str, int] = {}
    for record in records:
        if record.error:
            kinds[record.error] = kinds.get(record.error, 0) + 1
    return {
        "requested": len(records),
        "answered": len(answer),
        "given_back": len(back),
        "errors": sum(kinds.values()),
        "error_kinds": kinds,
        "skipped": skipped,
        "note": NOT_POSSIBLE if skipped else "",
        "answer_ms_median": _ms(answer, 50),
        "answer_ms_p95": _ms(answer, 95),
        "given_back_ms_median": _ms(back, 50),
        "resident_pushes": sum(r.pushes for r in records),
        "consultant": consultant,
    }


@dataclass
class ConsoleSession:
    """The consultant's log-in, kept across levels: logging in (an argon2 check, about
    0.2 s of the gateway's CPU) happens once, before any level is measured."""

    base_url: str
    login: str
    password: str
    cookies: httpx.Cookies = field(default_factory=httpx.Cookies)
    csrf: str = ""
    logins: int = 0

    def client(self) -> httpx.AsyncClient:
        headers = {"X-CSRF-Token": self.csrf} if self.csrf else {}
        return httpx.AsyncClient(
            base_url=self.base_url, timeout=120, cookies=self.cookies, headers=headers
        )

    async def log_in(self) -> None:
        """Through the form, as a browser: the page's CSRF cookie and field, then the
        console's page for the token its API calls carry."""
        async with httpx.AsyncClient(base_url=self.base_url, timeout=120) as client:
            page = await client.get("/console/login")
            token = _FORM_TOKEN.search(page.text)
            if token is None:
                raise FlowError("console: no log-in form")
            form = {"login": self.login, "password": self.password, "csrf_token": token.group(1)}
            answer = await client.post("/console/login", data=form)
            if answer.status_code != 303:
                raise FlowError(f"console: log-in refused (HTTP {answer.status_code})")
            home = await client.get("/console")
            csrf = _META_TOKEN.search(home.text)
            if csrf is None:
                raise FlowError("console: no CSRF token after log-in")
            self.cookies, self.csrf = httpx.Cookies(client.cookies), csrf.group(1)
            self.logins += 1


@dataclass
class Consultant:
    """A consultant at the console, through its HTTP API only."""

    session: ConsoleSession
    poll: float = CONSOLE_POLL_SECONDS
    handled: int = 0
    busy_refusals: int = 0
    errors: Dict[str, int] = field(default_factory=dict)
    active: Set[str] = field(default_factory=set)
    ready: asyncio.Event = field(default_factory=asyncio.Event)

    def figures(self) -> Dict[str, Any]:
        return {
            "chats_handled": self.handled,
            "refused_409": self.busy_refusals,
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors),
        }

    async def first_look(self) -> Dict[str, Any]:
        """The queue, logging in (again) if the session is missing or has ended; this first
        request also marks the consultant "online" again (bot/handoff/staffing.py)."""
        if not self.session.csrf:
            await self.session.log_in()
        async with self.session.client() as client:
            response = await client.get("/console/api/queue")
        if response.status_code in (401, 403):
            await self.session.log_in()
            async with self.session.client() as client:
                response = await client.get("/console/api/queue")
        response.raise_for_status()
        return dict(response.json())

    async def run(self, stop: asyncio.Event) -> None:
        """Serves the queue until ``stop`` is set and the chats it took are done."""
        first: Optional[Dict[str, Any]] = await self.first_look()
        async with self.session.client() as client:
            self.ready.set()
            tasks: Set[asyncio.Task] = set()
            while not stop.is_set():
                try:
                    self.take_waiting(client, first or await self.queue(client), tasks)
                except (httpx.HTTPError, ValueError, KeyError) as error:
                    self.count(error)
                first = None
                with suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.poll)
            await asyncio.gather(*tasks, return_exceptions=True)

    async def queue(self, client: httpx.AsyncClient) -> Dict[str, Any]:
        response = await client.get("/console/api/queue")
        response.raise_for_status()
        return dict(response.json())

    def take_waiting(
        self, client: httpx.AsyncClient, queue: Dict[str, Any], tasks: Set[asyncio.Task]
    ) -> None:
        limit = queue["max_chats"] or 1_000_000
        for entry in queue["waiting"]:
            chat = entry["conversation_id"]
            if chat in self.active or len(self.active) >= limit:
                continue
            self.active.add(chat)
            task = asyncio.create_task(self.serve(client, chat))
            tasks.add(task)
            task.add_done_callback(tasks.discard)

    async def serve(self, client: httpx.AsyncClient, chat: str) -> None:
        """Takes the chat, answers once, ends it (the assistant takes it back)."""
        base = f"/console/api/conversations/{chat}"
        try:
            taken = await client.post(f"{base}/take")
            if taken.status_code == 409:  # the limit, or taken meanwhile: the next poll retries
                self.busy_refusals += 1
                return
            taken.raise_for_status()
            written = await client.post(f"{base}/messages", json={"text": CONSULTANT_ANSWER})
            written.raise_for_status()
            (await client.post(f"{base}/end")).raise_for_status()
            self.handled += 1
        except httpx.HTTPError as error:
            self.count(error)
        finally:
            self.active.discard(chat)

    def count(self, error: BaseException) -> None:
        kind = describe(error)
        self.errors[kind] = self.errors.get(kind, 0) + 1


@asynccontextmanager
async def on_duty(session: ConsoleSession) -> AsyncIterator[Consultant]:
    """A consultant serving the queue for the block's duration (then the chats they took
    are finished; the session stays for the next level)."""
    desk = Consultant(session)
    stop = asyncio.Event()
    serving = asyncio.create_task(desk.run(stop))
    ready = asyncio.create_task(desk.ready.wait())
    await asyncio.wait([serving, ready], timeout=60, return_when=asyncio.FIRST_COMPLETED)
    ready.cancel()
    if not desk.ready.is_set():
        stop.set()
        if serving.done():
            serving.result()  # the log-in's error
        serving.cancel()
        raise RuntimeError("the simulated consultant did not reach the queue within 60 s")
    try:
        yield desk
    finally:
        stop.set()
        await serving
