"""Issue 15, findings 10 (roles) and 11 (sessions): in-process, the real gateway app on SQLite.

Callbacks and reports are scoped like chats: first-line consultants see the
first line's, specialists their units', supervisors all; every close and
status change is audited. Console sessions end after the idle timeout, the
lock-out counts failures within a window only, and a lock ends the account's
open sessions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator

import pytest
from starlette.testclient import TestClient

from bot.app import create_app
from bot.console import accounts
from bot.db import Database
from bot.handoff import callbacks
from bot.reports import store
from bot.settings import Settings
from tests.helpers.console import PASSWORD, audit_rows, is_logged_in, log_in, shift_clock

CONSOLE_BACKGROUND = {"X-Console-Background": "1"}


# These tests run on the real clock, whatever KCK_NOW the environment sets, and on
# tests/conftest.py's db on SQLite only: the console's scopes are the subject here.
pytestmark = [
    pytest.mark.usefixtures("real_clock"),
    pytest.mark.parametrize("db", ["sqlite"], indirect=True),
]


def client_for(db: Database, tmp_path: Path) -> TestClient:
    settings = Settings(var_dir=tmp_path, database_url=db.url, telegram_bot_token="")
    return TestClient(create_app(settings), follow_redirects=False)


@pytest.fixture()
def app(db: Database, tmp_path: Path) -> Iterator[TestClient]:
    with client_for(db, tmp_path) as client:
        yield client


# --- finding 10: callbacks and reports by role and unit --------------------------------------


def _callback(db: Database, name: str, unit: str | None) -> int:
    now = dt.datetime.now(dt.timezone.utc)
    return callbacks.create_callback(
        db,
        callbacks.NewCallback(
            name=name,
            phone="+48600100200",
            window_start=now,
            window_end=now + dt.timedelta(hours=2),
            topic="sprawa",
            channel="web",
            unit=unit,
        ),
    )


@pytest.fixture()
def work(db: Database) -> dict:
    """A first-line callback, one for USC and one for WSA; a ZDMK (first line) report and
    a ZZM (second line) one."""
    first = _callback(db, "Jan Pierwszy", None)
    usc = _callback(db, "Ewa Urzędowa", "USC")
    wsa = _callback(db, "Adam Meldunkowy", "WSA")
    lamp = store.create_report(
        db, store.NewReport("intervention", "oswietlenie", "Zgasła latarnia", "web", "Długa 5")
    )
    park = store.create_report(
        db, store.NewReport("intervention", "zielen", "Połamana ławka w parku", "web", "Park")
    )
    assert (lamp.unit, park.unit) == ("ZDMK", "ZZM")
    return {"first": first, "usc": usc, "wsa": wsa, "lamp": lamp.reference, "park": park.reference}


def _logged_in(db: Database, tmp_path: Path, role: str, units: tuple[str, ...]) -> TestClient:
    login = f"{role}-{'-'.join(units).lower() or 'x'}"
    accounts.create_account(db, login, f"Test {role}", role, units, PASSWORD)
    client = client_for(db, tmp_path)
    client.__enter__()
    assert log_in(client, login=login).status_code == 303
    home = client.get("/console")
    csrf = home.text.split('name="csrf-token" content="')[1].split('"')[0]
    client.headers["X-CSRF-Token"] = csrf
    return client


@pytest.mark.parametrize(
    "role, units, sees, hidden",
    [
        ("consultant", (), {"Jan Pierwszy"}, {"Ewa Urzędowa", "Adam Meldunkowy"}),
        ("specialist", ("USC",), {"Ewa Urzędowa"}, {"Jan Pierwszy", "Adam Meldunkowy"}),
        ("supervisor", (), {"Jan Pierwszy", "Ewa Urzędowa", "Adam Meldunkowy"}, set()),
    ],
)
def test_callbacks_are_listed_and_closed_by_role_and_unit(
    db: Database, tmp_path: Path, work: dict, role: str, units: tuple, sees: set, hidden: set
) -> None:
    client = _logged_in(db, tmp_path, role, units)
    try:
        page = client.get("/console/callbacks").text
        assert all(name in page for name in sees)
        assert not [name for name in hidden if name in page]
        ids = {"Jan Pierwszy": work["first"], "Ewa Urzędowa": work["usc"]}
        ids["Adam Meldunkowy"] = work["wsa"]
        for name, callback_id in ids.items():
            answer = client.post(f"/console/callbacks/{callback_id}", data={"status": "done"})
            assert answer.status_code == (303 if name in sees else 403), (name, answer.text[:200])
        shown = {v.id: v.status for v in callbacks.list_callbacks(db)}
        assert {ids[n] for n in sees} == {i for i, status in shown.items() if status == "done"}
        closes = [r for r in audit_rows(db) if r[1] == "callback_done"]
        assert sorted(target for _, _, target in closes) == sorted(str(ids[n]) for n in sees)
    finally:
        client.__exit__(None, None, None)


@pytest.mark.parametrize(
    "role, units, sees, hidden",
    [
        ("consultant", (), "lamp", "park"),
        ("specialist", ("ZZM",), "park", "lamp"),
        ("specialist", ("USC",), None, "lamp"),
    ],
)
def test_reports_are_listed_and_changed_by_role_and_unit(
    db: Database, tmp_path: Path, work: dict, role: str, units: tuple, sees: str, hidden: str
) -> None:
    client = _logged_in(db, tmp_path, role, units)
    try:
        page = client.get("/console/reports").text
        if sees:
            assert work[sees] in page
        assert work[hidden] not in page
        refused = client.post(
            f"/console/reports/{work[hidden]}/status", data={"status": "odrzucone"}
        )
        assert refused.status_code == 403
        assert store.get_report(db, work[hidden]).status == "przyjęte"  # type: ignore[union-attr]
        if sees:
            changed = client.post(
                f"/console/reports/{work[sees]}/status", data={"status": "w realizacji"}
            )
            assert changed.status_code == 303
            assert (store.get_report(db, work[sees]).status) == "w realizacji"  # type: ignore[union-attr]
            assert any(
                action == "report_status" and target == f"{work[sees]} w realizacji"
                for _, action, target in audit_rows(db)
            )
    finally:
        client.__exit__(None, None, None)


def test_a_supervisor_sees_every_report(db: Database, tmp_path: Path, work: dict) -> None:
    client = _logged_in(db, tmp_path, "supervisor", ())
    try:
        page = client.get("/console/reports").text
        assert work["lamp"] in page and work["park"] in page
    finally:
        client.__exit__(None, None, None)


# --- finding 11: idle timeout, failure window, a lock ends sessions ---------------------------


@pytest.fixture()
def anna(db: Database) -> accounts.Account:
    return accounts.create_account(db, "anna", "Anna Nowak", "specialist", ["WSA"], PASSWORD)


def test_an_idle_session_ends_after_thirty_minutes(
    app: TestClient, anna: accounts.Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert log_in(app).status_code == 303
    shift_clock(monkeypatch, minutes=20)
    assert is_logged_in(app)  # used: the idle deadline moves on
    shift_clock(monkeypatch, minutes=45)  # 25 minutes after the last use
    assert app.get("/console/api/queue").status_code == 200
    # The queue's own polling is not use: 31 minutes after the last real request ...
    shift_clock(monkeypatch, minutes=60)
    assert app.get("/console/api/queue", headers=CONSOLE_BACKGROUND).status_code == 200
    shift_clock(monkeypatch, minutes=76)
    assert app.get("/console/api/queue", headers=CONSOLE_BACKGROUND).status_code == 401
    assert not is_logged_in(app)


def test_failures_outside_the_window_do_not_lock(
    app: TestClient, db: Database, anna: accounts.Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    for minute in (0, 5, 10, 20):  # four within 15 minutes never happen together
        shift_clock(monkeypatch, minutes=minute)
        assert log_in(app, password="zle-haslo-123456").status_code == 401
    shift_clock(monkeypatch, minutes=26)
    assert log_in(app, password="zle-haslo-123456").status_code == 401
    assert log_in(app).status_code == 303, "five failures over 26 minutes must not lock"
    assert [r for r in audit_rows(db) if r[1] == "login_locked"] == []


def test_a_lock_ends_the_accounts_open_sessions(
    db: Database, tmp_path: Path, anna: accounts.Account
) -> None:
    with client_for(db, tmp_path) as anna_browser, client_for(db, tmp_path) as attacker:
        assert log_in(anna_browser).status_code == 303
        assert anna_browser.get("/console/api/queue").status_code == 200
        for _ in range(5):
            assert log_in(attacker, password="zle-haslo-123456").status_code == 401
        assert anna_browser.get("/console/api/queue").status_code == 401
