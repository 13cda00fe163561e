"""Logging in to the consultants' console through its forms, the audit log, a shifted clock."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path
from typing import Iterator, List

import pytest
from sqlalchemy import select
from starlette.responses import Response
from starlette.testclient import TestClient

from bot import clock
from bot.app import create_app
from bot.console import accounts
from bot.db import Database
from bot.models import AuditEntry
from bot.settings import Settings

FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "Wawel-smok-2026!"



def shift_clock(monkeypatch: pytest.MonkeyPatch, **delta: float) -> None:
    """Moves ``bot.clock`` (so every part of the app) by ``delta`` from the real time."""
    moved = dt.datetime.now(dt.timezone.utc) + dt.timedelta(**delta)
    monkeypatch.setenv("KCK_NOW", moved.isoformat())
    clock.reset()


def log_in(
    client: TestClient, login: str = "anna", password: str = PASSWORD, **extra: str
) -> Response:
    page = client.get("/console/login")
    match = FORM_TOKEN.search(page.text)
    assert match is not None
    return client.post(
        "/console/login",
        data={"login": login, "password": password, "csrf_token": match.group(1), **extra},
    )


def audit_rows(db: Database) -> List[tuple]:
    with db.session() as session:
        return [
            (row.consultant_id, row.action, row.target)
            for row in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
        ]


def is_logged_in(client: TestClient) -> bool:
    """The log-in page sends a logged-in consultant on to the console."""
    response = client.get("/console/login")
    return response.status_code == 303 and response.headers["location"] == "/console"


@contextlib.contextmanager
def signed_in(
    db: Database, var_dir: Path, login: str, role: str, units: tuple[str, ...] = ()
) -> Iterator[TestClient]:
    """The real gateway app on ``db`` (photos under ``var_dir``), a new account logged in
    through the form; its requests carry the CSRF header and follow no redirect."""
    accounts.create_account(db, login, f"Test {role}", role, units, PASSWORD)
    settings = Settings(var_dir=var_dir, database_url=db.url, telegram_bot_token="")
    with TestClient(create_app(settings), follow_redirects=False) as client:
        assert log_in(client, login=login).status_code == 303
        csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', client.get("/console").text)
        assert csrf is not None
        client.headers["X-CSRF-Token"] = csrf.group(1)
        yield client
