"""Routes every resident message: to Rasa while the bot holds the chat.

The widget and (later) Telegram call this one router, so both channels share
every rule: what is stored, what Rasa sees, what the resident is told when
the input is odd or Rasa is down. Nothing a resident sends is lost: it is in
the transcript before anything else can fail.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import DefaultDict, List

from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from bot import clock, language, language_replies, texts, transcript
from bot.db import Database
from bot.handoff import queue
from bot.hub import Hub
from bot.privacy import erasure
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.transcript import OutMessage

logger = logging.getLogger(__name__)

MAX_PAYLOAD_CHARS = 500
CALLBACK_PAYLOAD = "/request_callback"
CALLBACK_BUTTON = {"title": "Poproś o oddzwonienie", "payload": CALLBACK_PAYLOAD}
# Hub channel on which consultants' consoles hear that the queue changed.
QUEUE_CHANNEL = "console:queue"


def console_channel(conversation_id: str) -> str:
    """Hub channel of consultants watching one chat (the resident's is the bare id)."""
    return f"console:{conversation_id}"


class MessageTooLong(ValueError):
    """The message exceeds the stored limit; the resident is asked to shorten it."""


@dataclass(frozen=True)
class Incoming:
    """A resident's message: typed text, or a button's payload with its title."""

    text: str = ""
    payload: str | None = None

    @property
    def shown(self) -> str:
        """What the transcript shows as the resident's words."""
        return self.text.strip()

    @property
    def for_nlu(self) -> str:
        return self.payload if self.payload else self.text.strip()


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
        self.hub = hub
        self.max_chars = max_chars
        self.nlu_chars = nlu_chars
        self._locks: DefaultDict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def check(self, incoming: Incoming) -> None:
        """Raises MessageTooLong for input that cannot be stored whole."""
        if len(incoming.text) > self.max_chars or len(incoming.payload or "") > MAX_PAYLOAD_CHARS:
            raise MessageTooLong(texts.TOO_LONG.format(limit=self.max_chars))

    async def handle(
        self, conversation_id: str, state: str, incoming: Incoming
    ) -> List[OutMessage]:
        """Answers one resident message; returns the replies in order."""
        self.check(incoming)
        if not incoming.for_nlu:
            return [OutMessage("system", texts.EMPTY_MESSAGE)]
        # One message of a conversation at a time keeps the transcript in order.
        async with self._locks[conversation_id]:
            await self._store(
                conversation_id, [OutMessage("user", incoming.shown)], incoming.payload
            )
            replies = await self._answer(conversation_id, state, incoming)
            if any(reply.control == erasure.CONTROL for reply in replies):
                # Not stored: the transcript is gone, and the chat with it.
                return await self._erase(conversation_id, replies)
            await self._store(conversation_id, [r for r in replies if r.control is None])
        return [reply for reply in replies if reply.control is None]

    async def _erase(self, conversation_id: str, replies: List[OutMessage]) -> List[OutMessage]:
        """The resident confirmed "usuń moje dane": Rasa has saved its tracker by now
        (it answers only after saving), so the erasure removes every trace of it."""
        shown = [reply for reply in replies if reply.control is None]
        if self.eraser is None:
            return [*shown, OutMessage("system", erasure.FAILED)]
        try:
            result = await run_in_threadpool(self.eraser.erase, conversation_id, clock.now())
        except erasure.NotErasable:
            return [*shown, OutMessage("system", erasure.NOT_NOW)]
        except SQLAlchemyError as error:
            logger.error("erasure failed: %s", type(error).__name__)
            return [*shown, OutMessage("system", erasure.FAILED)]
        logger.info("a conversation was erased at its resident's request")
        return [*shown, OutMessage("system", erasure.describe(result))]

    async def _answer(
        self, conversation_id: str, state: str, incoming: Incoming
    ) -> List[OutMessage]:
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
        text = incoming.for_nlu
        if not incoming.payload and not any(ch.isalnum() for ch in text):
            return [OutMessage("system", texts.NO_WORDS)]
        lang = "pl" if incoming.payload else language.detect(text)
        if lang != "pl" and not await self._filling_form(conversation_id):
            return language_replies.explanation(lang)
        notices: List[OutMessage] = []
        if len(text) > self.nlu_chars:
            notices.append(
                OutMessage(
                    "system", texts.LONG_MESSAGE.format(chars=self.nlu_chars, total=len(text))
                )
            )
            text = text[: self.nlu_chars]
        try:
            replies = await self.rasa.send(conversation_id, text)
            if not replies:
                replies = await self._unpause_and_retry(conversation_id, text)
        except RasaUnavailable as error:
            logger.warning("Rasa unavailable for a message: %s", error)
            replies = [OutMessage("system", texts.RASA_DOWN)]
        return notices + replies

    async def _filling_form(self, conversation_id: str) -> bool:
        """Whether Rasa is in a form: there a Cyrillic name or an English description is
        an answer to the form's question, not a sign the resident cannot write Polish."""
        try:
            return await self.rasa.active_loop(conversation_id) is not None
        except RasaUnavailable:
            return False

    async def _unpause_and_retry(self, conversation_id: str, text: str) -> List[OutMessage]:
        """Rasa said nothing. If its tracker is still paused although the gateway holds
        the chat for the bot (a consultant ended it while Rasa was down, so the resume
        never arrived), resume it and ask again; otherwise a custom action failed
        (action server down): never leave the resident hanging."""
        if await self.rasa.is_paused(conversation_id):
            logger.warning("resuming a tracker left paused after a hand-off")
            await self.rasa.resume(conversation_id)
            replies = await self.rasa.send(conversation_id, text)
            if replies:
                return replies
        return [OutMessage("system", texts.NO_ANSWER)]

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
        for message in messages:
            await self.hub.publish(conversation_id, message)
            await self.hub.publish(console_channel(conversation_id), message)

    async def _store(
        self, conversation_id: str, messages: List[OutMessage], payload: str | None = None
    ) -> None:
        if messages:
            await run_in_threadpool(transcript.append, self.db, conversation_id, messages, payload)
