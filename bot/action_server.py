"""`python -m bot.action_server -p PORT`: the action server, for Rasa only.

``python -m rasa_sdk`` runs every action for anyone who can reach its port: a
forged tracker posted to ``/webhook`` files a report under an invented sender
and contact. This starts the same rasa_sdk app (the ``actions`` package) with
one addition: every request but ``/health`` must carry the token Rasa sends
(endpoints.yml ``action_endpoint.headers``, from ``KCK_ACTION_TOKEN``), compared
in constant time; without a configured token every call is refused. The log
cleaning of bot.log_privacy is installed first, so the action server's log
never holds residents' words either.
"""

from __future__ import annotations

import argparse
import logging
import os
from typing import Optional

from rasa_sdk import utils
from rasa_sdk.constants import DEFAULT_SERVER_PORT
from rasa_sdk.endpoint import create_app
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import log_privacy
from bot.rasa_door import TOKEN_ENV, TOKEN_HEADER, matches

# What a load balancer's or Kubernetes' probe may ask without the token.
OPEN_PATHS = frozenset({"/health"})

logger = logging.getLogger(__name__)


def build(token: str, package: str = "actions") -> Sanic:
    """rasa_sdk's app for ``package`` that answers only callers holding ``token``."""
    # No CORS origins: no browser ever talks to the action server.
    app = create_app(package, cors_origins="")

    @app.middleware("request")
    async def only_rasa(request: Request) -> Optional[HTTPResponse]:
        if request.path in OPEN_PATHS or matches(token, request.headers.get(TOKEN_HEADER)):
            return None
        return response.json({"error": "unauthorized"}, status=401)

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-p", "--port", type=int, default=DEFAULT_SERVER_PORT)
    parser.add_argument("--actions", default="actions", help="the package of actions")
    args = parser.parse_args()
    log_privacy.install()
    utils.configure_colored_logging(logging.INFO)
    utils.update_sanic_log_level()
    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        logger.error("%s is not set: every call from Rasa will be refused.", TOKEN_ENV)
    app = build(token, args.actions)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    host = os.environ.get("SANIC_HOST", "127.0.0.1")
    logger.info("Action endpoint is up and running on http://%s:%s", host, args.port)
    app.run(host, args.port, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main()
