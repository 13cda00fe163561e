"""The console's texts in Polish, Ukrainian and English, from babel catalogs.

Message ids are English; the catalogs are
``bot/locale/{pl,uk,en}/LC_MESSAGES/messages.po`` (Polish is the default):
``_("Queue")`` is "Kolejka", "Черга" or "Queue". Python code calls ``_`` /
``ngettext`` from here; templates get the same two functions
(``${_("Queue")}``), see ``bot.console.templates``.

Which language: each request's, set by ``ConsoleLocale`` (an ASGI
middleware) in a context variable, so the many ``_()`` calls in handlers,
templates and error handlers need no request argument. The choice is the
``kck_lang`` cookie (set by the header's language switcher,
``bot.console.language_switch``), else the browser's ``Accept-Language``
(babel's ``negotiate_locale``), else Polish. Outside a request (the
accounts CLI, tests) it is Polish.

Editing texts: ``make i18n`` extracts the ids into ``bot/locale/messages.pot``
and merges them into every locale's ``.po``; translate there. The compiled
``.mo`` files are build output (``make setup`` compiles them; not committed).

The catalogs are read by ``bot.catalogs`` (shared with the widget's texts); a
missing or stale ``.mo`` is compiled in memory from the ``.po`` there, so
consultants never see a half-English console.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from typing import Iterator, Optional

from babel.support import Translations
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.catalogs import DEFAULT_LOCALE, LOCALES, browser_locale, load_translations

LOCALE = DEFAULT_LOCALE  # kept for older callers: the default locale
COOKIE = "kck_lang"

_current: contextvars.ContextVar[str] = contextvars.ContextVar(
    "console_locale", default=DEFAULT_LOCALE
)


@functools.lru_cache(maxsize=len(LOCALES))
def translations(locale: str = DEFAULT_LOCALE) -> Translations:
    """The catalog of one locale in this process (read once)."""
    return load_translations(locale=locale if locale in LOCALES else DEFAULT_LOCALE)


def current_locale() -> str:
    """The locale of the request being handled (Polish outside a request)."""
    return _current.get()


@contextlib.contextmanager
def use_locale(locale: str) -> Iterator[None]:
    """Texts in ``locale`` inside the block (tests, scripts)."""
    token = _current.set(locale if locale in LOCALES else DEFAULT_LOCALE)
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    """The text of an English message id in the current locale."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for ``count`` (Polish and Ukrainian have three plural forms)."""
    return translations(_current.get()).ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 (the usual name of the marker)
    """Marks a message id for extraction where it is translated later (module constants)."""
    return message


_ = gettext


def negotiate(cookie: Optional[str], accept_language: Optional[str]) -> str:
    """The console's locale: the cookie's when it is one of ours, else the browser's
    first language we have (``negotiate_locale``), else Polish."""
    if cookie in LOCALES:
        return str(cookie)
    return browser_locale(accept_language)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers") or []:
        if key == name:
            return str(value.decode("latin-1"))
    return ""


def _cookie(scope: Scope, name: str) -> Optional[str]:
    for part in _header(scope, b"cookie").split(";"):
        key, _eq, value = part.strip().partition("=")
        if key == name:
            return value
    return None


class ConsoleLocale:
    """Sets the locale of each console request (HTTP and WebSocket) from its cookie
    and ``Accept-Language``; other paths are left alone."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or not str(
            scope.get("path", "")
        ).startswith("/console"):
            await self.app(scope, receive, send)
            return
        locale = negotiate(_cookie(scope, COOKIE), _header(scope, b"accept-language"))
        with use_locale(locale):
            await self.app(scope, receive, send)
