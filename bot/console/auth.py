"""Who is asking, and may they: the console's checks for Starlette handlers.

In a page or API handler::

    from bot.console.auth import authenticate

    async def queue_page(request: Request) -> Response:
        user = await authenticate(request)                      # any logged-in role
        ...

    async def take_chat(request: Request) -> Response:          # POST: CSRF checked too
        user = await authenticate(request, roles={"consultant", "supervisor"})
        form = await read_form(request)                         # the body, read once
        ...

``authenticate`` raises ``ConsoleError`` (a Starlette ``HTTPException``):
without a session a page answers 303 to ``/console/login?next=…`` and the
JSON API (``/console/api/…``) 401 ``{"error": "…"}``; a role not in ``roles``
gets 403; an unsafe method (POST, PUT, PATCH, DELETE) without the session's
CSRF token (header ``X-CSRF-Token`` or form field ``csrf_token``) gets 403.
Raising keeps handlers short; the response is made in ``bot.console.errors``.
The cookies' attributes are in ``bot.console.cookies``.

Forms: python-multipart is not installed, so ``request.form()`` does not
work; ``read_form(request)`` reads a URL-encoded body with the size limit and
caches it, so the CSRF check and the handler both use it. Send
``X-CSRF-Token`` from scripts (the layout puts the token in
``<meta name="csrf-token">``).

WebSocket (the live view)::

    async def live(websocket: WebSocket) -> None:
        user = await authenticate_websocket(websocket)
        if user is None:
            await websocket.close(code=WS_DENIED)  # before accept(): the handshake gets 403
            return
        await websocket.accept()

It checks the ``Origin`` header against the host (cross-site WebSocket
hijacking: browsers send cookies with cross-site WebSocket handshakes) and
then reads the session cookie.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Awaitable, Callable, Collection, Dict, Optional
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from bot import texts
from bot.console import sessions
from bot.console.audit import add_audit
from bot.console.cookies import COOKIE_NAME, COOKIE_PATH
from bot.console.errors import ConsoleError, is_api
from bot.console.i18n import _
from bot.console.sessions import ConsoleUser
from bot.db import Database
from bot.handoff import staffing
from bot.http.requests import BadInput, read_body

__all__ = [
    "WS_DENIED",
    "ConsoleUser",
    "audit",
    "authenticate",
    "authenticate_websocket",
    "can_see",
    "current_consultant",
    "read_form",
    "require",
]

LOGIN_PATH = "/console/login"
CSRF_HEADER = "x-csrf-token"
# Sent by the console's own polls: they do not count as use for the idle timeout.
BACKGROUND_HEADER = "x-console-background"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
WS_DENIED = 4403
_FORM_TYPE = "application/x-www-form-urlencoded"
_MAX_FORM_FIELDS = 100


def _db(connection: HTTPConnection) -> Database:
    db: Database = connection.app.state.db
    return db


async def current_consultant(connection: HTTPConnection) -> Optional[ConsoleUser]:
    """The logged-in consultant of a request or WebSocket, else None (looked up once)."""
    if hasattr(connection.state, "console_user"):
        cached: Optional[ConsoleUser] = connection.state.console_user
        return cached
    token = connection.cookies.get(COOKIE_NAME)
    user = None
    if token:
        background = connection.headers.get(BACKGROUND_HEADER)
        lifetime = None if background else session_lifetime(connection)
        user = await run_in_threadpool(
            sessions.find_session, _db(connection), token, None, lifetime
        )
    connection.state.console_user = user
    return user


def session_lifetime(connection: HTTPConnection) -> sessions.Lifetime:
    """The settings' session length and idle timeout."""
    settings = connection.app.state.settings
    idle = settings.console_idle_minutes
    return sessions.Lifetime(
        settings.console_session_hours, dt.timedelta(minutes=idle) if idle > 0 else None
    )


def login_redirect(request: Request) -> str:
    """``/console/login``, with ``next`` set to the page asked for when it is a console page."""
    path = request.url.path
    if request.method == "GET" and path.startswith(COOKIE_PATH + "/") and path != LOGIN_PATH:
        target = path + (f"?{request.url.query}" if request.url.query else "")
        return f"{LOGIN_PATH}?{urlencode({'next': target})}"
    return LOGIN_PATH


