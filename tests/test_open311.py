"""Open311 GeoReport v2 against the real gateway: city systems file and read reports."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterator, List

import httpx
import pytest
from sqlalchemy import select

from bot.db import Database
from bot.models import Report
from bot.reports.questions import questions_for
from bot.reports.routing import CATEGORIES
from bot.reports.store import NewReport, create_report, set_status
from tests.conftest import OPEN311_TEST_KEY, LiveAssistant
from tests.helpers.open311 import REQUEST_FIELDS, TEXT_FIELDS

pytestmark = pytest.mark.stack

BASE = "/open311/v2"
REQUEST_KEYS = set(REQUEST_FIELDS)
TEXT_KEYS = set(TEXT_FIELDS)
ALWAYS_NULL = {"service_notice", "expected_datetime", "address_id", "zipcode", "media_url"}
REFERENCE = re.compile(r"^KCK-\d{4}-\d{6}$")


@pytest.fixture(scope="module")
def db(live: LiveAssistant) -> Iterator[Database]:
    """The live gateway's own database, for what no public API does (closing a report)."""
    database = Database(f"sqlite:///{live.var_dir / 'kck.db'}")
    yield database
    database.dispose()


def unique(text: str = "Zgłoszenie testowe") -> str:
    return f"{text} {uuid.uuid4().hex}"


def form(**fields: Any) -> Dict[str, Any]:
    base = {
        "api_key": OPEN311_TEST_KEY,
        "service_code": "drogi",
        "description": unique("Dziura w jezdni"),
        "lat": "50.0614",
        "long": "19.9366",
    }
    return {**base, **fields}


def post(gateway: httpx.Client, **fields: Any) -> httpx.Response:
    return gateway.post(f"{BASE}/requests.json", data=form(**fields))


def created(response: httpx.Response) -> str:
    assert response.status_code == 201, response.text
    (body,) = response.json()
    assert set(body) == {"service_request_id", "service_notice", "account_id"}
    assert REFERENCE.match(body["service_request_id"])
    assert body["account_id"] is None
    return str(body["service_request_id"])


def search(gateway: httpx.Client, **params: str) -> List[Dict[str, Any]]:
    response = gateway.get(f"{BASE}/requests.json", params=params)
    assert response.status_code == 200, response.text
    return list(response.json())


def ids(requests: List[Dict[str, Any]]) -> List[str]:
    return [r["service_request_id"] for r in requests]


