"""``attribute[code]`` of a new Open311 service request, checked against the service's
definition (services/{code}.{format}: bot/reports/questions.py).

GeoReport clients send the answers as form fields ``attribute[numer_slupa]=123``;
JSON clients may send the same keys or one ``"attribute": {code: value}`` object.
A code the service does not define, a value outside its list or of the wrong
shape, and a required attribute left out are refused with a GeoReport error
(400) that says which attribute and what is allowed; "nie_wiem" is a valid
answer to every list, as residents may say "nie wiem" in the chat.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Mapping

from bot.http.requests import BadInput
from bot.reports.details import valid_value
from bot.reports.questions import questions_for

_FIELD = re.compile(r"attribute\[([^\[\]]{1,64})\]")

UNKNOWN_ATTRIBUTE = "Usługa {service} nie ma takiego atrybutu. Podaje je services/{service}.xml."
BAD_FORMAT = "Atrybuty podaj jako attribute[kod]=wartość (jedna wartość tekstowa na kod)."
BAD_VALUE = "Nieprawidłowa wartość atrybutu {code}. {allowed}"
MISSING = "Brak wymaganego atrybutu {code}: podaj attribute[{code}] (gdy nie wiadomo: nie_wiem)."


def _sent(data: Mapping[str, Any]) -> Dict[str, Any]:
    """Every attribute the body carries, by code, in either spelling."""
    sent: Dict[str, Any] = {}
    nested = data.get("attribute")
    if nested is not None:
        if not isinstance(nested, dict):
            raise BadInput(400, BAD_FORMAT)
        sent.update({str(k): v for k, v in nested.items()})
    for key, value in data.items():
        if key.startswith("attribute["):
            found = _FIELD.fullmatch(key)
            if found is None:  # attribute[x][] (multivaluelist) or a broken name
                raise BadInput(400, BAD_FORMAT)
            sent[found.group(1)] = value
    return sent


def _as_text(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise BadInput(400, BAD_FORMAT)
    return value.strip() or None


def checked_attributes(service: str, data: Mapping[str, Any]) -> Dict[str, str]:
    """The service's attributes as stored with the report; BadInput on any that is wrong."""
    questions = {q.code: q for q in questions_for(service)}
    sent = {code: _as_text(value) for code, value in _sent(data).items()}
    if any(code not in questions for code in sent):
        raise BadInput(400, UNKNOWN_ATTRIBUTE.format(service=service))
    stored: Dict[str, str] = {}
    for code, question in questions.items():
        raw = sent.get(code)
        if raw is None:
            if question.required:
                raise BadInput(400, MISSING.format(code=code))
            continue
        value = valid_value(question, raw)
        if value is None:
            keys = ", ".join(c.key for c in question.choices)
            allowed = f"Dozwolone: {keys}." if keys else question.datatype_description
            raise BadInput(400, BAD_VALUE.format(code=code, allowed=allowed))
        stored[code] = value
    return stored
