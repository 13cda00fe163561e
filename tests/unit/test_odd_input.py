"""Issue 15, findings 5, 8 and 11 (headers): in-process, the real gateway app on SQLite.

Odd input answers 400 with a Polish message and the security headers, never a
500; a table of odd requests over the widget API, the console API and Open311
finds no 500; even an exception nobody expected answers with the headers. The
APIs are never cached, the CSP lets WebSockets reach this gateway only, HSTS
comes with KCK_COOKIE_SECURE=1, and no CSV cell is a formula.
"""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.app import create_app
from bot.console import accounts
from bot.console.dashboard import to_csv
from bot.console.dashboard_tables import Table
from bot.migrate import upgrade
from tests.conftest import OPEN311_TEST_KEY
from tests.helpers.console import PASSWORD, log_in
from tests.helpers.offline_app import settings_for

POLISH = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
SECURITY = ("content-security-policy", "x-content-type-options", "x-frame-options")
OPEN311 = "/open311/v2/requests.json"


# These tests run on the real clock, whatever KCK_NOW the environment sets.
pytestmark = pytest.mark.usefixtures("real_clock")


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = settings_for(tmp_path)
    upgrade(settings.db_url)
    app = create_app(settings)

    async def boom(request: Request) -> Response:
        raise RuntimeError("a bug nobody expected")

    app.router.routes.append(Route("/test-boom", boom))
    with TestClient(app, follow_redirects=False, raise_server_exceptions=False) as test_client:
        yield test_client


def chat(client: TestClient) -> Tuple[str, dict]:
    created = client.post("/api/v1/conversations").json()
    path = f"/api/v1/conversations/{created['conversation_id']}"
    return path, {"Authorization": f"Bearer {created['token']}"}


def assert_polish_refusal(answer: object) -> None:
    response = answer  # an httpx.Response
    assert response.status_code == 400, (response.status_code, response.text[:200])  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert set(text) & POLISH, text[:200]
    for header in SECURITY:
        assert header in response.headers, header  # type: ignore[attr-defined]


def test_deeply_nested_lists_to_the_widget_api(client: TestClient) -> None:
    path, auth = chat(client)
    nested = b'{"text": ' + b"[" * 30_000 + b"]" * 30_000 + b"}"  # 60 kB
    answer = client.post(
        f"{path}/messages", content=nested, headers={**auth, "Content-Type": "application/json"}
    )
    assert_polish_refusal(answer)


def test_deeply_nested_objects_to_open311(client: TestClient) -> None:
    nested = ('{"a":' * 30_000 + "1" + "}" * 30_000).encode()  # 180 kB
    answer = client.post(OPEN311, content=nested, headers={"Content-Type": "application/json"})
    assert_polish_refusal(answer)


def test_a_lone_surrogate_in_a_message(client: TestClient) -> None:
    path, auth = chat(client)
    body = b'{"text": "dzie\\u0144 dobry \\ud800"}'
    answer = client.post(
        f"{path}/messages", content=body, headers={**auth, "Content-Type": "application/json"}
    )
    assert_polish_refusal(answer)
    assert client.get(f"{path}/messages", headers=auth).status_code == 200


@pytest.mark.parametrize(
    "start, end",
    [
        ("0001-01-01", None),
        ("0001-01-01T00:00:00+14:00", None),
        (None, "0001-01-01"),
        (None, "9999-12-31T23:59:59+14:00"),
        ("9999-12-31T23:59:59-12:00", None),
        ("2026-13-45", None),
        ("jutro", None),
    ],
)
def test_open311_dates_at_the_calendars_edges(
    client: TestClient, start: str | None, end: str | None
) -> None:
    params = {k: v for k, v in (("start_date", start), ("end_date", end)) if v}
    assert_polish_refusal(client.get(OPEN311, params=params))


def test_an_unexpected_error_keeps_the_security_headers(client: TestClient) -> None:
    answer = client.get("/test-boom")
    assert answer.status_code == 500
    assert set(answer.json()["error"]) & POLISH
    for header in SECURITY:
        assert header in answer.headers, header


# --- a table of odd requests: none may answer 500 ---------------------------------------------

ODD_VALUES: List[object] = [
    None,
    True,
    0,
    -1,
    1e308,
    "",
    " ",
    "\ud800",
    "\x00",
    "=cmd|' /C calc'!A0",
    "a" * 20_000,
    "🙂" * 3000,
    [],
    [[[]]],
    {},
    {"a": {"b": {"c": []}}},
    "0001-01-01",
    "9999-12-31T23:59:59+14:00",
    "NaN",
    "Infinity",
    '/inform{"x": 1}',
]
ODD_BODIES: List[bytes] = [
    b"",
    b"null",
    b"[]",
    b"{",
    b"\xff\xfe\x00",
    b'{"text": "\\udfff\\ud800"}',
    b'"' + b"a" * 70_000 + b'"',
    b"[" * 5000,
    b'{"text": ' + b"{" * 100 + b"}",
    b"text=abc&text=def",
]


def odd_json() -> Iterator[bytes]:
    import json

    for field, value in itertools.product(("text", "payload", "unit"), ODD_VALUES):
        yield json.dumps({field: value}).encode("utf-8", "surrogatepass")
    yield from ODD_BODIES


