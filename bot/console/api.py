"""The console's JSON API (``/console/api/…``): queue, chats, ready answers.

Every handler authenticates first (``bot.console.auth``: session cookie, CSRF
on changes, roles); who may see a chat follows the hand-off lines: consultants
the first line, specialists their own units' second line, supervisors all.
Reading a transcript is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

from bot import clock, transcript
from bot.console.answers import ready_answers
from bot.console.auth import WS_DENIED, audit, authenticate, authenticate_websocket, can_see
from bot.console.cookies import COOKIE_NAME
from bot.console.i18n import N_, gettext
from bot.console.sessions import ConsoleUser, find_session
from bot.handoff import queue
from bot.handoff.units import SECOND_LINE_UNITS, unit_name
from bot.http.requests import BadInput, read_json
from bot.router import ALARM_SENDER, console_channel
from bot.safety import answers as safety_answers
from bot.transcript import OutMessage

MAX_CONSULTANT_CHARS = 4000

REASONS = {
    "request_human": N_("asked for a consultant"),
    "fallback": N_("the assistant did not understand"),
    "case_status": N_("own case (needs the files)"),
    "transfer": N_("transferred"),
}


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": gettext(message)}, status_code=status)


def entry_json(entry: queue.QueueEntry, user: ConsoleUser, now: dt.datetime) -> Dict[str, Any]:
    return {
        "handoff_id": entry.handoff_id,
        "conversation_id": entry.conversation_id,
        "line": entry.line,
        "unit": entry.unit,
        "unit_name": unit_name(entry.unit) if entry.unit else gettext("First line"),
        "reason": entry.reason,
        "reason_label": gettext(REASONS.get(entry.reason, entry.reason)),
        "channel": entry.channel,
        "requested_at": entry.requested_at.isoformat(),
        "waiting_seconds": int((now - entry.requested_at).total_seconds()),
        "taken": entry.taken_at is not None,
        "mine": entry.consultant_id == user.id,
    }


async def get_queue(request: Request) -> Response:
    """Chats this consultant may take (waiting) and the ones they hold."""
    user = await authenticate(request)
    entries = await run_in_threadpool(queue.open_entries, request.app.state.db)
    now = clock.now()
    visible = [e for e in entries if can_see(user, e.line, e.unit)]
    return JSONResponse(
        {
            "waiting": [entry_json(e, user, now) for e in visible if e.taken_at is None],
            "mine": [entry_json(e, user, now) for e in entries if e.consultant_id == user.id],
        }
    )


async def _visible_entry(request: Request, user: ConsoleUser) -> queue.QueueEntry:
    """The chat's open hand-off if this consultant may work on it, else a 403/404."""
    entry = await run_in_threadpool(
        queue.open_for, request.app.state.db, request.path_params["conversation_id"]
    )
    if entry is None:
        raise BadInput(404, gettext("This chat is no longer waiting for a consultant."))
    if not can_see(user, entry.line, entry.unit):
        raise BadInput(403, gettext("This chat belongs to another line or unit."))
    return entry


async def _held_entry(request: Request, user: ConsoleUser) -> queue.QueueEntry:
    """The chat's hand-off if this consultant holds it (only the holder writes)."""
    entry = await _visible_entry(request, user)
    if entry.consultant_id != user.id:
        raise BadInput(409, gettext("Take the chat first."))
    return entry


async def take(request: Request) -> Response:
    user = await authenticate(request)
    try:
        entry = await _visible_entry(request, user)
        if entry.consultant_id == user.id:
            return JSONResponse({"conversation_id": entry.conversation_id})
        await request.app.state.desk.take(entry.handoff_id, user.id)
    except BadInput as error:
        return error.response()
    except queue.AlreadyTaken:
        return _error(409, N_("Another consultant has just taken this chat."))
    await run_in_threadpool(
        audit, request.app.state.db, user.id, "take_chat", entry.conversation_id
    )
    return JSONResponse({"conversation_id": entry.conversation_id})


async def get_conversation(request: Request) -> Response:
    """The whole transcript (and notes): a consultant reads it before writing."""
    user = await authenticate(request)
    try:
        entry = await _visible_entry(request, user)
    except BadInput as error:
        return error.response()
    db = request.app.state.db
    messages = await run_in_threadpool(transcript.history, db, entry.conversation_id)
    notes = await run_in_threadpool(transcript.notes, db, entry.conversation_id)
    await run_in_threadpool(audit, db, user.id, "read_transcript", entry.conversation_id)
    return JSONResponse(
        {
            "handoff": entry_json(entry, user, clock.now()),
            "messages": with_alarms(messages),
            "notes": notes,
        }
    )


