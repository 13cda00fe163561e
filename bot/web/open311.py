"""Open311 GeoReport v2 (ARCHITECTURE.md, "Open311 GeoReport v2"), JSON format only.

City systems file interventions and read their status here. Only the public
view of a report goes out: never contact data, never photos, never internal
staff notes; personal data typed into the free text is redacted
(bot/privacy/redaction.py), markup is stored and served as plain text, and the
JSON escapes ``<``, ``>`` and ``&`` so no client can read it as HTML. Ideas are
not service requests. Errors use GeoReport's ``[{"code", "description"}]`` body.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Tuple
from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot import geo
from bot.db import Database
from bot.plain_text import plain
from bot.reports import store
from bot.reports.routing import CATEGORIES, category
from bot.reports.store import WARSAW, NewReport, ReportView
from bot.web.public_json import SafeJSONResponse, finite, public_text
from bot.web.requests import BadInput, read_body, read_json

PREFIX = "/open311/v2"
# 10 000 description characters, percent-encoded 4-byte UTF-8, take 120 kB.
BODY_LIMIT = 192 * 1024
MAX_RESULTS, WINDOW = 1000, dt.timedelta(days=90)  # what GeoReport suggests
MAX_DESCRIPTION, MAX_ADDRESS = 10_000, 500
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc)
CONTACT_LIMITS = {"contact_name": 120, "contact_phone": 20, "contact_email": 254}
REFERENCE = re.compile(r"KCK-\d{4}-\d{6}")
UNITS = {c.unit.code: c.unit for c in CATEGORIES.values()}
# Fields this city does not fill; media_url too, as photos are never public.
NULL_FIELDS = ("service_notice", "expected_datetime", "address_id", "zipcode", "media_url")
STATUS_GROUPS = {
    "open": [s for s in store.STATUSES if s not in store.CLOSED],
    "closed": sorted(store.CLOSED),
}

FORBIDDEN = "Brak ważnego klucza API (api_key)."
UNKNOWN_SERVICE = "Nieznany kod usługi (service_code). Dostępne kody podaje services.json."
BAD_DESCRIPTION = "Opis (description) jest wymagany i może mieć najwyżej 10 000 znaków."
BAD_POSITION = "Współrzędne lat i long muszą być podane razem i leżeć w granicach Krakowa."
BAD_ADDRESS = "Adres (address_string) może mieć najwyżej 500 znaków."
NO_LOCATION = "Podaj miejsce: współrzędne lat i long albo adres (address_string)."
BAD_CONTACT = "Dane kontaktowe są za długie."
BAD_BODY = "Nie udało się odczytać danych. Wyślij formularz (x-www-form-urlencoded) lub JSON."
BAD_DATE = "Nieprawidłowa data. Użyj formatu ISO 8601, np. 2026-11-01T00:00:00+01:00."
BAD_DATE_RANGE = "Data musi leżeć między rokiem 2000 a 2100."
BAD_STATUS = "Parametr status przyjmuje wartości open lub closed."
NOT_FOUND = "Nie ma zgłoszenia o tym numerze."
NO_SUCH_PATH = "Nie ma takiego zasobu Open311."
JSON_ONLY = "Obsługujemy tylko format JSON (.json)."
NOTICE = "Zgłoszenie {reference} przyjęte. Sprawą zajmie się: {unit}."


def _error(error: BadInput) -> JSONResponse:
    return SafeJSONResponse(
        [{"code": error.status, "description": error.message}], status_code=error.status
    )


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(WARSAW).isoformat(timespec="seconds")


def _status_notes(view: ReportView) -> str:
    """The Polish status word, plus the newest note written for the resident, if any;
    internal notes never leave the console."""
    notes = [step.public_note for step in view.history if step.public_note]
    return f"{view.status}: {public_text(notes[-1])}" if notes else view.status


def _public(view: ReportView) -> Dict[str, Any]:
    """A GeoReport service request: the public view only, no contact data, no photo."""
    service = category(view.category)
    return {
        "service_request_id": view.reference,
        "status": "closed" if view.is_closed else "open",
        "status_notes": _status_notes(view),
        "service_name": service.title,
        "service_code": view.category,
        "description": public_text(view.description),
        "agency_responsible": UNITS.get(view.unit, service.unit).name,
        "requested_datetime": _iso(view.created_at),
        "updated_datetime": _iso(view.updated_at),
        "address": public_text(view.location_text),
        "lat": finite(view.lat),
        "long": finite(view.lon),
        **dict.fromkeys(NULL_FIELDS),
    }


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


@dataclass(frozen=True)
class Search:
    references: List[str]
    categories: List[str]
    statuses: List[str]
    start: dt.datetime | None
    end: dt.datetime | None


def _values(params: Mapping[str, str], name: str) -> List[str]:
    return [v.strip() for v in params.get(name, "").split(",") if v.strip()]


def _moment(raw: str | None) -> dt.datetime | None:
    """An ISO 8601 datetime in UTC; a '+' that arrived unencoded (as a space) still counts.

    Only dates between 2000 and 2100: at the calendar's edges (0001-01-01 in Warsaw
    time, 9999-12-31 minus the 90-day window) the arithmetic leaves Python's range.
    """
    if not raw or not raw.strip():
        return None
    text = re.sub(r" (\d{2}:?\d{2})$", r"+\1", raw.strip())
    text = text[:-1] + "+00:00" if text[-1:] in ("Z", "z") else text
    try:
        moment = dt.datetime.fromisoformat(text)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=WARSAW)
        moment = moment.astimezone(dt.timezone.utc)
    except (ValueError, OverflowError) as error:
        raise BadInput(400, BAD_DATE) from error
    if not EARLIEST <= moment < LATEST:
        raise BadInput(400, BAD_DATE_RANGE)
    return moment


def _search(params: Mapping[str, str]) -> Search:
    """The GeoReport filters; without dates or ids, the last 90 days."""
    wanted = set(_values(params, "status"))
    if not wanted <= STATUS_GROUPS.keys():
        raise BadInput(400, BAD_STATUS)
    statuses = [s for group in sorted(wanted) for s in STATUS_GROUPS[group]]
    references = list(dict.fromkeys(r.upper() for r in _values(params, "service_request_id")))
    start, end = _moment(params.get("start_date")), _moment(params.get("end_date"))
    if start and end and start > end:
        raise BadInput(400, BAD_DATE)
    if not references and start is None:
        start = (end or dt.datetime.now(dt.timezone.utc)) - WINDOW
    return Search(references[:MAX_RESULTS], _values(params, "service_code"), statuses, start, end)


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
        search = _search(request.query_params)
    except BadInput as error:
        return _error(error)
    views = await run_in_threadpool(_find, request.app.state.db, search)
    return SafeJSONResponse([_public(view) for view in views])


async def get_request(request: Request) -> Response:
    reference = request.path_params["request_id"].strip().upper()
    view = None
    if REFERENCE.fullmatch(reference):
        view = await run_in_threadpool(store.get_report, request.app.state.db, reference)
    if view is None or view.kind != "intervention":
        return _error(BadInput(404, NOT_FOUND))
    return SafeJSONResponse([_public(view)])


async def _read_body(request: Request) -> Dict[str, Any]:
    """The form or JSON object in the body, refused over BODY_LIMIT (413)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type.endswith("json"):
        return await read_json(request, BODY_LIMIT)
    if content_type not in ("", "application/x-www-form-urlencoded"):
        raise BadInput(400, BAD_BODY)
    body = await read_body(request, BODY_LIMIT)
    try:
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError) as error:
        raise BadInput(400, BAD_BODY) from error


