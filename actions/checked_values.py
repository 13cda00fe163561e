"""What the actions store is checked again, whatever reached Rasa.

Rasa fills slots from any entity in a ``/intent{…}`` payload, and a payload can
be forged (an outside review stored ``photo-../../kck.db`` as a report's photo
and filed a report in Warsaw under a summary that showed Kraków). So:

- every slot a form validates must be text of a bounded length (``CheckedSlots``);
- a photo is stored only under a name the photo store gives (``bot.photos``) and
  only if the gateway announced that very upload in this conversation (the
  ``/provide_photo`` payload it wrote into the transcript);
- a report's point is the one the resident confirmed: read back from the place
  in the summary ("punkt z mapy: …"), finite and inside Kraków, never from
  coordinate slots a later payload could change.
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy import select

from bot.db import Database
from bot.geo import in_krakow
from bot.models import Message
from bot.photos import is_photo_name, photo_payload

# Far above any answer the gateway passes on (1000 characters of a message).
MAX_SLOT_CHARS = 2000
POINT_PREFIX = "punkt z mapy: "
NOT_UNDERSTOOD = "Nie mogę przyjąć tej odpowiedzi. Odpowiedz proszę jeszcze raz na pytanie powyżej."
PHOTO_UNKNOWN = (
    "Nie znalazłem tego zdjęcia w naszej rozmowie. Dodaj je przyciskiem 📎 obok pola "
    "wiadomości albo pomiń ten krok."
)
Point = Tuple[float, float]


def well_formed(value: Any) -> bool:
    """Text of a sane length: what typed answers and the gateway's payloads give."""
    return isinstance(value, str) and len(value) <= MAX_SLOT_CHARS


def photo_of_conversation(db: Database, conversation_id: str, name: Any) -> bool:
    """Whether ``name`` is a stored photo this conversation uploaded itself."""
    if not is_photo_name(name):
        return False
    with db.session() as session:
        found = session.execute(
            select(Message.id)
            .where(
                Message.conversation_id == conversation_id,
                Message.sender == "user",
                Message.payload == photo_payload(str(name)),
            )
            .limit(1)
        ).first()
    return found is not None


def point(lat: Any, lon: Any) -> Optional[Point]:
    """Two coordinates as numbers, only when both are finite and inside Kraków."""
    if not (isinstance(lat, (str, int, float)) and isinstance(lon, (str, int, float))):
        return None
    if isinstance(lat, bool) or isinstance(lon, bool):
        return None
    try:
        found = float(str(lat)[:32]), float(str(lon)[:32])
    except ValueError:
        return None
    if not all(math.isfinite(x) for x in found) or not in_krakow(*found):
        return None
    return found


def place_from_point(found: Point) -> str:
    """How a shared point reads in the summary and in the report's place."""
    return f"{POINT_PREFIX}{found[0]:.5f}, {found[1]:.5f}"


def confirmed_point(location: Any) -> Tuple[Optional[float], Optional[float]]:
    """The point of the place the resident confirmed, or (None, None) for a typed place."""
    if not isinstance(location, str) or not location.startswith(POINT_PREFIX):
        return None, None
    parts = location[len(POINT_PREFIX) :].split(",")
    found = point(*parts) if len(parts) == 2 else None
    return found if found else (None, None)


class CheckedSlots:
    """Mixin for a FormValidationAction: a slot candidate that is not bounded text
    (a list, a number, a megabyte) is emptied before any validator sees it, so the
    form asks its question again."""

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        refused = _drop_malformed(tracker)
        if refused:
            dispatcher.utter_message(text=NOT_UNDERSTOOD)
        events = await super().get_validation_events(  # type: ignore[misc]
            dispatcher, tracker, domain
        )
        kept = [e for e in events if e.get("name") not in refused]
        return [*kept, *(SlotSet(name, None) for name in sorted(refused))]


def _drop_malformed(tracker: Tracker) -> set[str]:
    """Removes malformed values from the slot candidates at the end of the events."""
    refused: set[str] = set()
    index = len(tracker.events)
    while index > 0 and tracker.events[index - 1].get("event") == "slot":
        index -= 1
    candidates: List[Dict[str, Any]] = []
    for event in tracker.events[index:]:
        value = event.get("value")
        if value is not None and not well_formed(value):
            refused.add(str(event.get("name")))
            tracker.slots[str(event.get("name"))] = None
        else:
            candidates.append(event)
    tracker.events[index:] = candidates
    return refused
