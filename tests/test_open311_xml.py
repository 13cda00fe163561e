"""Open311 GeoReport v2 as the spec has it, against the real gateway: XML (required by the
spec) and JSON for every endpoint, service definitions with the category questions,
``attribute[code]`` on POST, tokens, and errors as the spec's list in both formats.

Every XML document is checked against the spec's element names: a small schema per
endpoint (which elements may appear, and inside which), walked recursively.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from typing import Any, Dict, Iterator, List

import httpx
import pytest
from sqlalchemy import select

from bot.db import Database
from bot.models import Report
from bot.reports.questions import questions_for
from bot.reports.routing import CATEGORIES
from tests.conftest import OPEN311_TEST_KEY, LiveAssistant
from tests.helpers.open311 import REQUEST_FIELDS

pytestmark = pytest.mark.stack

BASE = "/open311/v2"
# The spec's element names, per endpoint: a name maps to the names allowed inside it,
# None marks a leaf (text only).
Schema = Dict[str, Any]
REQUEST: Schema = dict.fromkeys(REQUEST_FIELDS)
SERVICE: Schema = dict.fromkeys(
    ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]
)
ATTRIBUTE: Schema = {
    **dict.fromkeys(
        ["variable", "code", "datatype", "required", "datatype_description", "order", "description"]
    ),
    "values": {"value": {"key": None, "name": None}},
}
SCHEMAS: Dict[str, Schema] = {
    "services": {"services": {"service": SERVICE}},
    "definition": {
        "service_definition": {"service_code": None, "attributes": {"attribute": ATTRIBUTE}}
    },
    "requests": {"service_requests": {"request": REQUEST}},
    "created": {
        "service_requests": {
            "request": dict.fromkeys(
                ["service_request_id", "token", "service_notice", "account_id"]
            )
        }
    },
    "token": {"service_requests": {"request": dict.fromkeys(["service_request_id", "token"])}},
    "errors": {"errors": {"error": {"code": None, "description": None}}},
}


def assert_spec_names(element: ET.Element, allowed: Schema) -> None:
    """Every element is one the spec names at that place; leaves carry no children."""
    assert element.tag in allowed, f"<{element.tag}> is not in the spec here: {sorted(allowed)}"
    inner = allowed[element.tag]
    if inner is None:
        assert len(element) == 0, f"<{element.tag}> must hold text only"
        return
    assert not (element.text or "").strip(), f"<{element.tag}> must hold elements only"
    for child in element:
        assert_spec_names(child, inner)


def xml(response: httpx.Response, schema: str, status: int = 200) -> ET.Element:
    """The parsed document, after checking status, content type, declaration and names."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/xml")
    assert response.text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(response.content)
    assert_spec_names(root, SCHEMAS[schema])
    return root


def fields(element: ET.Element) -> Dict[str, str]:
    return {child.tag: child.text or "" for child in element}


def assert_error(response: httpx.Response, status: int, fmt: str) -> str:
    """The spec's error list in ``fmt``, with the HTTP status as its code; the description."""
    if fmt == "xml":
        (error,) = xml(response, "errors", status)
        assert fields(error)["code"] == str(status)
        description = fields(error)["description"]
    else:
        assert response.status_code == status, response.text
        (body,) = response.json()
        assert set(body) == {"code", "description"} and body["code"] == status
        description = body["description"]
    assert description
    return description


def tree_report(**fields_: Any) -> Dict[str, Any]:
    return {
        "api_key": OPEN311_TEST_KEY,
        "service_code": "drzewa_przy_drodze",
        "description": f"Złamany konar nad jezdnią {uuid.uuid4().hex}",
        "lat": "50.0614",
        "long": "19.9366",
        **fields_,
    }


@pytest.fixture(scope="module")
def db(live: LiveAssistant) -> Iterator[Database]:
    database = Database(f"sqlite:///{live.var_dir / 'kck.db'}")
    yield database
    database.dispose()


def attributes_of(db: Database, reference: str) -> Any:
    with db.session() as session:
        return session.execute(
            select(Report.attributes).where(Report.reference == reference)
        ).scalar_one()


