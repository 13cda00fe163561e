"""The scale-out (bot/cluster.py) on the real services: two Rasa servers sharing a
PostgreSQL tracker store and a Redis lock store, two action servers, two gateways
on one PostgreSQL app database with the hub over Redis pub/sub, RabbitMQ as the
event broker.

Its own throw-away databases, Redis channel and lock prefix, RabbitMQ queue and
ports, so it runs beside `make run-cluster`. Skipped when the services do not
answer, except where KCK_REQUIRE_SERVICES=1 (CI), where that fails.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List

import aio_pika
import httpx
import pytest
import websockets
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bot.cluster import Cluster, ClusterPlan, check_services, drop_databases, running_cluster
from bot.db import Database
from bot.models import Report
from bot.rasa_door import SECRET_ENV, SECRET_HEADER, TOKEN_HEADER, WEBHOOK_PATH
from bot.settings import Settings
from tests.conftest import IN_HOURS, OPEN311_TEST_KEY
from tests.helpers.doors import forged_call
from tests.helpers.gateway import run_in_own_loop
from tests.staff import Staff, staff_for
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.stack
OFFSET = int(os.environ.get("KCK_TEST_PORT_OFFSET", "0"))
POSTGRES = os.environ.get(
    "KCK_TEST_POSTGRES_SERVER", "postgresql+psycopg2://postgres@127.0.0.1:5432"
)


@dataclass
class RunningCluster:
    plan: ClusterPlan
    settings: Settings
    proxy: TcpProxy
    processes: Cluster

    def gateway(self, i: int) -> str:
        return self.plan.gateway_url(i)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCluster]:
    tag = uuid.uuid4().hex[:8]
    server = make_url(POSTGRES)
    proxy = TcpProxy(server.host or "127.0.0.1", server.port or 5432).start()
    plan = ClusterPlan(
        gateway_ports=(19000 + OFFSET, 19001 + OFFSET),
        rasa_ports=(16005 + OFFSET, 16006 + OFFSET),
        action_ports=(16055 + OFFSET, 16056 + OFFSET),
        postgres=POSTGRES,
        app_db=f"kck_ct_{tag}",
        tracker_db=f"kck_ct_{tag}_tracker",
        hub_channel=f"kck:test:{tag}",
        lock_prefix=f"kckt{tag}",
        event_queue=f"kck_test_{tag}",
        actions_database_url=(
            f"{server.drivername}://{server.username}@127.0.0.1:{proxy.port}/kck_ct_{tag}"
        ),
    )
    problems = check_services(plan)
    if problems:
        proxy.stop()
        if os.environ.get("KCK_REQUIRE_SERVICES") == "1":
            pytest.fail("the cluster's services do not answer: " + "; ".join(problems))
        pytest.skip("the cluster's services do not answer: " + "; ".join(problems))
    var_dir = tmp_path_factory.mktemp("kck-cluster")
    settings = Settings(
        var_dir=var_dir, database_url=plan.app_db_url, open311_api_keys=OPEN311_TEST_KEY
    )
    extra_env = {
        "KCK_NOW": IN_HOURS,
        "TELEGRAM_BOT_TOKEN": "",
        "KCK_RATE_NEW_CHATS": "1000000",
        "KCK_RATE_MESSAGES": "1000000",
        "KCK_RATE_LOGINS": "1000000",
    }
    try:
        with running_cluster(settings, plan, extra_env) as processes:
            yield RunningCluster(plan, settings, proxy, processes)
    finally:
        proxy.stop()
        drop_databases(plan)
        run_in_own_loop(_delete_queue(plan))


async def _delete_queue(plan: ClusterPlan) -> None:
    connection = await aio_pika.connect(plan.rabbitmq_url)
    async with connection:
        channel = await connection.channel()
        await channel.queue_delete(plan.event_queue)


@pytest.fixture()
def staff(cluster: RunningCluster) -> Iterator[Staff]:
    """Consultants logged in at the second gateway."""
    yield from staff_for(cluster.plan.app_db_url, cluster.gateway(2))


def new_chat(base_url: str) -> Dict[str, Any]:
    created = httpx.post(f"{base_url}/api/v1/conversations", timeout=30).json()
    created["headers"] = {"Authorization": f"Bearer {created['token']}"}
    return dict(created)


def say(base_url: str, chat: Dict[str, Any], body: Dict[str, str]) -> List[Dict[str, Any]]:
    answer = httpx.post(
        f"{base_url}/api/v1/conversations/{chat['conversation_id']}/messages",
        json=body,
        headers=chat["headers"],
        timeout=90,
    )
    assert answer.status_code == 200, answer.text
    return list(answer.json()["messages"])


def texts(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m["text"] for m in messages)


def press(
    base_url: str, chat: Dict[str, Any], last: List[Dict[str, Any]], title: str
) -> List[Dict[str, Any]]:
    (button,) = [b for m in last for b in m.get("buttons", []) if b["title"] == title]
    return say(base_url, chat, {"payload": button["payload"], "text": title})


# --- the hub across gateways ------------------------------------------------------


def test_a_consultant_on_one_gateway_reaches_a_resident_on_the_other(
    cluster: RunningCluster, staff: Staff
) -> None:
    console = staff.client("consultant")  # logged in at gateway 2
    assert console.get("/console/api/queue").status_code == 200  # online
    chat = new_chat(cluster.gateway(1))
    heard = run_in_own_loop_result(_resident_hears(cluster, chat, console))
    assert "Dzień dobry, piszę z drugiej bramki." in heard
    assert any("dołączył" in text for text in heard)


async def _resident_hears(
    cluster: RunningCluster, chat: Dict[str, Any], console: httpx.Client
) -> List[str]:
    """Resident's socket on gateway 1; the consultant takes and writes on gateway 2."""
    cid = chat["conversation_id"]
    url = cluster.gateway(1).replace("http", "ws") + f"/api/v1/conversations/{cid}/ws"
    async with websockets.connect(url) as socket:
        await socket.send(json.dumps({"token": chat["token"]}))
        assert json.loads(await asyncio.wait_for(socket.recv(), 10))["type"] == "ready"
        queued = await asyncio.to_thread(
            say, cluster.gateway(1), chat, {"text": "chcę porozmawiać z konsultantem"}
        )
        assert "Przekazuję rozmowę konsultantowi" in texts(queued)
        taken = await asyncio.to_thread(console.post, f"/console/api/conversations/{cid}/take")
        assert taken.status_code == 200, taken.text
        written = await asyncio.to_thread(
            console.post,
            f"/console/api/conversations/{cid}/messages",
            json={"text": "Dzień dobry, piszę z drugiej bramki."},
        )
        assert written.status_code == 200, written.text
        heard: List[str] = []
        deadline = time.monotonic() + 15
        while "Dzień dobry, piszę z drugiej bramki." not in heard and time.monotonic() < deadline:
            frame = json.loads(await asyncio.wait_for(socket.recv(), 15))
            heard.append(frame.get("text", ""))
        await asyncio.to_thread(console.post, f"/console/api/conversations/{cid}/end")
        return heard