async def read_form(request: Request, limit: Optional[int] = None) -> Dict[str, str]:
    """The fields of a URL-encoded body (first value of each), read once with a size limit.

    Any other content type gives ``{}``. A body over the limit (the gateway's
    ``max_body_bytes`` by default) is refused with 413.
    """
    if hasattr(request.state, "console_form"):
        cached: Dict[str, str] = request.state.console_form
        return cached
    form: Dict[str, str] = {}
    if request.headers.get("content-type", "").split(";")[0].strip().lower() == _FORM_TYPE:
        try:
            body = await read_body(request, limit or request.app.state.settings.max_body_bytes)
            pairs = parse_qsl(
                body.decode("utf-8"), keep_blank_values=True, max_num_fields=_MAX_FORM_FIELDS
            )
        except BadInput as error:
            raise ConsoleError(error.status, error.message) from error
        except (UnicodeDecodeError, ValueError) as error:
            raise ConsoleError(400, texts.BAD_REQUEST) from error
        for name, value in pairs:
            form.setdefault(name, value)
    request.state.console_form = form
    return form


def tokens_match(presented: Optional[str], expected: str) -> bool:
    """Constant-time comparison of a presented token (any text) with the expected one."""
    if not presented:
        return False
    return secrets.compare_digest(presented.encode("utf-8"), expected.encode("utf-8"))


async def authenticate(
    request: Request,
    roles: Optional[Collection[str]] = None,
    unsafe: Optional[bool] = None,
) -> ConsoleUser:
    """The logged-in consultant, or ``ConsoleError`` (see the module's docstring).

    ``roles``: the roles allowed (all when None). ``unsafe``: check the CSRF
    token (by default for POST, PUT, PATCH and DELETE).
    """
    user = await current_consultant(request)
    if user is None:
        if is_api(request):
            raise ConsoleError(401, _("You are not logged in or your session has expired."))
        raise ConsoleError(303, location=login_redirect(request))
    if roles is not None and user.role not in roles:
        raise ConsoleError(403, _("Your role has no access to this page."))
    check_csrf = request.method in UNSAFE_METHODS if unsafe is None else unsafe
    if check_csrf:
        presented = request.headers.get(CSRF_HEADER)
        if presented is None:
            presented = (await read_form(request)).get(CSRF_FIELD)
        if not tokens_match(presented, user.csrf_token):
            raise ConsoleError(403, _("The form has expired. Reload the page and try again."))
    return user


Handler = Callable[[Request], Awaitable[Response]]
UserHandler = Callable[[Request, ConsoleUser], Awaitable[Response]]


def require(roles: Optional[Collection[str]] = None) -> Callable[[UserHandler], Handler]:
    """Decorator form of ``authenticate``: the handler gets the user as its second argument.

    ``@require({"supervisor"})`` over ``async def dashboard(request, user)``.
    """

    def decorate(handler: UserHandler) -> Handler:
        async def endpoint(request: Request) -> Response:
            return await handler(request, await authenticate(request, roles))

        endpoint.__name__ = handler.__name__
        endpoint.__doc__ = handler.__doc__
        return endpoint

    return decorate


def same_origin(connection: HTTPConnection) -> bool:
    """Whether the ``Origin`` header names this gateway (its Host, or ``KCK_PUBLIC_URL``)."""
    origin = connection.headers.get("origin")
    if not origin:
        return False
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    allowed = {connection.headers.get("host", "").lower()}
    public_url = connection.app.state.settings.public_url
    if public_url:
        allowed.add(urlsplit(public_url).netloc.lower())
    return parts.netloc.lower() in allowed


async def authenticate_websocket(
    websocket: WebSocket, roles: Optional[Collection[str]] = None
) -> Optional[ConsoleUser]:
    """The consultant of a same-origin WebSocket handshake with a live session, else None.

    Call before ``accept()``; on None close with ``WS_DENIED``. A live socket
    makes no HTTP requests, so call ``sessions.touch`` on its keep-alives to
    stay "online".
    """
    if not same_origin(websocket):
        return None
    user = await current_consultant(websocket)
    if user is None or (roles is not None and user.role not in roles):
        return None
    return user


def can_see(user: ConsoleUser, line: str, unit: Optional[str]) -> bool:
    """Whether the user sees chats of that queue: consultants the first line,
    specialists the second line of their own units, supervisors everything."""
    return staffing.serves(user.role, ",".join(user.units), line, unit)


def audit(
    db: Database, consultant_id: Optional[int], action: str, target: Optional[str] = None
) -> None:
    """One audit-log row (sync: call through ``run_in_threadpool``).

    ``action``: a short verb (``login``, ``take``, ``read_callback``…, at most
    32 characters). ``target``: an id (conversation, hand-off, report), never
    a name, phone number or text.
    """
    with db.session() as session:
        add_audit(session, consultant_id, action, target)
