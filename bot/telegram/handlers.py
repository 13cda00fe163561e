"""What each kind of Telegram update does.

Everything a resident sends goes through the same ``ConversationRouter`` as
the widget: text, a pressed button (its payload, with its title as the
resident's words), a photo (stored by ``store_photo``, then the same
``/provide_photo`` payload as the widget's upload), the commands (``/start`` is
the greet intent, so the assistant's own greeting with its privacy notice
answers it). Content the assistant cannot read gets a short Polish answer and
is neither stored nor sent to Rasa.

Shared locations: a point in Kraków reaches the assistant as
``/provide_location{"report_lat": …, "report_lon": …}`` (the transcript shows
``📍 lokalizacja: 50.06143, 19.93658``); the report form takes it as the place
and stores the coordinates. A point outside Kraków is answered here and not
passed on.

Nothing personal is logged: no text, no names, no chat or user ids.
"""

from __future__ import annotations

import contextlib
import json
import logging
import traceback
from pathlib import Path
from typing import Any, Callable, Coroutine, List, Optional, Sequence

from starlette.concurrency import run_in_threadpool
from telegram import Chat, PhotoSize, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import geo, offered, transcript
from bot.db import Database
from bot.photos import TOO_LARGE, store_photo
from bot.router import ConversationRouter, Incoming, MessageTooLong
from bot.telegram import keyboards, outgoing
from bot.telegram import texts as tg_texts
from bot.telegram.chats import Chats
from bot.telegram.retry import with_backoff
from bot.transcript import OutMessage
from bot.web.widget_api import PHOTO_SENT

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]

# Commands in Telegram's menu and what they mean to the assistant.
COMMANDS = {"start": "/greet", "pomoc": "/help", "help": "/help", "konsultant": "/request_human"}
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


class Handlers:
    """The bridge's handlers; ``install`` registers them on an Application."""

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

    # --- the resident's words -------------------------------------------------

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

    async def photo(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is None or not message.photo:
            return
        chat_id = message.chat_id
        async with self.chats.lock(chat_id):
            conversation_id, _ = await self.chats.open(chat_id)
            data, problem = await self._download(message.photo)
            if data is None:
                await outgoing.send(context.bot, chat_id, [OutMessage("system", problem)])
                return
            result = await run_in_threadpool(
                store_photo, data, self.photo_dir, self.photo_max_bytes
            )
            if result.name is None:
                await context.bot.send_message(chat_id, result.error or tg_texts.PHOTO_FAILED)
                return
            payload = "/provide_photo" + json.dumps({"report_photo": result.name})
            replies = await self.router.handle(
                conversation_id, Incoming(text=PHOTO_SENT, payload=payload, trusted=True)
            )
            await outgoing.send(context.bot, chat_id, replies)
        if message.caption:
            await self.route(chat_id, Incoming(text=message.caption), context)

    async def _download(self, sizes: Sequence[PhotoSize]) -> tuple[Optional[bytes], str]:
        """The largest size within the limit (Telegram lists the sizes small to large)."""
        too_large = TOO_LARGE.format(mb=self.photo_max_bytes // (1024 * 1024))
        fitting = [
            size
            for size in sizes
            if size.file_size is None or size.file_size <= self.photo_max_bytes
        ]
        if not fitting:
            return None, too_large
        best = max(fitting, key=lambda size: size.width * size.height)
        try:
            file = await best.get_file()
            if file.file_size is not None and file.file_size > self.photo_max_bytes:
                return None, too_large
            data = await with_backoff(file.download_as_bytearray, "file download")
        except TelegramError as error:
            logger.warning("downloading a Telegram photo failed: %s", type(error).__name__)
            return None, tg_texts.PHOTO_FAILED
        return bytes(data), ""

    async def location(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is None or message.location is None:
            return
        lat, lon = message.location.latitude, message.location.longitude
        if not geo.in_krakow(lat, lon):
            await context.bot.send_message(message.chat_id, geo.OUTSIDE_KRAKOW)
            return
        incoming = Incoming(
            geo.location_text(lat, lon), geo.location_payload(lat, lon), trusted=True
        )
        await self.route(message.chat_id, incoming, context)

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
