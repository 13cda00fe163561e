"""The SQLite file the gateway and the action server share (bot/db.py): WAL without an
fsync per commit, and what that keeps — a committed row survives the crash of the
process that wrote it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from bot.db import make_engine

WRITER = """
import os, sys
from sqlalchemy import text
from bot.db import make_engine
engine = make_engine(sys.argv[1])
with engine.begin() as connection:
    connection.execute(text("insert into messages_seen (body) values ('zgłoszenie')"))
os._exit(9)  # dies without closing anything
"""


def test_a_file_database_runs_wal_with_normal_sync(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'kck.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_commit_survives_the_writers_crash(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kck.db'}"
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("create table messages_seen (body text)"))
    root = Path(__file__).resolve().parents[2]
    crashed = subprocess.run([sys.executable, "-c", WRITER, url], cwd=root, check=False)
    assert crashed.returncode == 9
    with engine.connect() as connection:
        assert connection.execute(text("select body from messages_seen")).scalars().all() == [
            "zgłoszenie"
        ]
