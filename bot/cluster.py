"""`python -m bot.cluster` (`make run-cluster`): the scale-out on one machine.

Two Rasa servers, two action servers and two gateways on loopback ports, on
the infrastructure a city already runs: PostgreSQL for the app data and for
Rasa's ``SQLTrackerStore``, Redis for Rasa's ``RedisLockStore`` and for the
hub's pub/sub between gateways, RabbitMQ as Rasa's event broker. It is the
shape of deploy/kubernetes/ with processes instead of pods; a load balancer in
front of the two gateways is all that production adds.

Gateway *i* prefers Rasa *i* and moves to the other replica when *i* cannot be
reached; Rasa *i* calls action server *i*. Every address can be moved with
``KCK_CLUSTER_*`` variables (.env.example), so the tests run a second cluster
beside a running one.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Tuple
from urllib.parse import urlsplit

import aio_pika
import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.event_queue import BoundNotSet, QueueBound
from bot.event_queue import apply as apply_bound
from bot.files import PRIVATE_UMASK
from bot.migrate import upgrade
from bot.settings import Settings
from bot.settings import load as load_settings
from bot.stack import Stack, serve

REPLICAS = (1, 2)


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _ports(name: str, default: str) -> Tuple[int, int]:
    first, second = (int(p) for p in _env(name, default).split(","))
    return first, second


@dataclass(frozen=True)
class ClusterPlan:
    """Ports and the shared services of one cluster."""

    gateway_ports: Tuple[int, int] = field(
        default_factory=lambda: _ports("KCK_CLUSTER_GATEWAY_PORTS", "8000,8001")
    )
    rasa_ports: Tuple[int, int] = field(
        default_factory=lambda: _ports("KCK_CLUSTER_RASA_PORTS", "5005,5006")
    )
    action_ports: Tuple[int, int] = field(
        default_factory=lambda: _ports("KCK_CLUSTER_ACTION_PORTS", "5055,5056")
    )
    # The PostgreSQL server (without a database name) and the two databases on it.
    postgres: str = field(
        default_factory=lambda: _env(
            "KCK_CLUSTER_POSTGRES", "postgresql+psycopg2://postgres@127.0.0.1:5432"
        )
    )
    app_db: str = field(default_factory=lambda: _env("KCK_CLUSTER_APP_DB", "kck_cluster"))
    tracker_db: str = field(
        default_factory=lambda: _env("KCK_CLUSTER_TRACKER_DB", "kck_cluster_tracker")
    )
    redis_url: str = field(
        default_factory=lambda: _env("KCK_CLUSTER_REDIS", "redis://127.0.0.1:6379/0")
    )
    # Names that keep two clusters on one Redis and one RabbitMQ apart.
    hub_channel: str = field(default_factory=lambda: _env("KCK_CLUSTER_HUB_CHANNEL", "kck:hub"))
    lock_prefix: str = field(default_factory=lambda: _env("KCK_CLUSTER_LOCK_PREFIX", "kck"))
    rabbitmq_url: str = field(
        default_factory=lambda: _env(
            "KCK_CLUSTER_RABBITMQ", "amqp://guest:guest@127.0.0.1:5672/"
        )
    )
    event_queue: str = field(default_factory=lambda: _env("KCK_CLUSTER_EVENT_QUEUE", "kck_events"))
    # The action servers' own route to the app database when it differs (PgBouncer,
    # or the tests' proxy that cuts the database off); empty: the same URL.
    actions_database_url: str = field(
        default_factory=lambda: _env("KCK_CLUSTER_ACTIONS_DATABASE_URL", "")
    )

    @property
    def app_db_url(self) -> str:
        return f"{self.postgres}/{self.app_db}"

    def gateway_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.gateway_ports[i - 1]}"

    def rasa_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.rasa_ports[i - 1]}"

    def action_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.action_ports[i - 1]}/webhook"


def check_services(plan: ClusterPlan) -> List[str]:
    """What does not answer, in words an operator can act on (empty: all answer)."""
    problems = []
    try:
        engine = create_engine(f"{plan.postgres}/postgres", future=True)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as error:
        problems.append(f"PostgreSQL at {make_url(plan.postgres).host}: {type(error).__name__}")
    try:
        redis.Redis.from_url(plan.redis_url, socket_timeout=3).ping()
    except Exception as error:
        problems.append(f"Redis at {plan.redis_url}: {type(error).__name__}")
    try:
        asyncio.run(_rabbitmq_answers(plan.rabbitmq_url))
    except Exception as error:
        host = urlsplit(plan.rabbitmq_url).hostname
        problems.append(f"RabbitMQ at {host}: {type(error).__name__}")
    return problems


async def _rabbitmq_answers(url: str) -> None:
    connection = await aio_pika.connect(url, timeout=5)
    await connection.close()


def bound_event_queue(plan: ClusterPlan) -> None:
    """The broker policy that keeps the event queue bounded (bot/event_queue.py); a broker
    where it cannot be set still runs the cluster, with the operator told what to do."""
    bound = QueueBound.from_environment(plan.event_queue)
    try:
        how = apply_bound(bound)
    except BoundNotSet as error:
        print(f"Warning: the event queue is not bounded: {error}", file=sys.stderr)
        return
    print(f"Event queue {bound.queue}: at most {bound.max_length} events (set through {how})")


def prepare(plan: ClusterPlan) -> None:
    """What the processes need before they start: databases, schema, the queue's bound."""
    ensure_databases(plan)
    bound_event_queue(plan)


