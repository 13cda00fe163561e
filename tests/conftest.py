"""Shared fixtures: the real assistant (Rasa + action server + gateway) on test ports.

The stack starts once per test session with its own var/ directory, SQLite
databases and ports, so it never touches a `make run` instance. Set
KCK_TEST_GATEWAY_URL (and KCK_TEST_RASA_URL, KCK_RASA_TOKEN) to test an
already running assistant instead.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterator

import httpx
import pytest
from sqlalchemy import create_engine, text

from bot import clock
from bot.db import Database
from bot.migrate import upgrade
from bot.settings import Settings
from bot.stack import Stack, running
from tests.helpers.reports import Chat, close_open_reports
from tests.helpers.skipped_services import pytest_terminal_summary  # noqa: F401 - the hook
from tests.helpers.stack_db import stack_db
from tests.log_scan import scan_run
from tests.staff import Staff, staff_for

OPEN311_TEST_KEY = "test-open311-key"


@dataclass
class LiveAssistant:
    gateway_url: str
    rasa_url: str
    rasa_token: str
    var_dir: Path
    stack: Stack | None


@pytest.fixture(scope="session", autouse=True)
def logs_without_personal_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """After the whole run (every stack stopped: this fixture is set up first, so it
    is torn down last), no log of any test process (gateway, Rasa, action server)
    holds a phone number, an e-mail address or a resident's words, and no stack
    lacks one of those logs. A finding fails the run at this teardown."""
    yield
    findings = scan_run(tmp_path_factory.getbasetemp())
    assert not findings, "personal data in logs:\n" + "\n".join(map(str, findings))


# Stacks shared by several tests, and where each keeps its app database.
_SHARED_STACKS: Dict[str, Callable[[Any], str]] = {
    "live": lambda live: f"sqlite:///{live.var_dir / 'kck.db'}",
    "live_closed": lambda live: f"sqlite:///{live.var_dir / 'kck.db'}",
    "live_telegram": lambda live: f"sqlite:///{live.var_dir / 'kck.db'}",
    "cluster": lambda cluster: str(cluster.plan.app_db_url),
}


@pytest.fixture(autouse=True)
def reports_of_earlier_tests_closed(request: pytest.FixtureRequest) -> None:
    """A test on a shared stack starts with no report open: most file a street lamp at
    Długa 5, and an open one left by an earlier test would be offered to the next as
    the same problem already reported (issue 17) instead of being filed."""
    for name, db_url in _SHARED_STACKS.items():
        if name in request.fixturenames:
            stack = request.getfixturevalue(name)
            if getattr(stack, "stack", True) is not None:  # never an assistant not ours
                close_open_reports(db_url(stack))


# The test stack's clock (KCK_NOW, read by bot.clock): a Monday inside office
# hours, and a Saturday outside them, so hand-off tests do not depend on when
# the suite runs.
IN_HOURS = "2026-11-30T09:00:00+01:00"
OUTSIDE_HOURS = "2026-11-28T10:00:00+01:00"


def start_stack(
    var_dir: Path, ports: tuple[int, int, int], now: str, env: Dict[str, str] | None = None
) -> Iterator[LiveAssistant]:
    """Starts a stack; ``env`` adds settings (e.g. the Telegram bridge's). Telegram stays
    off unless ``env`` turns it on, even when the developer's shell has a bot token."""
    # Two test runs at once on one machine (parallel work sessions) set different
    # KCK_TEST_PORT_OFFSET values so their stacks never meet.
    offset = int(os.environ.get("KCK_TEST_PORT_OFFSET", "0"))
    settings = Settings(
        var_dir=var_dir,
        gateway_port=ports[0] + offset,
        rasa_port=ports[1] + offset,
        action_port=ports[2] + offset,
        database_url="",
        open311_api_keys=OPEN311_TEST_KEY,
    )
    extra_env = {
        "KCK_NOW": now,
        "KCK_QUEUE_MAX_WAIT_SECONDS": "600",
        "TELEGRAM_BOT_TOKEN": "",
        # Every test talks from 127.0.0.1: the limits are tested in-process
        # (tests/unit/test_rate_limits.py), not here.
        "KCK_RATE_NEW_CHATS": "1000000",
        "KCK_RATE_MESSAGES": "1000000",
        "KCK_RATE_LOGINS": "1000000",
    }
    with running(settings, {**extra_env, **(env or {})}) as stack:
        yield LiveAssistant(
            settings.gateway_url, settings.rasa_url, settings.rasa_token, var_dir, stack
        )


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveAssistant]:
    """The assistant on test ports, its clock inside office hours."""
    if os.environ.get("KCK_TEST_GATEWAY_URL"):
        yield LiveAssistant(
            gateway_url=os.environ["KCK_TEST_GATEWAY_URL"],
            rasa_url=os.environ.get("KCK_TEST_RASA_URL", "http://127.0.0.1:5005"),
            rasa_token=os.environ["KCK_RASA_TOKEN"],
            var_dir=Path(os.environ.get("KCK_VAR_DIR", "var")),
            stack=None,
        )
        return
    yield from start_stack(tmp_path_factory.mktemp("kck-var"), (18000, 15005, 15055), IN_HOURS)


