"""`python -m bot.gateway`: serve the gateway with uvicorn on loopback."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys

import uvicorn
from uvicorn.main import STARTUP_FAILURE

from bot.app import create_app
from bot.files import PRIVATE_UMASK
from bot.settings import load

# uvicorn's server wakes ten times a second to see whether it must stop (and once a second
# of those to renew its Date header): at rest that was most of the gateway's idle CPU
# (3 ms a second measured, 1.5 ms for a bare uvicorn; README "Performance"). Once a
# second is enough: a SIGTERM then stops the gateway within a second, not a tenth.
TICK_SECONDS = 1.0


class Server(uvicorn.Server):
    """uvicorn's server, ticking once a second rather than ten times."""

    async def main_loop(self) -> None:
        while not await self.on_tick(0):  # tick 0 renews the Date header
            await asyncio.sleep(TICK_SECONDS)


def main() -> None:
    # Databases, logs and photos this process creates are its owner's alone.
    os.umask(PRIVATE_UMASK)
    settings = load()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # One line per request to Rasa and per request served costs CPU on every
    # message (measured in `make bench`) and tells the city's IT team nothing the
    # health check and warnings do not; KCK_ACCESS_LOG=1 turns both back on.
    access_log = os.environ.get("KCK_ACCESS_LOG", "0") == "1"
    if not access_log:
        logging.getLogger("httpx").setLevel(logging.WARNING)
    config = uvicorn.Config(
        create_app(settings),
        host=settings.gateway_host,
        port=settings.gateway_port,
        ws="wsproto",
        log_level="info",
        access_log=access_log,
        # The app believes X-Forwarded-For from KCK_TRUSTED_PROXIES only (bot/app.py).
        proxy_headers=False,
        server_header=False,  # no "Server: uvicorn" banner
    )
    server = Server(config)
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    if not server.started:  # as uvicorn.run: e.g. the port is taken
        sys.exit(STARTUP_FAILURE)


if __name__ == "__main__":
    main()
