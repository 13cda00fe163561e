"""Telegram update JSON as the Bot API sends it (field for field, as documented at
https://core.telegram.org/bots/api#update), for one private chat."""

from __future__ import annotations

import secrets
import time
from typing import Any, Callable, Dict, List

from tests.telegram.fake_api import BOT_USER


def user(chat_id: int) -> Dict[str, Any]:
    return {
        "id": chat_id,
        "is_bot": False,
        "first_name": "Jan",
        "last_name": "Kowalski",
        "username": "jan_kowalski_krk",
        "language_code": "pl",
    }


def chat(chat_id: int) -> Dict[str, Any]:
    return {
        "id": chat_id,
        "first_name": "Jan",
        "last_name": "Kowalski",
        "username": "jan_kowalski_krk",
        "type": "private",
    }


class Updates:
    """Builds the updates of one resident's private chat with the bot."""

    def __init__(self, chat_id: int, next_update_id: Callable[[], int]) -> None:
        self.chat_id = chat_id
        self._next_update_id = next_update_id
        self._message_id = 10

    def _ids(self) -> tuple[int, int]:
        self._message_id += 1
        return self._next_update_id(), self._message_id

    def _message(self, **content: Any) -> Dict[str, Any]:
        update_id, message_id = self._ids()
        return {
            "update_id": update_id,
            "message": {
                "message_id": message_id,
                "from": user(self.chat_id),
                "chat": chat(self.chat_id),
                "date": int(time.time()),
                **content,
            },
        }

    def text(self, text: str) -> Dict[str, Any]:
        content: Dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            content["entities"] = [{"offset": 0, "length": len(command), "type": "bot_command"}]
        return self._message(**content)

    def photo(self, sizes: List[tuple[str, int, int]], caption: str = "") -> Dict[str, Any]:
        """``sizes``: (file_id, side in pixels, file_size), small to large (Telegram's order)."""
        content: Dict[str, Any] = {
            "photo": [
                {
                    "file_id": file_id,
                    "file_unique_id": f"u{file_id}",
                    "file_size": file_size,
                    "width": side,
                    "height": side,
                }
                for file_id, side, file_size in sizes
            ]
        }
        if caption:
            content["caption"] = caption
        return self._message(**content)

    def location(self, lat: float, lon: float) -> Dict[str, Any]:
        return self._message(location={"latitude": lat, "longitude": lon})

    def sticker(self) -> Dict[str, Any]:
        return self._message(
            sticker={
                "file_id": "CAACAgIAAxkBAAEBQ2dlc3RpY2tlcg",
                "file_unique_id": "AgADsticker",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": "👍",
                "set_name": "HotCherry",
                "file_size": 23145,
            }
        )

    def voice(self) -> Dict[str, Any]:
        return self._message(
            voice={
                "file_id": "AwACAgIAAxkBAAEBvoice",
                "file_unique_id": "AgADvoice",
                "duration": 4,
                "mime_type": "audio/ogg",
                "file_size": 12034,
            }
        )

    def edited(self, text: str) -> Dict[str, Any]:
        update_id, _ = self._ids()
        now = int(time.time())
        return {
            "update_id": update_id,
            "edited_message": {
                "message_id": self._message_id - 1,
                "from": user(self.chat_id),
                "chat": chat(self.chat_id),
                "date": now - 30,
                "edit_date": now,
                "text": text,
            },
        }

    def unknown(self) -> Dict[str, Any]:
        """An update type newer than the library: it still names the private chat."""
        update_id, message_id = self._ids()
        return {
            "update_id": update_id,
            "guest_message_reaction": {
                "chat": chat(self.chat_id),
                "from": user(self.chat_id),
                "message_id": message_id,
                "date": int(time.time()),
            },
        }

    def unknown_without_chat(self) -> Dict[str, Any]:
        update_id, _ = self._ids()
        return {"update_id": update_id, "future_thing": {"id": "x1", "value": 3}}

    def press(self, bot_message: Dict[str, Any], data: str) -> Dict[str, Any]:
        """The resident presses an inline button under ``bot_message`` (as the fake sent it)."""
        update_id, _ = self._ids()
        return {
            "update_id": update_id,
            "callback_query": {
                "id": str(secrets.randbits(62)),
                "from": user(self.chat_id),
                "message": {**bot_message, "from": BOT_USER},
                "chat_instance": str(-secrets.randbits(62)),
                "data": data,
            },
        }