def _text(data: Mapping[str, Any], name: str) -> str | None:
    """A field as stripped text (numbers accepted for JSON clients); blank means absent."""
    value = data.get(name)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if value is not None and not isinstance(value, str):
        raise BadInput(400, BAD_BODY)
    return value.strip() or None if value is not None else None


def _position(data: Mapping[str, Any]) -> Tuple[float | None, float | None]:
    """Both coordinates or neither; a point outside Kraków is someone else's city.

    A missing half becomes NaN; NaN and infinity are never in Kraków (bot/geo.py).
    """
    raw = (_text(data, "lat"), _text(data, "long"))
    if raw == (None, None):
        return None, None
    try:
        lat, lon = (float(value or "nan") for value in raw)
    except ValueError as error:
        raise BadInput(400, BAD_POSITION) from error
    if not geo.in_krakow(lat, lon):
        raise BadInput(400, BAD_POSITION)
    return lat, lon


def _authorized(key: str | None, keys: frozenset[str]) -> bool:
    """Compares with every valid key in constant time, so timing reveals no key."""
    given, matched = (key or "").encode(), False
    for valid in keys:
        matched |= hmac.compare_digest(given, valid.encode())
    return bool(key) and matched


def _contact(data: Mapping[str, Any]) -> Dict[str, Any]:
    """Contact fields only with the non-standard ``contact_consent=true``; else none kept."""
    consent = data.get("contact_consent")
    if not (consent is True or (isinstance(consent, str) and consent.strip().lower() == "true")):
        return {}
    names = [_text(data, "first_name"), _text(data, "last_name")]
    contact = {
        "contact_name": " ".join(n for n in names if n) or None,
        "contact_phone": _text(data, "phone"),
        "contact_email": _text(data, "email"),
    }
    if any(len(v or "") > CONTACT_LIMITS[k] for k, v in contact.items()):
        raise BadInput(400, BAD_CONTACT)
    return {**contact, "contact_consent": True}


