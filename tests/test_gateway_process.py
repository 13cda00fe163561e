"""Issue 15, findings 6, 9 and 11 (banner): the gateway as its own process, over real HTTP.

A gateway started with ``python -m bot.gateway`` (no Rasa needed for these)
behind a "proxy" on 127.0.0.2: requests from that trusted address are limited
and audited by their X-Forwarded-For, requests from anywhere else by the
socket's address whatever they claim. After a whole stack's run every file
in var/ is its owner's alone.
"""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator, List

import httpx
import pytest
from PIL import Image
from sqlalchemy import select

from bot.db import Database
from bot.migrate import upgrade
from bot.models import AuditEntry
from bot.settings import ROOT
from tests.conftest import LiveAssistant
from tests.log_scan import EXPECTED

PROXY = "127.0.0.2"  # the whole 127/8 is loopback: a second local address for the proxy
PORT = 18300
GATEWAY_VAR: List[Path] = []


@pytest.fixture(scope="module")
def lone_gateway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The gateway's URL; its var/ is ``GATEWAY_VAR[0]``."""
    var_dir = tmp_path_factory.mktemp("kck-var-gateway")
    GATEWAY_VAR[:] = [var_dir]
    upgrade(f"sqlite:///{var_dir / 'kck.db'}")
    port = PORT + int(os.environ.get("KCK_TEST_PORT_OFFSET", "0"))
    env = {
        **os.environ,
        "KCK_VAR_DIR": str(var_dir),
        "KCK_GATEWAY_PORT": str(port),
        "KCK_RASA_PORT": "1",
        "KCK_TRUSTED_PROXIES": PROXY,
        "KCK_RATE_NEW_CHATS": "2",
        "KCK_RATE_LOGINS": "1000",
        "TELEGRAM_BOT_TOKEN": "",
    }
    log_dir = var_dir / "log"
    log_dir.mkdir()
    (log_dir / EXPECTED).write_text("gateway\n")  # no Rasa here: the log scan expects none
    with (log_dir / "gateway.log").open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.gateway"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{url}/", timeout=2)
                break
            except httpx.HTTPError:
                assert process.poll() is None, (log_dir / "gateway.log").read_text()
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(15)


def client_from(address: str, url: str) -> httpx.Client:
    return httpx.Client(
        base_url=url, transport=httpx.HTTPTransport(local_address=address), timeout=30
    )


def new_chat(client: httpx.Client, forwarded_for: str) -> int:
    return client.post(
        "/api/v1/conversations", headers={"X-Forwarded-For": forwarded_for}
    ).status_code


def test_rate_limits_follow_the_trusted_proxys_forwarded_for(lone_gateway: str) -> None:
    with client_from(PROXY, lone_gateway) as proxy:
        # Two residents behind the Ingress: each has their own two new chats a minute.
        assert [new_chat(proxy, "203.0.113.10") for _ in range(3)] == [201, 201, 429]
        assert [new_chat(proxy, "203.0.113.11") for _ in range(2)] == [201, 201]
        # A client that put its own address in front: the proxy's append counts.
        assert new_chat(proxy, "198.51.100.1, 203.0.113.10") == 429
    with client_from("127.0.0.1", lone_gateway) as direct:
        # Not from the proxy: the header is ignored, the socket's address is limited.
        assert [new_chat(direct, f"192.0.2.{i}") for i in range(3)] == [201, 201, 429]


def test_the_audit_log_records_the_forwarded_client(lone_gateway: str) -> None:
    with client_from(PROXY, lone_gateway) as proxy:
        page = proxy.get("/console/login", headers={"X-Forwarded-For": "203.0.113.77"})
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        answer = proxy.post(
            "/console/login",
            data={"login": "nikt", "password": "zle-haslo-123", "csrf_token": token.group(1)},
            headers={"X-Forwarded-For": "203.0.113.77"},
        )
        assert answer.status_code == 401
    db = Database(f"sqlite:///{GATEWAY_VAR[0] / 'kck.db'}")
    try:
        with db.session() as session:
            targets = (
                session.execute(
                    select(AuditEntry.target).where(AuditEntry.action == "login_failed")
                )
                .scalars()
                .all()
            )
    finally:
        db.dispose()
    assert "203.0.113.77" in targets


def test_no_server_banner(lone_gateway: str) -> None:
    answer = httpx.get(f"{lone_gateway}/")
    assert answer.status_code == 200
    assert "server" not in answer.headers, answer.headers.get("server")


@pytest.mark.stack
def test_files_after_a_stack_run_are_the_owners_only(live: LiveAssistant) -> None:
    """kck.db, tracker.db, the logs, photos and every folder of var/: no group or other bits."""
    chat = httpx.post(f"{live.gateway_url}/api/v1/conversations").json()
    headers = {"Authorization": f"Bearer {chat['token']}"}
    httpx.post(
        f"{live.gateway_url}/api/v1/conversations/{chat['conversation_id']}/messages",
        json={"text": "dzień dobry"},
        headers=headers,
        timeout=60,
    )
    png = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(png, "PNG")
    httpx.post(
        f"{live.gateway_url}/api/v1/conversations/{chat['conversation_id']}/photos",
        content=png.getvalue(),
        headers=headers,
        timeout=60,
    )
    var = live.var_dir
    must_exist = [var / "kck.db", var / "tracker.db", var / "log" / "gateway.log", var / "photos"]
    for path in must_exist:
        assert path.exists(), path
    loose = [
        (str(path.relative_to(var)), oct(stat.S_IMODE(path.lstat().st_mode)))
        for path in [var, *var.rglob("*")]
        if not path.is_symlink() and stat.S_IMODE(path.lstat().st_mode) & 0o077
    ]
    assert loose == []
