"""The benchmark's own assistant: the three processes of bot.stack on bench ports.

Like the tests' stack (tests/conftest.py) but independent of tests/: its own
var/ directory and SQLite databases, the clock (KCK_NOW) inside office hours and
Telegram off. Its database has one console account, made by ``consultant_account``
for the simulated consultant of the hand-off scenario (bench/handoff.py), which is
"online" only while it polls the queue during a gateway level.
"""

from __future__ import annotations

import os
import secrets
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, Tuple

from bot.console.accounts import create_account
from bot.db import Database
from bot.ports import refuse_busy
from bot.settings import ROOT, Settings
from bot.stack import Stack, running

# Gateway, Rasa, action server: apart from make run (8000/5005/5055) and the tests (18000-18599).
# KCK_BENCH_PORT_OFFSET moves them, so that two checkouts can bench on one machine.
_OFFSET = int(os.environ.get("KCK_BENCH_PORT_OFFSET", "0"))
PORTS: Tuple[int, int, int] = (18600 + _OFFSET, 15605 + _OFFSET, 15655 + _OFFSET)
# A Monday inside office hours (Mon-Fri 7:40-15:30 Europe/Warsaw).
IN_HOURS = "2026-11-30T10:00:00+01:00"
VAR_DIR = ROOT / "var" / "bench"
CONSULTANT_LOGIN = "bench-konsultant"
# Settings of the shell that would point the bench at another instance's processes or data.
FOREIGN = (
    "KCK_RASA_URL",
    "KCK_ACTION_SERVER_URL",
    "KCK_DATABASE_URL",
    "KCK_PUBLIC_URL",
    "KCK_RASA_TOKEN",
    "KCK_TRACKER_DIALECT",
    "KCK_TRACKER_HOST",
    "KCK_TRACKER_DB",
    "KCK_VAR_DIR",
)


@contextmanager
def bench_stack(
    var_dir: Path = VAR_DIR,
    ports: Tuple[int, int, int] = PORTS,
    now: str = IN_HOURS,
    env: Dict[str, str] | None = None,
) -> Iterator[Stack]:
    """Starts a fresh stack (var_dir is emptied first) and stops it on leaving.

    Another stack on the bench ports is refused before var_dir is emptied: its
    databases would go, and the bench would measure it (KCK_BENCH_PORT_OFFSET moves
    this one)."""
    refuse_busy(ports)
    for name in FOREIGN:
        os.environ.pop(name, None)
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    settings = Settings(
        var_dir=var_dir,
        gateway_port=ports[0],
        rasa_port=ports[1],
        action_port=ports[2],
        database_url="",
        public_url="",
        open311_api_keys="",
    )
    extra_env = {
        "KCK_NOW": now,
        "KCK_QUEUE_MAX_WAIT_SECONDS": "600",
        "TELEGRAM_BOT_TOKEN": "",
        # Every simulated resident comes from 127.0.0.1, where real ones come from their own
        # addresses: the per-address limit on new chats is lifted. The per-conversation
        # message limit stays (a conversation here sends far fewer than it allows).
        "KCK_RATE_NEW_CHATS": "1000000",
        # One simulated consultant serves every hand-off of a level (40 at 200), so the
        # limit of chats held at once (3) is lifted: the hand-off figures then measure the
        # assistant, not how many consultants are on duty.
        "KCK_CONSOLE_MAX_CHATS": "0",
    }
    with running(settings, {**extra_env, **(env or {})}) as stack:
        yield stack


def consultant_account(settings: Settings) -> Tuple[str, str]:
    """The simulated consultant's first-line account in the stack's database, with a new
    random password: (login, password)."""
    password = secrets.token_urlsafe(18)
    db = Database(settings.db_url)
    try:
        create_account(db, CONSULTANT_LOGIN, "Konsultant (benchmark)", "consultant", (), password)
    finally:
        db.dispose()
    return CONSULTANT_LOGIN, password