def ensure_databases(plan: ClusterPlan) -> None:
    """Creates the app and tracker databases when missing, then migrates the app's."""
    engine = create_engine(f"{plan.postgres}/postgres", future=True, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for name in (plan.app_db, plan.tracker_db):
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).scalar()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    upgrade(plan.app_db_url)


def drop_databases(plan: ClusterPlan) -> None:
    """Removes both databases (the tests' throw-away clusters)."""
    engine = create_engine(f"{plan.postgres}/postgres", future=True, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for name in (plan.app_db, plan.tracker_db):
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@dataclass
class Cluster(Stack):
    """Two of each process; the settings give the shared var/ directory and Rasa token."""

    plan: ClusterPlan = field(default_factory=ClusterPlan)

    def commands(self) -> Dict[str, List[str]]:
        single = super().commands()
        commands: Dict[str, List[str]] = {}
        for i in REPLICAS:
            commands[f"actions-{i}"] = [*single["actions"][:-1], str(self.plan.action_ports[i - 1])]
            rasa = list(single["rasa"])
            rasa[rasa.index(str(self.settings.rasa_port))] = str(self.plan.rasa_ports[i - 1])
            rasa[rasa.index("endpoints.yml")] = "endpoints.cluster.yml"
            commands[f"rasa-{i}"] = rasa
        for i in REPLICAS:
            commands[f"gateway-{i}"] = single["gateway"]
        return commands

    def environment_for(self, name: str) -> Dict[str, str]:
        plan = self.plan
        kind, i = name.split("-")[0], int(name.split("-")[1])
        other = 2 if i == 1 else 1
        tracker = make_url(f"{plan.postgres}/{plan.tracker_db}")
        lock = urlsplit(plan.redis_url)
        rabbit = urlsplit(plan.rabbitmq_url)
        env = self.environment()
        env.update(
            {
                "KCK_DATABASE_URL": plan.app_db_url,
                "KCK_ACTION_SERVER_URL": plan.action_url(i),
                "KCK_RASA_URL": plan.rasa_url(i),
                "KCK_RASA_URLS": f"{plan.rasa_url(i)},{plan.rasa_url(other)}",
                "KCK_REDIS_URL": plan.redis_url,
                "KCK_HUB_CHANNEL": plan.hub_channel,
                "KCK_TRACKER_DIALECT": "postgresql",
                "KCK_TRACKER_HOST": tracker.host or "127.0.0.1",
                "KCK_TRACKER_PORT": str(tracker.port or 5432),
                "KCK_TRACKER_DB": plan.tracker_db,
                "KCK_TRACKER_USER": tracker.username or "",
                "KCK_TRACKER_PASSWORD": tracker.password or "",
                "KCK_REDIS_HOST": lock.hostname or "127.0.0.1",
                "KCK_REDIS_PORT": str(lock.port or 6379),
                "KCK_REDIS_LOCK_DB": lock.path.strip("/") or "0",
                "KCK_REDIS_LOCK_PREFIX": plan.lock_prefix,
                "KCK_RABBITMQ_HOST": rabbit.hostname or "127.0.0.1",
                "KCK_RABBITMQ_PORT": str(rabbit.port or 5672),
                "KCK_RABBITMQ_USER": rabbit.username or "guest",
                "KCK_RABBITMQ_PASSWORD": rabbit.password or "guest",
                "KCK_RABBITMQ_QUEUE": plan.event_queue,
            }
        )
        if kind == "actions" and plan.actions_database_url:
            env["KCK_DATABASE_URL"] = plan.actions_database_url
        if kind == "gateway":
            env["KCK_GATEWAY_PORT"] = str(plan.gateway_ports[i - 1])
            env["KCK_PUBLIC_URL"] = plan.gateway_url(i)
            # Telegram allows one poller per bot: only the first gateway polls
            # (in webhook mode Telegram posts to the load balancer, either gateway).
            if i != 1 and self.settings.telegram_mode != "webhook":
                env["TELEGRAM_BOT_TOKEN"] = ""
        return env

    def health_urls(self) -> List[str]:
        return [self.plan.gateway_url(i) for i in REPLICAS]


@contextmanager
def running_cluster(
    settings: Settings, plan: ClusterPlan, extra_env: Dict[str, str]
) -> Iterator[Cluster]:
    """A started cluster on migrated databases, stopped on leaving (tests)."""
    prepare(plan)
    cluster = Cluster(settings, extra_env=extra_env, plan=plan)
    try:
        cluster.start()
    except Exception:
        cluster.stop()
        for log in sorted((settings.var_dir / "log").glob("*.log")):
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}")
        raise
    try:
        yield cluster
    finally:
        cluster.stop()


