"""`python -m bench --out DIR` works for a folder outside the repository (issue 19)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bench.__main__ import shown
from bot.settings import ROOT


def test_paths_inside_the_repository_are_shown_relative_and_outside_it_absolute(
    tmp_path: Path,
) -> None:
    assert shown(ROOT / "bench" / "results" / "latest.md") == "bench/results/latest.md"
    assert shown(tmp_path / "latest.md") == str(tmp_path.resolve() / "latest.md")


def test_the_report_is_written_to_a_folder_outside_the_repository(tmp_path: Path) -> None:
    shutil.copy(ROOT / "bench" / "results" / "latest.json", tmp_path / "latest.json")
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--report-only", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "latest.md").read_text("utf-8").startswith("#")
