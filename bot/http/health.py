"""`GET /healthz`: is each part of the assistant answering?"""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.db import Database


def _database_ok(db: Database) -> bool:
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


async def _action_server_ok(url: str) -> bool:
    """The action server's own health call. A client with certificate checks loads the
    system's CA bundle when it is made: 35 ms of CPU for every probe, for a plain-HTTP
    call on loopback or inside the cluster; only an https URL needs it."""
    health = url.rsplit("/webhook", 1)[0] + "/health"
    try:
        async with httpx.AsyncClient(timeout=3, verify=health.startswith("https:")) as client:
            return (await client.get(health)).status_code == 200
    except httpx.HTTPError:
        return False


async def healthz(request: Request) -> Response:
    state = request.app.state
    rasa, actions, database = await asyncio.gather(
        state.rasa.is_ready(),
        _action_server_ok(state.settings.action_server_url),
        run_in_threadpool(_database_ok, state.db),
    )
    parts = {"rasa": rasa, "action_server": actions, "database": database}
    body = {
        "status": "ok" if all(parts.values()) else "degraded",
        **{name: "ok" if ok else "down" for name, ok in parts.items()},
    }
    telegram = getattr(state, "telegram", None)
    if telegram is not None:
        # starting | ok | error; informative: Telegram being away does not degrade the rest.
        body["telegram"] = telegram.status
    return JSONResponse(body)


routes = [Route("/healthz", healthz)]