def test_services_in_xml_and_json_say_the_same(gateway: httpx.Client) -> None:
    root = xml(gateway.get(f"{BASE}/services.xml"), "services")
    as_xml = [fields(service) for service in root]
    as_json = gateway.get(f"{BASE}/services.json").json()
    assert [s["service_code"] for s in as_xml] == list(CATEGORIES)
    for in_xml, in_json in zip(as_xml, as_json, strict=True):
        assert set(in_xml) == set(in_json)
        assert in_xml["metadata"] == ("true" if in_json["metadata"] else "false")
        assert in_json["metadata"] is bool(questions_for(in_json["service_code"]))
        assert in_xml["service_name"] == in_json["service_name"]
        assert in_xml["group"] == in_json["group"]
    with_questions = {s["service_code"] for s in as_json if s["metadata"]}
    assert {"oswietlenie", "drzewa_przy_drodze", "czystosc", "drogi"} <= with_questions


def test_a_service_definition_lists_the_category_questions(gateway: httpx.Client) -> None:
    lamp = gateway.get(f"{BASE}/services/oswietlenie.json").json()
    assert lamp["service_code"] == "oswietlenie"
    (number,) = lamp["attributes"]
    assert number["code"] == "numer_slupa" and number["datatype"] == "string"
    assert number["variable"] is True and number["required"] is False and number["order"] == 1
    assert "numer" in number["description"] and "values" not in number

    root = xml(gateway.get(f"{BASE}/services/drzewa_przy_drodze.xml"), "definition")
    assert root.findtext("service_code") == "drzewa_przy_drodze"
    (blocks,) = root.findall("attributes/attribute")
    assert blocks.findtext("code") == "blokuje"
    assert blocks.findtext("datatype") == "singlevaluelist"
    assert blocks.findtext("required") == "true" and blocks.findtext("variable") == "true"
    values = {v.findtext("key"): v.findtext("name") for v in blocks.findall("values/value")}
    assert values["jezdnia"] == "Jezdnię" and values["nie_wiem"] == "Nie wiem"
    as_json = gateway.get(f"{BASE}/services/drzewa_przy_drodze.json").json()
    assert [v["key"] for v in as_json["attributes"][0]["values"]] == list(values)

    none = xml(gateway.get(f"{BASE}/services/inne.xml"), "definition")
    assert none.findtext("service_code") == "inne" and none.findall("attributes/attribute") == []
    assert gateway.get(f"{BASE}/services/inne.json").json() == {
        "service_code": "inne",
        "attributes": [],
    }
    assert_error(gateway.get(f"{BASE}/services/kosmos.xml"), 404, "xml")
    assert_error(gateway.get(f"{BASE}/services/kosmos.json"), 404, "json")


def test_a_request_with_attributes_is_filed_and_read_back_in_both_formats(
    gateway: httpx.Client, db: Database
) -> None:
    body = tree_report(**{"attribute[blokuje]": "jezdnia"})
    (created,) = xml(gateway.post(f"{BASE}/requests.xml", data=body), "created", 201)
    reference = fields(created)["service_request_id"]
    assert "Zarząd Dróg Miasta Krakowa" in fields(created)["service_notice"]
    assert attributes_of(db, reference) == {"blokuje": "jezdnia"}

    (single,) = xml(gateway.get(f"{BASE}/requests/{reference}.xml"), "requests")
    (as_json,) = gateway.get(f"{BASE}/requests/{reference}.json").json()
    read = fields(single)
    assert set(read) == set(as_json)
    for key, value in as_json.items():
        expected = "" if value is None else str(value)
        assert read[key] == expected, key
    assert read["media_url"] == "" and read["status"] == "open"
    listed = xml(
        gateway.get(f"{BASE}/requests.xml", params={"service_request_id": reference}), "requests"
    )
    assert [fields(r)["service_request_id"] for r in listed] == [reference]

    lamp = {
        **tree_report(service_code="oswietlenie"),
        "attribute": {"numer_slupa": "os-1234"},
    }
    response = gateway.post(f"{BASE}/requests.json", json=lamp)
    assert response.status_code == 201, response.text
    assert attributes_of(db, response.json()[0]["service_request_id"]) == {"numer_slupa": "OS-1234"}


