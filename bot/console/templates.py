"""HTML of the console: Mako templates in ``bot/templates/console/``.

The lookup (Mako, HTML-escaped by default, strict about undefined names) is
``bot.html_templates``, shared with the public pages.

Page templates inherit the layout and fill its blocks::

    <%inherit file="/console/base.html"/>
    <%block name="title">${_("Queue")}</%block>
    <%block name="content">
      <h1>${_("Queue")}</h1>
    </%block>

Blocks of ``base.html``: ``title`` (in <title>, before " — Konsola KCK"),
``head`` (extra <link>/<script src> in <head>), ``content`` (inside <main>),
``scripts`` (end of <body>, for ``<script src=... defer>``; no inline JS or
CSS: the CSP forbids them).

Every template gets ``_``, ``ngettext``, ``user`` (``ConsoleUser`` or None),
``active_nav`` (``"queue"``, ``"callbacks"``, ``"reports"`` or None),
``role_label``, ``locale`` (the request's: ``pl``, ``uk`` or ``en``, see
``bot.console.i18n``) and ``language_names`` (for the language switcher);
pass anything else as keyword arguments of ``render_page``.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional

from starlette.responses import HTMLResponse

from bot.catalogs import LANGUAGE_NAMES
from bot.console.accounts import role_label
from bot.console.i18n import N_, current_locale, gettext, ngettext
from bot.console.sessions import ConsoleUser
from bot.html_templates import lookup as _lookup

NO_STORE = {"Cache-Control": "no-store"}
# The layout's navigation: (``active_nav`` key, path, message id).
NAV_LINKS = (
    ("queue", "/console", N_("Queue")),
    ("callbacks", "/console/callbacks", N_("Callbacks")),
    ("reports", "/console/reports", N_("Reports")),
)


def render(name: str, *, user: Optional[ConsoleUser], **context: Any) -> str:
    """The HTML of template ``name`` (e.g. ``"/console/login.html"``)."""
    context.setdefault("active_nav", None)
    return str(
        _lookup.get_template(name).render(
            _=gettext,
            ngettext=ngettext,
            role_label=role_label,
            nav_links=NAV_LINKS,
            locale=current_locale(),
            language_names=LANGUAGE_NAMES,
            user=user,
            **context,
        )
    )


def render_page(
    name: str,
    *,
    user: Optional[ConsoleUser],
    status_code: int = 200,
    headers: Optional[Mapping[str, str]] = None,
    **context: Any,
) -> HTMLResponse:
    """A console page as a response; never cached, since it may show personal data."""
    return HTMLResponse(
        render(name, user=user, **context),
        status_code=status_code,
        headers={**NO_STORE, **(headers or {})},
    )
