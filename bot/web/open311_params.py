"""Reading an Open311 request: query filters and the body of a new service request.

Split from the routes (bot/web/open311.py) so the rules of what GeoReport input
is accepted (dates, statuses, coordinates in Kraków, field lengths, the API key,
contact data only with consent) live apart from the HTTP plumbing and what goes
out; ``attribute[code]`` is checked in bot/web/open311_attributes.py. Every
refusal is a ``BadInput`` with a Polish message; the routes turn it into
GeoReport's error body.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Tuple
from urllib.parse import parse_qsl

from starlette.requests import Request

from bot import geo
from bot.http.requests import BadInput, read_body, read_json
from bot.plain_text import plain
from bot.reports import store
from bot.reports.routing import CATEGORIES
from bot.reports.store import WARSAW, NewReport
from bot.web.open311_attributes import checked_attributes

# 10 000 description characters, percent-encoded 4-byte UTF-8, take 120 kB.
BODY_LIMIT = 192 * 1024
MAX_RESULTS, WINDOW = 1000, dt.timedelta(days=90)  # what GeoReport suggests
MAX_DESCRIPTION, MAX_ADDRESS = 10_000, 500
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc)
CONTACT_LIMITS = {"contact_name": 120, "contact_phone": 20, "contact_email": 254}
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


def parse_search(params: Mapping[str, str]) -> Search:
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


async def read_request_body(request: Request) -> Dict[str, Any]:
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


def position(data: Mapping[str, Any]) -> Tuple[float | None, float | None]:
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


def new_report(data: Mapping[str, Any], keys: frozenset[str]) -> NewReport:
    if not _authorized(_text(data, "api_key"), keys):
        raise BadInput(403, FORBIDDEN)
    code = _text(data, "service_code")
    if code not in CATEGORIES:
        raise BadInput(400, UNKNOWN_SERVICE)
    attributes = checked_attributes(code, data)
    description = _text(data, "description")
    description = plain(description) or None if description is not None else None
    if description is None or len(description) > MAX_DESCRIPTION:
        raise BadInput(400, BAD_DESCRIPTION)
    lat, lon = position(data)
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
        attributes=attributes,
        **_contact(data),
    )