def assert_georeport_error(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    (error,) = response.json()
    assert set(error) == {"code", "description"}
    assert error["code"] == status
    assert isinstance(error["description"], str) and error["description"]


def assert_request_shape(request: Dict[str, Any]) -> None:
    assert set(request) == REQUEST_KEYS
    assert all(isinstance(request[key], str) for key in TEXT_KEYS)
    assert all(request[key] is None for key in ALWAYS_NULL)
    assert request["status"] in ("open", "closed")
    assert request["address"] is None or isinstance(request["address"], str)
    for key in ("lat", "long"):
        assert request[key] is None or isinstance(request[key], float)
    for key in ("requested_datetime", "updated_datetime"):
        assert dt.datetime.fromisoformat(request[key]).utcoffset() is not None


def test_services_list_every_category(gateway: httpx.Client) -> None:
    response = gateway.get(f"{BASE}/services.json")
    assert response.status_code == 200
    services = response.json()
    assert [s["service_code"] for s in services] == list(CATEGORIES)
    for service in services:
        assert set(service) == {
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        }
        category = CATEGORIES[service["service_code"]]
        assert service["service_name"] == category.title
        assert service["group"] == category.unit.name
        assert service["description"] == category.description
        # A category that asks questions has a service definition (spec: metadata true).
        assert service["metadata"] is bool(questions_for(service["service_code"]))
        assert service["type"] == "realtime"
        assert service["keywords"] == ""


def test_form_request_is_listed_and_found_by_its_number(gateway: httpx.Client) -> None:
    description = unique("Nie świeci latarnia")
    response = post(gateway, service_code="oswietlenie", description=description)
    reference = created(response)
    assert "Zarząd Dróg Miasta Krakowa" in response.json()[0]["service_notice"]

    listed = [r for r in search(gateway) if r["service_request_id"] == reference]
    (single,) = gateway.get(f"{BASE}/requests/{reference}.json").json()
    (by_id,) = search(gateway, service_request_id=reference)
    assert listed == [single] == [by_id]
    assert_request_shape(single)
    assert single["status"] == "open"
    assert single["status_notes"] == "przyjęte"
    assert single["service_code"] == "oswietlenie"
    assert single["service_name"] == "Oświetlenie ulic"
    assert single["agency_responsible"] == "Zarząd Dróg Miasta Krakowa"
    assert single["description"] == description
    assert (single["lat"], single["long"]) == (50.0614, 19.9366)
    assert single["address"] is None


def test_json_request_with_address_only(gateway: httpx.Client) -> None:
    body = form(service_code="czystosc", address_string="ul. Floriańska 1")
    del body["lat"], body["long"]
    reference = created(gateway.post(f"{BASE}/requests.json", json=body))
    (single,) = gateway.get(f"{BASE}/requests/{reference.lower()}.json").json()
    assert_request_shape(single)
    assert single["service_request_id"] == reference
    assert single["address"] == "ul. Floriańska 1"
    assert (single["lat"], single["long"]) == (None, None)
    assert single["agency_responsible"] == "MPO Kraków"


def test_json_request_with_numeric_coordinates(gateway: httpx.Client) -> None:
    body = {**form(service_code="zielen"), "lat": 50.05, "long": 19.95}
    reference = created(gateway.post(f"{BASE}/requests.json", json=body))
    (single,) = search(gateway, service_request_id=reference)
    assert (single["lat"], single["long"]) == (50.05, 19.95)


def test_unknown_number_is_404_in_georeport_format(gateway: httpx.Client) -> None:
    assert_georeport_error(gateway.get(f"{BASE}/requests/KCK-1999-999999.json"), 404)
    assert_georeport_error(gateway.get(f"{BASE}/requests/nonsense.json"), 404)
    assert search(gateway, service_request_id="KCK-1999-999999") == []


def test_ideas_are_not_service_requests(gateway: httpx.Client, db: Database) -> None:
    idea = create_report(
        db, NewReport(kind="idea", category="inne", description=unique(), channel="web")
    )
    assert idea.reference not in ids(search(gateway))
    assert search(gateway, service_request_id=idea.reference) == []
    assert_georeport_error(gateway.get(f"{BASE}/requests/{idea.reference}.json"), 404)


def test_service_code_filter(gateway: httpx.Client) -> None:
    light = created(post(gateway, service_code="oswietlenie"))
    park = created(post(gateway, service_code="zielen"))
    only_light = search(gateway, service_code="oswietlenie")
    assert light in ids(only_light) and park not in ids(only_light)
    assert {r["service_code"] for r in only_light} == {"oswietlenie"}
    assert {light, park} <= set(ids(search(gateway, service_code="oswietlenie,zielen")))


def test_status_filter_and_notes(gateway: httpx.Client, db: Database) -> None:
    closed = created(post(gateway))
    still_open = created(post(gateway))
    assert set_status(db, closed, "załatwione", "Ubytek załatany.", public=True) is not None
    closed_ones, open_ones = search(gateway, status="closed"), search(gateway, status="open")
    assert closed in ids(closed_ones) and still_open not in ids(closed_ones)
    assert still_open in ids(open_ones) and closed not in ids(open_ones)
    assert {closed, still_open} <= set(ids(search(gateway, status="open,closed")))
    (report,) = gateway.get(f"{BASE}/requests/{closed}.json").json()
    assert report["status"] == "closed"
    assert report["status_notes"] == "załatwione: Ubytek załatany."
    assert report["updated_datetime"] >= report["requested_datetime"]
    assert_georeport_error(gateway.get(f"{BASE}/requests.json?status=pending"), 400)


def test_date_filters(gateway: httpx.Client) -> None:
    reference = created(post(gateway))
    past = search(
        gateway, start_date="2001-01-01T00:00:00+01:00", end_date="2001-03-01T00:00:00+01:00"
    )
    assert past == []
    now = dt.datetime.now(dt.timezone.utc)
    window = {
        "start_date": (now - dt.timedelta(hours=1)).isoformat(),
        "end_date": (now + dt.timedelta(hours=1)).astimezone().isoformat(),
    }
    assert reference in ids(search(gateway, **window))
    assert reference in ids(search(gateway, start_date=window["start_date"]))
    assert reference not in ids(search(gateway, end_date="2001-03-01T00:00:00Z"))
    # A client that forgets to percent-encode "+" still gets its window.
    raw = f"{BASE}/requests.json?start_date={(now - dt.timedelta(hours=1)):%Y-%m-%dT%H:%M:%S}+00:00"
    assert reference in ids(gateway.get(raw).json())


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "wczoraj"},
        {"end_date": "2026-13-45T00:00:00+01:00"},
        {"start_date": "2026-11-02T00:00:00+01:00", "end_date": "2026-11-01T00:00:00+01:00"},
    ],
)
def test_bad_dates_are_400(gateway: httpx.Client, params: Dict[str, str]) -> None:
    assert_georeport_error(gateway.get(f"{BASE}/requests.json", params=params), 400)


@pytest.mark.parametrize("api_key", [None, "", "wrong-key", OPEN311_TEST_KEY + "x"])
def test_missing_or_wrong_api_key_is_403_and_stores_nothing(
    gateway: httpx.Client, api_key: str | None
) -> None:
    description = unique("Bez klucza")
    body = {
        k: v for k, v in form(description=description, api_key=api_key).items() if v is not None
    }
    assert_georeport_error(gateway.post(f"{BASE}/requests.json", data=body), 403)
    assert_georeport_error(gateway.post(f"{BASE}/requests.json", json=body), 403)
    assert description not in gateway.get(f"{BASE}/requests.json").text


