"""The resident's words on Telegram: text, commands and pressed buttons.

Split from bot/telegram/handlers.py so the path of what a resident says (through
the same ``ConversationRouter`` as the widget, under the chat's lock) lives in
one place; photos and locations (bot/telegram/media.py) and the registration of
every handler (bot/telegram/handlers.py) build on it. A pressed button is its
payload, with its title as the resident's words; the commands of the bot's menu
are trusted payloads (``/start`` is the greet intent, so the assistant's own
greeting with its privacy notice answers it).

Nothing personal is logged: no text, no names, no chat or user ids.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Coroutine, List

from starlette.concurrency import run_in_threadpool
from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import offered, transcript
from bot.db import Database
from bot.router import ConversationRouter, Incoming, MessageTooLong
from bot.telegram import keyboards, outgoing
from bot.telegram import texts as tg_texts
from bot.telegram.chats import Chats
from bot.transcript import OutMessage

Context = ContextTypes.DEFAULT_TYPE
Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]


class WordHandlers:
    """Handlers of what the resident says; the state every handler shares (photos
    included) and ``route``, the path the media handlers take too."""

    def __init__(
        self,
        router: ConversationRouter,
        chats: Chats,
        db: Database,
        photo_dir: Path,
        photo_max_bytes: int,
    ) -> None:
        self.router = router
        self.chats = chats
        self.db = db
        self.photo_dir = photo_dir
        self.photo_max_bytes = photo_max_bytes

    async def route(
        self, chat_id: int, incoming: Incoming, context: Context
    ) -> List[OutMessage]:
        """Through the router, like a widget message; the replies go back to the chat
        (and to the caller)."""
        async with self.chats.lock(chat_id):
            conversation_id, _ = await self.chats.open(chat_id)
            try:
                # The router reads the conversation's state itself, under its lock.
                replies = await self.router.handle(conversation_id, incoming)
            except MessageTooLong as error:
                replies = [OutMessage("system", str(error))]
            await outgoing.send(context.bot, chat_id, replies)
            # A report filed or followed just now: its status changes must reach this chat.
            await self.chats.remember(conversation_id, chat_id)
        return replies

    async def text(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is not None and message.text is not None:
            await self.route(message.chat_id, Incoming(text=message.text), context)

    def command(self, payload: str) -> Callback:
        async def handle(update: Update, context: Context) -> None:
            message = update.effective_message
            if message is not None:
                command = (message.text or "").split()[0].split("@")[0]
                # A command of the bot's own menu: the gateway made this payload.
                incoming = Incoming(text=command, payload=payload, trusted=True)
                await self.route(message.chat_id, incoming, context)

        return handle

    async def button(self, update: Update, context: Context) -> None:
        """A pressed inline button: answered at once, then resolved against the buttons
        this conversation was shown (the router then judges whether its question is
        still asked); the keyboard is replaced by the choice unless it was stale."""
        query = update.callback_query
        if query is None:
            return
        await query.answer()
        message = query.message
        if message is None or message.chat.type != ChatType.PRIVATE:
            return
        chat_id = message.chat.id
        async with self.chats.lock(chat_id):
            conversation_id, _ = await self.chats.open(chat_id)
            shown_buttons = await run_in_threadpool(
                transcript.offered_buttons, self.db, conversation_id
            )
        button = keyboards.find(query.data or "", shown_buttons)
        if button is None:
            await context.bot.send_message(chat_id, tg_texts.STALE_BUTTON)
            return
        title = button.get("title", "")
        replies = await self.route(
            chat_id, Incoming(text=title, payload=button.get("payload")), context
        )
        if replies and replies[0].text == offered.STALE_TEXT:
            return  # the question has moved on: the old message keeps no "chosen" mark
        shown = getattr(message, "text", None)
        try:
            if shown and len(shown) + len(title) < 4000:
                await query.edit_message_text(
                    f"{shown}\n\n➡️ {title}", link_preview_options=outgoing.NO_PREVIEW
                )
            else:
                await query.edit_message_reply_markup(reply_markup=None)
        except BadRequest:
            pass  # too old to edit, or already edited: the choice still counts
