"""Rasa's one input channel: the gateway's, behind a shared secret.

Rasa's own REST channel answers anyone who can reach its port, and a
conversation id is enough to write into that resident's conversation. This
channel behaves like the REST channel (same body, same replies) but answers
401 unless the request carries the secret the gateway was started with
(``KCK_RASA_CHANNEL_SECRET``, header ``X-KCK-Gateway-Secret``), compared in
constant time. Without a configured secret it refuses everything: a door left
open by a missing setting is the failure this module exists to prevent.

Its answer also says what Rasa's form asks once the message is handled (header
``X-KCK-Form-Question``: "form:slot", empty outside a form), read from the
tracker Rasa saves at the end of the turn: the gateway scopes a form's buttons
to that question (``bot.offered``) without a second request for the tracker,
which cost the gateway and Rasa a tracker read on every answer with buttons.

credentials.yml names it (``bot.rasa_channel.GatewayInput``); Rasa imports it at
start, which is also where Rasa's log cleaning (bot.log_privacy), the cached check of
action server answers (bot.rasa_speedups) and the form's question above are installed.
"""

from __future__ import annotations

import logging
import os
from contextvars import ContextVar
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import log_privacy, rasa_speedups
from bot.rasa_door import CHANNEL_NAME, FORM_QUESTION_HEADER, SECRET_ENV, SECRET_HEADER, matches

logger = logging.getLogger(__name__)

# The form questions of the trackers saved while this channel handles one request (the
# last one is the turn's end); None outside the channel's requests.
TURN_QUESTIONS: ContextVar[Optional[List[str]]] = ContextVar("kck_form_questions", default=None)
_PATCHED = "_kck_form_question"


def form_question(tracker: DialogueStateTracker) -> str:
    """What the form asks, as the gateway's tracker read would say it: "form:slot" while a
    form is active (``requested_slot``'s value, even None), "" outside a form."""
    name = tracker.active_loop.name if tracker.active_loop else None
    if not name:
        return ""
    slot = tracker.slots.get(REQUESTED_SLOT)
    return f"{name}:{slot.value if slot is not None else None}"


def install() -> None:
    """Makes Rasa note the form's question of every tracker it saves while the channel
    handles a request (once; fails loudly if Rasa no longer saves trackers this way)."""
    original = MessageProcessor.__dict__.get("save_tracker")
    if original is None:
        raise RuntimeError("Rasa no longer has MessageProcessor.save_tracker")
    if getattr(original, _PATCHED, False):
        return

    async def save_tracker(self: MessageProcessor, tracker: DialogueStateTracker) -> None:
        await original(self, tracker)
        saved = TURN_QUESTIONS.get()
        if saved is not None:
            saved.append(form_question(tracker))

    setattr(save_tracker, _PATCHED, True)
    MessageProcessor.save_tracker = save_tracker


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
        install()
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
                request.ctx.form_questions = []
                TURN_QUESTIONS.set(request.ctx.form_questions)
                return None
            return response.json({"error": "unauthorized"}, status=401)

        @channel.middleware("response")
        async def with_the_form_question(request: Request, answer: HTTPResponse) -> None:
            saved = getattr(request.ctx, "form_questions", None)
            if saved:
                answer.headers[FORM_QUESTION_HEADER] = saved[-1]

        return channel
