"""Answers to the category questions (bot/reports/questions.py): heard in a
resident's words, read from a typed answer, checked before they are stored.

Details travel through the chat form as one JSON text (``{code: value}``; a
value of None means "asked or moot, nothing to store") and are stored with the
report as ``{code: value}`` of answered questions only. Whatever their origin
(chat, Open311, a forged payload) they are checked again against the
definitions before they are stored: known codes of the report's category,
values from the list or of the string's shape.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional

from bot.reports.questions import BY_CODE, QUESTIONS, UNKNOWN, Question, questions_for
from nlu.folding import fold

Details = Dict[str, Optional[str]]

_SKIP = re.compile(
    r"\b(?:pomin\w*|nie wiem|nie widac|nie widze|nie znam|nie pamietam|brak\w*|nie ma|"
    r"trudno powiedziec|bez numeru)\b"
)
_NUMBER_WORDS = re.compile(r"\b(?:nr|numer\w*|to|jest|na|slupie|tabliczce)\b\.?")


@dataclass(frozen=True)
class Reading:
    """A typed answer read: ``understood`` False means ask again."""

    understood: bool
    value: Optional[str] = None  # None with understood: skipped, nothing to store


def string_value(question: Question, text: str) -> Optional[str]:
    """A string answer in its stored form (upper case), or None when it has not that shape."""
    candidate = fold(text).strip(" .,;:!?")
    if question.value_pattern and question.value_pattern.fullmatch(candidate):
        return candidate.upper()
    return None


def heard(question: Question, text: str) -> Optional[str]:
    """The answer the resident's words already give, if any."""
    folded = fold(text)
    for key, pattern in question.heard:
        found = pattern.search(folded)
        if found:
            return string_value(question, found.group(1)) if question.datatype == "string" else key
    return None


def details_in(text: str) -> Details:
    """Every question (of any category: it may change) the words answer or make moot."""
    found: Details = {}
    for question in QUESTIONS:
        if question.moot and question.moot.search(fold(text)):
            found[question.code] = None
        elif (value := heard(question, text)) is not None:
            found[question.code] = value
    return found


def read_answer(question: Question, text: str) -> Reading:
    """A typed answer (or a pressed button's title) to the question asked."""
    folded = fold(text).strip(" .,;:!?")
    for choice in question.choices:
        if folded in (choice.key, fold(choice.name)):
            return Reading(True, choice.key)
    if question.datatype == "string":
        words = _NUMBER_WORDS.sub(" ", folded).split()
        if len(words) == 1 and (value := string_value(question, words[0])):
            return Reading(True, value)
    elif (value := heard(question, text)) is not None:
        return Reading(True, value)
    if _SKIP.search(folded):
        return Reading(True, UNKNOWN if question.choices else None)
    return Reading(False)


def merged(known: Details, new: Details) -> Details:
    """Earlier answers win: what the resident said first is not overwritten by later words."""
    return {**new, **known}


def pending(category: str, known: Details) -> List[Question]:
    """The category's questions still to ask."""
    return [q for q in questions_for(category) if q.code not in known]


def decode(value: object) -> Details:
    """The form's JSON text of details; anything else (forged, broken) counts as none."""
    if not isinstance(value, str):
        return {}
    try:
        loaded = json.loads(value)
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {
        str(k): v for k, v in loaded.items() if k in BY_CODE and (v is None or isinstance(v, str))
    }


def encode(details: Details) -> str:
    return json.dumps(details, ensure_ascii=False, sort_keys=True)


def valid_value(question: Question, value: str) -> Optional[str]:
    """The value as stored, if the definition allows it; None if not."""
    if question.datatype == "string":
        return string_value(question, value)
    return value if question.choice(value) else None


def attributes_to_store(category: str, details: Mapping[str, Optional[str]]) -> Dict[str, str]:
    """Only answered questions of the report's category, with values the definitions allow."""
    stored: Dict[str, str] = {}
    for question in questions_for(category):
        raw = details.get(question.code)
        value = valid_value(question, raw) if isinstance(raw, str) else None
        if value is not None:
            stored[question.code] = value
    return stored


def described(attributes: Mapping[str, str] | None) -> List[tuple[str, str]]:
    """(label, answer) pairs as staff and residents read them, in the questions' order."""
    pairs = []
    for question in QUESTIONS:
        value = (attributes or {}).get(question.code)
        if value is None:
            continue
        choice = question.choice(value)
        pairs.append((question.label, choice.name if choice else value))
    return pairs
