"""No module of bot/, actions/ or nlu/ has more than 300 lines (Alembic's migrations aside).

Why: the house rule "small modules with one job"; a file past 300 lines nearly always does
two jobs, and a newcomer reads a short one whole. The widget's files have their own check
(test_widget_files.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "actions", "nlu")
MAX_LINES = 300

def long_modules(root: Path) -> Dict[str, int]:
    """Every Python module under root's packages with more than MAX_LINES lines."""
    found = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            name = path.relative_to(root).as_posix()
            if name.startswith("bot/migrations/"):
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                found[name] = lines
    return found


def test_no_module_is_over_300_lines() -> None:
    assert long_modules(ROOT) == {}


def test_the_check_finds_a_long_module(tmp_path: Path) -> None:
    """The check itself can fail: a planted 301-line module is reported, 300 lines and
    a long migration are not."""
    for name, lines in {
        "bot/long.py": 301,
        "bot/web/fits.py": 300,
        "bot/migrations/versions/0001_x.py": 500,
        "actions/long.py": 400,
        "nlu/short.py": 3,
    }.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n" * lines, encoding="utf-8")
    assert long_modules(tmp_path) == {"bot/long.py": 301, "actions/long.py": 400}