def run_in_own_loop_result(coroutine: Any) -> Any:
    result: List[Any] = []

    async def keep() -> None:
        result.append(await coroutine)

    run_in_own_loop(keep())
    return result[0]


# --- one conversation through both gateways and both Rasa replicas at once ----------

QUESTIONS = [
    "jak wyrobić dowód osobisty",
    "ile kosztuje odpis aktu urodzenia",
    "jak się zarejestrować jako bezrobotny",
    "gdzie zgłosić wycinkę drzewa",
    "jak wymeldować się z mieszkania",
    "jak zamówić mapę do celów projektowych",
    "godziny otwarcia urzędu",
    "jak złożyć pomysł do budżetu obywatelskiego",
]


def test_one_conversation_through_both_gateways_and_replicas_at_once(
    cluster: RunningCluster,
) -> None:
    """16 messages at the same moment: alternately to gateway 1, gateway 2 (each prefers
    its own Rasa replica) and straight to Rasa 1 and Rasa 2. Rasa's Redis lock makes
    them wait their turn: every message is in the tracker once, each followed by its
    own answer before the next, and in RabbitMQ once."""
    chat = new_chat(cluster.gateway(1))
    cid = chat["conversation_id"]
    sent = [f"{QUESTIONS[k % len(QUESTIONS)]} (pytanie {k})" for k in range(16)]
    token = cluster.settings.rasa_token
    run_in_own_loop(_send_all_at_once(cluster, chat, sent))

    tracker = httpx.get(
        f"{cluster.plan.rasa_url(2)}/conversations/{cid}/tracker",
        params={"token": token},
        timeout=30,
    ).json()
    events = tracker["events"]
    users = [e["text"] for e in events if e["event"] == "user"]
    assert sorted(users) == sorted(sent)  # each exactly once
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps)
    # No interleaving: after each message, its own answer up to action_listen comes
    # before the next message.
    positions = [i for i, e in enumerate(events) if e["event"] == "user"]
    for here, following in zip(positions, [*positions[1:], len(events)], strict=False):
        between = events[here + 1 : following]
        assert any(e["event"] == "bot" for e in between), between
        assert between[-1]["event"] == "action" and between[-1]["name"] == "action_listen"

    # The gateways' transcript has their eight messages once each.
    shown = httpx.get(
        f"{cluster.gateway(2)}/api/v1/conversations/{cid}/messages",
        headers=chat["headers"],
        timeout=30,
    ).json()["messages"]
    through_gateways = [t for k, t in enumerate(sent) if k % 4 in (0, 1)]
    said = [m["text"] for m in shown if m["sender"] == "user"]
    assert sorted(said) == sorted(through_gateways)

    # RabbitMQ carried every user event of this conversation exactly once.
    broker = run_in_own_loop_result(_broker_events(cluster.plan, cid, len(sent)))
    assert sorted(e["text"] for e in broker if e.get("event") == "user") == sorted(sent)


