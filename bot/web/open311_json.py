"""What Open311 sends out: a report's public view, services, service definitions and
GeoReport's errors, as plain values written as JSON or XML (bot/web/open311_xml.py).

Split from the routes (bot/web/open311.py) so what may leave the city's
systems is decided in one place: never contact data, never a photo the
resident did not agree to publish, never internal staff notes, never the
answers to the category questions (they are for the unit); free text goes
through ``public_text`` and dates in Warsaw time. ``media_url`` is the public
address of the photo (bot/web/open311_media.py) only when the resident said yes
to showing it with the report; empty otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Dict, List

from starlette.responses import Response

from bot.http.requests import BadInput
from bot.reports.questions import Question, questions_for
from bot.reports.routing import CATEGORIES, Category, category
from bot.reports.store import WARSAW, ReportView
from bot.web.open311_xml import Body, XMLResponse
from bot.web.public_json import SafeJSONResponse, finite, public_text

UNITS = {c.unit.code: c.unit for c in CATEGORIES.values()}
FORMATS = ("json", "xml")


def respond(fmt: str, root: str, body: Body, status_code: int = 200) -> Response:
    """The body in the format the path asked for; ``root`` names XML's outer element."""
    if fmt == "xml":
        return XMLResponse(root, body, status_code=status_code)
    return SafeJSONResponse(body, status_code=status_code)


def error_response(error: BadInput, fmt: str = "json") -> Response:
    """GeoReport's list of errors: ``[{"code", "description"}]``, ``<errors><error>``."""
    body = [{"code": error.status, "description": error.message}]
    return respond(fmt, "errors", body, status_code=error.status)


def service(item: Category) -> Dict[str, Any]:
    """One service of services.{format}; ``metadata`` says it has a definition to read."""
    return {
        "service_code": item.code,
        "service_name": item.title,
        "description": item.description,
        "metadata": bool(questions_for(item.code)),
        "type": "realtime",
        "keywords": "",
        "group": item.unit.name,
    }


def _attribute(question: Question, order: int) -> Dict[str, Any]:
    attribute: Dict[str, Any] = {
        "variable": True,
        "code": question.code,
        "datatype": question.datatype,
        "required": question.required,
        "datatype_description": question.datatype_description,
        "order": order,
        "description": question.prompt,
    }
    if question.choices:
        attribute["values"] = [{"key": c.key, "name": c.name} for c in question.choices]
    return attribute


def service_definition(item: Category) -> Dict[str, Any]:
    """services/{code}.{format}: the category's questions as GeoReport attributes."""
    questions = questions_for(item.code)
    return {
        "service_code": item.code,
        "attributes": [_attribute(q, order) for order, q in enumerate(questions, start=1)],
    }


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(WARSAW).isoformat(timespec="seconds")


def _status_notes(view: ReportView) -> str:
    """The Polish status word, plus the newest note written for the resident, if any;
    internal notes never leave the console."""
    notes = [step.public_note for step in view.history if step.public_note]
    return f"{view.status}: {public_text(notes[-1])}" if notes else view.status


def public_request(view: ReportView, media_url: str | None = None) -> Dict[str, Any]:
    """A GeoReport service request in the spec's order: the public view only, no contact
    data; ``media_url`` only for a photo published with consent (see above). Empty: what
    this city does not fill."""
    item = category(view.category)
    return {
        "service_request_id": view.reference,
        "status": "closed" if view.is_closed else "open",
        "status_notes": _status_notes(view),
        "service_name": item.title,
        "service_code": view.category,
        "description": public_text(view.description),
        "agency_responsible": UNITS.get(view.unit, item.unit).name,
        "service_notice": None,
        "requested_datetime": _iso(view.created_at),
        "updated_datetime": _iso(view.updated_at),
        "expected_datetime": None,
        "address": public_text(view.location_text),
        "address_id": None,
        "zipcode": None,
        "lat": finite(view.lat),
        "long": finite(view.lon),
        "media_url": media_url,
    }


def public_requests(
    views: List[ReportView], media_url: Callable[[ReportView], str | None] = lambda view: None
) -> List[Dict[str, Any]]:
    """The requests; ``media_url(view)``: the public photo address, None without consent."""
    return [public_request(view, media_url(view)) for view in views]
