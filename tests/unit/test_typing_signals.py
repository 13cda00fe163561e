"""The "is writing" frames a client may send on its socket, and what the hub pushes."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import pytest

from bot import typing_signals
from bot.hub import Hub


@pytest.mark.parametrize(
    "text,meaning",
    [
        ('{"type": "typing", "typing": true}', True),
        ('{"type": "typing"}', True),
        ('{"type": "typing", "typing": false}', False),
        ("ping", None),  # a keep-alive
        ('{"token": "abc"}', None),
        ('{"type": "typing"', None),  # broken JSON
        ("[1, 2]", None),
        ('{"type": "typing", "x": "' + "a" * 300 + '"}', None),  # too long to be one
    ],
)
def test_client_frames_are_read_strictly(text: str, meaning: object) -> None:
    assert typing_signals.from_client(text) == meaning


def test_a_signal_reaches_the_channels_sockets_as_a_frame_without_text() -> None:
    got: List[Dict[str, Any]] = []

    async def send(data: Dict[str, Any]) -> None:
        got.append(data)

    hub = Hub()
    hub.subscribe("chat", send)
    asyncio.run(hub.signal("chat", typing_signals.frame("consultant", True)))
    assert got == [{"type": "typing", "sender": "consultant", "typing": True, "text": ""}]
