"""Personal data typed into free text, hidden before the text goes public.

Residents write their name, phone or e-mail into a report's description even
when they chose "bez kontaktu", and staff notes can carry a phone number.
Open311 serves descriptions to anyone without a key, so every public output
passes the text through ``redact``: phone numbers (found by the phonenumbers
library's matcher, Polish by default, valid numbers not glued to letters, so a
case number or a code is left alone), e-mail addresses, PESEL numbers (11 digits
standing alone) and the words that follow "nazywam się", "mam na imię",
"z poważaniem" and similar. The stored text stays whole for the unit handling it.
"""

from __future__ import annotations

import re
from typing import List, Tuple

import phonenumbers

from nlu.folding import fold

PHONE, EMAIL, PESEL, NAME = "[telefon]", "[e-mail]", "[PESEL]", "[imię i nazwisko]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PESEL = re.compile(r"(?<!\w)\d{11}(?!\w)")
# Introductions and signatures, matched as whole words on folded text (same length
# as the original, so positions carry over). The name is the next word, and up to
# two more that start with a capital letter.
_INTRO = re.compile(
    r"\b(?:nazywam sie|mam na imie|moje imie(?: i nazwisko)?(?: to)?|imie i nazwisko"
    r"|z powazaniem|z wyrazami szacunku|pozdrawiam(?: serdecznie)?|serdecznie pozdrawiam"
    r"|podpisano|zglaszajacy|zglaszajaca|jestem)\b[\s:,.\-–]*",
)
_SAYS_NAME = re.compile(r"nazywam|mam na|moje imie|imie i")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
_GAP = re.compile(r"[ \t]+")


def _folded(text: str) -> str:
    """``fold`` character by character, keeping every position of ``text``."""
    return "".join((fold(ch) or ch)[:1] for ch in text)


def _name_spans(text: str) -> List[Tuple[int, int]]:
    """Where the names introduced in ``text`` stand."""
    spans = []
    for intro in _INTRO.finditer(_folded(text)):
        # "nazywam się jan" names even in lower case; "jestem zły" is not a name.
        needs_capital = not _SAYS_NAME.match(intro.group(0))
        position, end, taken = intro.end(), 0, 0
        while taken < 3:
            word = _WORD.match(text, position)
            if word is None or ((taken or needs_capital) and not word.group(0)[0].isupper()):
                break
            end, taken = word.end(), taken + 1
            gap = _GAP.match(text, end)
            if gap is None:
                break
            position = gap.end()
        if taken:
            spans.append((intro.end(), end))
    return spans


def _replace(text: str, spans: List[Tuple[int, int]], label: str) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + label + text[end:]
    return text


def redact(text: str | None) -> str | None:
    """The text with phones, e-mails, PESEL numbers and introduced names replaced."""
    if not text:
        return text
    text = _EMAIL.sub(EMAIL, text)
    text = _PESEL.sub(PESEL, text)
    phones = [
        (match.start, match.end)
        for match in phonenumbers.PhoneNumberMatcher(
            text, "PL", leniency=phonenumbers.Leniency.VALID
        )
    ]
    text = _replace(text, phones, PHONE)
    return _replace(text, _name_spans(text), NAME)
