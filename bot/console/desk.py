"""What a consultant does with a chat: take it, write, transfer, note, end.

The console's API calls this (consultants work only in the console, whichever
channel the resident writes from); it
keeps the queue in the database, the transcript in order, the resident's
screen live, and Rasa's tracker in step (``ConversationResumed`` on the end).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from starlette.concurrency import run_in_threadpool

from bot import clock
from bot.csat import flow as csat
from bot.db import Database
from bot.handoff import queue
from bot.handoff.units import unit_name
from bot.hub import Hub
from bot.models import ConsultantNote
from bot.rasa_client import RasaClient, RasaUnavailable
from bot.router import CALLBACK_BUTTON, QUEUE_CHANNEL, ConversationRouter
from bot.transcript import OutMessage

logger = logging.getLogger(__name__)

TAKEN = "Konsultant KCK dołączył do rozmowy. Możesz pisać – odpowiada człowiek."
TAKEN_SECOND_LINE = (
    "Do rozmowy dołączył specjalista: {unit}. Możesz pisać – odpowiada człowiek."
)
# The external intent whose rule greets the resident back (data/rules/contact.yml).
HANDOFF_ENDED = "EXTERNAL_handoff_ended"
LONG_WAIT = (
    "Przepraszam, że trwa to dłużej niż zwykle – konsultanci są zajęci. Możesz dalej czekać "
    "albo zostawić prośbę o oddzwonienie."
)
BACK_TO_BOT = "Konsultant zakończył rozmowę. Znów odpowiada asystent – napisz, w czym mogę pomóc."
TRANSFERRED = (
    "Przekazuję rozmowę do specjalisty: {unit}. Zobaczy całą dotychczasową rozmowę – "
    "poczekaj proszę na odpowiedź."
)


class Desk:
    """The consultant's side of the hand-off protocol."""

    def __init__(self, db: Database, rasa: RasaClient, hub: Hub, router: ConversationRouter):
        self.db = db
        self.rasa = rasa
        self.hub = hub
        self.router = router

    async def _queue_changed(self) -> None:
        await self.hub.publish(QUEUE_CHANNEL, OutMessage("system", "queue"))

    async def take(self, handoff_id: int, consultant_id: int) -> queue.QueueEntry:
        """Gives the chat to the consultant (queue.AlreadyTaken if someone was faster).
        The state changes under the router's lock of the conversation, so a resident's
        message is answered either before the take or after it, never across it."""
        conversation_id = await run_in_threadpool(queue.conversation_of, self.db, handoff_id)
        async with self.router.lock(conversation_id or ""):
            entry = await run_in_threadpool(
                queue.take, self.db, handoff_id, consultant_id, clock.now()
            )
            text = TAKEN
            if entry.unit is not None:
                text = TAKEN_SECOND_LINE.format(unit=unit_name(entry.unit))
            messages = [OutMessage("system", text)]
            await self.router.store(entry.conversation_id, messages)
        await self.router.publish(entry.conversation_id, messages)
        await self._queue_changed()
        return entry

    async def write(self, conversation_id: str, text: str) -> OutMessage:
        message = OutMessage("consultant", text)
        await self.router.deliver(conversation_id, [message])
        return message

    async def note(self, conversation_id: str, consultant_id: int, text: str) -> None:
        """An internal note: stored apart from the transcript, never shown to the resident."""

        def store() -> None:
            with self.db.session() as session:
                session.add(
                    ConsultantNote(
                        conversation_id=conversation_id, consultant_id=consultant_id, text=text
                    )
                )

        await run_in_threadpool(store)

    async def transfer(self, entry: queue.QueueEntry, unit: str) -> None:
        """Sends the chat to the unit's second-line queue."""
        await run_in_threadpool(
            queue.transfer, self.db, entry.handoff_id, unit, "transfer", clock.now()
        )
        message = OutMessage("system", TRANSFERRED.format(unit=unit_name(unit)))
        await self.router.deliver(entry.conversation_id, [message])
        await self._queue_changed()

    async def end(self, entry: queue.QueueEntry) -> None:
        """Gives the chat back to the bot, which greets the resident again. Under the
        router's lock: a resident's message waits until Rasa's tracker is resumed."""
        async with self.router.lock(entry.conversation_id):
            await run_in_threadpool(queue.end, self.db, entry.handoff_id, "done", clock.now())
            try:
                await self.rasa.resume(entry.conversation_id)
                welcome = await self.rasa.trigger(entry.conversation_id, HANDOFF_ENDED)
            except RasaUnavailable:
                logger.warning("Rasa unavailable when a chat returned to the bot")
                welcome = [OutMessage("system", BACK_TO_BOT)]
            # The resident may rate the chat with the person (once, never forced).
            welcome += await run_in_threadpool(
                csat.ask_after_handoff, self.db, entry.handoff_id, clock.now()
            )
            await self.router.store(entry.conversation_id, welcome)
        await self.router.publish(entry.conversation_id, welcome)
        await self._queue_changed()

    async def offer_callbacks(self, max_wait: dt.timedelta) -> int:
        """Offers a callback to every chat that has waited longer than ``max_wait``."""
        overdue = await run_in_threadpool(
            queue.waiting_longer_than, self.db, clock.now() - max_wait
        )
        for entry in overdue:
            if not await run_in_threadpool(queue.mark_callback_offered, self.db, entry.handoff_id):
                continue
            await self.router.deliver(
                entry.conversation_id, [OutMessage("system", LONG_WAIT, [CALLBACK_BUTTON])]
            )
        return len(overdue)

    async def watch_queue(self, max_wait: dt.timedelta) -> None:
        """Runs for the gateway's lifetime: checks the queue for long waits."""
        interval = min(20.0, max(1.0, max_wait.total_seconds() / 2))
        while True:
            try:
                await self.offer_callbacks(max_wait)
            except Exception:  # a database hiccup must not end the watch
                logger.exception("checking the queue for long waits failed")
            await asyncio.sleep(interval)
