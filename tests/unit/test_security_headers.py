"""The security headers are built once per Host and kept: each Host still gets its own
CSP (WebSockets to itself only), and a client choosing many Hosts gets them right too."""

from __future__ import annotations

from typing import Dict, List

from starlette.types import Message, Receive, Scope, Send

from bot.http import headers as security


async def _ok(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


async def _answer(middleware: security.SecurityHeaders, host: bytes) -> Dict[bytes, bytes]:
    sent: List[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "path": "/", "method": "GET", "headers": [(b"host", host)]}
    await middleware(scope, receive, send)
    return dict(sent[0]["headers"])


def _connect_sources(headers: Dict[bytes, bytes]) -> List[str]:
    policy = headers[b"content-security-policy"].decode()
    return next(p for p in policy.split("; ") if p.startswith("connect-src")).split()[1:]


async def test_each_host_gets_its_own_policy() -> None:
    middleware = security.SecurityHeaders(_ok)
    hosts = [f"kck{i}.example:8000".encode() for i in range(security._KEPT_HOSTS + 5)]
    for host in [*hosts, *hosts]:  # past the kept ones, and again
        sources = _connect_sources(await _answer(middleware, host))
        assert sources == ["'self'", f"ws://{host.decode()}", f"wss://{host.decode()}"]
    assert _connect_sources(await _answer(middleware, b"bad host;")) == ["'self'"]
    assert len(middleware._built) <= security._KEPT_HOSTS


async def test_the_public_url_wins_over_the_host() -> None:
    middleware = security.SecurityHeaders(_ok, public_url="https://kck.krakow.example", hsts=True)
    for host in (b"a.example", b"b.example"):
        headers = await _answer(middleware, host)
        assert _connect_sources(headers) == [
            "'self'",
            "ws://kck.krakow.example",
            "wss://kck.krakow.example",
        ]
        assert headers[b"strict-transport-security"] == b"max-age=31536000"
        assert headers[b"x-content-type-options"] == b"nosniff"
