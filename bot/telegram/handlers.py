"""What each kind of Telegram update does, and the registration of every handler.

Everything a resident sends goes through the same ``ConversationRouter`` as
the widget: text, a pressed button and the commands (bot/telegram/words.py),
photos and shared locations (bot/telegram/media.py). This module registers
them all on the Application and answers the rest: content the assistant cannot
read gets a short Polish answer and is neither stored nor sent to Rasa; group
chats are not served; an error is logged and the resident told.

Nothing personal is logged: no text, no names, no chat or user ids.
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from typing import Optional

from telegram import Chat, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.telegram import texts as tg_texts
from bot.telegram.media import MediaHandlers
from bot.telegram.words import Callback, Context
from nlu.commands import COMMAND_INTENTS

logger = logging.getLogger(__name__)

# Commands in Telegram's menu and what they mean to the assistant (the same words typed alone
# in the widget mean the same: nlu/commands.py).
COMMANDS = {word: f"/{intent}" for word, intent in COMMAND_INTENTS.items()}
# Updates that are not a resident saying something: no answer.
SILENT = {
    "my_chat_member",
    "chat_member",
    "chat_join_request",
    "message_reaction",
    "message_reaction_count",
    "poll",
    "poll_answer",
    "inline_query",
    "chosen_inline_result",
    "shipping_query",
    "pre_checkout_query",
    "chat_boost",
    "removed_chat_boost",
}


def update_kind(update: object) -> str:
    """The update's type (its field name, e.g. ``message``), never its content."""
    if not isinstance(update, Update):
        return type(update).__name__
    kinds = [key for key in update.to_dict() if key != "update_id"]
    return kinds[0] if kinds else "empty"


def private_chat_id(update: Update) -> Optional[int]:
    """The private chat to answer in, also for update types this library does not know
    (their fields stay in ``api_kwargs``)."""
    chat = update.effective_chat
    if chat is not None:
        return chat.id if chat.type == ChatType.PRIVATE else None
    for value in update.api_kwargs.values():
        found = value.get("chat") if isinstance(value, dict) else None
        if isinstance(found, dict) and found.get("type") == Chat.PRIVATE:
            chat_id = found.get("id")
            return chat_id if isinstance(chat_id, int) else None
    return None


class Handlers(MediaHandlers):
    """The bridge's handlers; ``install`` registers them on an Application."""

    def install(self, app: Application) -> None:
        # Group -1 runs first: groups and channels are not served (a resident's matters
        # are their own, so the bot talks in private chats only).
        app.add_handler(TypeHandler(Update, self.private_only), group=-1)
        app.add_handlers(
            [
                # Edited messages first: the other message handlers would match them too.
                MessageHandler(filters.UpdateType.EDITED, self.edited),
                *[
                    CommandHandler(command, self.command(payload))
                    for command, payload in COMMANDS.items()
                ],
                CallbackQueryHandler(self.button),
                MessageHandler(filters.TEXT, self.text),  # unknown /commands read as text
                MessageHandler(filters.PHOTO, self.photo),
                MessageHandler(filters.LOCATION, self.location),  # venues carry one too
                MessageHandler(filters.Sticker.ALL, self.reply(tg_texts.STICKER)),
                MessageHandler(
                    filters.VOICE | filters.AUDIO | filters.VIDEO | filters.VIDEO_NOTE,
                    self.reply(tg_texts.VOICE),
                ),
                MessageHandler(filters.Document.ALL, self.reply(tg_texts.DOCUMENT)),
                TypeHandler(Update, self.unsupported),
            ]
        )
        app.add_error_handler(self.error)

    # --- what the assistant cannot read -----------------------------------------

    def reply(self, text: str) -> Callback:
        async def handle(update: Update, context: Context) -> None:
            chat_id = private_chat_id(update)
            if chat_id is not None:
                await context.bot.send_message(chat_id, text)

        return handle

    async def edited(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is not None and message.location is not None:
            return  # a live location moving: not something the resident said
        await self.reply(tg_texts.EDITED)(update, context)

    async def unsupported(self, update: Update, context: Context) -> None:
        kind = update_kind(update)
        if kind in SILENT:
            return
        chat_id = private_chat_id(update)
        if chat_id is None:
            logger.info("ignored a Telegram update of type %s", kind)
            return
        await context.bot.send_message(chat_id, tg_texts.UNSUPPORTED)

    async def private_only(self, update: Update, context: Context) -> None:
        chat = update.effective_chat
        if chat is not None and chat.type != ChatType.PRIVATE:
            raise ApplicationHandlerStop

    async def error(self, update: object, context: Context) -> None:
        """Logs the error's type and where it happened (no message, no ids), and tells
        the resident something went wrong when there is a private chat to tell."""
        error = context.error
        where = "".join(traceback.format_tb(error.__traceback__)) if error else ""
        logger.error(
            "handling a Telegram update (%s) failed: %s\n%s",
            update_kind(update),
            type(error).__name__,
            where,
        )
        if isinstance(update, Update):
            chat_id = private_chat_id(update)
            if chat_id is not None:
                with contextlib.suppress(TelegramError):
                    await context.bot.send_message(chat_id, tg_texts.ERROR)
