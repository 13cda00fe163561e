"""Open311's XML writer (bot/web/open311_xml.py) and the check of ``attribute[code]``
(bot/web/open311_attributes.py), without a running gateway."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, Dict

import pytest

from bot.http.requests import BadInput
from bot.reports.routing import CATEGORIES
from bot.web.open311_attributes import checked_attributes
from bot.web.open311_json import service_definition
from bot.web.open311_xml import xml_document


def test_lists_objects_and_empty_values_follow_the_spec() -> None:
    document = xml_document(
        "service_requests",
        [{"service_request_id": "KCK-2026-000001", "media_url": None, "lat": 50.06}],
    )
    assert document.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<service_requests>')
    root = ET.fromstring(document)
    (request,) = root.findall("request")
    assert request.findtext("service_request_id") == "KCK-2026-000001"
    assert request.findtext("media_url") == "" and request.findtext("lat") == "50.06"


def test_a_definition_nests_attributes_and_values() -> None:
    root = ET.fromstring(
        xml_document("service_definition", service_definition(CATEGORIES["czystosc"]))
    )
    (attribute,) = root.findall("attributes/attribute")
    assert attribute.findtext("variable") == "true" and attribute.findtext("required") == "false"
    assert attribute.findtext("order") == "1"
    assert [v.findtext("key") for v in attribute.findall("values/value")][-1] == "nie_wiem"


def test_text_is_escaped_and_characters_xml_cannot_carry_are_dropped() -> None:
    text = '<img src=x onerror=alert(1)> & "x" ]]> \x00\x1b\ud800koniec'
    document = xml_document("errors", [{"code": 400, "description": text}])
    assert b"<img" not in document
    parsed = ET.fromstring(document)
    assert parsed.findtext("error/description") == '<img src=x onerror=alert(1)> & "x" ]]> koniec'


@pytest.mark.parametrize(
    ("service", "data", "stored"),
    [
        ("drzewa_przy_drodze", {"attribute[blokuje]": "jezdnia"}, {"blokuje": "jezdnia"}),
        ("drzewa_przy_drodze", {"attribute": {"blokuje": " nie_wiem "}}, {"blokuje": "nie_wiem"}),
        ("oswietlenie", {"attribute[numer_slupa]": 4521}, {"numer_slupa": "4521"}),
        ("oswietlenie", {"attribute[numer_slupa]": ""}, {}),  # blank: not sent
        ("inne", {}, {}),
    ],
)
def test_attributes_accepted(service: str, data: Dict[str, Any], stored: Dict[str, str]) -> None:
    assert checked_attributes(service, data) == stored


@pytest.mark.parametrize(
    ("service", "data"),
    [
        ("drzewa_przy_drodze", {}),
        ("drzewa_przy_drodze", {"attribute[blokuje]": "JEZDNIA!"}),
        ("drzewa_przy_drodze", {"attribute": ["blokuje"]}),
        ("drzewa_przy_drodze", {"attribute[blokuje]": ["jezdnia"]}),
        ("oswietlenie", {"attribute[numer_slupa]": "x" * 13}),
        ("inne", {"attribute[numer_slupa]": "12"}),
        ("drogi", {"attribute[miejsce_uszkodzenia][]": "jezdnia"}),
    ],
)
def test_attributes_refused(service: str, data: Dict[str, Any]) -> None:
    with pytest.raises(BadInput) as refused:
        checked_attributes(service, data)
    assert refused.value.status == 400 and refused.value.message
