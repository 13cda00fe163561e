"""``GET /console/api/inbox``: the consultant's own chats for the list beside the open
one, each with the id of its latest resident message (the browser marks it unread
until it has shown it) and how long the resident has been waiting for an answer."""

from __future__ import annotations

from typing import Any, Dict, List

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot import clock
from bot.console import inbox
from bot.console.api import entry_json
from bot.console.auth import authenticate
from bot.db import Database
from bot.handoff import queue


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


routes = [Route("/console/api/inbox", get_inbox, methods=["GET"])]
