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

If a ``.mo`` is missing or older than its ``.po`` (a fresh clone started
without ``make setup``, a test run straight after a translation edit), the
catalog is compiled in memory from the ``.po`` instead of failing or falling
back to the English ids: consultants must never see a half-English console,
and a stale ``.mo`` would silently hide a corrected translation. Nothing is
written to disk, so a read-only install works too.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import io
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from babel import Locale, UnknownLocaleError
from babel.core import negotiate_locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from starlette.types import ASGIApp, Receive, Scope, Send

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LOCALES = ("pl", "uk", "en")
DEFAULT_LOCALE = "pl"
LOCALE = DEFAULT_LOCALE  # kept for older callers: the default locale
DOMAIN = "messages"
COOKIE = "kck_lang"
# Endonyms, shown by the language switchers (a language is named in itself).
LANGUAGE_NAMES = {"pl": "Polski", "uk": "Українська", "en": "English"}

_current: contextvars.ContextVar[str] = contextvars.ContextVar(
    "console_locale", default=DEFAULT_LOCALE
)


def catalog_paths(
    locale_dir: Path = LOCALE_DIR, locale: str = DEFAULT_LOCALE, domain: str = DOMAIN
) -> tuple[Path, Path]:
    """The ``.po`` source and the compiled ``.mo`` of one locale's catalog."""
    po = locale_dir / locale / "LC_MESSAGES" / f"{domain}.po"
    return po, po.with_suffix(".mo")


def load_catalog(
    locale_dir: Path = LOCALE_DIR, locale: str = DEFAULT_LOCALE, domain: str = DOMAIN
) -> Catalog:
    """The compiled catalog, or the ``.po`` when the ``.mo`` is missing or stale.

    Read from the ``.po``, fuzzy entries are dropped, as ``pybabel compile`` does."""
    po, mo = catalog_paths(locale_dir, locale, domain)
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as compiled:
            return read_mo(compiled)
    with po.open("rb") as source:
        catalog = read_po(source, locale=locale, domain=domain)
    for message in list(catalog):
        if message.id and message.fuzzy:
            catalog.delete(message.id, message.context)
    return catalog


def load_translations(
    locale_dir: Path = LOCALE_DIR, locale: str = DEFAULT_LOCALE, domain: str = DOMAIN
) -> Translations:
    """One locale's catalog as gettext translations."""
    buffer = io.BytesIO()
    write_mo(buffer, load_catalog(locale_dir, locale, domain))
    buffer.seek(0)
    return Translations(buffer, domain=domain)


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


def parse_accept_language(header: str) -> List[str]:
    """Language tags of an ``Accept-Language`` header, most wanted first (q=0 dropped)."""
    weighted: List[Tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        tag, _sep, params = part.strip().partition(";")
        tag = tag.strip()
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, index, tag))
    return [tag for _q, _i, tag in sorted(weighted)]


def _language(tag: str) -> Optional[str]:
    """The language part of a tag ("uk-UA" → "uk"), or None for nonsense."""
    try:
        return Locale.parse(tag.replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        return None


def negotiate(cookie: Optional[str], accept_language: Optional[str]) -> str:
    """The console's locale: the cookie's when it is one of ours, else the browser's
    first language we have (``negotiate_locale``), else Polish."""
    if cookie in LOCALES:
        return str(cookie)
    wanted = [
        language
        for tag in parse_accept_language(accept_language or "")
        if (language := _language(tag))
    ]
    return negotiate_locale(wanted, LOCALES) or DEFAULT_LOCALE


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
