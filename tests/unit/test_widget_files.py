"""The widget stays a folder of small modules a newcomer can read, each served as it is
(no bundler): no file of bot/static/widget/ over 300 lines, and every module the entry
imports is a file of that folder."""

from __future__ import annotations

import re
from pathlib import Path

WIDGET = Path(__file__).resolve().parents[2] / "bot" / "static" / "widget"
IMPORT = re.compile(r"^import .* from '\./([a-z0-9-]+\.js)';$", re.MULTILINE)


def test_no_widget_file_is_over_300_lines() -> None:
    sizes = {path.name: len(path.read_text("utf-8").splitlines()) for path in WIDGET.iterdir()}
    assert "widget.js" in sizes and "main.js" in sizes
    assert {name: lines for name, lines in sizes.items() if lines > 300} == {}


def test_every_imported_module_is_in_the_folder() -> None:
    imported = {
        name for path in WIDGET.glob("*.js") for name in IMPORT.findall(path.read_text("utf-8"))
    }
    assert "main.js" not in imported and "render.js" in imported
    assert imported <= {path.name for path in WIDGET.glob("*.js")}