def _new_report(data: Mapping[str, Any], keys: frozenset[str]) -> NewReport:
    if not _authorized(_text(data, "api_key"), keys):
        raise BadInput(403, FORBIDDEN)
    code = _text(data, "service_code")
    if code not in CATEGORIES:
        raise BadInput(400, UNKNOWN_SERVICE)
    description = _text(data, "description")
    description = plain(description) or None if description is not None else None
    if description is None or len(description) > MAX_DESCRIPTION:
        raise BadInput(400, BAD_DESCRIPTION)
    lat, lon = _position(data)
    address = _text(data, "address_string")
    address = plain(address) or None if address is not None else None
    if address is not None and len(address) > MAX_ADDRESS:
        raise BadInput(400, BAD_ADDRESS)
    if lat is None and address is None:
        raise BadInput(400, NO_LOCATION)
    return NewReport(
        kind="intervention",
        category=code,
        description=description,
        channel="open311",
        location_text=address,
        lat=lat,
        lon=lon,
        **_contact(data),
    )


async def post_request(request: Request) -> Response:
    try:
        data = await _read_body(request)
        new = _new_report(data, request.app.state.settings.open311_keys)
    except BadInput as error:
        return _error(error)
    view = await run_in_threadpool(store.create_report, request.app.state.db, new)
    notice = NOTICE.format(reference=view.reference, unit=category(view.category).unit.name)
    body = [{"service_request_id": view.reference, "service_notice": notice, "account_id": None}]
    return SafeJSONResponse(body, status_code=201)


async def unsupported(request: Request) -> Response:
    """Other formats (XML) and unknown paths, answered in GeoReport's error format."""
    if request.path_params["rest"].lower().endswith(".xml"):
        return _error(BadInput(400, JSON_ONLY))
    return _error(BadInput(404, NO_SUCH_PATH))


routes = [
    Route(f"{PREFIX}/services.json", services, methods=["GET"]),
    Route(f"{PREFIX}/requests.json", list_requests, methods=["GET"]),
    Route(f"{PREFIX}/requests.json", post_request, methods=["POST"]),
    Route(f"{PREFIX}/requests/{{request_id}}.json", get_request, methods=["GET"]),
    Route(f"{PREFIX}/{{rest:path}}", unsupported, methods=["GET", "POST"]),
]