def odd_open311_forms() -> Iterator[dict]:
    base = {"api_key": OPEN311_TEST_KEY, "service_code": "oswietlenie", "description": "x"}
    for field in ("lat", "long", "address_string", "description", "service_code", "phone"):
        for value in ODD_VALUES:
            if isinstance(value, str) and value != "\ud800":  # that one: raw, below
                yield {**base, "lat": "50.06", "long": "19.94", field: value}


@pytest.fixture()
def console(tmp_path: Path, client: TestClient) -> TestClient:
    settings = settings_for(tmp_path)
    from bot.db import Database

    db = Database(settings.db_url)
    accounts.create_account(db, "anna", "Anna Nowak", "supervisor", (), PASSWORD)
    db.dispose()
    assert log_in(client).status_code == 303
    home = client.get("/console")
    client.headers["X-CSRF-Token"] = home.text.split('name="csrf-token" content="')[1].split('"')[0]
    return client


def test_no_odd_request_answers_500(console: TestClient) -> None:
    client = console
    path, auth = chat(client)
    seen: List[Tuple[str, int]] = []

    def check(method: str, url: str, **kwargs: object) -> None:
        answer = client.request(method, url, **kwargs)  # type: ignore[arg-type]
        seen.append((url, answer.status_code))
        assert answer.status_code < 500, (method, url, kwargs, answer.text[:200])
        assert "content-security-policy" in answer.headers, url

    json_type = {"Content-Type": "application/json"}
    for body in odd_json():
        check("POST", f"{path}/messages", content=body, headers={**auth, **json_type})
        check("POST", OPEN311, content=body, headers=json_type)
        for action in ("take", "messages", "notes", "transfer", "end"):
            check(
                "POST", f"/console/api/conversations/abc/{action}", content=body, headers=json_type
            )
    for form in odd_open311_forms():
        check("POST", OPEN311, data=form)
    raw_form = f"api_key={OPEN311_TEST_KEY}&service_code=inne&description=x"
    raw_form += "&address_string=%ED%A0%80"
    form_type = {"Content-Type": "application/x-www-form-urlencoded"}
    check("POST", OPEN311, content=raw_form.encode(), headers=form_type)
    odd_params = ["\ufffe", "0001-01-01", "x" * 5000, "open,closed,nie", "%00", "KCK-0000-000000"]
    for name, value in itertools.product(
        ("start_date", "end_date", "status", "service_request_id", "service_code"), odd_params
    ):
        check("GET", OPEN311, params={name: value})
    for ident in ("..", "%2e%2e", "a" * 300, "KCK-2026-000001", "%00", "%ED%A0%80"):
        check("GET", f"/open311/v2/requests/{ident}.json")
        check("GET", f"/console/api/conversations/{ident}")
        check("GET", f"/api/v1/conversations/{ident}/messages", headers=auth)
    # A lone surrogate cannot be typed into a query by httpx: sent percent-encoded, as UTF-8
    # would encode it, which is invalid UTF-8.
    for query in ("from=0001-01-01&to=9999-12-31", "from=x", "channel=%ED%A0%80"):
        check("GET", f"/console/dashboard?{query}")
        check("GET", f"/console/dashboard/conversations.csv?{query}")
        check("GET", f"{OPEN311}?{query.replace('from', 'start_date')}")
    assert len(seen) > 500


# --- finding 11: caching, CSP, HSTS -----------------------------------------------------------


def test_widget_and_console_api_answers_are_never_stored(console: TestClient) -> None:
    path, auth = chat(console)
    for answer in (
        console.post("/api/v1/conversations"),
        console.get(f"{path}/messages", headers=auth),
        console.post(f"{path}/messages", json={"text": "dzień dobry"}, headers=auth),
        console.get("/console/api/queue"),
        console.get("/console/api/units"),
    ):
        assert answer.status_code < 300
        assert answer.headers["cache-control"] == "no-store"


def test_websockets_only_to_this_gateway(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, public_url="https://kck.krakow.example")
    upgrade(settings.db_url)
    with TestClient(create_app(settings)) as client:
        policy = client.get("/").headers["content-security-policy"]
    connect = next(p.strip() for p in policy.split(";") if p.strip().startswith("connect-src"))
    sources = connect.split()[1:]
    assert "ws:" not in sources and "wss:" not in sources
    assert set(sources) == {"'self'", "ws://kck.krakow.example", "wss://kck.krakow.example"}


@pytest.mark.parametrize("secure", [True, False])
def test_hsts_only_with_secure_cookies(tmp_path: Path, secure: bool) -> None:
    settings = settings_for(tmp_path, cookie_secure=secure)
    upgrade(settings.db_url)
    with TestClient(create_app(settings)) as client:
        headers = client.get("/").headers
    assert ("strict-transport-security" in headers) is secure
    if secure:
        assert headers["strict-transport-security"].startswith("max-age=31536000")


# --- finding 5: CSV cells -----------------------------------------------------------------


def test_csv_cells_are_never_formulas() -> None:
    risky = ["=1+1", "+48 600", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("x";"y")']
    table = Table("t", "T", ["Tekst"], [[cell] for cell in risky] + [["12,5 %"], ["-3"]])
    text = to_csv(table).decode("utf-8")[1:]
    cells = [row[0] for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")][1:]
    assert cells[: len(risky)] == ["'" + cell for cell in risky]
    assert cells[len(risky) :] == ["12,5 %", "-3"]  # numbers stay numbers