async def _send_all_at_once(cluster: RunningCluster, chat: Dict[str, Any], sent: List[str]) -> None:
    cid = chat["conversation_id"]
    plan = cluster.plan
    door = {SECRET_HEADER: cluster.processes.doors[SECRET_ENV]}
    async with httpx.AsyncClient(timeout=120) as client:

        async def one(k: int, text: str) -> None:
            route = k % 4
            if route in (0, 1):
                url = f"{plan.gateway_url(route + 1)}/api/v1/conversations/{cid}/messages"
                answer = await client.post(url, json={"text": text}, headers=chat["headers"])
            else:
                # Straight at a Rasa replica, through the gateway's channel with its secret.
                url = f"{plan.rasa_url(route - 1)}{WEBHOOK_PATH}"
                answer = await client.post(url, json={"sender": cid, "message": text}, headers=door)
            assert answer.status_code == 200, answer.text

        await asyncio.gather(*(one(k, text) for k, text in enumerate(sent)))


async def _broker_events(plan: ClusterPlan, sender: str, users: int) -> List[Dict[str, Any]]:
    """This conversation's events from the test's queue (read until its user events are in)."""
    found: List[Dict[str, Any]] = []
    connection = await aio_pika.connect(plan.rabbitmq_url)
    async with connection:
        channel = await connection.channel()
        queue = await channel.get_queue(plan.event_queue)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            message = await queue.get(no_ack=True, fail=False)
            if message is None:
                if sum(e.get("event") == "user" for e in found) >= users:
                    break
                await asyncio.sleep(0.2)
                continue
            event = json.loads(message.body)
            if event.get("sender_id") == sender:
                found.append(event)
    return found


# --- the database unavailable while a report is filed --------------------------------


def _report_ready_to_send(cluster: RunningCluster) -> tuple[Dict[str, Any], List[Dict[str, Any]]]:
    base = cluster.gateway(1)
    chat = new_chat(base)
    asked = say(base, chat, {"text": "nie świeci latarnia przy Długiej 5"})
    assert "numer jest na słupie" in texts(asked)  # bot/reports/questions.py
    first = press(base, chat, asked, "Nie wiem")
    assert "zdjęcie" in texts(first)
    contact = press(base, chat, first, "Pomiń zdjęcie")
    summary = press(base, chat, contact, "Nie, bez kontaktu")
    assert "Długiej 5" in texts(summary)
    return chat, summary


def _reports_of(cluster: RunningCluster, cid: str) -> int:
    db = Database(cluster.plan.app_db_url)
    try:
        with db.session() as session:
            return int(
                session.execute(
                    select(func.count()).select_from(Report).where(Report.conversation_id == cid)
                ).scalar_one()
            )
    finally:
        db.dispose()


