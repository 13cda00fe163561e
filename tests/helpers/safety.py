"""Safety-router helpers: a chat on the live gateway, its tracker and the report form."""

from __future__ import annotations

from typing import Any, Dict, List

import httpx

from tests.conftest import LiveAssistant

Replies = List[Dict[str, Any]]


def new_chat(gateway: httpx.Client) -> Dict[str, Any]:
    created = gateway.post("/api/v1/conversations").json()
    created["headers"] = {"Authorization": f"Bearer {created['token']}"}
    return dict(created)


def send(gateway: httpx.Client, chat: Dict[str, Any], **body: str) -> Replies:
    answer = gateway.post(
        f"/api/v1/conversations/{chat['conversation_id']}/messages",
        json=body,
        headers=chat["headers"],
    )
    assert answer.status_code == 200, answer.text
    return list(answer.json()["messages"])


def tracker(live: LiveAssistant, conversation_id: str) -> Dict[str, Any]:
    answer = httpx.get(
        f"{live.rasa_url}/conversations/{conversation_id}/tracker",
        params={"token": live.rasa_token},
        timeout=30,
    )
    answer.raise_for_status()
    return dict(answer.json())


def user_events(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [event for event in events if event.get("event") == "user"]


def open_report_form(gateway: httpx.Client, live: LiveAssistant, chat: Dict[str, Any]) -> None:
    """Greeting, "Co potrafisz?", "Zgłoś problem w mieście": buttons the chat offered."""
    press_report(gateway, chat)
    assert in_form(live, chat)


def press_report(gateway: httpx.Client, chat: Dict[str, Any]) -> Replies:
    """Opens the report form as a resident would; returns the form's first question."""
    send(gateway, chat, payload="/greet")
    send(gateway, chat, payload="/help", text="Co potrafisz?")
    return send(gateway, chat, payload="/report_intervention", text="Zgłoś problem w mieście")


def in_form(live: LiveAssistant, chat: Dict[str, Any]) -> bool:
    loop = tracker(live, chat["conversation_id"]).get("active_loop") or {}
    return loop.get("name") == "report_form"

