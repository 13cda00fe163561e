"""The gateway is the only door to Rasa, and Rasa the only caller of the actions
(issue 15, findings 1 and 3), on the running stack.

An attacker on the same host knows the ports and, from a log line or a shared
screen, a conversation id. Rasa's plain REST channel let them write into that
resident's conversation, and a tracker posted to the action server filed a
report under an invented sender and contact. Both doors now want a secret the
gateway (or Rasa) was started with. Whatever reaches Rasa, its log and the
action server's log keep no resident's words.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import List

import httpx
import pytest
from sqlalchemy import func, select

from bot.db import Database
from bot.models import Report
from bot.rasa_door import SECRET_ENV, SECRET_HEADER, TOKEN_HEADER, WEBHOOK_PATH
from tests.conftest import LiveAssistant
from tests.helpers.chat import new_chat, say
from tests.helpers.doors import forged_call
from tests.log_scan import scan

pytestmark = pytest.mark.stack

FORGED_WORDS = "wtrącam się w cudzą rozmowę"
CONTACT_LINE = '/inform{"report_contact": "600 111 222 jan@example.pl"}'
# A name is personal data too, and no pattern finds it: only its absence shows.
NAMED_LINE = '/nieznana_intencja{"report_contact": "Bożydar Zgrzebłowicz"}'


def _user_texts(live: LiveAssistant, sender: str) -> List[str]:
    """What Rasa's tracker holds as this conversation's user messages."""
    answer = httpx.get(
        f"{live.rasa_url}/conversations/{sender}/tracker",
        params={"token": live.rasa_token},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return [e.get("text") or "" for e in answer.json()["events"] if e.get("event") == "user"]


def _channel_secret(live: LiveAssistant) -> str:
    if live.stack is not None:
        return live.stack.doors[SECRET_ENV]
    secret = os.environ.get(SECRET_ENV, "")
    if not secret:
        pytest.skip(f"an outside assistant: set {SECRET_ENV} to test its channel")
    return secret


def test_rasa_refuses_messages_that_do_not_come_from_the_gateway(
    live: LiveAssistant, gateway: httpx.Client
) -> None:
    chat = new_chat(gateway)
    cid = chat["conversation_id"]
    assert say(gateway, chat, "nie świeci latarnia")  # the widget still talks to Rasa
    before = _user_texts(live, cid)
    assert before  # the resident's message is in the tracker
    body = {"sender": cid, "message": FORGED_WORDS}
    # Rasa's own REST channel is gone: it took anyone's message.
    answer = httpx.post(f"{live.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
    assert answer.status_code in (401, 403, 404), answer.status_code
    for headers in ({}, {SECRET_HEADER: ""}, {SECRET_HEADER: "zgadniete-haslo"}):
        answer = httpx.post(
            f"{live.rasa_url}{WEBHOOK_PATH}", json=body, headers=headers, timeout=60
        )
        assert answer.status_code in (401, 403), (headers, answer.status_code)
    after = _user_texts(live, cid)
    assert after == before
    assert FORGED_WORDS not in " ".join(after)
    # The conversation goes on for its resident.
    assert say(gateway, chat, "Rynek Główny 1")


def _reports_with(live: LiveAssistant, description: str) -> int:
    db = Database(f"sqlite:///{live.var_dir / 'kck.db'}")
    try:
        with db.session() as session:
            return int(
                session.execute(
                    select(func.count()).select_from(Report).where(
                        Report.description == description
                    )
                ).scalar_one()
            )
    finally:
        db.dispose()


def test_the_action_server_refuses_calls_that_do_not_come_from_rasa(
    live: LiveAssistant,
) -> None:
    if live.stack is None:
        pytest.skip("an outside assistant: its action server is not known here")
    url = f"http://127.0.0.1:{live.stack.settings.action_port}"
    description = f"Sfałszowane zgłoszenie {uuid.uuid4().hex}"
    call = forged_call(f"forged-{uuid.uuid4().hex}", description)
    for headers in ({}, {TOKEN_HEADER: ""}, {TOKEN_HEADER: "zgadniety-token"}):
        answer = httpx.post(f"{url}/webhook", json=call, headers=headers, timeout=60)
        assert answer.status_code in (401, 403), (headers, answer.status_code)
        assert httpx.get(f"{url}/actions", headers=headers, timeout=30).status_code in (401, 403)
    assert _reports_with(live, description) == 0
    assert httpx.get(f"{url}/health", timeout=30).status_code == 200  # probes still answer


def _process_logs(var_dir: Path) -> List[Path]:
    logs = [var_dir / "log" / f"{name}.log" for name in ("gateway", "rasa", "actions")]
    assert all(log.exists() for log in logs), logs
    return logs


def test_rasa_and_the_actions_keep_no_resident_words_in_their_logs(
    live: LiveAssistant, gateway: httpx.Client
) -> None:
    if live.stack is None:
        pytest.skip("an outside assistant: its logs are not here")
    # Typed in the widget (the gateway reads it as words) ...
    chat = new_chat(gateway)
    say(gateway, chat, CONTACT_LINE)
    # ... and as it reaches Rasa when it is a payload: Rasa parses "/intent{…}" and
    # warns about what it cannot use, quoting the whole line.
    for line in (CONTACT_LINE, NAMED_LINE):
        answer = httpx.post(
            f"{live.rasa_url}{WEBHOOK_PATH}",
            json={"sender": f"log-{uuid.uuid4().hex}", "message": line},
            headers={SECRET_HEADER: _channel_secret(live)},
            timeout=60,
        )
        assert answer.status_code == 200, answer.text
    logs = _process_logs(live.var_dir)
    findings = scan(logs)
    assert not findings, "personal data in logs:\n" + "\n".join(map(str, findings))
    for log in logs:
        assert "Zgrzebłowicz" not in log.read_text(errors="replace"), log.name
