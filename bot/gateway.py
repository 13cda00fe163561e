"""`python -m bot.gateway`: serve the gateway with uvicorn on loopback."""

from __future__ import annotations

import logging
import os

import uvicorn

from bot.settings import load
from bot.web.app import create_app


def main() -> None:
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
        proxy_headers=False,
    )


if __name__ == "__main__":
    main()