def main() -> None:
    os.umask(PRIVATE_UMASK)  # its children get it too (Stack.start_one)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--demo", action="store_true", help="create demo console accounts")
    args = parser.parse_args()
    plan = ClusterPlan()
    problems = check_services(plan)
    if problems:
        sys.exit(
            "The cluster needs PostgreSQL, Redis and RabbitMQ; these do not answer:\n  "
            + "\n  ".join(problems)
            + "\nSet KCK_CLUSTER_POSTGRES, KCK_CLUSTER_REDIS or KCK_CLUSTER_RABBITMQ"
            " (.env.example)."
        )
    base = load_settings()
    settings = Settings(var_dir=base.var_dir / "cluster", database_url=plan.app_db_url)
    cluster = Cluster(settings, plan=plan)
    if not cluster.model.exists():
        sys.exit("No trained model in models/: run `make model` first.")
    print("Starting two Rasa servers, two action servers and two gateways (2–3 minutes)...")
    def banner() -> str:
        return (
            "\nKCK Assistant cluster is running:\n"
            + "".join(f"  gateway {i}          {plan.gateway_url(i)}/\n" for i in REPLICAS)
            + "".join(f"  Rasa {i}             {plan.rasa_url(i)}\n" for i in REPLICAS)
            + "".join(f"  action server {i}    {plan.action_url(i)}\n" for i in REPLICAS)
            + f"  app database       {plan.app_db} (PostgreSQL)\n"
            f"  tracker store      {plan.tracker_db} (PostgreSQL), locks in Redis\n"
            f"  event broker       RabbitMQ queue {plan.event_queue}\n"
            f"  logs               {settings.var_dir}/log/\n"
            "Press Ctrl-C to stop."
        )

    serve(cluster, banner, demo=args.demo, prepare=lambda: prepare(plan))

if __name__ == "__main__":
    main()
