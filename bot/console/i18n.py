"""The console's Polish texts, from the babel catalog ``bot/locale/pl/LC_MESSAGES/messages.po``.

Message ids are English, translations Polish: ``_("Queue")`` is "Kolejka".
Python code calls ``_`` / ``ngettext`` from here; templates get the same two
functions (``${_("Queue")}``), see ``bot.console.templates``.

Editing texts: ``make i18n`` extracts the ids into ``bot/locale/messages.pot``
and merges them into the ``.po``; translate there. The compiled ``.mo`` is
build output (``make setup`` compiles it; not committed).

If the ``.mo`` is missing or older than the ``.po`` (a fresh clone started
without ``make setup``, a test run straight after a translation edit), the
catalog is compiled in memory from the ``.po`` instead of failing or falling
back to the English ids: consultants must never see a half-English console,
and a stale ``.mo`` would silently hide a corrected translation. Nothing is
written to disk, so a read-only install works too.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LOCALE = "pl"
DOMAIN = "messages"


def catalog_paths(locale_dir: Path = LOCALE_DIR) -> tuple[Path, Path]:
    """The ``.po`` source and the compiled ``.mo`` of the Polish catalog."""
    po = locale_dir / LOCALE / "LC_MESSAGES" / f"{DOMAIN}.po"
    return po, po.with_suffix(".mo")


def load_translations(locale_dir: Path = LOCALE_DIR) -> Translations:
    """The compiled catalog, or the ``.po`` compiled in memory when the ``.mo`` is stale."""
    po, mo = catalog_paths(locale_dir)
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as compiled:
            return Translations(compiled, domain=DOMAIN)
    with po.open("rb") as source:
        catalog = read_po(source, locale=LOCALE, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries left out, as `pybabel compile` does
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@functools.lru_cache(maxsize=1)
def translations() -> Translations:
    """The catalog of this process (read once)."""
    return load_translations()


def gettext(message: str) -> str:
    """The Polish text of an English message id."""
    return translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The Polish form for ``count`` (Polish has three plural forms)."""
    return translations().ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 (the usual name of the marker)
    """Marks a message id for extraction where it is translated later (module constants)."""
    return message


_ = gettext
