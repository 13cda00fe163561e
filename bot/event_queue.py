"""A bound on RabbitMQ's event queue, so it never grows until the broker stops.

Rasa publishes every tracker event to ``kck_events`` (endpoints.cluster.yml) for
analytics; until a consumer reads them they pile up, and a broker that runs out
of memory or disk blocks every publisher, Rasa included. Rasa declares the
queue itself with no arguments, so the bound cannot be a queue argument (a
second declaration with other arguments is refused): it is a broker *policy*
matched by the queue's name, which RabbitMQ applies to an existing queue too.

``overflow: drop-head`` drops the oldest events when the queue is full;
``message-ttl`` drops events older than the age limit. Analytics lose the
oldest events, residents lose nothing.

The policy is set by ``make run-cluster`` (bot/cluster.py) through
``rabbitmqctl`` on the broker's host, or through the management HTTP API when
``KCK_RABBITMQ_MANAGEMENT_URL`` is set (Kubernetes: the ``kck-event-queue-bound``
Job in deploy/kubernetes/). ``python -m bot.event_queue`` sets it by hand.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import Dict, Optional, Union
from urllib.parse import quote

import httpx

POLICY_PREFIX = "kck-bound-"
DEFAULT_MAX_LENGTH = 100_000
DEFAULT_MAX_AGE_HOURS = 168


class BoundNotSet(RuntimeError):
    """The policy could not be set; the message says what the operator can do."""


@dataclass(frozen=True)
class QueueBound:
    """How many events, and how old, the queue keeps at most."""

    queue: str
    max_length: int = DEFAULT_MAX_LENGTH
    max_age_hours: int = DEFAULT_MAX_AGE_HOURS
    vhost: str = "/"

    @classmethod
    def from_environment(cls, queue: Optional[str] = None) -> QueueBound:
        """Settings KCK_EVENT_QUEUE_MAX_LENGTH and KCK_EVENT_QUEUE_MAX_AGE_HOURS (.env.example)."""
        return cls(
            queue=queue or os.environ.get("KCK_RABBITMQ_QUEUE", "kck_events"),
            max_length=int(os.environ.get("KCK_EVENT_QUEUE_MAX_LENGTH", DEFAULT_MAX_LENGTH)),
            max_age_hours=int(
                os.environ.get("KCK_EVENT_QUEUE_MAX_AGE_HOURS", DEFAULT_MAX_AGE_HOURS)
            ),
        )

    @property
    def policy_name(self) -> str:
        return POLICY_PREFIX + self.queue

    @property
    def pattern(self) -> str:
        """Only this queue: an anchored, escaped name."""
        return "^" + re.escape(self.queue) + "$"

    def definition(self) -> Dict[str, Union[int, str]]:
        return {
            "max-length": self.max_length,
            "overflow": "drop-head",
            "message-ttl": self.max_age_hours * 3600 * 1000,
        }


def apply(bound: QueueBound, management_url: Optional[str] = None) -> str:
    """Sets the policy; returns how. Raises BoundNotSet with the operator's next step."""
    management_url = management_url or os.environ.get("KCK_RABBITMQ_MANAGEMENT_URL")
    if management_url:
        return _through_http(bound, management_url)
    return _through_rabbitmqctl(bound)


def _through_rabbitmqctl(bound: QueueBound) -> str:
    command = shutil.which("rabbitmqctl")
    if command is None:
        raise BoundNotSet(
            "rabbitmqctl is not on this host: set KCK_RABBITMQ_MANAGEMENT_URL "
            "(the broker's management API) or set the policy on the broker "
            f"({bound.policy_name}: {json.dumps(bound.definition())})."
        )
    result = subprocess.run(  # noqa: S603 - fixed command, no shell
        [
            command,
            "set_policy",
            "--vhost",
            bound.vhost,
            "--apply-to",
            "queues",
            "--priority",
            "10",
            bound.policy_name,
            bound.pattern,
            json.dumps(bound.definition()),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0:
        raise BoundNotSet(f"rabbitmqctl set_policy failed: {result.stderr.strip()[-300:]}")
    return "rabbitmqctl"


def _through_http(bound: QueueBound, management_url: str) -> str:
    """PUT /api/policies/{vhost}/{name}; the URL carries the user and password."""
    url = httpx.URL(management_url)
    auth = (url.username, url.password) if url.username else None
    base = str(url.copy_with(username=None, password=None)).rstrip("/")
    target = f"{base}/api/policies/{quote(bound.vhost, safe='')}/{quote(bound.policy_name)}"
    body = {
        "pattern": bound.pattern,
        "definition": bound.definition(),
        "apply-to": "queues",
        "priority": 10,
    }
    try:
        response = httpx.put(target, json=body, auth=auth, timeout=15)
    except httpx.HTTPError as error:
        raise BoundNotSet(f"management API unreachable: {type(error).__name__}") from error
    if response.status_code not in (200, 201, 204):
        raise BoundNotSet(f"management API answered {response.status_code}")
    return "management API"


def main() -> None:
    bound = QueueBound.from_environment()
    try:
        how = apply(bound)
    except BoundNotSet as error:
        sys.exit(f"The event queue's bound is not set: {error}")
    print(
        f"{bound.queue}: at most {bound.max_length} events, {bound.max_age_hours} h old "
        f"(policy {bound.policy_name}, set through {how})"
    )


if __name__ == "__main__":
    main()
