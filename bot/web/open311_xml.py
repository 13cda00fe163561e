"""GeoReport v2's XML: the same values as the JSON, written with ElementTree.

The spec makes XML the required format. Every endpoint's body is built once as
plain values (bot/web/open311_json.py) and written either way: a list becomes
the spec's wrapper with one element per item (``<services><service>``), a
nested list its plural element with singular children (``<attributes>
<attribute>``, ``<values><value>``), None an empty element, booleans
``true``/``false``. ElementTree escapes ``<``, ``>`` and ``&``; characters XML
1.0 cannot carry (control characters typed into a description) are dropped, so
a stored value never makes the document unreadable.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any, Dict, List, Union

from starlette.responses import Response

# The element of one item inside each list element of the spec.
ITEMS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

Body = Union[List[Dict[str, Any]], Dict[str, Any]]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    """Writes a value into its element: an object as children, a list as items."""
    if isinstance(value, dict):
        for name, inner in value.items():
            _fill(ET.SubElement(element, name), inner)
    elif isinstance(value, list):
        for item in value:
            _fill(ET.SubElement(element, ITEMS[element.tag]), item)
    else:
        element.text = _text(value)


def xml_document(root: str, body: Body) -> bytes:
    """The document: ``root`` wraps a list's items or an object's fields."""
    element = ET.Element(root)
    _fill(element, body)
    return (DECLARATION + ET.tostring(element, encoding="unicode")).encode("utf-8")


class XMLResponse(Response):
    media_type = "text/xml; charset=utf-8"

    def __init__(self, root: str, body: Body, status_code: int = 200) -> None:
        super().__init__(xml_document(root, body), status_code=status_code)
