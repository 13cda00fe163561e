"""No test module imports another test module: shared helpers live in tests/helpers/.

Why: importing a test module drags in its fixtures and its imports, couples two suites (a
rename in one breaks the other) and makes pytest collect imported `test_*` functions twice.
"""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]

# `from tests.test_x import ...`, `from tests.unit.test_x import ...`, `import tests.test_x`,
# also indented (an import inside a function).
CROSS_IMPORT = re.compile(r"^\s*(?:from|import)\s+tests(?:\.\w+)*\.test_\w*", re.MULTILINE)


def cross_imports(root: Path) -> list[str]:
    """Every `file:line: import` under root that imports a test module."""
    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in CROSS_IMPORT.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(root)}:{line}: {match.group(0).strip()}")
    return found


def test_no_test_module_imports_another() -> None:
    assert cross_imports(TESTS) == [], "move the shared helper to tests/helpers/"


def test_the_check_finds_a_cross_import(tmp_path: Path) -> None:
    """The check itself can fail: a planted import of a test module is reported."""
    (tmp_path / "test_a.py").write_text("import os\nfrom tests.test_handoff import say\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "test_b.py").write_text("def f():\n    import tests.unit.test_x\n")
    (tmp_path / "test_c.py").write_text("from tests.helpers.chat import say\n")
    assert cross_imports(tmp_path) == [
        "sub/test_b.py:2: import tests.unit.test_x",
        "test_a.py:2: from tests.test_handoff",
    ]
