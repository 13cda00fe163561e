"""`python -m bot.gateway`: serve the gateway with uvicorn on loopback."""

from __future__ import annotations

import logging
import os

import uvicorn

from bot.app import create_app
from bot.files import PRIVATE_UMASK
from bot.settings import load


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
    uvicorn.run(
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


if __name__ == "__main__":
    main()
