"""``GET /console/api/inbox``: the consultant's own chats for the list beside the open
one, each with the id of its latest resident message (the browser marks it unread
until it has shown it) and how long the resident has been waiting for an answer;
``POST …/typing``: the consultant's "is writing" signal (``bot.typing_signals``)."""

from __future__ import annotations

from typing import Any, Dict, List

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot import clock, typing_signals
from bot.console import inbox
from bot.console.api import entry_json, visible_entry
from bot.console.auth import authenticate
from bot.console.i18n import gettext
from bot.db import Database
from bot.handoff import queue
from bot.http.requests import BadInput, read_json


def _held(db: Database, consultant_id: int) -> List[tuple]:
    held = [e for e in queue.open_entries(db) if e.consultant_id == consultant_id]
    return [(e, inbox.activity(db, e.conversation_id, e.requested_at)) for e in held]


async def get_inbox(request: Request) -> Response:
    user = await authenticate(request)
    held = await run_in_threadpool(_held, request.app.state.db, user.id)
    now = clock.now()
    chats: List[Dict[str, Any]] = []
    for entry, activity in held:
        since = activity.waiting_since
        chats.append(
            {
                **entry_json(entry, user, now),
                "last_user_message": activity.last_user_message,
                "answer_wait_seconds": None if since is None else int(
                    max(0.0, (now - since).total_seconds())
                ),
            }
        )
    return JSONResponse({"chats": chats})


async def post_typing(request: Request) -> Response:
    """The consultant holding the chat is writing (or stopped): pushed to the resident."""
    user = await authenticate(request)
    try:
        entry = await visible_entry(request, user)
        if entry.consultant_id != user.id:
            raise BadInput(409, gettext("Take the chat first."))
        data = await read_json(request, request.app.state.settings.max_body_bytes)
    except BadInput as error:
        return error.response()
    frame = typing_signals.frame("consultant", data.get("typing") is not False)
    await request.app.state.hub.signal(entry.conversation_id, frame)
    return JSONResponse({"ok": True})


routes = [
    Route("/console/api/inbox", get_inbox, methods=["GET"]),
    Route("/console/api/conversations/{conversation_id}/typing", post_typing, methods=["POST"]),
]
