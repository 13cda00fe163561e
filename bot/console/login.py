"""Log-in and log-out of the console, and the console's static files.

The log-in form is CSRF-protected with a double-submit cookie: the form page
sets a random token in an HttpOnly, SameSite=Strict cookie limited to
``/console/login`` and in a hidden field; the POST must carry both, equal.
A cross-site form cannot read the cookie or make the browser send it, so it
cannot log a consultant into someone else's account. (A signed token would
need a server secret shared by every gateway; the cookie needs none.)

Unknown login, wrong password, locked or deactivated account: one message,
so the form does not tell which logins exist.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bot import tokens
from bot.console import login_check, sessions
from bot.console.auth import (
    LOGIN_PATH,
    audit,
    authenticate,
    current_consultant,
    read_form,
    tokens_match,
)
from bot.console.cookies import (
    COOKIE_PATH,
    clear_session_cookie,
    cookie_options,
    set_session_cookie,
)
from bot.console.errors import ConsoleError
from bot.console.i18n import _, ngettext
from bot.console.templates import render_page
from bot.db import Database
from bot.http.ratelimit import client_address

STATIC = Path(__file__).resolve().parent.parent / "static" / "console"
LOGIN_CSRF_COOKIE = "kck_login_csrf"
LOGIN_BODY_LIMIT = 8 * 1024
HOME = COOKIE_PATH
# Where ``next`` may send the browser after log-in: console pages only (no open redirect).
_NEXT = re.compile(r"/console(/[A-Za-z0-9_\-/]*)?(\?[A-Za-z0-9_\-=&%.]*)?")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def failure_message(lock_minutes: int) -> str:
    return ngettext(
        "Wrong login or password, or the account is locked for %(num)d minute after too "
        "many failed attempts.",
        "Wrong login or password, or the account is locked for %(num)d minutes after too "
        "many failed attempts.",
        lock_minutes,
    ) % {"num": lock_minutes}


def safe_next(value: Optional[str]) -> Optional[str]:
    """``value`` when it is a console page other than the log-in itself, else None."""
    if value and _NEXT.fullmatch(value) and not value.startswith(LOGIN_PATH):
        return value
    return None


def _form(
    request: Request,
    status_code: int = 200,
    error: Optional[str] = None,
    login: str = "",
    next_path: Optional[str] = None,
) -> Response:
    """The log-in page, with the double-submit token in the cookie and the form."""
    token = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not _TOKEN.fullmatch(token):
        token = tokens.new_token()
    response = render_page(
        "/console/login.html",
        user=None,
        status_code=status_code,
        csrf_token=token,
        error=error,
        login=login,
        next_path=next_path,
    )
    response.set_cookie(LOGIN_CSRF_COOKIE, token, **cookie_options(request, LOGIN_PATH))
    return response


async def login_page(request: Request) -> Response:
    if await current_consultant(request) is not None:
        return RedirectResponse(HOME, status_code=303)
    return _form(request, next_path=safe_next(request.query_params.get("next")))


async def login_submit(request: Request) -> Response:
    limiter, address = request.app.state.limits.logins, client_address(request)
    if not limiter.allow(address):
        message = _("Too many log-in attempts from this address. Wait a minute and try again.")
        return _form(request, 429, message)
    try:
        form = await read_form(request, LOGIN_BODY_LIMIT)
    except ConsoleError as error:
        return _form(request, error.status_code, error.message)
    login, next_path = form.get("login", "").strip(), safe_next(form.get("next"))
    if not tokens_match(form.get("csrf_token"), request.cookies.get(LOGIN_CSRF_COOKIE, "")):
        message = _("The log-in form has expired. Please log in again.")
        return _form(request, 403, message, login, next_path)
    db: Database = request.app.state.db
    settings = request.app.state.settings
    check = await run_in_threadpool(
        login_check.check_login,
        db,
        login,
        form.get("password", ""),
        max_failures=settings.login_max_failures,
        lock_minutes=settings.login_lock_minutes,
        failure_window_minutes=settings.login_failure_window_minutes,
        address=address,
    )
    if check.account is None:  # audited by check_login, with the client's address
        return _form(request, 401, failure_message(settings.login_lock_minutes), login, next_path)
    previous = await current_consultant(request)
    if previous is not None:
        await run_in_threadpool(sessions.close_session, db, previous.session_id)
    new = await run_in_threadpool(
        sessions.open_session,
        db,
        check.account.id,
        settings.console_session_hours,
        None,
        settings.console_idle_minutes or None,
    )
    await run_in_threadpool(audit, db, new.user.id, "login", str(new.user.session_id))
    response = RedirectResponse(next_path or HOME, status_code=303)
    set_session_cookie(response, request, new)
    response.delete_cookie(LOGIN_CSRF_COOKIE, **cookie_options(request, LOGIN_PATH))
    return response


async def logout(request: Request) -> Response:
    user = await authenticate(request, unsafe=True)
    db: Database = request.app.state.db
    await run_in_threadpool(sessions.close_session, db, user.session_id)
    await run_in_threadpool(audit, db, user.id, "logout", str(user.session_id))
    response = RedirectResponse(LOGIN_PATH, status_code=303)
    clear_session_cookie(response, request)
    return response


routes = [
    Route(LOGIN_PATH, login_page, methods=["GET"]),
    Route(LOGIN_PATH, login_submit, methods=["POST"]),
    Route("/console/logout", logout, methods=["POST"]),
    Mount("/static/console", StaticFiles(directory=STATIC), name="console-static"),
]
