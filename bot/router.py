"""Routes every resident message: to Rasa while the bot holds the chat.

The widget and Telegram call this one router, so both channels share every
rule: what is stored, what Rasa sees, what the resident is told when the input
is odd or Rasa is down. Nothing a resident sends is lost: it is in the
transcript before anything else can fail.

Three rules hold at every turn, whoever holds the chat:

- Safety first: a typed message that speaks of danger to life or health gets
  112 before anything else (``bot.safety``), also inside a form, in the queue
  and with a consultant (whose console shows an alarm as well).
- Only what the conversation offered: a typed "/…" is text (Rasa never reads
  it as an intent with slots), and a button's payload is accepted only when
  this conversation was offered that button (``bot.offered``).
- One lock per conversation: the conversation's state is read and changed
  under it, so a message that arrives while a hand-off opens waits for it and
  then goes to the console, never to the paused Rasa tracker.

Beside it: what a message is judged by (``bot.router_judge``), the Rasa leg of a
turn (``bot.router_rasa``) and the answer to an erasure request (``bot.router_erasure``).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import DefaultDict, FrozenSet, List, Tuple

from starlette.concurrency import run_in_threadpool

from bot import clock, language_detection, offered, other_language_reply, safety, texts, transcript
from bot.csat import flow as csat
from bot.csat.store import OpenRating
from bot.csat.wording import CONTROL as ASK_RATING
from bot.db import Database
from bot.handoff import queue
from bot.hub import Hub
from bot.privacy import erasure
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.router_erasure import erase
from bot.router_judge import (
    after_alarm,
    as_text,
    is_pressed_button,
    judge_button,
    may_dismiss_alarm,
    turns_to_judge,
)
from bot.router_rasa import RasaLeg
from bot.safety import answers as safety_answers
from bot.transcript import Admission, OutMessage

logger = logging.getLogger(__name__)

MAX_PAYLOAD_CHARS = 500
CALLBACK_PAYLOAD = "/request_callback"
CALLBACK_BUTTON = {"title": "Poproś o oddzwonienie", "payload": CALLBACK_PAYLOAD}
# The console shows messages of this sender as an alarm (bot/static/console/console.js).
ALARM_SENDER = "alarm"
# Hub channel on which consultants' consoles hear that the queue changed.
QUEUE_CHANNEL = "console:queue"


def console_channel(conversation_id: str) -> str:
    """Hub channel of consultants watching one chat (the resident's is the bare id)."""
    return f"console:{conversation_id}"


class MessageTooLong(ValueError):
    """The message exceeds the stored limit; the resident is asked to shorten it."""


@dataclass(frozen=True)
class Incoming:
    """A resident's message: typed text, or a button's payload with its title.

    ``trusted`` marks payloads the gateway made itself (an uploaded photo, a shared
    location, a Telegram menu command); any other payload is a pressed button and
    counts only if the conversation was offered it.
    """

    text: str = ""
    payload: str | None = None
    trusted: bool = False

    @property
    def shown(self) -> str:
        """What the transcript shows as the resident's words."""
        return self.text.strip()

    @property
    def for_nlu(self) -> str:
        return self.payload if self.payload else as_text(self.text)


class ConversationRouter:
    """Stores the message, then answers through Rasa (or explains why not)."""

    def __init__(
        self,
        db: Database,
        rasa: RasaClient,
        hub: Hub,
        max_chars: int,
        nlu_chars: int,
        eraser: erasure.Eraser | None = None,
    ) -> None:
        self.db = db
        # Erasure on request (bot/privacy/erasure.py); None: the resident is told it failed.
        self.eraser = eraser
        self.rasa = rasa
        self._rasa_leg = RasaLeg(rasa)
        self.hub = hub
        self.max_chars = max_chars
        self.nlu_chars = nlu_chars
        self._locks: DefaultDict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def check(self, incoming: Incoming) -> None:
        """Raises MessageTooLong for input that cannot be stored whole."""
        if len(incoming.text) > self.max_chars or len(incoming.payload or "") > MAX_PAYLOAD_CHARS:
            raise MessageTooLong(texts.TOO_LONG.format(limit=self.max_chars))

    def lock(self, conversation_id: str) -> asyncio.Lock:
        """The conversation's lock: its state is read and changed only under it (the
        desk takes it to hand a chat to a person and back)."""
        return self._locks[conversation_id]

    async def handle(
        self, conversation_id: str, incoming: Incoming, admission: Admission | None = None
    ) -> List[OutMessage]:
        """Answers one resident message; returns the replies in order. An ``admission``
        is checked where the message is stored (``transcript.Refused``: nothing stored)."""
        self.check(incoming)
        if not incoming.payload and not incoming.text.strip():
            return [OutMessage("system", texts.EMPTY_MESSAGE)]
        # One message of a conversation at a time keeps the transcript in order, and
        # the state read here cannot change before this message is answered.
        async with self._locks[conversation_id]:
            # Stored in the same trip as the state is read, before Rasa hears anything;
            # only words that may stand for the 112 answer's button wait for the verdict.
            after_verdict = may_dismiss_alarm(incoming.text, incoming.payload)
            judged = turns_to_judge(incoming.text, incoming.payload, incoming.trusted)
            user = OutMessage("user", incoming.shown)
            state, turns, rating = await self.db.run(
                csat.arrive,  # with the rating question it may answer, in the same trip
                self.db,
                conversation_id,
                judged,
                None if after_verdict else user,
                incoming.payload,
                admission,
            )
            incoming, verdict = await self._resolve(conversation_id, state, incoming, turns)
            if after_verdict:  # the verdict may have changed its payload
                await self._store(conversation_id, [user], incoming.payload)
            if verdict == offered.STALE:
                replies = [OutMessage("system", offered.STALE_TEXT)]
            else:
                replies = await self._answer(conversation_id, state, incoming, rating)
            if any(reply.control == erasure.CONTROL for reply in replies):
                # Not stored: the transcript is gone, and the chat with it.
                return await erase(self.eraser, conversation_id, replies)
            if any(reply.control == ASK_RATING for reply in replies):  # the goodbye
                replies += await self.db.run(
                    csat.ask_after_assistant, self.db, conversation_id, clock.now()
                )
            await self._store(conversation_id, [r for r in replies if r.control is None])
        return [reply for reply in replies if reply.control is None]

    async def _resolve(
        self, conversation_id: str, state: str, incoming: Incoming, turns: List[offered.Turn]
    ) -> Tuple[Incoming, str]:
        """Judges a pressed button against what the conversation offered, and reads "to
        nie jest nagłe" after the 112 answer as that answer's report button."""
        if incoming.payload and is_pressed_button(incoming.payload, incoming.trusted):
            verdict = await judge_button(self._rasa_leg, conversation_id, incoming.payload, turns)
            return incoming, verdict
        if not incoming.payload and state == "bot" and after_alarm(turns):
            report = safety_answers.REPORT_PAYLOAD
            return Incoming(incoming.text, report, trusted=True), offered.ACCEPTED
        return incoming, offered.ACCEPTED

    async def _answer(
        self, conversation_id: str, state: str, incoming: Incoming, rating: OpenRating | None
    ) -> List[OutMessage]:
        if not incoming.payload:
            kinds = safety.danger_kinds(incoming.text)
            if kinds:
                return await self._alarm(conversation_id, state, incoming, kinds)
        if state == "bot":  # a rating button, the comment after a score (db: only if open)
            args = (self.db, rating, incoming.payload, incoming.text, clock.now())
            rated = await self.db.run(csat.answer, *args) if rating else csat.answer(*args)
            if rated is not None:
                return rated
        if state in ("queued", "consultant"):
            leaving = await self._leave_queue_for_callback(conversation_id, state, incoming)
            if not leaving:
                # A person holds (or will hold) the chat: the message goes to the console.
                await self.hub.publish(
                    console_channel(conversation_id), OutMessage("user", incoming.shown)
                )
                if state == "consultant":
                    return []
                return [OutMessage("system", texts.WAITING, [CALLBACK_BUTTON])]
        replies = await self._to_rasa(conversation_id, incoming)
        if not incoming.payload and replies and safety_answers.is_rasa_emergency(replies[0].text):
            # Rasa's NLU took it for an emergency, the danger lexicon did not: ask.
            replies[0] = OutMessage(
                "system", safety_answers.UNSURE, list(safety_answers.UNSURE_BUTTONS)
            )
        return replies

    async def _alarm(
        self, conversation_id: str, state: str, incoming: Incoming, kinds: FrozenSet[str]
    ) -> List[OutMessage]:
        """112 first, whoever holds the chat. With a person, the console hears the
        message and an alarm. Otherwise nothing else happens: no form opens, and an open
        form does not take the message as its answer ("czuć gaz" is no place or
        category); it waits for the answer to its question, shown just above."""
        if state in ("queued", "consultant"):
            channel = console_channel(conversation_id)
            await self.hub.publish(channel, OutMessage("user", incoming.shown))
            await self.hub.publish(channel, OutMessage(ALARM_SENDER, safety_answers.CONSOLE_ALARM))
            logger.warning("a possible emergency in a chat held by a person")
            return [OutMessage("system", safety_answers.alarm_text(kinds, state))]
        in_form = await self._rasa_leg.filling_form(conversation_id)
        where = "form" if in_form else "bot"
        alarm = OutMessage(
            "system", safety_answers.alarm_text(kinds, where), safety_answers.alarm_buttons(where)
        )
        return [alarm]

    async def _to_rasa(self, conversation_id: str, incoming: Incoming) -> List[OutMessage]:
        text = incoming.for_nlu
        if not incoming.payload and not any(ch.isalnum() for ch in text):
            return [OutMessage("system", texts.NO_WORDS)]
        lang = "pl" if incoming.payload else language_detection.detect(text)
        if lang != "pl" and not await self._rasa_leg.filling_form(conversation_id):
            return other_language_reply.explanation(lang)
        notices: List[OutMessage] = []
        if len(text) > self.nlu_chars:
            notices.append(
                OutMessage(
                    "system", texts.LONG_MESSAGE.format(chars=self.nlu_chars, total=len(text))
                )
            )
            text = text[: self.nlu_chars]
        replies = await self._rasa_leg.reply(conversation_id, text)
        return notices + replies

    async def _leave_queue_for_callback(
        self, conversation_id: str, state: str, incoming: Incoming
    ) -> bool:
        """A queued resident who presses "callback" leaves the queue and the bot takes over."""
        if state != "queued" or incoming.payload != CALLBACK_PAYLOAD:
            return False
        entry = await run_in_threadpool(queue.open_for, self.db, conversation_id)
        if entry is not None:
            await run_in_threadpool(queue.end, self.db, entry.handoff_id, "callback", clock.now())
            await self.hub.publish(QUEUE_CHANNEL, OutMessage("system", "queue"))
        try:
            await self.rasa.resume(conversation_id)
        except RasaUnavailable:
            logger.warning("Rasa unavailable while resuming a conversation")
        return True

    async def deliver(self, conversation_id: str, messages: List[OutMessage]) -> None:
        """Stores messages that arrive without a resident's message (consultant, system)
        and pushes them live to the resident and to consultants watching the chat."""
        async with self._locks[conversation_id]:
            await self._store(conversation_id, messages)
        await self.publish(conversation_id, messages)

    async def store(self, conversation_id: str, messages: List[OutMessage]) -> None:
        """Stores messages; the caller holds the conversation's lock (``lock``)."""
        await self._store(conversation_id, messages)

    async def publish(self, conversation_id: str, messages: List[OutMessage]) -> None:
        """Pushes stored messages live to the resident and to the console."""
        for message in messages:
            await self.hub.publish(conversation_id, message)
            await self.hub.publish(console_channel(conversation_id), message)

    async def _store(
        self, conversation_id: str, messages: List[OutMessage], payload: str | None = None
    ) -> None:
        if messages:
            await self.db.run(transcript.append, self.db, conversation_id, messages, payload)