@pytest.mark.parametrize(
    ("service", "attributes", "words"),
    [
        ("drzewa_przy_drodze", {}, "blokuje"),  # a required attribute left out
        ("drzewa_przy_drodze", {"attribute[blokuje]": "kosmos"}, "nie_wiem"),  # not in the list
        ("oswietlenie", {"attribute[numer_slupa]": "ta wysoka"}, "numer_slupa"),  # wrong shape
        ("drogi", {"attribute[blokuje]": "jezdnia"}, "atrybutu"),  # another service's code
        ("drogi", {"attribute[miejsce_uszkodzenia][]": "jezdnia"}, "attribute"),  # a multi list
    ],
)
def test_wrong_attributes_are_the_spec_error_and_store_nothing(
    gateway: httpx.Client, service: str, attributes: Dict[str, str], words: str
) -> None:
    for fmt in ("xml", "json"):
        body = tree_report(service_code=service, **attributes)
        response = gateway.post(f"{BASE}/requests.{fmt}", data=body)
        assert words in assert_error(response, 400, fmt)
        assert body["description"] not in gateway.get(f"{BASE}/requests.json").text


def test_tokens_answer_the_number_issued_at_once(gateway: httpx.Client) -> None:
    response = gateway.post(
        f"{BASE}/requests.json", data=tree_report(**{"attribute[blokuje]": "nie_wiem"})
    )
    assert response.status_code == 201, response.text
    reference = response.json()[0]["service_request_id"]
    assert "token" not in response.json()[0]  # the id is immediate: no token to wait on
    (mapping,) = xml(gateway.get(f"{BASE}/tokens/{reference}.xml"), "token")
    assert fields(mapping) == {"service_request_id": reference, "token": reference}
    assert gateway.get(f"{BASE}/tokens/{reference}.json").json() == [
        {"service_request_id": reference, "token": reference}
    ]
    assert_error(gateway.get(f"{BASE}/tokens/KCK-1999-999999.xml"), 404, "xml")
    assert_error(gateway.get(f"{BASE}/tokens/whatever.json"), 404, "json")


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_errors_are_the_spec_list_in_either_format(gateway: httpx.Client, fmt: str) -> None:
    assert_error(gateway.get(f"{BASE}/requests/KCK-1999-999999.{fmt}"), 404, fmt)
    assert_error(gateway.get(f"{BASE}/requests.{fmt}", params={"status": "pending"}), 400, fmt)
    no_key = {k: v for k, v in tree_report().items() if k != "api_key"}
    assert_error(gateway.post(f"{BASE}/requests.{fmt}", data=no_key), 403, fmt)
    assert_error(gateway.get(f"{BASE}/nonsense/path.{fmt}"), 404, fmt)
    # A format the spec does not have is no resource (answered in JSON, the path has none).
    assert_error(gateway.get(f"{BASE}/services.csv"), 404, "json")


def test_xml_carries_text_never_markup_contact_or_broken_characters(
    gateway: httpx.Client,
) -> None:
    marker = uuid.uuid4().hex
    body = {
        **tree_report(**{"attribute[blokuje]": "chodnik"}),
        "description": f'<b>Konar</b> & "gałąź" a<5 ]]>\x01\x07 {marker}',
        "address_string": "<script>alert(1)</script>ul. Długa 7",
        "email": "anna@example.com",
        "phone": "+48600111222",
        "contact_consent": "true",
    }
    response = gateway.post(f"{BASE}/requests.xml", data=body)
    (created,) = xml(response, "created", 201)
    reference = fields(created)["service_request_id"]
    answers: List[httpx.Response] = [
        gateway.get(f"{BASE}/requests/{reference}.xml"),
        gateway.get(f"{BASE}/requests.xml"),
    ]
    for answer in answers:
        root = xml(answer, "requests")
        assert "<b>" not in answer.text and "<script" not in answer.text
        assert "anna@example.com" not in answer.text and "600111222" not in answer.text
        (mine,) = [r for r in root if fields(r)["service_request_id"] == reference]
        assert fields(mine)["description"] == f'Konar & "gałąź" a<5 ]]> {marker}'
        assert fields(mine)["address"] == "ul. Długa 7"
