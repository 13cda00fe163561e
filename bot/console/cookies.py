"""The console's cookies: the session cookie and the attributes every console cookie has.

HttpOnly, SameSite=Strict, limited to ``/console``, Secure on HTTPS and always with
``KCK_COOKIE_SECURE=1`` (behind a TLS proxy). The session cookie holds the token whose
SHA-256 ``bot.console.sessions`` stores; ``bot.console.auth`` reads it.
"""

from __future__ import annotations

from typing import Any, Dict

from starlette.requests import HTTPConnection, Request
from starlette.responses import Response

from bot import clock
from bot.console import sessions

COOKIE_NAME = "kck_console"
COOKIE_PATH = "/console"


def cookie_options(connection: HTTPConnection, path: str = COOKIE_PATH) -> Dict[str, Any]:
    """The attributes of every console cookie: HttpOnly, SameSite=Strict, limited to ``path``,
    Secure on HTTPS and always with ``KCK_COOKIE_SECURE=1`` (behind a TLS proxy)."""
    secure = connection.url.scheme == "https" or bool(connection.app.state.settings.cookie_secure)
    return {"path": path, "secure": secure, "httponly": True, "samesite": "strict"}


def set_session_cookie(response: Response, request: Request, new: sessions.NewSession) -> None:
    max_age = max(0, round((new.expires_at - clock.now()).total_seconds()))
    response.set_cookie(COOKIE_NAME, new.token, max_age=max_age, **cookie_options(request))


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(COOKIE_NAME, **cookie_options(request))
