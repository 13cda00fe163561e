"""Story tests (tests/test_*stories.yml) and `rasa data validate`, through Rasa's own CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "stories",
    [
        "test_stories.yml",
        "test_form_stories.yml",
        "test_handoff_stories.yml",
        "test_privacy_stories.yml",
    ],
)
def test_story_tests_pass(tmp_path: Path, stories: str) -> None:
    """Rasa's own story tests, with --e2e: each `user:` line also goes through the
    NLU and must get the story's intent (without --e2e `rasa test core` takes the
    intent as written and never runs the NLU)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "test",
            "core",
            "--e2e",
            "--model",
            str(ROOT / "models" / "kck.tar.gz"),
            "--stories",
            str(ROOT / "tests" / stories),
            "--out",
            str(tmp_path),
            "--fail-on-prediction-errors",
            "--no-plot",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin"},
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = (
        failed.read_text() if failed.exists() else result.stdout[-3000:] + result.stderr[-3000:]
    )
    assert result.returncode == 0, details
    # --e2e reads only files named test_*; any other name passes with 0 stories.
    assert "Evaluating 0 stories" not in result.stdout + result.stderr


def test_training_data_validates() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rasa", "data", "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