@pytest.mark.parametrize(
    "fields",
    [
        {"service_code": "kosmos"},
        {"service_code": ""},
        {"description": "   "},
        {"description": "x" * 10_001},
        {"lat": "52.2297", "long": "21.0122"},  # Warszawa
        {"lat": "50.06", "long": "20.5"},
        {"lat": "50.06", "long": ""},
        {"lat": "nan", "long": "19.93"},
        {"lat": "pięćdziesiąt", "long": "19.93"},
        {"lat": "", "long": ""},  # no location at all
        {"lat": "", "long": "", "address_string": "a" * 501},
    ],
)
def test_invalid_request_is_400(gateway: httpx.Client, fields: Dict[str, str]) -> None:
    description = fields.get("description", unique("Błędne"))
    assert_georeport_error(post(gateway, **{**fields, "description": description}), 400)
    if description.strip():
        assert description not in gateway.get(f"{BASE}/requests.json").text


def test_a_format_other_than_xml_and_json_is_404(gateway: httpx.Client) -> None:
    """XML is the spec's required format and is served (tests/test_open311_xml.py)."""
    assert_georeport_error(gateway.get(f"{BASE}/services.csv"), 404)
    assert_georeport_error(gateway.post(f"{BASE}/requests.html", data=form()), 404)


def test_contact_is_kept_only_with_consent_and_never_shown(
    gateway: httpx.Client, db: Database
) -> None:
    email, phone = f"{uuid.uuid4().hex}@example.com", "+48600111222"
    contact = {"email": email, "phone": phone, "first_name": "Anna", "last_name": "Nowak"}
    with_consent = created(post(gateway, **contact, contact_consent="true"))
    as_json = {**form(), **contact, "contact_consent": True}
    json_consent = created(gateway.post(f"{BASE}/requests.json", json=as_json))
    without = created(post(gateway, **contact))
    with db.session() as session:
        query = select(Report).where(Report.reference.in_([with_consent, json_consent, without]))
        rows = {r.reference: r for r in session.execute(query).scalars()}
    for kept in (with_consent, json_consent):
        row = rows[kept]
        assert (row.contact_email, row.contact_phone, row.contact_name) == (
            email,
            phone,
            "Anna Nowak",
        )
        assert row.contact_consent is True
    assert rows[without].contact_email is None and rows[without].contact_phone is None
    assert rows[without].contact_name is None and rows[without].contact_consent is False
    pages = [
        gateway.get(f"{BASE}/requests.json").text,
        gateway.get(f"{BASE}/requests.json", params={"service_request_id": with_consent}).text,
        gateway.get(f"{BASE}/requests/{with_consent}.json").text,
        gateway.get(f"{BASE}/requests/{json_consent}.json").text,
    ]
    for page in pages:
        assert email not in page and phone not in page and "600111222" not in page
        assert "Nowak" not in page


def test_markup_in_description_is_stored_as_text(gateway: httpx.Client) -> None:
    """Issue 15, finding 7: tags and scripts go, the words and characters stay; the
    JSON carries < > & as \\u escapes, so no client can mistake it for HTML."""
    marker = uuid.uuid4().hex
    description = f'<script>alert("x")</script><b>pogrubione</b> & "cudzysłów" a<5 {marker}'
    reference = created(post(gateway, description=description))
    response = gateway.get(f"{BASE}/requests/{reference}.json")
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()[0]["description"] == f'pogrubione & "cudzysłów" a<5 {marker}'
    assert "<" not in response.text and "&" not in response.text


def test_fifty_simultaneous_requests_get_fifty_numbers(live: LiveAssistant) -> None:
    def file_one(index: int) -> httpx.Response:
        with httpx.Client(base_url=live.gateway_url, timeout=120) as client:
            return post(client, description=unique(f"Zgłoszenie równoległe {index}"))

    with ThreadPoolExecutor(max_workers=50) as pool:
        responses = list(pool.map(file_one, range(50)))
    assert [r.status_code for r in responses] == [201] * 50
    references = [created(r) for r in responses]
    assert len(set(references)) == 50
    with httpx.Client(base_url=live.gateway_url, timeout=60) as client:
        found = search(client, service_request_id=",".join(references))
    assert sorted(ids(found)) == sorted(references)


def test_longest_allowed_description_fits_the_body_limit(gateway: httpx.Client) -> None:
    description = "ż" * 9_990 + uuid.uuid4().hex[:10]  # 10 000 characters, 6 bytes each encoded
    reference = created(post(gateway, description=f"  {description}  "))
    (single,) = gateway.get(f"{BASE}/requests/{reference}.json").json()
    assert single["description"] == description
