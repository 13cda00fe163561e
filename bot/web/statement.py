"""The accessibility statement (deklaracja dostępności) at ``/deklaracja-dostepnosci``.

Why: Polish public bodies must publish one for every website, in each language
version the site has (ustawa z 4 kwietnia 2019 r. o dostępności cyfrowej), with
the element ids (``a11y-…``) that the Ministry of Digital Affairs' technical
conditions name, so that the statements can be gathered automatically. The
chat speaks Polish, Ukrainian and English, so the statement does too, from the
same catalogs as the console's texts (``bot.catalogs``). What only the city
can state (the coordinator's contact, the site's publication date, the
buildings, sign language) is marked for the city to fill in, never invented.
"""

from __future__ import annotations

import functools
from typing import Optional

from babel.support import Translations
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from bot import kck
from bot.catalogs import LANGUAGE_NAMES, LOCALES, browser_locale, load_translations
from bot.html_templates import lookup

PATH = "/deklaracja-dostepnosci"
# When the project wrote this statement (its self-assessment); the city reviews it by
# 31 March every year and after every change that affects accessibility.
PREPARED = "2026-12-01"


@functools.lru_cache(maxsize=len(LOCALES))
def _translations(locale: str) -> Translations:
    return load_translations(locale=locale)


def chosen_locale(asked: Optional[str], accept_language: Optional[str]) -> str:
    """``?lang=`` when it is one of ours, else the browser's language, else Polish."""
    return asked if asked in LOCALES else browser_locale(accept_language)


def render(locale: str, site_url: str) -> str:
    """The statement in one language; ``site_url`` is the chat's own address."""
    text = _translations(locale).gettext
    return str(
        lookup.get_template("/public/accessibility.html").render(
            _=text,
            locale=locale,
            languages=list(LANGUAGE_NAMES.items()),
            site_url=site_url,
            statement_url=site_url.rstrip("/") + PATH,
            prepared=PREPARED,
            kck_phone=kck.PHONE,
            kck_hours=kck.HOURS,
        )
    )


async def statement(request: Request) -> Response:
    locale = chosen_locale(request.query_params.get("lang"), request.headers.get("accept-language"))
    html = render(locale, str(request.base_url))
    return HTMLResponse(html, headers={"Content-Language": locale, "Vary": "Accept-Language"})


routes = [Route(PATH, statement)]
