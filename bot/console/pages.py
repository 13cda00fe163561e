"""The console's pages: queue, one chat, callbacks, the list of reports and ideas.

Pages are rendered on the server (Mako, ``bot/templates/console``); the queue
and the chat update themselves through ``/static/console/console.js`` and
the JSON API. Callbacks and reports are plain forms, so they work without
scripts and read well with a screen reader. One report's page and what staff
change on it: ``bot.console.report_page`` and ``bot.console.report_actions``.
"""

from __future__ import annotations

import functools
from typing import Optional

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.console import dashboard, report_actions, report_page, scope
from bot.console.auth import audit, authenticate, can_see, read_form
from bot.console.errors import ConsoleError
from bot.console.i18n import _
from bot.console.templates import render_page
from bot.handoff import callbacks, queue
from bot.handoff.units import SECOND_LINE_UNITS, unit_name
from bot.office_hours.wording import describe_window
from bot.reports import store
from bot.reports.details import described
from bot.reports.numbers import find_reference
from bot.reports.routing import CATEGORIES
from bot.reports.wording import polish_datetime


async def queue_page(request: Request) -> Response:
    user = await authenticate(request)
    return render_page("/console/queue.html", user=user, active_nav="queue")


async def chat_page(request: Request) -> Response:
    user = await authenticate(request)
    conversation_id = request.path_params["conversation_id"]
    entry = await run_in_threadpool(queue.open_for, request.app.state.db, conversation_id)
    if entry is None or not can_see(user, entry.line, entry.unit):
        return RedirectResponse("/console", status_code=303)
    return render_page(
        "/console/chat.html",
        user=user,
        active_nav="queue",
        conversation_id=conversation_id,
        units=SECOND_LINE_UNITS,
        queue_name=unit_name(entry.unit) if entry.unit else None,
    )


async def callbacks_page(request: Request) -> Response:
    user = await authenticate(request)
    status = request.query_params.get("status") or None
    if status not in (None, *callbacks.STATUSES):
        status = None
    db = request.app.state.db
    rows = await run_in_threadpool(callbacks.list_callbacks, db, status)
    # Names and phone numbers only for those who call back: their line or unit.
    rows = [row for row in rows if scope.may_handle(user, row.unit)]
    await run_in_threadpool(audit, db, user.id, "read_callbacks", status or "all")
    return render_page(
        "/console/callbacks.html",
        user=user,
        active_nav="callbacks",
        rows=rows,
        status=status,
        describe_window=describe_window,
        unit_name=unit_name,
    )


async def close_callback(request: Request) -> Response:
    user = await authenticate(request)
    form = await read_form(request)
    status = form.get("status", "")
    callback_id = int(request.path_params["callback_id"])
    if status in callbacks.STATUSES[1:]:
        db = request.app.state.db
        try:
            closed = await run_in_threadpool(
                callbacks.close_callback,
                db,
                callback_id,
                status,
                form.get("note", "")[:1000],
                user.id,
                functools.partial(scope.may_handle, user),
            )
        except callbacks.NotAllowed as error:
            raise ConsoleError(403, _("Your role has no access to this page.")) from error
        if closed is not None:
            await run_in_threadpool(audit, db, user.id, f"callback_{status}", str(callback_id))
    return RedirectResponse("/console/callbacks", status_code=303)


def _filter(request: Request, name: str, allowed: object) -> Optional[str]:
    value = request.query_params.get(name) or None
    return value if value is not None and value in allowed else None  # type: ignore[operator]


async def reports_page(request: Request) -> Response:
    user = await authenticate(request)
    kind = _filter(request, "kind", ("intervention", "idea"))
    status = _filter(request, "status", store.STATUSES)
    category = _filter(request, "category", CATEGORIES)
    units = scope.unit_filter(user)
    rows = await run_in_threadpool(
        lambda: store.list_reports(
            request.app.state.db,
            kind=kind,
            statuses=[status] if status else None,
            categories=[category] if category else None,
            limit=200,
            units=None if units.everything else units.units,
            exclude_units=units.exclude,
        )
    )
    # Descriptions and places are the residents' own words.
    await run_in_threadpool(audit, request.app.state.db, user.id, "read_reports", kind or "all")
    return render_page(
        "/console/reports.html",
        user=user,
        active_nav="reports",
        rows=rows,
        kind=kind,
        status=status,
        category=category,
        statuses=store.STATUSES,
        categories=CATEGORIES,
        when=polish_datetime,
        details=described,
        # A report just handed out of this consultant's scope from its page.
        moved=find_reference(request.query_params.get("moved", "")),
    )


routes = [
    Route("/console", queue_page, methods=["GET"]),
    Route("/console/chat/{conversation_id}", chat_page, methods=["GET"]),
    Route("/console/callbacks", callbacks_page, methods=["GET"]),
    Route("/console/callbacks/{callback_id:int}", close_callback, methods=["POST"]),
    Route("/console/reports", reports_page, methods=["GET"]),
    *report_page.routes,
    *report_actions.routes,
    *dashboard.routes,
]
