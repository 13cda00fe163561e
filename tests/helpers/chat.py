"""Talking to the live gateway as a resident (widget API) and reading the console's queue."""

from __future__ import annotations

from typing import Any, Dict, List

import httpx


def say(
    gateway: httpx.Client, conversation: dict, text: str = "", payload: str = ""
) -> List[Dict[str, Any]]:
    body = {"payload": payload} if payload else {"text": text}
    answer = gateway.post(
        f"/api/v1/conversations/{conversation['conversation_id']}/messages",
        json=body,
        headers=conversation["headers"],
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["messages"]


def texts(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m["text"] for m in messages)


def new_chat(gateway: httpx.Client) -> dict:
    created = gateway.post("/api/v1/conversations").json()
    created["headers"] = {"Authorization": f"Bearer {created['token']}"}
    return created


def waiting_ids(console: httpx.Client) -> List[str]:
    answer = console.get("/console/api/queue")
    assert answer.status_code == 200, answer.text
    return [entry["conversation_id"] for entry in answer.json()["waiting"]]

