"""The widget's own texts as JSON: ``GET /widget/i18n/{pl|uk|en}.json``.

The widget (``bot/static/widget/i18n.js``) loads the catalog of its language
before it draws itself. The catalogs are the babel domain ``widget``
(``bot/locale/<lang>/LC_MESSAGES/widget.po``, compiled by ``make catalogs``; a
missing or stale ``.mo`` is compiled in memory from the ``.po``, as for the
console). The message ids are the widget's Polish texts, so the answer is
``{"locale", "messages": {Polish text: translation}}``. Each answer is built
once per process and may be cached by browsers for an hour (with an ETag to
revalidate), since it changes only with a release.
"""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Dict

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.catalogs import LOCALES, load_catalog

DOMAIN = "widget"
MAX_AGE_SECONDS = 3600
UNKNOWN = "Nie ma takiego języka czatu. Dostępne: pl, uk, en."


def messages(locale: str) -> Dict[str, str]:
    """The translated, non-empty entries of one locale's widget catalog."""
    found: Dict[str, str] = {}
    for message in load_catalog(locale=locale, domain=DOMAIN):
        text = message.string
        if message.id and isinstance(message.id, str) and isinstance(text, str) and text:
            found[message.id] = text
    return found


@functools.lru_cache(maxsize=len(LOCALES))
def _body(locale: str) -> bytes:
    data = {"locale": locale, "messages": messages(locale)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


async def widget_catalog(request: Request) -> Response:
    locale = request.path_params["locale"]
    if locale not in LOCALES:
        return JSONResponse({"error": UNKNOWN}, status_code=404)
    body = _body(locale)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"Cache-Control": f"public, max-age={MAX_AGE_SECONDS}", "ETag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json; charset=utf-8", headers=headers)


routes = [Route("/widget/i18n/{locale}.json", widget_catalog, methods=["GET"])]
