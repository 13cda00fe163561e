"""A run in which PostgreSQL, Redis or RabbitMQ do not answer ends with one line naming
the tests it could not run (tests/helpers/skipped_services.py); with
KCK_REQUIRE_SERVICES=1 those tests fail as before.

The run is a real pytest process on a tiny test file whose fixtures skip (or fail) with
the same reasons as tests/conftest.py, tests/test_event_queue.py and tests/test_cluster.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import List

import tests.conftest
from tests.helpers import skipped_services
from tests.helpers.skipped_services import not_run_line

ROOT = Path(__file__).resolve().parents[2]

TINY = '''
import os

import pytest


def down(reason):
    if os.environ.get("KCK_REQUIRE_SERVICES") == "1":
        pytest.fail("required but does not answer: " + reason)
    pytest.skip(reason)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request):
    if request.param == "postgresql":
        down("PostgreSQL does not answer on 127.0.0.1:5432")
    return request.param


@pytest.fixture()
def broker():
    down("RabbitMQ does not answer on 127.0.0.1:5672")


def test_store_a_report(db):
    assert db


def test_store_a_transcript(db):
    assert db


def test_event_reaches_the_queue(broker):
    pass


def test_cluster():
    down("the cluster's services do not answer: PostgreSQL at 127.0.0.1: OperationalError; "
         "Redis at redis://127.0.0.1:6379/0: ConnectionError")


def test_outside_assistant():
    pytest.skip("an outside assistant: its logs are not here")


def test_without_the_tool():
    pytest.skip("rabbitmqctl is not on this host")
'''


def run_tiny(tmp_path: Path, tiny: str, require: bool) -> subprocess.CompletedProcess:
    (tmp_path / "test_tiny.py").write_text(tiny)
    env = {k: v for k, v in os.environ.items() if k != "KCK_REQUIRE_SERVICES"}
    if require:
        env["KCK_REQUIRE_SERVICES"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p",
         "tests.helpers.skipped_services", "--rootdir", str(tmp_path), "-q",
         str(tmp_path / "test_tiny.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def not_run_lines(output: str) -> List[str]:
    return [line for line in output.splitlines() if line.startswith("NOT RUN")]


def test_the_run_ends_naming_the_tests_each_service_kept_from_running(tmp_path: Path) -> None:
    result = run_tiny(tmp_path, TINY, require=False)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = not_run_lines(result.stdout)
    assert lines == [
        "NOT RUN, a service does not answer: "
        "PostgreSQL – 3 tests: test_tiny.py (3); "
        "Redis – 1 test: test_tiny.py (1); "
        "RabbitMQ – 1 test: test_tiny.py (1). "
        'Start it (README "Tests") or set KCK_REQUIRE_SERVICES=1 to fail instead.'
    ]
    tail = result.stdout.strip().splitlines()
    assert tail[-2] == lines[0]  # at the end: just before the final counts
    assert "2 passed, 6 skipped" in tail[-1]


def test_with_services_required_they_fail_and_no_line_excuses_them(tmp_path: Path) -> None:
    result = run_tiny(tmp_path, TINY, require=True)
    assert result.returncode == 1
    assert "1 failed, 2 passed, 2 skipped, 3 errors" in result.stdout.splitlines()[-1]
    assert not_run_lines(result.stdout) == []


def test_no_line_when_every_service_answered(tmp_path: Path) -> None:
    result = run_tiny(tmp_path, "def test_one():\n    pass\n", require=False)
    assert result.returncode == 0
    assert not_run_lines(result.stdout) == []


def test_only_whole_service_names_count() -> None:
    assert skipped_services.services_named("rabbitmqctl is not on this host") == []
    assert skipped_services.services_named("Redis at redis://x: ConnectionError") == ["Redis"]
    assert not_run_line([]) is None


def test_make_test_prints_the_line() -> None:
    """tests/conftest.py carries the hook, so every run of tests/ ends with the line."""
    assert getattr(tests.conftest, "pytest_terminal_summary", None) is (
        skipped_services.pytest_terminal_summary
    )
