"""Checking what residents type into the report and idea forms.

Every check returns the cleaned value or a Polish explanation; the form then
asks again, so bad input never ends the conversation or loses the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Tuple

import phonenumbers

from bot import kck
from bot.plain_text import strip_markup
from bot.reports.triage import find_place
from bot.understanding.confirm import Kind, Verdict, read_answer
from nlu.folding import fold

MIN_PLACE_CHARS = 3
MAX_PLACE_CHARS = 300
# Longer than this, an answer to "where?" is a story: the place named in it is kept.
LONG_PLACE_CHARS = 60
MAX_DESCRIPTION_CHARS = 1000  # the gateway passes Rasa the first 1000 characters

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_CHARS = re.compile(r"(?:\+|00)?\d[\d\s().-]{1,}\d")

_CANCEL = re.compile(
    r"(anuluj\w*|rezygnuj\w*|przerwij\w*|stop|koniec|nie chce zglaszac)( zgloszenie| pomysl)?"
)

MARKUP_NOTE = "Pominąłem znaczniki HTML i skrypty – zapisuję sam tekst."
WRONG_PHONE = (
    "Ten numer telefonu wygląda na niepoprawny. Podaj go jeszcze raz, "
    f"np. 600 123 456 albo +48 {kck.PHONE}"
)
MAX_NAME_CHARS = 80


@dataclass(frozen=True)
class Checked:
    value: Optional[str]  # None: ask again
    message: Optional[str] = None  # what to tell the resident first


def is_cancel(text: str) -> bool:
    """The resident wants to stop filling in the form."""
    folded = fold(text).strip(" .!")
    return bool(_CANCEL.fullmatch(folded))


def is_skip(text: str) -> bool:
    folded = fold(text)
    return bool(re.search(r"\b(pomin\w*|bez zdjecia|nie mam|brak|dalej|nie)\b", folded))


def check_place(text: str) -> Checked:
    """The place as typed; from a long message only the street, crossing or landmark in it.

    "zmień miejsce na ul. Kocmyrzowska, przystanek" typed at the place question
    is a correction in words: the place is what follows it.
    """
    cleaned, had_markup = strip_markup(text)
    note = MARKUP_NOTE if had_markup else None
    reading = read_answer(cleaned, Kind.REPORT)
    if reading.verdict is Verdict.CHANGE and reading.field == "place" and reading.value:
        cleaned = reading.value
    if len(cleaned) > LONG_PLACE_CHARS:
        found = find_place(cleaned)
        if found:
            return Checked(found, note)
    if len(cleaned) < MIN_PLACE_CHARS or not any(ch.isalpha() for ch in cleaned):
        return Checked(
            None,
            "To za mało, by ekipa trafiła na miejsce. Podaj proszę ulicę i numer, "
            "skrzyżowanie albo charakterystyczny punkt w Krakowie.",
        )
    if len(cleaned) > MAX_PLACE_CHARS:
        return Checked(
            None, "Opis miejsca jest za długi. Podaj krótko ulicę i numer albo skrzyżowanie."
        )
    return Checked(cleaned, note)


def check_description(text: str) -> Checked:
    cleaned, had_markup = strip_markup(text)
    notes = [MARKUP_NOTE] if had_markup else []
    if len(cleaned) < 3 or not any(ch.isalpha() for ch in cleaned):
        return Checked(None, "Opisz proszę w kilku słowach, co się stało.")
    if len(cleaned) > MAX_DESCRIPTION_CHARS:
        cleaned = cleaned[:MAX_DESCRIPTION_CHARS].rstrip()
        notes.append(
            f"Opis jest długi – do zgłoszenia trafi pierwszych {MAX_DESCRIPTION_CHARS} znaków "
            "(całość zostaje w zapisie rozmowy)."
        )
    return Checked(cleaned, " ".join(notes) or None)


def check_contact(text: str) -> Checked:
    """Name plus a Polish-by-default phone (stored as E.164) and/or an e-mail."""
    cleaned, _ = strip_markup(text)
    email = _EMAIL.search(cleaned)
    phone_match = _PHONE_CHARS.search(cleaned)
    phone = None
    if phone_match:
        phone = e164(phone_match.group(0))
        if phone is None:
            return Checked(None, WRONG_PHONE + ", albo wpisz adres e-mail.")
    if not phone and not email:
        return Checked(
            None,
            "Nie widzę numeru telefonu ani adresu e-mail. Podaj np. „Anna, 600 123 456” "
            "albo „jan@example.pl”, lub napisz „bez kontaktu”.",
        )
    rest = cleaned
    for found in (email.group(0) if email else None, phone_match.group(0) if phone_match else None):
        if found:
            rest = rest.replace(found, " ")
    words = re.sub(r"[^\w\s-]", " ", rest).split()
    name = " ".join(w for w in words if w.isalpha())[:120] or None
    return Checked(encode_contact(name, phone, email.group(0) if email else None))


def e164(text: str) -> Optional[str]:
    """A valid phone number (Polish unless it says otherwise) in E.164, else None."""
    try:
        parsed = phonenumbers.parse(text, "PL")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def check_phone(text: str) -> Checked:
    """A phone number alone (the callback form), stored as E.164."""
    cleaned, _ = strip_markup(text)
    found = _PHONE_CHARS.search(cleaned)
    phone = e164(found.group(0)) if found else None
    if phone is None:
        return Checked(None, WRONG_PHONE + ".")
    return Checked(phone)


def check_name(text: str) -> Checked:
    """How the consultant should address the resident: letters, spaces, hyphens."""
    cleaned, _ = strip_markup(text)
    words = re.sub(r"[^\w\s-]", " ", cleaned).split()
    name = " ".join(w for w in words if not any(ch.isdigit() for ch in w))
    if not any(ch.isalpha() for ch in name):
        return Checked(None, "Napisz proszę, jak mamy się do Ciebie zwracać, np. „Anna”.")
    if len(name) > MAX_NAME_CHARS:
        return Checked(None, "To za długie jak na imię – wystarczy imię albo imię i nazwisko.")
    return Checked(name)


def encode_contact(name: Optional[str], phone: Optional[str], email: Optional[str]) -> str:
    return "|".join([name or "", phone or "", email or ""])


def decode_contact(value: Optional[str]) -> Tuple[Optional[str], Optional[str], Optional[str]]:
    """(name, phone E.164, e-mail) from the contact slot."""
    parts = (value or "").split("|")
    parts += [""] * (3 - len(parts))
    return parts[0] or None, parts[1] or None, parts[2] or None


def consent_answer(text: str) -> Optional[bool]:
    """True for "yes, take my contact", False for "no", None when unclear.

    Read by ``bot.understanding.confirm`` like every other confirmation; a
    cancel ("rezygnuję") is a no.
    """
    return yes_or_no(text, Kind.CONSENT)


def yes_or_no(text: str, kind: Kind) -> Optional[bool]:
    """A form's yes/no question read as every confirmation is: True for yes, False for
    no or a cancel word, None when unclear (the form asks again)."""
    verdict = read_answer(text, kind).verdict
    if verdict is Verdict.YES:
        return True
    if verdict in (Verdict.NO, Verdict.CANCEL):
        return False
    return None
