"""The JSON that Open311 sends out: a report's public view and GeoReport's errors.

Split from the routes (bot/web/open311.py) so what may leave the city's
systems is decided in one place: never contact data, never photos, never
internal staff notes; free text goes through ``public_text`` and dates in
Warsaw time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict

from starlette.responses import JSONResponse

from bot.http.requests import BadInput
from bot.reports.routing import CATEGORIES, category
from bot.reports.store import WARSAW, ReportView
from bot.web.public_json import SafeJSONResponse, finite, public_text

UNITS = {c.unit.code: c.unit for c in CATEGORIES.values()}
# Fields this city does not fill; media_url too, as photos are never public.
NULL_FIELDS = ("service_notice", "expected_datetime", "address_id", "zipcode", "media_url")


def error_response(error: BadInput) -> JSONResponse:
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


def public_request(view: ReportView) -> Dict[str, Any]:
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
