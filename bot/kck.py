"""KCK's own contact, the one place the assistant's code takes it from.

Residents are told the phone number and the hours in many messages (outages,
fallbacks, privacy, callback, status questions); a copy in each module would
drift when the number or the hours change. The hours are read from the office
calendar (bot/office_hours.yml, the file that also decides hand-offs), so what
the assistant says and when it hands over cannot disagree. The default file is
read, not $KCK_OFFICE_HOURS_FILE: tests set that to other hours, and residents'
texts must not change with it. Texts outside Python (domain.yml,
data/responses/, the HTML templates) still write the number out; Rasa and
Jinja read them as they are.
"""

from __future__ import annotations

from datetime import time

from bot.office_hours.loader import DEFAULT_PATH, load_calendar

PHONE = "12 616 55 55"


def _clock(at: time) -> str:
    return f"{at.hour}:{at.minute:02d}"


def _weekday_hours() -> str:
    """Monday's hours, "7:40–15:30"; tests/unit/test_facts_tables.py checks that
    Monday to Friday share them and the weekend is closed, as "pn–pt" says."""
    monday = load_calendar(DEFAULT_PATH).weekly[0]
    if monday is None:
        raise ValueError(f"{DEFAULT_PATH}: KCK is closed on Mondays")
    opens, closes = monday
    return f"{_clock(opens)}–{_clock(closes)}"


HOURS = _weekday_hours()  # "7:40–15:30", Monday to Friday
# The line the gateway's own messages end with.
CONTACT = f"Krakowskie Centrum Kontaktu: tel. {PHONE}, pn–pt {HOURS}."
