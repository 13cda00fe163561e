"""`python -m bot.gateway`: serve the gateway with uvicorn on loopback."""

from __future__ import annotations

import logging

import uvicorn

from bot.settings import load
from bot.web.app import create_app


def main() -> None:
    settings = load()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    uvicorn.run(
        create_app(settings),
        host=settings.gateway_host,
        port=settings.gateway_port,
        ws="wsproto",
        log_level="info",
        proxy_headers=False,
    )


if __name__ == "__main__":
    main()
