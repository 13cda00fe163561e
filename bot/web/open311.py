"""Open311 GeoReport v2 (ARCHITECTURE.md, "Open311 GeoReport v2"), in XML and JSON.

City systems file interventions and read their status here. Every endpoint
answers in the format its path names (``services.xml``, ``requests/{id}.json``):
XML, which the spec requires, and JSON. Only the public view of a report goes
out: never contact data, never internal staff notes, a photo only when the
resident agreed to publish it (``media_url``, bot/web/open311_media.py); personal
data typed into the free text is redacted (bot/privacy/redaction.py), markup
is stored and served as plain text, and both formats escape ``<``, ``>`` and
``&``. Ideas are not service requests. Errors are GeoReport's list of
``code``/``description`` in the path's format (JSON for a path with none).

Service request ids are issued at once (the report's number, KCK-…), so a POST
answers ``service_request_id`` and no token; ``tokens/{id}`` still answers the
spec's question for a token equal to a number it issued, so a client written
for servers that issue tokens gets a consistent answer.

This module holds the routes and the lookups behind them; reading and checking
the input is bot/web/open311_params.py (``attribute[code]``:
bot/web/open311_attributes.py), the values that go out are
bot/web/open311_json.py, written as XML by bot/web/open311_xml.py.
"""

from __future__ import annotations

import functools
import re
from typing import Awaitable, Callable, List

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.db import Database
from bot.http.requests import BadInput
from bot.reports import store
from bot.reports.routing import CATEGORIES, category
from bot.reports.store import ReportView
from bot.web.open311_json import (
    FORMATS,
    error_response,
    public_requests,
    respond,
    service,
    service_definition,
)
from bot.web.open311_media import media_url
from bot.web.open311_media import routes as media_routes
from bot.web.open311_params import (
    MAX_RESULTS,
    Search,
    new_report,
    parse_search,
    read_request_body,
)

PREFIX = "/open311/v2"
REFERENCE = re.compile(r"KCK-\d{4}-\d{6}")

NOT_FOUND = "Nie ma zgłoszenia o tym numerze."
NO_SUCH_PATH = "Nie ma takiego zasobu Open311."
NO_SUCH_SERVICE = "Nie ma usługi o tym kodzie. Dostępne kody podaje services.xml."
NOT_ISSUED = "Nie wydaliśmy takiego tokenu. Numery zgłoszeń wydajemy od razu."
NOTICE = "Zgłoszenie {reference} przyjęte. Sprawą zajmie się: {unit}."


class UnknownFormat(Exception):
    """A path whose format is neither xml nor json."""


def _format(request: Request) -> str:
    fmt = str(request.path_params["fmt"]).lower()
    if fmt not in FORMATS:
        raise UnknownFormat(fmt)
    return fmt


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


async def _intervention(request: Request, raw: str) -> ReportView | None:
    """The intervention report with this number (any case), or None."""
    reference = raw.strip().upper()
    if not REFERENCE.fullmatch(reference):
        return None
    view = await run_in_threadpool(store.get_report, request.app.state.db, reference)
    return view if view is not None and view.kind == "intervention" else None


def _media(request: Request) -> Callable[[ReportView], str | None]:
    """A report's media_url at this gateway's public address (KCK_PUBLIC_URL)."""
    return functools.partial(media_url, request.app.state.settings.gateway_url)


async def services(request: Request, fmt: str) -> Response:
    return respond(fmt, "services", [service(c) for c in CATEGORIES.values()])


async def get_service(request: Request, fmt: str) -> Response:
    item = CATEGORIES.get(request.path_params["service_code"])
    if item is None:
        return error_response(BadInput(404, NO_SUCH_SERVICE), fmt)
    return respond(fmt, "service_definition", service_definition(item))


async def list_requests(request: Request, fmt: str) -> Response:
    try:
        search = parse_search(request.query_params)
    except BadInput as error:
        return error_response(error, fmt)
    views = await run_in_threadpool(_find, request.app.state.db, search)
    return respond(fmt, "service_requests", public_requests(views, _media(request)))


async def get_request(request: Request, fmt: str) -> Response:
    view = await _intervention(request, request.path_params["request_id"])
    if view is None:
        return error_response(BadInput(404, NOT_FOUND), fmt)
    return respond(fmt, "service_requests", public_requests([view], _media(request)))


async def post_request(request: Request, fmt: str) -> Response:
    try:
        data = await read_request_body(request)
        new = new_report(data, request.app.state.settings.open311_keys)
    except BadInput as error:
        return error_response(error, fmt)
    view = await run_in_threadpool(store.create_report, request.app.state.db, new)
    notice = NOTICE.format(reference=view.reference, unit=category(view.category).unit.name)
    body = [{"service_request_id": view.reference, "service_notice": notice, "account_id": None}]
    return respond(fmt, "service_requests", body, status_code=201)


async def get_token(request: Request, fmt: str) -> Response:
    """Ids are immediate: a token is only ever the number itself (see the module's note)."""
    view = await _intervention(request, request.path_params["token"])
    if view is None:
        return error_response(BadInput(404, NOT_ISSUED), fmt)
    body = [{"service_request_id": view.reference, "token": view.reference}]
    return respond(fmt, "service_requests", body)


Endpoint = Callable[[Request, str], Awaitable[Response]]


def _route(path: str, endpoint: Endpoint, method: str) -> Route:
    """A route whose last path segment ends in ``.{fmt}``; other formats get a 404."""

    async def answer(request: Request) -> Response:
        try:
            fmt = _format(request)
        except UnknownFormat:
            return error_response(BadInput(404, NO_SUCH_PATH))
        return await endpoint(request, fmt)

    answer.__name__ = endpoint.__name__
    return Route(f"{PREFIX}/{path}.{{fmt}}", answer, methods=[method])


async def unknown_path(request: Request) -> Response:
    """Any other path, answered in GeoReport's error format (XML for a .xml path)."""
    fmt = "xml" if request.path_params["rest"].lower().endswith(".xml") else "json"
    return error_response(BadInput(404, NO_SUCH_PATH), fmt)


routes = [
    _route("services", services, "GET"),
    _route("services/{service_code}", get_service, "GET"),
    _route("requests", list_requests, "GET"),
    _route("requests", post_request, "POST"),
    _route("requests/{request_id}", get_request, "GET"),
    _route("tokens/{token}", get_token, "GET"),
    *media_routes,
    Route(f"{PREFIX}/{{rest:path}}", unknown_path, methods=["GET", "POST"]),
]
