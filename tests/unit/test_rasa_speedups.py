"""The cached check of action server answers judges exactly as Rasa's own (bot/rasa_speedups.py)."""

from __future__ import annotations

from typing import Any, Dict, Optional

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot import rasa_speedups

ORIGINAL = RemoteAction.__dict__["_validate_action_result"]

ANSWERS = [
    {"events": [], "responses": []},
    {
        "events": [
            {"event": "slot", "name": "report_place", "value": "ul. Długa 5", "timestamp": None},
            {"event": "active_loop", "name": "report_form"},
        ],
        "responses": [
            {"text": "Gdzie dokładnie?", "buttons": [{"title": "Pomiń", "payload": "/x"}]}
        ],
    },
    {"events": "not a list", "responses": []},
    {"events": [{"name": "no event key"}], "responses": []},
    {"events": [{"event": "slot", "name": 5}], "responses": []},
    {"events": [{"event": "unknown_kind"}], "responses": []},
    {"events": [], "responses": "nope"},
]


def verdict(method: Any, answer: Dict[str, Any]) -> Optional[str]:
    """None when accepted, else the error's message."""
    action = RemoteAction("action_x", None)
    try:
        method(action, answer)
    except ValidationError as error:
        return error.message
    return None


@pytest.mark.parametrize("answer", ANSWERS)
def test_the_cached_check_accepts_and_refuses_what_rasa_does(answer: Dict[str, Any]) -> None:
    assert verdict(rasa_speedups._validate_action_result, answer) == verdict(ORIGINAL, answer)


def test_refusals_are_still_refusals() -> None:
    refused = [a for a in ANSWERS if verdict(rasa_speedups._validate_action_result, a)]
    assert len(refused) >= 3
    assert all(
        "Failed to validate Action server response"
        in str(verdict(rasa_speedups._validate_action_result, a))
        for a in refused
    )


def test_install_replaces_rasa_s_method_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(RemoteAction, "_validate_action_result", ORIGINAL)
    rasa_speedups.install()
    installed = RemoteAction.__dict__["_validate_action_result"]
    rasa_speedups.install()
    assert RemoteAction.__dict__["_validate_action_result"] is installed is not ORIGINAL


def test_rasa_gets_it_when_it_loads_the_gateway_s_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    """credentials.yml's channel is what Rasa imports at start: it installs the cached check."""
    from bot import log_privacy, rasa_channel
    from bot.rasa_channel import GatewayInput

    monkeypatch.setattr(log_privacy, "install", lambda: None)  # not this test's subject
    monkeypatch.setattr(rasa_channel, "install", lambda: None)  # nor this
    monkeypatch.setattr(RemoteAction, "_validate_action_result", ORIGINAL)
    monkeypatch.setenv("KCK_RASA_CHANNEL_SECRET", "s")
    GatewayInput.from_credentials(None)
    assert RemoteAction.__dict__["_validate_action_result"] is not ORIGINAL
