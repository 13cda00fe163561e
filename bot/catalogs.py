"""The babel catalogs of the interface texts, read from ``bot/locale``.

Three readers share them: the console's texts (domain ``messages``, ``bot.console.i18n``),
the public pages rendered on the server (the accessibility statement, same domain,
``bot.web.statement``) and the widget's (domain ``widget``, served as JSON by
``bot.web.widget_i18n``), so no door reaches into another for its languages.

If a ``.mo`` is missing or older than its ``.po`` (a fresh clone started without
``make setup``, a test run straight after a translation edit), the catalog is compiled
in memory from the ``.po`` instead of failing or falling back to the English ids:
nobody must see a half-translated screen, and a stale ``.mo`` would silently hide a
corrected translation. Nothing is written to disk, so a read-only install works too.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import List, Optional, Tuple

from babel import Locale, UnknownLocaleError
from babel.core import negotiate_locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LOCALES = ("pl", "uk", "en")
DEFAULT_LOCALE = "pl"
DOMAIN = "messages"
# Endonyms, shown by the language switchers (a language is named in itself).
LANGUAGE_NAMES = {"pl": "Polski", "uk": "Українська", "en": "English"}


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


def browser_locale(accept_language: Optional[str]) -> str:
    """The browser's first language we have (``negotiate_locale``), else Polish."""
    wanted = [
        language
        for tag in parse_accept_language(accept_language or "")
        if (language := _language(tag))
    ]
    return negotiate_locale(wanted, LOCALES) or DEFAULT_LOCALE
