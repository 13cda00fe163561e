"""The babel catalogs of the interface texts, read from ``bot/locale``.

Two readers share them: the console's texts (domain ``messages``, ``bot.console.i18n``)
and the widget's (domain ``widget``, served as JSON by ``bot.web.widget_i18n``), so
neither door reaches into the other for its languages.

If a ``.mo`` is missing or older than its ``.po`` (a fresh clone started without
``make setup``, a test run straight after a translation edit), the catalog is compiled
in memory from the ``.po`` instead of failing or falling back to the English ids:
nobody must see a half-translated screen, and a stale ``.mo`` would silently hide a
corrected translation. Nothing is written to disk, so a read-only install works too.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LOCALES = ("pl", "uk", "en")
DEFAULT_LOCALE = "pl"
DOMAIN = "messages"


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
