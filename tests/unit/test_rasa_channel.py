"""Rasa's answer names the question its form asks (bot/rasa_channel.py), as the tracker would.

Why: the gateway scopes a form's buttons to that question (bot/offered.py) from the
answer alone; a name that differed from the tracker's would expire buttons a resident
may still press, or keep alive ones the form no longer asks.
"""

from __future__ import annotations

from typing import Any, List

import pytest
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import ActiveLoop, Event, SlotSet
from rasa.shared.core.slots import AnySlot
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_channel

ORIGINAL = MessageProcessor.__dict__["save_tracker"]


def tracker(*events: Event) -> DialogueStateTracker:
    slots = [AnySlot("requested_slot", mappings=[{}])]
    return DialogueStateTracker.from_events("rozmowa", list(events), slots=slots)


def as_the_tracker_read_says(state: DialogueStateTracker) -> str:
    """What the gateway read from GET /conversations/{id}/tracker (bot/rasa_client.py)."""
    current = state.current_state()
    name = (current.get("active_loop") or {}).get("name")
    return f"{name}:{current['slots'].get('requested_slot')}" if name else ""


@pytest.mark.parametrize(
    "events, expected",
    [
        ([], ""),
        ([ActiveLoop("report_form"), SlotSet("requested_slot", "report_place")],
         "report_form:report_place"),
        ([ActiveLoop("report_form")], "report_form:None"),
        ([ActiveLoop("report_form"), SlotSet("requested_slot", "report_photo"), ActiveLoop(None)],
         ""),
    ],
)
def test_the_answer_names_what_the_tracker_read_would(events: List[Event], expected: str) -> None:
    state = tracker(*events)
    assert rasa_channel.form_question(state) == expected == as_the_tracker_read_says(state)


class Store:
    def __init__(self) -> None:
        self.saved: List[Any] = []

    async def save(self, state: DialogueStateTracker) -> None:
        self.saved.append(state)


async def test_the_question_of_the_last_saved_tracker_is_noted_in_a_channel_request_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(MessageProcessor, "save_tracker", ORIGINAL)
    rasa_channel.install()
    rasa_channel.install()  # once only: a second install does not wrap it again
    processor = object.__new__(MessageProcessor)
    processor.tracker_store = Store()  # type: ignore[assignment]
    asked = tracker(ActiveLoop("report_form"), SlotSet("requested_slot", "report_place"))

    await processor.save_tracker(tracker())  # outside a request: nothing noted
    noted: List[str] = []
    reset = rasa_channel.TURN_QUESTIONS.set(noted)
    try:
        await processor.save_tracker(tracker())
        await processor.save_tracker(asked)
    finally:
        rasa_channel.TURN_QUESTIONS.reset(reset)
    assert noted == ["", "report_form:report_place"]  # the channel answers with the last
    assert len(processor.tracker_store.saved) == 3  # Rasa still saves every one


def test_rasa_gets_it_when_it_loads_the_gateway_s_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import log_privacy, rasa_speedups

    monkeypatch.setattr(log_privacy, "install", lambda: None)  # not this test's subject
    monkeypatch.setattr(rasa_speedups, "install", lambda: None)
    monkeypatch.setattr(MessageProcessor, "save_tracker", ORIGINAL)
    monkeypatch.setenv("KCK_RASA_CHANNEL_SECRET", "s")
    rasa_channel.GatewayInput.from_credentials(None)
    assert MessageProcessor.__dict__["save_tracker"] is not ORIGINAL
