"""The gateway's probe of the action server (``GET /healthz`` asks it on every call).

Why: Kubernetes asks /healthz every 10 s (deploy/kubernetes/gateway.yaml). A client made
with certificate checks loads the system's CA bundle first, 35 ms of CPU, on every probe
of a plain-HTTP server: more than the idle gateway spends on everything else. The probe
must still tell a healthy action server from one that is down.
"""

from __future__ import annotations

import ssl
from typing import Any, Iterator, List

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.http.health import _action_server_ok
from tests.helpers.scripted_rasa import closed_port_url
from tests.telegram.fake_api import LoopbackServer


async def _health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


@pytest.fixture()
def action_server() -> Iterator[LoopbackServer]:
    server = LoopbackServer(Starlette(routes=[Route("/health", _health)])).start()
    yield server
    server.stop()


@pytest.fixture()
def ca_loads(monkeypatch: pytest.MonkeyPatch) -> List[Any]:
    """Every loading of a CA bundle into an SSL context while the test runs."""
    loads: List[Any] = []
    original = ssl.SSLContext.load_verify_locations

    def counted(self: ssl.SSLContext, *args: Any, **kwargs: Any) -> None:
        loads.append(args or kwargs)
        original(self, *args, **kwargs)

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", counted)
    return loads


async def test_a_plain_http_action_server_is_probed_without_loading_certificates(
    action_server: LoopbackServer, ca_loads: List[Any]
) -> None:
    assert await _action_server_ok(f"{action_server.url}/webhook")
    assert await _action_server_ok(f"{action_server.url}/webhook")
    assert ca_loads == []


async def test_an_action_server_that_is_down_is_reported_down(ca_loads: List[Any]) -> None:
    assert not await _action_server_ok(f"{closed_port_url()}/webhook")


async def test_an_https_action_server_is_still_checked_against_the_ca_bundle(
    ca_loads: List[Any],
) -> None:
    # Nothing listens there: the probe fails, but only after it made a verifying client.
    url = closed_port_url().replace("http://", "https://")
    assert not await _action_server_ok(f"{url}/webhook")
    assert ca_loads