@pytest.fixture(scope="session")
def live_closed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveAssistant]:
    """A second assistant whose clock stands on a Saturday: the outside-hours paths."""
    yield from start_stack(
        tmp_path_factory.mktemp("kck-var-closed"), (18100, 15105, 15155), OUTSIDE_HOURS
    )


@pytest.fixture()
def staff(live: LiveAssistant) -> Iterator[Staff]:
    """Console accounts on the in-hours stack (deactivated after the test)."""
    yield from staff_for(f"sqlite:///{live.var_dir / 'kck.db'}", live.gateway_url)


@pytest.fixture()
def staff_closed(live_closed: LiveAssistant) -> Iterator[Staff]:
    yield from staff_for(f"sqlite:///{live_closed.var_dir / 'kck.db'}", live_closed.gateway_url)


@pytest.fixture()
def empty_queue(live: LiveAssistant) -> None:
    """Ends every hand-off still open on the in-hours stack, for tests that read the
    queue's order or count (other tests may leave chats waiting)."""
    import datetime as dt

    from bot.handoff import queue

    db = Database(f"sqlite:///{live.var_dir / 'kck.db'}")
    try:
        for entry in queue.open_entries(db):
            queue.end(db, entry.handoff_id, "test-reset", dt.datetime.now(dt.timezone.utc))
    finally:
        db.dispose()


@pytest.fixture()
def gateway(live: LiveAssistant) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.gateway_url, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def app_db(live: LiveAssistant) -> Iterator[Database]:
    """The live stack's own SQLite database, to check what a conversation stored."""
    yield from stack_db(live.var_dir)


@pytest.fixture()
def report_chat(gateway: httpx.Client) -> Chat:
    """A fresh widget conversation driven like a resident (tests/helpers/reports.py)."""
    return Chat(gateway)


@pytest.fixture()
def conversation(gateway: httpx.Client) -> dict:
    """A fresh widget conversation: {"conversation_id", "token", "headers"}."""
    created = gateway.post("/api/v1/conversations").json()
    created["headers"] = {"Authorization": f"Bearer {created['token']}"}
    return created


POSTGRES = os.environ.get(
    "KCK_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test"
)


def _postgres_schema_url() -> Iterator[str]:
    """A throw-away schema in the test database, or skip (fail in CI) when it is down."""
    admin = create_engine(POSTGRES, future=True)
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        admin.dispose()
        if os.environ.get("KCK_REQUIRE_SERVICES") == "1":
            pytest.fail(f"PostgreSQL is required but does not answer: {error}")
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    schema = f"kck_test_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        # Named after the schema, so the teardown can find this test's connections.
        yield f"{POSTGRES}?options=-csearch_path%3D{schema}&application_name={schema}"
    finally:
        with admin.begin() as connection:
            # A connection the test left behind (an app's worker still finishing a query)
            # would deadlock with the DROP (seen once in CI); it is ended first.
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = :name AND pid <> pg_backend_pid()"
                ),
                {"name": schema},
            )
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture()
def real_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The real clock, whatever KCK_NOW the environment sets (and clean after)."""
    monkeypatch.delenv("KCK_NOW", raising=False)
    clock.reset()
    yield
    clock.reset()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The migrated app database, once on SQLite and once on PostgreSQL. A module whose
    subject is not the database keeps the SQLite run only with
    ``pytestmark = pytest.mark.parametrize("db", ["sqlite"], indirect=True)``."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path / 'kck.db'}"])
    else:
        urls = _postgres_schema_url()
    url = next(urls)
    upgrade(url)
    database = Database(url)
    yield database
    database.dispose()
    next(urls, None)


@pytest.fixture(scope="module")
def parse(live: LiveAssistant) -> Iterator[Callable[[str], Dict[str, Any]]]:
    """``/model/parse`` of the running Rasa server, as the outside checks call it."""
    client = httpx.Client(base_url=live.rasa_url, params={"token": live.rasa_token}, timeout=30)

    def parse_one(text: str) -> Dict[str, Any]:
        response = client.post("/model/parse", json={"text": text})
        response.raise_for_status()
        return dict(response.json())

    yield parse_one
    client.close()