def with_alarms(messages: List[OutMessage]) -> List[Dict[str, Any]]:
    """The transcript for the console, each 112 answer followed by the alarm the console
    showed live (bot/router.py), so a reloaded chat page shows it too."""
    shown: List[Dict[str, Any]] = []
    for message in messages:
        if not message.text:
            continue
        shown.append(message.to_json())
        if message.sender == "system" and safety_answers.is_alarm(message.text):
            shown.append({"sender": ALARM_SENDER, "text": safety_answers.CONSOLE_ALARM})
    return shown


async def _text(request: Request, field: str = "text") -> str:
    data = await read_json(request, request.app.state.settings.max_body_bytes)
    text = data.get(field)
    if not isinstance(text, str) or not text.strip():
        raise BadInput(422, gettext("Write something first."))
    if len(text) > MAX_CONSULTANT_CHARS:
        raise BadInput(413, gettext("The message is too long."))
    return text.strip()


async def post_message(request: Request) -> Response:
    user = await authenticate(request)
    try:
        entry = await _held_entry(request, user)
        text = await _text(request)
    except BadInput as error:
        return error.response()
    message = await request.app.state.desk.write(entry.conversation_id, text)
    return JSONResponse({"message": message.to_json()})


async def post_note(request: Request) -> Response:
    user = await authenticate(request)
    try:
        entry = await _visible_entry(request, user)
        text = await _text(request)
    except BadInput as error:
        return error.response()
    await request.app.state.desk.note(entry.conversation_id, user.id, text)
    return JSONResponse({"ok": True})


async def transfer(request: Request) -> Response:
    user = await authenticate(request)
    try:
        entry = await _held_entry(request, user)
        unit = await _text(request, "unit")
        if unit not in SECOND_LINE_UNITS:
            raise BadInput(422, gettext("Choose a unit from the list."))
    except BadInput as error:
        return error.response()
    await request.app.state.desk.transfer(entry, unit)
    return JSONResponse({"ok": True})


async def end(request: Request) -> Response:
    user = await authenticate(request)
    try:
        entry = await _held_entry(request, user)
    except BadInput as error:
        return error.response()
    await request.app.state.desk.end(entry)
    return JSONResponse({"ok": True})


async def get_answers(request: Request) -> Response:
    await authenticate(request)
    return JSONResponse(
        {"answers": [{"key": a.key, "title": a.title, "text": a.text} for a in ready_answers()]}
    )


async def get_units(request: Request) -> Response:
    await authenticate(request)
    return JSONResponse(
        {"units": [{"code": code, "name": name} for code, name in SECOND_LINE_UNITS.items()]}
    )


async def live(socket: WebSocket) -> None:
    """Pushes a chat's new messages (resident, consultant, system) to the console live."""
    user = await authenticate_websocket(socket)
    conversation_id = socket.path_params["conversation_id"]
    entry = await run_in_threadpool(queue.open_for, socket.app.state.db, conversation_id)
    if user is None or entry is None or not can_see(user, entry.line, entry.unit):
        await socket.close(code=WS_DENIED)
        return
    await socket.accept()
    token = socket.cookies.get(COOKIE_NAME, "")

    async def still_logged_in() -> bool:
        """Each keep-alive re-checks the session (a log-out or expiry ends the live
        view) and keeps the consultant "online"."""
        if await run_in_threadpool(find_session, socket.app.state.db, token) is None:
            await socket.close(code=WS_DENIED)
            return False
        return True

    await socket.app.state.hub.relay(socket, console_channel(conversation_id), still_logged_in)

routes = [
    Route("/console/api/queue", get_queue, methods=["GET"]),
    Route("/console/api/answers", get_answers, methods=["GET"]),
    Route("/console/api/units", get_units, methods=["GET"]),
    Route("/console/api/conversations/{conversation_id}", get_conversation, methods=["GET"]),
    Route("/console/api/conversations/{conversation_id}/take", take, methods=["POST"]),
    Route("/console/api/conversations/{conversation_id}/messages", post_message, methods=["POST"]),
    Route("/console/api/conversations/{conversation_id}/notes", post_note, methods=["POST"]),
    Route("/console/api/conversations/{conversation_id}/transfer", transfer, methods=["POST"]),
    Route("/console/api/conversations/{conversation_id}/end", end, methods=["POST"]),
    WebSocketRoute("/console/api/conversations/{conversation_id}/ws", live),
]
