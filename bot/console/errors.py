"""How the console refuses a request: ``ConsoleError`` and the response made of it.

``authenticate`` (bot.console.auth) and the handlers raise ``ConsoleError``; the app
registers ``EXCEPTION_HANDLERS`` (Starlette looks the handler up along the exception's
classes, so it wins over the generic HTTPException one), which answers with a redirect
(to the log-in page), JSON ``{"error": …}`` for the API (``/console/api/…``) or the
console's error page. Without it, Starlette's default handler still answers with the
right status code and ``Location`` header, only in plain text.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Optional

from starlette.exceptions import HTTPException
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from bot.console.templates import render_page

API_PREFIX = "/console/api/"


class ConsoleError(HTTPException):
    """A refused console request: a redirect (``location``) or a Polish message."""

    def __init__(self, status_code: int, message: str = "", location: Optional[str] = None) -> None:
        headers = {"Location": location} if location else None
        super().__init__(status_code, message or None, headers)
        self.message = message
        self.location = location


def is_api(connection: HTTPConnection) -> bool:
    return connection.url.path.startswith(API_PREFIX)


async def handle_error(request: Request, exc: Exception) -> Response:
    """The response to a ``ConsoleError``: redirect, JSON for the API, else an HTML page."""
    if not isinstance(exc, ConsoleError):  # registered for ConsoleError only
        raise exc
    if exc.location:
        return RedirectResponse(exc.location, status_code=exc.status_code)
    if is_api(request):
        return JSONResponse(
            {"error": exc.message},
            status_code=exc.status_code,
            headers={"Cache-Control": "no-store"},
        )
    return render_page(
        "/console/error.html",
        user=getattr(request.state, "console_user", None),
        status_code=exc.status_code,
        message=exc.message,
    )


EXCEPTION_HANDLERS: Dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
    ConsoleError: handle_error
}
