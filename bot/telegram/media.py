"""Photos and shared locations sent on Telegram.

Split from bot/telegram/handlers.py because both need more than the router: a
photo is downloaded (the largest size within the limit), stored by
``store_photo``, then sent as the same ``/provide_photo`` payload as the
widget's upload; its caption follows as the resident's words.

Shared locations: a point in Kraków reaches the assistant as
``/provide_location{"report_lat": …, "report_lon": …}`` (the transcript shows
``📍 lokalizacja: 50.06143, 19.93658``); the report form takes it as the place
and stores the coordinates. A point outside Kraków is answered here and not
passed on.

Nothing personal is logged: no text, no names, no chat or user ids.
"""

from __future__ import annotations

import logging
from typing import Optional, Sequence

from starlette.concurrency import run_in_threadpool
from telegram import PhotoSize, Update
from telegram.error import TelegramError

from bot import geo
from bot.photos import PHOTO_SENT, photo_payload, store_photo, too_large
from bot.router import Incoming
from bot.telegram import outgoing
from bot.telegram import texts as tg_texts
from bot.telegram.retry import with_backoff
from bot.telegram.words import Context, WordHandlers
from bot.transcript import OutMessage

logger = logging.getLogger(__name__)


class MediaHandlers(WordHandlers):
    """Handlers of photos and locations; they reach the router as trusted payloads."""

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
            incoming = Incoming(text=PHOTO_SENT, payload=photo_payload(result.name), trusted=True)
            replies = await self.router.handle(conversation_id, incoming)
            await outgoing.send(context.bot, chat_id, replies)
        if message.caption:
            await self.route(chat_id, Incoming(text=message.caption), context)

    async def _download(self, sizes: Sequence[PhotoSize]) -> tuple[Optional[bytes], str]:
        """The largest size within the limit (Telegram lists the sizes small to large)."""
        refusal = too_large(self.photo_max_bytes)
        fitting = [
            size
            for size in sizes
            if size.file_size is None or size.file_size <= self.photo_max_bytes
        ]
        if not fitting:
            return None, refusal
        best = max(fitting, key=lambda size: size.width * size.height)
        try:
            file = await best.get_file()
            if file.file_size is not None and file.file_size > self.photo_max_bytes:
                return None, refusal
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
