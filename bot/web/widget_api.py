"""The widget's API (contract in ARCHITECTURE.md, "Gateway HTTP API")."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
from typing import Any, Dict, List, Optional, Tuple

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from bot import texts, transcript, typing_signals
from bot.db import Database
from bot.http.ratelimit import client_address, refused
from bot.http.requests import BadInput, bearer_token, read_body, read_json
from bot.models import Message, as_utc
from bot.photos import PHOTO_SENT, photo_payload, store_photo, too_large
from bot.router import Incoming, MessageTooLong, console_channel
from bot.safety import answers as safety_answers
from bot.tokens import new_token
from bot.transcript import Admission, OutMessage

WS_AUTH_SECONDS = 10
WS_BAD_TOKEN = 4401


async def create_conversation(request: Request) -> Response:
    limiter, address = request.app.state.limits.new_chats, client_address(request)
    if not limiter.allow(address):
        return refused(limiter, address)
    token = new_token()
    db = request.app.state.db
    conversation_id = await db.run(transcript.create_conversation, db, "web", token)
    return JSONResponse({"conversation_id": conversation_id, "token": token}, status_code=201)


async def _authorized_state(request: Request) -> str:
    token = bearer_token(request)
    state = None
    if token:
        db = request.app.state.db
        state = await db.run(
            transcript.authorize, db, request.path_params["conversation_id"], token
        )
    if state is None:
        raise BadInput(401, texts.UNAUTHORIZED)
    return state


def shown(message: OutMessage) -> Dict[str, Any]:
    """A message as the widget gets it: the 112 answer marked, so the widget can set it
    apart and have screen readers announce it at once (the rule stays in bot/safety/)."""
    data = message.to_json()
    if message.sender != "user" and (
        safety_answers.is_alarm(message.text) or safety_answers.is_rasa_emergency(message.text)
    ):
        data["emergency"] = True
    return data


def _over_limit(request: Request) -> Response | None:
    """429 when this conversation sends faster than the per-conversation limit."""
    limiter, key = request.app.state.limits.messages, request.path_params["conversation_id"]
    return None if limiter.allow(key) else refused(limiter, key)


async def post_message(request: Request) -> Response:
    """A resident's message. The token and the conversation's rate limit are checked in
    the trip to the database that stores the message (``transcript.Admission``; one trip
    fewer per message, README "Performance"), in the same order as before: the token,
    then the limit, then the body. A body at fault or an empty message takes the longer
    way (``_post_slowly``), so it is refused exactly as before."""
    conversation_id, router = request.path_params["conversation_id"], request.app.state.router
    token = bearer_token(request)
    try:
        incoming = _incoming(await read_json(request, request.app.state.settings.max_body_bytes))
        router.check(incoming)
    except (BadInput, MessageTooLong) as error:
        return await _post_slowly(request, None, error)
    if not token or (not incoming.payload and not incoming.shown):  # empty: the router says so
        return await _post_slowly(request, incoming, None)
    limiter = request.app.state.limits.messages
    try:
        # The router reads the conversation's state itself, under its lock.
        replies = await router.handle(
            conversation_id, incoming, Admission(token, lambda: limiter.allow(conversation_id))
        )
    except transcript.Refused as refusal:
        if refusal.status == 429:
            return refused(limiter, conversation_id)
        return BadInput(401, texts.UNAUTHORIZED).response()
    return JSONResponse({"messages": [shown(reply) for reply in replies]})


async def _post_slowly(
    request: Request, incoming: Incoming | None, fault: BadInput | MessageTooLong | None
) -> Response:
    """The token, the limit, then the body's fault or the empty message's answer: each
    its own step, as every message once took."""
    try:
        await _authorized_state(request)
        if (refusal := _over_limit(request)) is not None:
            return refusal
        if isinstance(fault, BadInput):
            return fault.response()
        if isinstance(fault, MessageTooLong):
            return JSONResponse({"error": str(fault)}, status_code=413)
        assert incoming is not None
        replies = await request.app.state.router.handle(
            request.path_params["conversation_id"], incoming
        )
    except BadInput as error:
        return error.response()
    except MessageTooLong as error:
        return JSONResponse({"error": str(error)}, status_code=413)
    return JSONResponse({"messages": [shown(reply) for reply in replies]})


def _incoming(data: Dict[str, Any]) -> Incoming:
    """A typed text or a pressed button; the router accepts the button only if this
    conversation was offered it."""
    text, payload = data.get("text", ""), data.get("payload")
    if not isinstance(text, str) or not (payload is None or isinstance(payload, str)):
        raise BadInput(422, texts.BAD_REQUEST)
    return Incoming(text=text, payload=payload or None)


async def post_photo(request: Request) -> Response:
    """A photo for the report being filed: stored, then announced to Rasa as an entity."""
    settings = request.app.state.settings
    try:
        await _authorized_state(request)
        if (refusal := _over_limit(request)) is not None:
            return refusal
        data = await read_body(request, settings.photo_max_bytes)
    except BadInput as error:
        if error.status == 413:
            return JSONResponse({"error": too_large(settings.photo_max_bytes)}, status_code=413)
        return error.response()
    result = await run_in_threadpool(
        store_photo, data, settings.photo_dir, settings.photo_max_bytes
    )
    if result.name is None:
        return JSONResponse({"error": result.error}, status_code=result.status)
    replies = await request.app.state.router.handle(
        request.path_params["conversation_id"],
        Incoming(text=PHOTO_SENT, payload=photo_payload(result.name), trusted=True),
    )
    return JSONResponse({"messages": [shown(reply) for reply in replies]})


async def get_messages(request: Request) -> Response:
    try:
        await _authorized_state(request)
    except BadInput as error:
        return error.response()
    timed = await run_in_threadpool(
        _timed_history, request.app.state.db, request.path_params["conversation_id"]
    )
    kept = [(message, at) for message, at in timed if message.text]
    # "times": when each message was stored, beside the messages (whose form the other
    # readers of this API keep), so a reloaded widget shows the times it showed live.
    return JSONResponse(
        {
            "messages": [shown(message) for message, _ in kept],
            "times": [at.isoformat(timespec="seconds") if at else None for _, at in kept],
        }
    )


def _timed_history(
    db: Database, conversation_id: str
) -> List[Tuple[OutMessage, Optional[dt.datetime]]]:
    """The transcript with when each message was stored. Both reads are in the messages'
    order; one stored between the two is at the end of the transcript only, and goes
    without a time."""
    messages = transcript.history(db, conversation_id)
    with db.session() as session:
        times = session.execute(
            select(Message.created_at)
            .where(Message.conversation_id == conversation_id)
            .order_by(Message.id)
        ).scalars()
        stamps = [as_utc(at) for at in times][: len(messages)]
    return list(itertools.zip_longest(messages, stamps))


async def websocket(socket: WebSocket) -> None:
    """Pushes live messages; the first frame must be ``{"token": "…"}``.

    The token travels inside the socket rather than in the URL, so it never
    lands in an access log.
    """
    await socket.accept()
    conversation_id = socket.path_params["conversation_id"]
    try:
        frame = await asyncio.wait_for(socket.receive_text(), WS_AUTH_SECONDS)
        token = json.loads(frame).get("token")
    except (asyncio.TimeoutError, ValueError, AttributeError, WebSocketDisconnect):
        token = None
    state = None
    if isinstance(token, str):
        state = await run_in_threadpool(
            transcript.authorize, socket.app.state.db, conversation_id, token
        )
    if state is None:
        await socket.close(code=WS_BAD_TOKEN)
        return
    hub = socket.app.state.hub

    async def resident_typing(text: str) -> None:
        """The widget's "is writing" signal goes to the console's view of the chat."""
        typing = typing_signals.from_client(text)
        if typing is not None:
            await hub.signal(console_channel(conversation_id), typing_signals.frame("user", typing))

    await hub.relay(socket, conversation_id, on_text=resident_typing)


routes = [
    Route("/api/v1/conversations", create_conversation, methods=["POST"]),
    Route("/api/v1/conversations/{conversation_id}/messages", post_message, methods=["POST"]),
    Route("/api/v1/conversations/{conversation_id}/messages", get_messages, methods=["GET"]),
    Route("/api/v1/conversations/{conversation_id}/photos", post_photo, methods=["POST"]),
    WebSocketRoute("/api/v1/conversations/{conversation_id}/ws", websocket),
]
