"""The console's language switcher: ``GET /console/language/{pl|uk|en}``.

The header's links land here; the choice goes into the ``kck_lang`` cookie
(a year, the console's path only) and the consultant is sent back to the
console page they were on (the ``Referer``, kept only when it is a console
path of this site, so the switcher cannot be used as an open redirect).
A plain link rather than a form: changing the language changes nothing
stored, so it needs no CSRF token and works without scripts, also on the
log-in page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.console.i18n import COOKIE, LOCALES

ONE_YEAR = 365 * 24 * 3600


def back_to(request: Request) -> str:
    """The console page the switcher was used on, or the queue."""
    referer = urlsplit(request.headers.get("referer", ""))
    same_site = not referer.netloc or referer.netloc == request.headers.get("host")
    path = referer.path
    if same_site and path.startswith("/console") and not path.startswith("/console/language"):
        return path + (f"?{referer.query}" if referer.query else "")
    return "/console"


async def switch_language(request: Request) -> Response:
    locale = request.path_params["locale"]
    response = RedirectResponse(back_to(request), status_code=303)
    if locale in LOCALES:
        response.set_cookie(
            COOKIE,
            locale,
            max_age=ONE_YEAR,
            path="/console",
            samesite="lax",
            httponly=True,
            secure=request.url.scheme == "https",
        )
    return response


routes = [Route("/console/language/{locale}", switch_language, methods=["GET"])]
