"""Residents' and clients' words stored as plain text, never as markup.

Entities are decoded first and tags stripped after, repeatedly, so
``&lt;img onerror=…&gt;`` cannot turn into a live tag once stored (decoding after
stripping did exactly that). A ``<`` left in front of a letter (an unclosed tag)
gets a space, which no HTML parser reads as a tag; outputs escape the rest.
"""

from __future__ import annotations

import html
import re
from typing import Tuple

_TAG = re.compile(r"<[A-Za-z/!?][^<>]{0,200}>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_OPENING = re.compile(r"<(?=[A-Za-z/!?])")
_SPACES = re.compile(r"\s+")
_ROUNDS = 5  # "&amp;lt;" decodes one level a round; five levels is more than any client sends


def _squeezed(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def strip_markup(text: str) -> Tuple[str, bool]:
    """Text without HTML entities, tags or scripts, and whether there were any."""
    cleaned = text
    for _ in range(_ROUNDS):
        decoded = html.unescape(cleaned)
        stripped = _TAG.sub(" ", _SCRIPT.sub(" ", decoded))
        if stripped == cleaned:
            break
        cleaned = stripped
    cleaned = _squeezed(_OPENING.sub("< ", cleaned))
    return cleaned, cleaned != _squeezed(text)


def plain(text: str) -> str:
    """Only the text (for outputs that read stored data written before this rule)."""
    return strip_markup(text)[0]
