"""Rasa's one input channel: the gateway's, behind a shared secret.

Rasa's own REST channel answers anyone who can reach its port, and a
conversation id is enough to write into that resident's conversation. This
channel behaves like the REST channel (same body, same replies) but answers
401 unless the request carries the secret the gateway was started with
(``KCK_RASA_CHANNEL_SECRET``, header ``X-KCK-Gateway-Secret``), compared in
constant time. Without a configured secret it refuses everything: a door left
open by a missing setting is the failure this module exists to prevent.

credentials.yml names it (``bot.rasa_channel.GatewayInput``); Rasa imports it at
start, which is also where Rasa's log cleaning (bot.log_privacy) and the cached check of
action server answers (bot.rasa_speedups) are installed.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import log_privacy, rasa_speedups
from bot.rasa_door import CHANNEL_NAME, SECRET_ENV, SECRET_HEADER, matches

logger = logging.getLogger(__name__)


class GatewayInput(RestInput):
    """The REST channel, for the gateway only."""

    def __init__(self, secret: str) -> None:
        self.secret = secret

    @classmethod
    def name(cls) -> Text:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        log_privacy.install()
        rasa_speedups.install()
        secret = os.environ.get(SECRET_ENV, "")
        if not secret:
            logger.error("%s is not set: every message to Rasa will be refused.", SECRET_ENV)
        return cls(secret)

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> Blueprint:
        channel = super().blueprint(on_new_message)

        @channel.middleware("request")
        async def only_the_gateway(request: Request) -> Optional[HTTPResponse]:
            if matches(self.secret, request.headers.get(SECRET_HEADER)):
                return None
            return response.json({"error": "unauthorized"}, status=401)

        return channel
