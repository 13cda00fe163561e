"""The one Mako lookup of the pages the gateway renders: the console and the public pages.

Why Mako and not Jinja2: Jinja2 is not among the pinned dependencies, while Mako is
(Alembic requires it). Every ``${...}`` is HTML-escaped by default (``default_filters=["h"]``,
MarkupSafe's escape), so templates are safe unless one writes ``${value | n}`` for markup
built in Python; undefined names fail loudly (``strict_undefined``). One lookup, so the
console (``bot.console.templates``) and the accessibility statement (``bot.web.statement``)
cannot drift apart in how they escape.
"""

from __future__ import annotations

from pathlib import Path

from mako.lookup import TemplateLookup

TEMPLATES = Path(__file__).resolve().parent / "templates"

lookup = TemplateLookup(
    directories=[str(TEMPLATES)],
    default_filters=["h"],
    input_encoding="utf-8",
    strict_undefined=True,
)
