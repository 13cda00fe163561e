"""Sending the assistant's, consultants' and system messages to a Telegram chat."""

from __future__ import annotations

from typing import List

from telegram import Bot, LinkPreviewOptions
from telegram.constants import MessageLimit

from bot.telegram import keyboards
from bot.telegram import texts as tg_texts
from bot.transcript import OutMessage

# Answers link the official pages; a preview card under each would bury the text.
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def chunks(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> List[str]:
    """Splits a long text at line breaks (or spaces) into pieces Telegram accepts."""
    pieces: List[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut])
        text = text[cut:].lstrip()
    pieces.append(text)
    return pieces


def shown_text(message: OutMessage) -> str:
    text = message.text.strip()
    if message.sender == "consultant":
        return tg_texts.CONSULTANT.format(text=text)
    return text or (tg_texts.CHOOSE if message.buttons else "")


async def send(bot: Bot, chat_id: int, messages: List[OutMessage]) -> None:
    """Sends messages in order, as plain text; buttons go under the last piece."""
    for message in messages:
        text = shown_text(message)
        if not text:
            continue
        pieces = chunks(text)
        for index, piece in enumerate(pieces):
            last = index == len(pieces) - 1
            await bot.send_message(
                chat_id=chat_id,
                text=piece,
                reply_markup=keyboards.markup(message.buttons) if last else None,
                link_preview_options=NO_PREVIEW,
            )
