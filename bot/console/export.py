"""Data subject access request: a supervisor downloads everything stored about one
conversation as JSON (bot/privacy/export.py).

Supervisors only, since the file holds the whole transcript and every contact
detail; each download is written to the audit log before it is sent.
"""

from __future__ import annotations

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot import clock
from bot.console.auth import audit, authenticate
from bot.console.errors import ConsoleError
from bot.console.i18n import _
from bot.privacy.export import export_conversation

SUPERVISORS = {"supervisor"}


async def export(request: Request) -> Response:
    user = await authenticate(request, SUPERVISORS)
    conversation_id = request.path_params["conversation_id"]
    data = await run_in_threadpool(
        export_conversation,
        request.app.state.db,
        request.app.state.eraser.tracker,
        conversation_id,
        clock.now(),
    )
    if data is None:
        raise ConsoleError(404, _("No such conversation."))
    await run_in_threadpool(
        audit, request.app.state.db, user.id, "export_conversation", conversation_id
    )
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(
        body,
        media_type="application/json; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="kck-rozmowa-{conversation_id}.json"',
            "Cache-Control": "no-store",
        },
    )


routes = [
    Route("/console/api/conversations/{conversation_id}/export", export, methods=["GET"]),
]
