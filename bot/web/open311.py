"""Open311 GeoReport v2 (ARCHITECTURE.md, "Open311 GeoReport v2"), JSON format only.

City systems file interventions and read their status here. Only the public
view of a report goes out: never contact data, never photos, never internal
staff notes; personal data typed into the free text is redacted
(bot/privacy/redaction.py), markup is stored and served as plain text, and the
JSON escapes ``<``, ``>`` and ``&`` so no client can read it as HTML. Ideas are
not service requests. Errors use GeoReport's ``[{"code", "description"}]`` body.

This module holds the routes and the lookups behind them; reading and checking
the input is bot/web/open311_params.py, the JSON that goes out is
bot/web/open311_json.py.
"""

from __future__ import annotations

import re
from typing import List

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.db import Database
from bot.http.requests import BadInput
from bot.reports import store
from bot.reports.routing import CATEGORIES, category
from bot.reports.store import ReportView
from bot.web.open311_json import error_response, public_request
from bot.web.open311_params import (
    MAX_RESULTS,
    Search,
    new_report,
    parse_search,
    read_request_body,
)
from bot.web.public_json import SafeJSONResponse

PREFIX = "/open311/v2"
REFERENCE = re.compile(r"KCK-\d{4}-\d{6}")

NOT_FOUND = "Nie ma zgłoszenia o tym numerze."
NO_SUCH_PATH = "Nie ma takiego zasobu Open311."
JSON_ONLY = "Obsługujemy tylko format JSON (.json)."
NOTICE = "Zgłoszenie {reference} przyjęte. Sprawą zajmie się: {unit}."


async def services(request: Request) -> Response:
    return SafeJSONResponse(
        [
            {
                "service_code": c.code,
                "service_name": c.title,
                "description": c.description,
                "metadata": False,
                "type": "realtime",
                "keywords": "",
                "group": c.unit.name,
            }
            for c in CATEGORIES.values()
        ]
    )


def _matches(view: ReportView, search: Search) -> bool:
    return (
        view.kind == "intervention"
        and (not search.categories or view.category in search.categories)
        and (not search.statuses or view.status in search.statuses)
        and (search.start is None or view.created_at >= search.start)
        and (search.end is None or view.created_at <= search.end)
    )


def _find(db: Database, search: Search) -> List[ReportView]:
    """Runs in the thread pool: the ORM is synchronous."""
    if not search.references:
        return store.list_reports(
            db,
            categories=search.categories,
            statuses=search.statuses,
            start=search.start,
            end=search.end,
            kind="intervention",
            limit=MAX_RESULTS,
        )
    found = [store.get_report(db, ref) for ref in search.references if REFERENCE.fullmatch(ref)]
    views = [view for view in found if view is not None and _matches(view, search)]
    return sorted(views, key=lambda view: view.created_at, reverse=True)


async def list_requests(request: Request) -> Response:
    try:
        search = parse_search(request.query_params)
    except BadInput as error:
        return error_response(error)
    views = await run_in_threadpool(_find, request.app.state.db, search)
    return SafeJSONResponse([public_request(view) for view in views])


async def get_request(request: Request) -> Response:
    reference = request.path_params["request_id"].strip().upper()
    view = None
    if REFERENCE.fullmatch(reference):
        view = await run_in_threadpool(store.get_report, request.app.state.db, reference)
    if view is None or view.kind != "intervention":
        return error_response(BadInput(404, NOT_FOUND))
    return SafeJSONResponse([public_request(view)])


async def post_request(request: Request) -> Response:
    try:
        data = await read_request_body(request)
        new = new_report(data, request.app.state.settings.open311_keys)
    except BadInput as error:
        return error_response(error)
    view = await run_in_threadpool(store.create_report, request.app.state.db, new)
    notice = NOTICE.format(reference=view.reference, unit=category(view.category).unit.name)
    body = [{"service_request_id": view.reference, "service_notice": notice, "account_id": None}]
    return SafeJSONResponse(body, status_code=201)


async def unsupported(request: Request) -> Response:
    """Other formats (XML) and unknown paths, answered in GeoReport's error format."""
    if request.path_params["rest"].lower().endswith(".xml"):
        return error_response(BadInput(400, JSON_ONLY))
    return error_response(BadInput(404, NO_SUCH_PATH))


routes = [
    Route(f"{PREFIX}/services.json", services, methods=["GET"]),
    Route(f"{PREFIX}/requests.json", list_requests, methods=["GET"]),
    Route(f"{PREFIX}/requests.json", post_request, methods=["POST"]),
    Route(f"{PREFIX}/requests/{{request_id}}.json", get_request, methods=["GET"]),
    Route(f"{PREFIX}/{{rest:path}}", unsupported, methods=["GET", "POST"]),
]
