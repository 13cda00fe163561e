"""Phone numbers as the console shows them: grouped for reading aloud.

Residents' numbers are stored as typed and checked (``+48600700800``); a consultant
calling back reads "+48 600 700 800" more easily. Display only: the stored value, the
``tel:`` link and every export stay as they are.
"""

from __future__ import annotations

import phonenumbers

DEFAULT_REGION = "PL"


def shown_phone(raw: str) -> str:
    """E.g. ``+48600700800`` -> ``+48 600 700 800``, ``123456789`` -> ``+48 12 345 67 89``;
    what cannot be read as a number is shown as stored."""
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return raw
    if not phonenumbers.is_possible_number(number):
        return raw
    return str(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    )
