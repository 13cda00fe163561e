"""The layers of the house hold: each module imports only from the layers below it.

From the top: the composition root (``bot.app`` and the processes that run it) wires
everything; the channels (``bot.web``: widget API, pages, Open311; ``bot.telegram``) and
the consultants' console (``bot.console``) take requests; the router (``bot.router``)
carries a resident's message; the shared HTTP helpers (``bot.http``) and the domain (every
other module of ``bot/``) know no channel; the action server (``actions/``) uses the domain;
``nlu/`` is Rasa's and knows nothing of the rest.

Why a test: an import that runs up a layer (Telegram taking a constant from the widget's
routes, a domain module reaching for the router) ties a part to what it should not know,
and such an import is one line that no review sees. Imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Tuple

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "actions", "nlu")

# The first prefix that matches wins (so "bot" comes last of bot/): what no other row names
# in bot/ is domain.
LAYERS: Tuple[Tuple[str, str], ...] = (
    ("bot.app", "top"),
    ("bot.gateway", "top"),
    ("bot.stack", "top"),
    ("bot.cluster", "top"),
    ("bot.web", "web"),
    ("bot.telegram", "telegram"),
    ("bot.console", "console"),
    ("bot.router", "router"),
    ("bot.http", "http"),
    ("bot", "domain"),
    ("actions", "actions"),
    ("nlu", "nlu"),
)

CHANNELS = frozenset({"web", "telegram"})
ABOVE_DOMAIN = frozenset({*CHANNELS, "console", "router", "top"})

# What each layer must never import.
FORBIDDEN: Dict[str, FrozenSet[str]] = {
    "top": frozenset(),
    "web": frozenset({"telegram", "console", "top"}),
    "telegram": frozenset({"web", "console", "top"}),
    "console": frozenset({*CHANNELS, "top"}),
    "router": frozenset({*CHANNELS, "console", "top", "actions"}),
    "http": ABOVE_DOMAIN | {"actions"},
    "domain": ABOVE_DOMAIN | {"actions", "http"},
    "actions": ABOVE_DOMAIN | {"http"},
    "nlu": ABOVE_DOMAIN | {"actions", "http", "domain"},
}


def layer_of(module: str) -> str | None:
    """The layer of a dotted module name of this project; None for a library."""
    for prefix, layer in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            return layer
    return None


def module_name(root: Path, path: Path) -> str:
    """``bot/web/pages.py`` -> ``bot.web.pages``; a package's ``__init__`` is the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(tree: ast.AST, module: str, is_package: bool) -> Iterator[Tuple[int, str]]:
    """Every (line, dotted name) the module imports, at any depth, relative ones resolved.

    ``from a.b import c`` yields ``a.b.c``: c may be a module (then its layer counts) or a
    name defined in a.b (then the prefix a.b decides the layer)."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}" if alias.name != "*" else base


def project_modules(root: Path) -> Iterator[Tuple[Path, str]]:
    """Every Python module of bot/, actions/ and nlu/ under root (Alembic's migrations aside)."""
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" not in path.relative_to(root).parts:
                yield path, module_name(root, path)


def import_edges(root: Path) -> Iterator[Tuple[str, int, str, str, str]]:
    """(file, line, imported module, importer's layer, imported layer) for each project import."""
    for path, module in project_modules(root):
        source = layer_of(module)
        assert source is not None, module
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for line, name in imported_modules(tree, module, path.name == "__init__.py"):
            target = layer_of(name)
            if target is not None:
                yield str(path.relative_to(root)), line, name, source, target


def violations(root: Path) -> List[str]:
    """Every `file:line: module (layer -> layer)` that imports a layer it must not."""
    return [
        f"{file}:{line}: {name} ({source} -> {target})"
        for file, line, name, source, target in import_edges(root)
        if target in FORBIDDEN[source]
    ]


def layer_table(root: Path) -> Dict[str, List[str]]:
    """Which other layers each layer imports (the README's table)."""
    table: Dict[str, set[str]] = {layer: set() for layer in FORBIDDEN}
    for _file, _line, _name, source, target in import_edges(root):
        if target != source:
            table[source].add(target)
    return {layer: sorted(targets) for layer, targets in table.items()}


def test_no_module_imports_a_layer_above_or_beside_it() -> None:
    assert violations(ROOT) == []


def test_the_check_finds_a_planted_bad_import(tmp_path: Path) -> None:
    """The check itself can fail: bad imports planted at top level, inside a function and
    as relative imports are reported; good ones are not."""
    files = {
        "bot/__init__.py": "",
        "bot/telegram/__init__.py": "",
        "bot/telegram/media.py": "from bot.web.widget_api import PHOTO_SENT\n",
        "bot/console/__init__.py": "",
        "bot/console/login.py": "import os\n\n\ndef f():\n    from ..web import widget_i18n\n",
        "bot/reports/__init__.py": "",
        "bot/reports/store.py": "from bot import clock\n\n\ndef g():\n    import bot.router\n",
        "bot/photos.py": "from actions.checked_values import photo\nfrom . import geo\n",
        "bot/web/widget_api.py": "from bot.router import route\nfrom bot.http import requests\n",
        "nlu/__init__.py": "",
        "nlu/features.py": "from bot.settings import load\nfrom .folding import fold\n",
        "actions/__init__.py": "",
        "actions/handoff.py": "from bot.handoff import queue\nfrom bot.console import desk\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert violations(tmp_path) == [
        "bot/console/login.py:5: bot.web.widget_i18n (console -> web)",
        "bot/photos.py:1: actions.checked_values.photo (domain -> actions)",
        "bot/reports/store.py:5: bot.router (domain -> router)",
        "bot/telegram/media.py:1: bot.web.widget_api.PHOTO_SENT (telegram -> web)",
        "actions/handoff.py:2: bot.console.desk (actions -> console)",
        "nlu/features.py:1: bot.settings.load (nlu -> domain)",
    ]
