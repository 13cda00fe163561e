"""The console's security layer: accounts, log-in, sessions, CSRF, roles, Polish texts.

In-process: the real gateway app (``create_app``) for the log-in routes, and a
tiny Starlette app for ``authenticate`` the way console pages use it. Storage
runs on SQLite and, when it answers, PostgreSQL (the ``db`` fixture).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator, Optional

import pytest
from argon2 import PasswordHasher
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sqlalchemy import select, text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket, WebSocketDisconnect

from bot import catalogs, clock, tokens
from bot.app import create_app
from bot.console import accounts, accounts_cli, demo_accounts, i18n, login_check, sessions
from bot.console.auth import (
    WS_DENIED,
    ConsoleUser,
    authenticate,
    authenticate_websocket,
    can_see,
    read_form,
    require,
)
from bot.console.cookies import COOKIE_NAME
from bot.console.errors import EXCEPTION_HANDLERS
from bot.console.login import failure_message
from bot.db import Database
from bot.migrate import upgrade
from bot.models import Base, ConsoleSession, Consultant, as_utc
from bot.settings import ROOT, Settings
from tests.helpers.console import (
    FORM_TOKEN,
    PASSWORD,
    audit_rows,
    is_logged_in,
    log_in,
    shift_clock,
)

ALERT = re.compile(r'role="alert">([^<]*)<')


# These tests run on the real clock, whatever KCK_NOW the environment sets.
pytestmark = pytest.mark.usefixtures("real_clock")


def settings_for(db: Database, tmp_path: Path, **extra: object) -> Settings:
    return Settings(var_dir=tmp_path, database_url=db.url, **extra)  # type: ignore[arg-type]


@pytest.fixture()
def client(db: Database, tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(settings_for(db, tmp_path)), follow_redirects=False) as client:
        yield client


@pytest.fixture()
def anna(db: Database) -> accounts.Account:
    return accounts.create_account(db, "anna", "Anna Nowak", "specialist", ["WSA", "USC"], PASSWORD)


def set_cookie(response: Response, name: str) -> Optional[str]:
    found = [c for c in response.headers.get_list("set-cookie") if c.startswith(f"{name}=")]
    return found[0] if found else None


def alert(response: Response) -> str:
    match = ALERT.search(response.text)
    assert match is not None, response.text
    return match.group(1)


def session_row(db: Database, cookie: str) -> Optional[ConsoleSession]:
    with db.session() as session:
        return session.execute(
            select(ConsoleSession).where(ConsoleSession.token_hash == tokens.digest(cookie))
        ).scalar_one_or_none()


def consultant(db: Database, login: str) -> Consultant:
    with db.session() as session:
        return session.execute(select(Consultant).where(Consultant.login == login)).scalar_one()


# --- log-in page and form ---------------------------------------------------------------


def test_login_page_is_polish_accessible_and_has_no_inline_code(client: TestClient) -> None:
    page = client.get("/console/login")
    assert page.status_code == 200
    html = page.text
    assert '<html lang="pl">' in html
    assert '<label for="login">Login</label>' in html and 'id="login"' in html
    assert '<label for="password">Hasło</label>' in html and 'type="password"' in html
    assert 'autocomplete="current-password"' in html and "Zaloguj się" in html
    assert "style=" not in html and "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert page.headers["cache-control"] == "no-store"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/static/console/console.css").status_code == 200


def test_wrong_password_gets_polish_error_and_no_cookie(
    client: TestClient, db: Database, anna: accounts.Account
) -> None:
    response = log_in(client, password="zupelnie-nie-to-haslo")
    assert response.status_code == 401
    assert alert(response) == failure_message(15)
    assert "Nieprawidłowy login lub hasło" in alert(response)
    assert 'aria-invalid="true"' in response.text
    assert set_cookie(response, COOKIE_NAME) is None
    assert not is_logged_in(client)


def test_unknown_login_reads_exactly_like_a_wrong_password(
    client: TestClient, anna: accounts.Account
) -> None:
    wrong = log_in(client, password="zupelnie-nie-to-haslo")
    unknown = log_in(client, login="nikt-taki")
    assert unknown.status_code == wrong.status_code == 401
    assert alert(unknown) == alert(wrong)


def test_right_password_sets_a_strict_http_only_console_cookie(
    client: TestClient, db: Database, anna: accounts.Account
) -> None:
    response = log_in(client)
    assert response.status_code == 303 and response.headers["location"] == "/console"
    cookie = set_cookie(response, COOKIE_NAME)
    assert cookie is not None
    attributes = {part.strip().split("=")[0].lower(): part for part in cookie.split(";")}
    assert "httponly" in attributes and "secure" not in attributes
    assert attributes["samesite"].strip().lower() == "samesite=strict"
    assert attributes["path"].strip() == "Path=/console"
    value = cookie.split(";")[0].split("=", 1)[1]
    assert len(value) >= 43
    row = session_row(db, value)
    assert row is not None and row.consultant_id == anna.id
    with db.engine.connect() as connection:
        stored = connection.execute(text("SELECT token_hash FROM console_sessions")).scalars()
        assert value not in list(stored)
    assert is_logged_in(client)


def test_cookie_is_secure_on_https_and_when_configured(
    db: Database, tmp_path: Path, anna: accounts.Account
) -> None:
    app = create_app(settings_for(db, tmp_path))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        assert "Secure" in (set_cookie(log_in(client), COOKIE_NAME) or "")
    app = create_app(settings_for(db, tmp_path, cookie_secure=True))
    with TestClient(app, follow_redirects=False) as client:  # HTTP behind a TLS proxy
        page = client.get("/console/login")
        assert "Secure" in (set_cookie(page, "kck_login_csrf") or "")
        token = FORM_TOKEN.search(page.text)
        assert token is not None
        client.cookies.set("kck_login_csrf", token.group(1))  # as the browser would, on HTTPS
        response = client.post(
            "/console/login",
            data={"login": "anna", "password": PASSWORD, "csrf_token": token.group(1)},
        )
        assert "Secure" in (set_cookie(response, COOKIE_NAME) or "")


def test_login_form_without_its_csrf_token_is_refused(
    client: TestClient, db: Database, anna: accounts.Account
) -> None:
    client.get("/console/login")  # sets the double-submit cookie
    missing = client.post("/console/login", data={"login": "anna", "password": PASSWORD})
    assert missing.status_code == 403
    assert alert(missing) == "Formularz logowania wygasł. Zaloguj się ponownie."
    assert set_cookie(missing, COOKIE_NAME) is None
    forged = client.post(
        "/console/login", data={"login": "anna", "password": PASSWORD, "csrf_token": "x" * 43}
    )
    assert forged.status_code == 403
    token = FORM_TOKEN.search(client.get("/console/login").text)
    assert token is not None
    client.cookies.clear()  # a cross-site form: the SameSite=Strict cookie is not sent
    cross_site = client.post(
        "/console/login",
        data={"login": "anna", "password": PASSWORD, "csrf_token": token.group(1)},
    )
    assert cross_site.status_code == 403
    assert not is_logged_in(client)
    with db.session() as session:
        assert session.execute(select(ConsoleSession)).first() is None


def test_login_redirects_only_to_console_pages(client: TestClient, anna: accounts.Account) -> None:
    assert log_in(client, next="/console/callbacks").headers["location"] == "/console/callbacks"
    for evil in ["https://evil.example/", "//evil.example/console", "/console/../x", "/widget"]:
        client.cookies.clear()
        assert log_in(client, next=evil).headers["location"] == "/console"


def test_oversized_login_body_is_refused(client: TestClient) -> None:
    client.get("/console/login")
    response = client.post("/console/login", data={"login": "a", "password": "x" * 10_000})
    assert response.status_code == 413


# --- log-out ------------------------------------------------------------------------------


def test_logout_needs_the_csrf_token(
    client: TestClient, db: Database, anna: accounts.Account
) -> None:
    assert log_in(client).status_code == 303
    cookie = client.cookies[COOKIE_NAME]
    refused = client.post("/console/logout")
    assert refused.status_code == 403 and "Formularz wygasł" in refused.text
    assert is_logged_in(client)
    row = session_row(db, cookie)
    assert row is not None
    done = client.post("/console/logout", data={"csrf_token": row.csrf_token})
    assert done.status_code == 303 and done.headers["location"] == "/console/login"
    cleared = set_cookie(done, COOKIE_NAME) or ""
    assert "Max-Age=0" in cleared and "Path=/console" in cleared
    assert session_row(db, cookie) is None
    client.cookies.set(COOKIE_NAME, cookie)  # a copied cookie is worthless after log-out
    assert not is_logged_in(client)
    assert [a for _, a, _ in audit_rows(db)][-1] == "logout"


def test_logout_without_a_session_goes_to_the_login_page(client: TestClient) -> None:
    response = client.post("/console/logout", data={"csrf_token": "x"})
    assert response.status_code == 303 and response.headers["location"] == "/console/login"


# --- lock-out, passwords, audit -----------------------------------------------------------


def test_five_failures_lock_the_account_for_fifteen_minutes(
    client: TestClient, db: Database, anna: accounts.Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(5):
        assert log_in(client, password="zle-haslo-123456").status_code == 401
    locked_until = consultant(db, "anna").locked_until
    assert locked_until is not None
    refused = log_in(client)  # the right password, while locked
    assert refused.status_code == 401 and alert(refused) == failure_message(15)
    assert set_cookie(refused, COOKIE_NAME) is None
    shift_clock(monkeypatch, minutes=14)
    assert log_in(client).status_code == 401
    shift_clock(monkeypatch, minutes=16)
    assert log_in(client).status_code == 303
    row = consultant(db, "anna")
    assert row.failed_logins == 0 and row.locked_until is None
    actions = [action for _, action, _ in audit_rows(db)]
    assert actions.count("login_locked") == 1 and actions[-1] == "login"


def test_success_resets_the_failure_count(db: Database, anna: accounts.Account) -> None:
    def attempt(password: str) -> login_check.LoginCheck:
        return login_check.check_login(db, "anna", password, max_failures=5, lock_minutes=15)

    for _ in range(4):
        assert attempt("zle-haslo-123456").account is None
    assert attempt(PASSWORD).account is not None
    for _ in range(4):
        assert not attempt("zle-haslo-123456").locked_now
    assert attempt("zle-haslo-123456").locked_now
    assert attempt(PASSWORD).account is None
    assert attempt(PASSWORD).consultant_id == anna.id


def test_password_is_stored_only_as_an_argon2id_hash(
    client: TestClient, db: Database, anna: accounts.Account
) -> None:
    log_in(client, password="zle-haslo-123456")
    log_in(client)
    accounts.set_password(db, "anna", PASSWORD + "x")
    assert consultant(db, "anna").password_hash.startswith("$argon2id$")
    with db.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(table.select()):
                assert PASSWORD not in repr(tuple(row)), table.name


def test_weak_old_hashes_are_upgraded_at_log_in(db: Database, anna: accounts.Account) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    with db.session() as session:
        session.get(Consultant, anna.id).password_hash = weak
    assert login_check.check_login(db, "anna", PASSWORD).account is not None
    upgraded = consultant(db, "anna").password_hash
    assert upgraded != weak and not PasswordHasher().check_needs_rehash(upgraded)


def test_audit_log_has_ids_only(client: TestClient, db: Database, anna: accounts.Account) -> None:
    log_in(client, password="zle-haslo-123456")
    log_in(client, login="anna-nowak@example.org", password=PASSWORD)
    log_in(client)
    rows = audit_rows(db)[-3:]
    # The target of a failure is the client's address (the test client's name here).
    assert rows[0] == (anna.id, "login_failed", "testclient")
    assert rows[1] == (None, "login_failed", "testclient")
    assert rows[2][:2] == (anna.id, "login") and str(rows[2][2]).isdigit()
    for row in audit_rows(db):
        assert "anna" not in repr(row) and PASSWORD not in repr(row)


def test_deactivated_account_cannot_log_in_and_loses_its_sessions(
    client: TestClient, db: Database, anna: accounts.Account
) -> None:
    log_in(client)
    assert is_logged_in(client)
    accounts.deactivate(db, "anna")
    assert not is_logged_in(client)
    assert log_in(client).status_code == 401


# --- command line -------------------------------------------------------------------------


ADD_ANNA = ["add", "--login", "Anna", "--name", "Anna Nowak", "--role", "specialist"]


def test_cli_creates_an_account_with_the_password_from_the_environment(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(accounts_cli.PASSWORD_ENV, PASSWORD)
    assert accounts_cli.main([*ADD_ANNA, "--units", "WSA,usc"], db=db) == 0
    assert "Utworzono konto anna." in capsys.readouterr().out
    (account,) = accounts.list_accounts(db)
    assert (account.login, account.role, account.units) == ("anna", "specialist", ("WSA", "USC"))
    assert login_check.check_login(db, "anna", PASSWORD).account is not None
    assert accounts_cli.main(["list"], db=db) == 0
    assert "anna" in capsys.readouterr().out
    assert accounts_cli.main([*ADD_ANNA, "--units", "WSA"], db=db) == 1
    assert "Login anna jest już zajęty." in capsys.readouterr().err


def test_cli_refuses_short_passwords(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(accounts_cli.PASSWORD_ENV, "krotkie1234")  # 11 characters
    assert accounts_cli.main([*ADD_ANNA, "--units", "WSA"], db=db) == 1
    assert "co najmniej 12 znaków" in capsys.readouterr().err
    assert accounts.list_accounts(db) == []


def test_cli_refuses_a_password_on_the_command_line(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(accounts_cli.PASSWORD_ENV, PASSWORD)
    for flag in ["--password", "-p"]:
        with pytest.raises(SystemExit) as exit_:
            accounts_cli.main([*ADD_ANNA, "--units", "WSA", flag, PASSWORD], db=db)
        assert exit_.value.code == 2
        assert "KCK_CONSULTANT_PASSWORD" in capsys.readouterr().err
    assert accounts.list_accounts(db) == []


def test_cli_asks_twice_when_there_is_no_password_in_the_environment(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(accounts_cli.PASSWORD_ENV, raising=False)
    answers = iter([PASSWORD, PASSWORD + "?", PASSWORD, PASSWORD])
    monkeypatch.setattr(accounts_cli.getpass, "getpass", lambda prompt: next(answers))
    add_jan = ["add", "--login", "jan", "--name", "Jan", "--role", "consultant"]
    assert accounts_cli.main(add_jan, db=db) == 1
    assert "Hasła się różnią." in capsys.readouterr().err
    assert accounts_cli.main(add_jan, db=db) == 0
    assert login_check.check_login(db, "jan", PASSWORD).account is not None


def test_cli_sets_passwords_and_deactivates(
    db: Database, anna: accounts.Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(accounts_cli.PASSWORD_ENV, PASSWORD + "-nowe")
    assert accounts_cli.main(["set-password", "--login", "anna"], db=db) == 0
    assert login_check.check_login(db, "anna", PASSWORD).account is None
    assert login_check.check_login(db, "anna", PASSWORD + "-nowe").account is not None
    assert accounts_cli.main(["set-password", "--login", "nikt"], db=db) == 1
    assert accounts_cli.main(["deactivate", "--login", "anna"], db=db) == 0
    assert login_check.check_login(db, "anna", PASSWORD + "-nowe").account is None


def test_cli_runs_as_a_module(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kck.db'}"
    upgrade(url)
    env = {**os.environ, "KCK_DATABASE_URL": url, accounts_cli.PASSWORD_ENV: PASSWORD}
    command = [sys.executable, "-m", "bot.console.accounts_cli"]
    added = subprocess.run(
        [*command, *ADD_ANNA, "--units", "WSA"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert added.returncode == 0, added.stderr
    listed = subprocess.run([*command, "list"], env=env, capture_output=True, text=True, cwd=ROOT)
    assert re.search(r"anna\s+Anna Nowak\s+specjalista\s+WSA\s+aktywne", listed.stdout)


def test_account_fields_are_checked(db: Database) -> None:
    cases = [
        ("a", "A", "consultant", []),
        ("anna nowak", "A", "consultant", []),
        ("anna", "A", "boss", []),
        ("anna", "A", "specialist", []),
        ("anna", "A", "specialist", ["XYZ"]),
        ("anna", "A", "consultant", ["WSA"]),
    ]
    for login, name, role, units in cases:
        with pytest.raises(accounts.AccountError):
            accounts.create_account(db, login, name, role, units, PASSWORD)
    assert accounts.list_accounts(db) == []


def test_demo_accounts_get_fresh_random_passwords(db: Database) -> None:
    first = demo_accounts.ensure_demo_accounts(db)
    assert [login for login, _ in first] == ["konsultant", "specjalista", "kierownik"]
    roles = {a.login: (a.role, a.units) for a in accounts.list_accounts(db)}
    assert roles["konsultant"] == ("consultant", ())
    assert roles["specjalista"] == ("specialist", ("WSA", "USC", "GUP", "WKS", "WGK", "ZZM"))
    assert roles["kierownik"] == ("supervisor", ())
    again = demo_accounts.ensure_demo_accounts(db)
    for (login, old), (_, new) in zip(first, again, strict=True):
        assert len(new) >= accounts.MIN_PASSWORD_CHARS and new != old
        assert login_check.check_login(db, login, old).account is None
        assert login_check.check_login(db, login, new).account is not None


# --- authenticate in handlers -------------------------------------------------------------


async def page(request: Request) -> Response:
    return PlainTextResponse((await authenticate(request)).login)


async def api(request: Request) -> Response:
    return JSONResponse({"login": (await authenticate(request)).login})


async def supervisors_api(request: Request) -> Response:
    return JSONResponse({"login": (await authenticate(request, roles={"supervisor"})).login})


async def supervisors_page(request: Request) -> Response:
    await authenticate(request, roles={"supervisor"})
    return PlainTextResponse("ok")


async def form(request: Request) -> Response:
    await authenticate(request)
    return JSONResponse(await read_form(request))


@require({"specialist", "supervisor"})
async def specialists(request: Request, user: ConsoleUser) -> Response:
    return JSONResponse({"units": list(user.units)})


async def live(websocket: WebSocket) -> None:
    user = await authenticate_websocket(websocket)
    if user is None:
        await websocket.close(code=WS_DENIED)
        return
    await websocket.accept()
    await websocket.send_json({"login": user.login})
    await websocket.close()


@pytest.fixture()
def tiny(db: Database, tmp_path: Path) -> Iterator[TestClient]:
    """A console-like app: the handlers above, the console's exception handlers."""
    app = Starlette(
        routes=[
            Route("/console/page", page),
            Route("/console/supervisors", supervisors_page),
            Route("/console/form", form, methods=["POST"]),
            Route("/console/api/thing", api, methods=["GET", "POST", "DELETE"]),
            Route("/console/api/supervisors", supervisors_api),
            Route("/console/api/specialists", specialists),
            WebSocketRoute("/console/api/live", live),
        ],
        exception_handlers=EXCEPTION_HANDLERS,
    )
    app.state.db = db
    app.state.settings = settings_for(db, tmp_path)
    with TestClient(app, follow_redirects=False) as client:
        yield client