def test_every_replica_takes_messages_from_the_gateways_and_actions_from_rasa_only(
    cluster: RunningCluster,
) -> None:
    """The scale-out has the one stack's doors (issue 15): no replica of Rasa takes a
    message without the gateways' secret, no action server a call without Rasa's token."""
    plan = cluster.plan
    gateway = httpx.Client(base_url=cluster.gateway(1), timeout=60)
    chat = gateway.post("/api/v1/conversations").json()
    body = {"sender": chat["conversation_id"], "message": "wtrącam się w cudzą rozmowę"}
    for i in (1, 2):
        for path, headers in (
            ("/webhooks/rest/webhook", {}),
            (WEBHOOK_PATH, {}),
            (WEBHOOK_PATH, {SECRET_HEADER: "zgadniete-haslo"}),
        ):
            answer = httpx.post(plan.rasa_url(i) + path, json=body, headers=headers, timeout=60)
            assert answer.status_code in (401, 403, 404), (i, path, answer.status_code)
        description = f"Sfałszowane zgłoszenie {uuid.uuid4().hex}"
        answer = httpx.post(
            plan.action_url(i),
            json=forged_call(f"forged-{uuid.uuid4().hex}", description),
            headers={TOKEN_HEADER: "zgadniety-token"},
            timeout=60,
        )
        assert answer.status_code in (401, 403), (i, answer.status_code)
        db = Database(plan.app_db_url)
        try:
            with db.session() as session:
                filed = session.execute(
                    select(func.count()).select_from(Report).where(
                        Report.description == description
                    )
                ).scalar_one()
        finally:
            db.dispose()
        assert filed == 0
    gateway.close()


def test_a_short_database_outage_while_filing_stores_the_report_once(
    cluster: RunningCluster,
) -> None:
    chat, summary = _report_ready_to_send(cluster)
    cluster.proxy.cut()
    threading.Timer(4.0, cluster.proxy.restore).start()
    done = texts(press(cluster.gateway(1), chat, summary, "Wyślij zgłoszenie"))
    assert "KCK-" in done, done
    assert _reports_of(cluster, chat["conversation_id"]) == 1


def test_a_long_database_outage_tells_the_resident_nothing_was_stored(
    cluster: RunningCluster,
) -> None:
    chat, summary = _report_ready_to_send(cluster)
    cluster.proxy.cut()
    try:
        done = texts(press(cluster.gateway(1), chat, summary, "Wyślij zgłoszenie"))
    finally:
        cluster.proxy.restore()
    assert "nie udało mi się teraz zapisać" in done and "12 616 55 55" in done, done
    assert "KCK-" not in done
    time.sleep(2)
    assert _reports_of(cluster, chat["conversation_id"]) == 0
    # With the database back, the same resident files it.
    asked = say(cluster.gateway(2), chat, {"text": "nie świeci latarnia przy Długiej 5"})
    again = press(cluster.gateway(2), chat, asked, "Nie wiem")
    contact = press(cluster.gateway(2), chat, again, "Pomiń zdjęcie")
    summary = press(cluster.gateway(2), chat, contact, "Nie, bez kontaktu")
    assert "KCK-" in texts(press(cluster.gateway(2), chat, summary, "Wyślij zgłoszenie"))
    assert _reports_of(cluster, chat["conversation_id"]) == 1


def test_the_cluster_answers_when_one_rasa_replica_is_gone(cluster: RunningCluster) -> None:
    """Gateway 1 prefers Rasa 1; with it stopped, the same chat goes on with Rasa 2,
    which reads the conversation from the shared tracker store. (Last in the module:
    Rasa 1 stays down.)"""
    base = cluster.gateway(1)
    chat = new_chat(base)
    assert "dowód" in texts(say(base, chat, {"text": "jak wyrobić dowód osobisty"})).lower()
    cluster.processes.stop_one("rasa-1")
    answer = texts(say(base, chat, {"text": "ile kosztuje odpis aktu urodzenia"}))
    assert "odpis" in answer.lower()
    tracker = httpx.get(
        f"{cluster.plan.rasa_url(2)}/conversations/{chat['conversation_id']}/tracker",
        params={"token": cluster.settings.rasa_token},
        timeout=30,
    ).json()
    users = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    assert users == ["jak wyrobić dowód osobisty", "ile kosztuje odpis aktu urodzenia"]

