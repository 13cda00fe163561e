"""RabbitMQ's event queue stays bounded: the oldest events go, the broker keeps accepting.

Against the real broker on 127.0.0.1:5672 (skipped when it does not answer, except
where KCK_REQUIRE_SERVICES=1). The management-API path is checked against a fake
management endpoint at the HTTP level: this machine's broker has no management plugin.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar, Dict, Iterator, List

import aio_pika
import pytest

from bot.event_queue import BoundNotSet, QueueBound, apply

BROKER = "amqp://guest:guest@127.0.0.1:5672/"


async def _publish_then_read(queue_name: str, count: int) -> List[str]:
    connection = await aio_pika.connect(BROKER, timeout=5)
    async with connection:
        channel = await connection.channel()
        # Declared as Rasa's PikaEventBroker declares it: durable, no arguments.
        queue = await channel.declare_queue(queue_name, durable=True)
        for n in range(count):
            await channel.default_exchange.publish(
                aio_pika.Message(body=f"event-{n}".encode()), routing_key=queue_name
            )
        bodies = []
        while (message := await queue.get(no_ack=True, fail=False)) is not None:
            bodies.append(message.body.decode())
        await channel.queue_delete(queue_name)
        return bodies


async def _answers() -> None:
    connection = await aio_pika.connect(BROKER, timeout=5)
    await connection.close()


@pytest.fixture()
def broker_queue() -> Iterator[str]:
    """A throw-away queue name on the real broker, its policy removed afterwards."""
    try:
        asyncio.run(_answers())
    except Exception as error:
        if os.environ.get("KCK_REQUIRE_SERVICES") == "1":
            pytest.fail(f"RabbitMQ is required but does not answer: {error}")
        pytest.skip("RabbitMQ does not answer on 127.0.0.1:5672")
    if shutil.which("rabbitmqctl") is None:
        pytest.skip("rabbitmqctl is not on this host")
    name = f"kck_events_test_{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(
        ["rabbitmqctl", "clear_policy", QueueBound(name).policy_name],
        capture_output=True,
        timeout=60,
    )


def test_a_full_event_queue_drops_its_oldest_events_and_keeps_accepting(broker_queue: str) -> None:
    assert apply(QueueBound(broker_queue, max_length=5)) == "rabbitmqctl"
    kept = asyncio.run(_publish_then_read(broker_queue, 20))
    assert kept == [f"event-{n}" for n in range(15, 20)]


def test_without_the_bound_the_same_queue_keeps_everything(broker_queue: str) -> None:
    """The figure above is the policy's doing: unbounded, all twenty stay."""
    assert len(asyncio.run(_publish_then_read(broker_queue, 20))) == 20


def test_the_bound_covers_only_its_own_queue() -> None:
    bound = QueueBound("kck_events", max_length=100, max_age_hours=2)
    assert bound.pattern == "^kck_events$"
    assert bound.definition() == {
        "max-length": 100,
        "overflow": "drop-head",
        "message-ttl": 2 * 3600 * 1000,
    }


class _FakeManagement(BaseHTTPRequestHandler):
    received: ClassVar[List[Dict[str, Any]]] = []

    def do_PUT(self) -> None:
        length = int(self.headers["Content-Length"])
        _FakeManagement.received.append(
            {
                "path": self.path,
                "auth": self.headers.get("Authorization"),
                "body": json.loads(self.rfile.read(length)),
            }
        )
        self.send_response(201 if "ok" in self.path else 401)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def management() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _FakeManagement)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _FakeManagement.received.clear()
    yield f"http://kck:secret@127.0.0.1:{server.server_port}"
    server.shutdown()


def test_through_the_management_api_the_policy_is_put_with_the_broker_user(
    management: str,
) -> None:
    assert apply(QueueBound("ok_events", max_length=7), management) == "management API"
    (request,) = _FakeManagement.received
    assert request["path"] == "/api/policies/%2F/kck-bound-ok_events"
    assert request["auth"].startswith("Basic ")
    assert request["body"]["pattern"] == "^ok_events$"
    assert request["body"]["definition"]["max-length"] == 7
    assert request["body"]["apply-to"] == "queues"


def test_a_refusal_says_what_the_operator_can_do(
    management: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(BoundNotSet, match="401"):
        apply(QueueBound("refused_events"), management)
    monkeypatch.delenv("KCK_RABBITMQ_MANAGEMENT_URL", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(BoundNotSet, match="KCK_RABBITMQ_MANAGEMENT_URL"):
        apply(QueueBound("kck_events"))
