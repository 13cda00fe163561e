"""The running Rasa's answer names the question its form asks, the same as its tracker.

Why: the gateway scopes a form's buttons from this answer alone (issue 19: the tracker
read it replaced cost CPU on every answer with buttons); if the running Rasa stopped
naming the question, or named another, a form's old buttons would be judged wrongly.
"""

from __future__ import annotations

import os
import uuid

import httpx
import pytest

from bot.rasa_door import FORM_QUESTION_HEADER, SECRET_ENV, SECRET_HEADER, WEBHOOK_PATH
from tests.conftest import LiveAssistant

pytestmark = pytest.mark.stack


def _channel_secret(live: LiveAssistant) -> str:
    if live.stack is not None:
        return live.stack.doors[SECRET_ENV]
    secret = os.environ.get(SECRET_ENV, "")
    if not secret:
        pytest.skip(f"an outside assistant: set {SECRET_ENV} to test its channel")
    return secret


def _tracker_question(live: LiveAssistant, sender: str) -> str:
    """The form's question as the tracker says it ("" outside a form)."""
    answer = httpx.get(
        f"{live.rasa_url}/conversations/{sender}/tracker",
        params={"token": live.rasa_token, "include_events": "NONE"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    state = answer.json()
    name = (state.get("active_loop") or {}).get("name")
    return f"{name}:{state['slots'].get('requested_slot')}" if name else ""


def test_each_answer_names_the_forms_question_as_the_tracker_does(live: LiveAssistant) -> None:
    sender = uuid.uuid4().hex
    headers = {SECRET_HEADER: _channel_secret(live)}
    seen = []
    for words in ("Dzień dobry", "nie świeci latarnia przy Długiej 5", "anuluj"):
        answer = httpx.post(
            f"{live.rasa_url}{WEBHOOK_PATH}",
            json={"sender": sender, "message": words},
            headers=headers,
            timeout=60,
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()  # the replies are the body, as before
        question = answer.headers.get(FORM_QUESTION_HEADER)
        assert question == _tracker_question(live, sender)
        seen.append(question)
    assert seen[0] == "" and seen[2] == ""  # no form yet; the form cancelled
    assert seen[1].startswith("report_form:report_")  # the report form asks its next question
