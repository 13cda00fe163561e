"""A Telegram chat's conversation, and the live line from the hub to the chat.

The chat id is needed to answer, so it is kept in this process's memory; the
database holds its keyed hash (``tokens.keyed_digest``), from which it cannot be
recovered. After a gateway restart a chat's live line opens again with the
resident's next update; a consultant's message written before that is stored in
the transcript and shown in the console, but does not reach Telegram. The one
exception: a conversation that filed or follows a report has its chat id stored
sealed (bot/reports/telegram_chats.py), so a status change of the report reaches
the chat even when no live line is open.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import Any, DefaultDict, Dict, Tuple

from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from telegram import Bot
from telegram.error import Forbidden, TelegramError

from bot import transcript
from bot.db import Database
from bot.hub import Hub, Send
from bot.reports import telegram_chats
from bot.telegram import outgoing
from bot.tokens import keyed_digest
from bot.transcript import OutMessage

logger = logging.getLogger(__name__)

CHANNEL = "telegram"


class Chats:
    """Maps chat ids to conversations; subscribes each seen chat to the hub."""

    def __init__(self, db: Database, hub: Hub, key: bytes, bot: Bot) -> None:
        self.db = db
        self.hub = hub
        self.key = key
        self.bot = bot
        self._conversations: Dict[int, str] = {}
        self._live: Dict[str, Send] = {}
        self._locks: DefaultDict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._cipher = telegram_chats.sealer(key)
        hub.subscribe(telegram_chats.NOTICE_CHANNEL, self._notice)

    def lock(self, chat_id: int) -> asyncio.Lock:
        """One update of a chat at a time: the resident's messages stay in order."""
        return self._locks[chat_id]

    def user_hash(self, chat_id: int) -> str:
        return keyed_digest(self.key, f"{CHANNEL}:{chat_id}")

    async def open(self, chat_id: int) -> Tuple[str, str]:
        """The chat's conversation id and who holds it now (created on the first update)."""
        known = self._conversations.get(chat_id)
        if known is not None:
            held_by = await run_in_threadpool(transcript.state_of, self.db, known)
            if held_by is not None and held_by != "closed":
                self._watch(known, chat_id)
                return known, held_by
        conversation_id, state, _ = await run_in_threadpool(
            transcript.channel_conversation, self.db, CHANNEL, self.user_hash(chat_id)
        )
        self._conversations[chat_id] = conversation_id
        self._watch(conversation_id, chat_id)
        return conversation_id, state

    async def remember(self, conversation_id: str, chat_id: int) -> None:
        """Stores the chat id (sealed) once the conversation has filed or follows a report.
        Asked after every update (a primary-key read; no cache here, since retention in
        another process may delete the row and a later report must store it again)."""
        try:
            await run_in_threadpool(
                telegram_chats.remember, self.db, self._cipher, conversation_id, chat_id
            )
        except SQLAlchemyError as error:  # the resident's answer is sent already
            logger.warning("storing a reporter's Telegram chat failed: %s", type(error).__name__)

    async def _notice(self, data: Dict[str, Any]) -> None:
        """A report's status notice: already sent by the conversation's live line, if
        one is open; otherwise sent to the stored chat, whose live line opens then."""
        conversation_id = str(data.get("conversation_id", ""))
        if not conversation_id or conversation_id in self._live:
            return
        try:
            chat_id = await run_in_threadpool(
                telegram_chats.recall, self.db, self._cipher, conversation_id
            )
            if chat_id is None:
                return
            message = OutMessage("system", str(data.get("text", "")))
            await outgoing.send(self.bot, chat_id, [message])
            self._watch(conversation_id, chat_id)
        except Exception as error:  # raising would make the hub drop this listener
            logger.warning("a report notice to a Telegram chat failed: %s", type(error).__name__)

    def _watch(self, conversation_id: str, chat_id: int) -> None:
        """Messages delivered to the conversation (consultant, system) go to the chat."""
        if conversation_id in self._live:
            return

        async def push(data: Dict[str, Any]) -> None:
            message = OutMessage(
                sender=str(data.get("sender", "system")),
                text=str(data.get("text", "")),
                buttons=list(data.get("buttons") or []),
            )
            try:
                await outgoing.send(self.bot, chat_id, [message])
            except Forbidden:
                # The resident blocked the bot: raising makes the hub drop this line.
                self._live.pop(conversation_id, None)
                raise
            except TelegramError as error:
                logger.warning("a live message to a Telegram chat failed: %s", type(error).__name__)

        self._live[conversation_id] = push
        self.hub.subscribe(conversation_id, push)

    def close(self) -> None:
        self.hub.unsubscribe(telegram_chats.NOTICE_CHANNEL, self._notice)
        for conversation_id, push in list(self._live.items()):
            self.hub.unsubscribe(conversation_id, push)
        self._live.clear()