def logged_in(client: TestClient, db: Database, account: accounts.Account) -> ConsoleUser:
    new = sessions.open_session(db, account.id, 8)
    client.cookies.set(COOKIE_NAME, new.token)
    return new.user


def test_without_a_session_pages_redirect_and_the_api_answers_401(tiny: TestClient) -> None:
    response = tiny.get("/console/page?x=1")
    assert response.status_code == 303
    assert response.headers["location"] == "/console/login?next=%2Fconsole%2Fpage%3Fx%3D1"
    response = tiny.get("/console/api/thing")
    assert response.status_code == 401
    assert response.json() == {
        "error": "Sesja wygasła albo nie zalogowano się. Zaloguj się ponownie."
    }
    tiny.cookies.set(COOKIE_NAME, tokens.new_token())  # made up
    assert tiny.get("/console/api/thing").status_code == 401


def test_a_session_lets_the_consultant_in_until_it_expires(
    tiny: TestClient, db: Database, anna: accounts.Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = logged_in(tiny, db, anna)
    assert (user.login, user.role, user.units) == ("anna", "specialist", ("WSA", "USC"))
    assert tiny.get("/console/page").text == "anna"
    assert tiny.get("/console/api/thing").json() == {"login": "anna"}
    shift_clock(monkeypatch, hours=7, minutes=59)
    assert tiny.get("/console/page").status_code == 200
    shift_clock(monkeypatch, hours=8, minutes=1)
    assert tiny.get("/console/page").status_code == 303
    assert tiny.get("/console/api/thing").status_code == 401


def test_wrong_role_is_forbidden(tiny: TestClient, db: Database, anna: accounts.Account) -> None:
    logged_in(tiny, db, anna)
    response = tiny.get("/console/api/supervisors")
    assert response.status_code == 403
    assert response.json() == {"error": "Twoja rola nie ma dostępu do tej strony."}
    page = tiny.get("/console/supervisors")
    assert page.status_code == 403 and alert(page) == "Twoja rola nie ma dostępu do tej strony."
    assert "Anna Nowak" in page.text  # the layout still shows who is logged in
    assert tiny.get("/console/api/specialists").json() == {"units": ["WSA", "USC"]}


def test_unsafe_methods_need_the_session_csrf_token(
    tiny: TestClient, db: Database, anna: accounts.Account
) -> None:
    user = logged_in(tiny, db, anna)
    for method in ["POST", "DELETE"]:
        refused = tiny.request(method, "/console/api/thing")
        assert refused.status_code == 403
        assert refused.json() == {"error": "Formularz wygasł. Odśwież stronę i spróbuj ponownie."}
        wrong = tiny.request(
            method, "/console/api/thing", headers={"X-CSRF-Token": ("ą" * 43).encode()}
        )
        assert wrong.status_code == 403
        allowed = tiny.request(
            method, "/console/api/thing", headers={"X-CSRF-Token": user.csrf_token}
        )
        assert allowed.status_code == 200
    assert tiny.post("/console/form", data={"note": "x"}).status_code == 403
    accepted = tiny.post("/console/form", data={"csrf_token": user.csrf_token, "note": "zażółć"})
    assert accepted.status_code == 200
    assert accepted.json() == {"csrf_token": user.csrf_token, "note": "zażółć"}


def test_another_consultants_csrf_token_does_not_count(
    tiny: TestClient, db: Database, anna: accounts.Account
) -> None:
    other = accounts.create_account(db, "jan", "Jan", "consultant", [], PASSWORD)
    theirs = sessions.open_session(db, other.id, 8).user.csrf_token
    logged_in(tiny, db, anna)
    assert tiny.post("/console/api/thing", headers={"X-CSRF-Token": theirs}).status_code == 403


def test_websocket_needs_the_session_and_the_same_origin(
    tiny: TestClient, db: Database, anna: accounts.Account
) -> None:
    def connect(origin: Optional[str]) -> dict:
        headers = {"origin": origin} if origin else {}
        with tiny.websocket_connect("/console/api/live", headers=headers) as socket:
            return dict(socket.receive_json())

    with pytest.raises(WebSocketDisconnect) as refused:
        connect("http://testserver")
    assert refused.value.code == WS_DENIED
    logged_in(tiny, db, anna)
    assert connect("http://testserver") == {"login": "anna"}
    for origin in ["http://evil.example", "null", None]:
        with pytest.raises(WebSocketDisconnect):
            connect(origin)


# --- who sees what, who is online ---------------------------------------------------------


def user_with(role: str, units: tuple = ()) -> ConsoleUser:
    return ConsoleUser(1, "x", "X", role, units, "t", 1)


@pytest.mark.parametrize(
    ("role", "units", "line", "unit", "expected"),
    [
        ("consultant", (), "first", None, True),
        ("consultant", (), "second", "WSA", False),
        ("specialist", ("WSA", "USC"), "first", None, False),
        ("specialist", ("WSA", "USC"), "second", "WSA", True),
        ("specialist", ("WSA", "USC"), "second", "USC", True),
        ("specialist", ("WSA", "USC"), "second", "GUP", False),
        ("specialist", ("WSA",), "second", None, False),
        ("supervisor", (), "first", None, True),
        ("supervisor", (), "second", "ZZM", True),
    ],
)
def test_can_see(role: str, units: tuple, line: str, unit: Optional[str], expected: bool) -> None:
    assert can_see(user_with(role, units), line, unit) is expected


def test_online_consultants_count_who_was_seen_lately(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = {
        "konsultant": ("consultant", []),
        "specjalista": ("specialist", ["WSA"]),
        "kierownik": ("supervisor", []),
        "nieobecny": ("consultant", []),
    }
    for login, (role, units) in staff.items():
        account = accounts.create_account(db, login, login, role, units, PASSWORD)
        if login != "nieobecny":
            sessions.find_session(db, sessions.open_session(db, account.id, 8).token)
    assert sessions.online_consultants(db, "first", None) == 2
    assert sessions.online_consultants(db, "second", "WSA") == 2
    assert sessions.online_consultants(db, "second", "GUP") == 1
    shift_clock(monkeypatch, minutes=3)
    assert sessions.online_consultants(db, "first", None) == 0


def test_last_seen_is_written_at_most_every_thirty_seconds(
    db: Database, anna: accounts.Account
) -> None:
    def last_seen() -> dt.datetime:
        return as_utc(consultant(db, "anna").last_seen_at)

    start = clock.now()
    token = sessions.open_session(db, anna.id, 8, now=start).token
    sessions.find_session(db, token, now=start)
    sessions.find_session(db, token, now=start + dt.timedelta(seconds=20))
    assert last_seen() == start
    later = start + dt.timedelta(seconds=31)
    sessions.find_session(db, token, now=later)
    assert last_seen() == later
    sessions.touch(db, anna.id, now=later + dt.timedelta(seconds=10))
    assert last_seen() == later
    sessions.touch(db, anna.id, now=later + dt.timedelta(seconds=40))
    assert last_seen() == later + dt.timedelta(seconds=40)


# --- Polish texts -------------------------------------------------------------------------

OWN_SOURCES = {
    "console/accounts.py",
    "console/accounts_cli.py",
    "console/audit.py",
    "console/demo_accounts.py",
    "console/login_check.py",
    "console/auth.py",
    "console/login.py",
    "console/sessions.py",
    "console/templates.py",
    "templates/console/base.html",
    "templates/console/login.html",
    "templates/console/error.html",
}


def test_every_text_of_the_security_layer_has_a_polish_translation() -> None:
    po, _ = catalogs.catalog_paths()
    with po.open("rb") as source:
        catalog = read_po(source, locale="pl")
    extracted = extract_from_dir(
        str(ROOT / "bot"),
        method_map=[("console/**.py", "python"), ("templates/console/**.html", "mako")],
        options_map={"templates/console/**.html": {"input_encoding": "utf-8"}},
    )
    ids = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extracted
        if message[0] in OWN_SOURCES
    }
    assert len(ids) > 40
    for message_id in ids:
        entry = catalog.get(message_id)
        assert entry is not None and not entry.fuzzy, message_id
        assert all(entry.string) if isinstance(entry.string, tuple) else entry.string, message_id


def test_polish_texts_and_plural_forms() -> None:
    assert i18n.gettext("Queue") == "Kolejka"
    assert i18n._("Log out") == "Wyloguj"
    assert "na 1 minutę" in failure_message(1)
    assert "na 3 minuty" in failure_message(3)
    assert "na 15 minut" in failure_message(15)
    assert "na 22 minuty" in failure_message(22)


def test_catalog_is_compiled_in_memory_when_the_mo_is_missing_or_stale(tmp_path: Path) -> None:
    po, _ = catalogs.catalog_paths()
    own_po, own_mo = catalogs.catalog_paths(tmp_path)
    own_po.parent.mkdir(parents=True)
    shutil.copy(po, own_po)
    assert catalogs.load_translations(tmp_path).gettext("Queue") == "Kolejka"
    assert not own_mo.exists()  # nothing written
    with own_po.open("rb") as source:
        catalog = read_po(source, locale="pl")
    catalog.get("Queue").string = "Kolejka (mo)"
    with own_mo.open("wb") as compiled:
        write_mo(compiled, catalog)
    assert catalogs.load_translations(tmp_path).gettext("Queue") == "Kolejka (mo)"
    edited = own_po.stat().st_mtime
    os.utime(own_mo, (edited - 10, edited - 10))  # the .po was edited after the .mo was built
    assert catalogs.load_translations(tmp_path).gettext("Queue") == "Kolejka"
