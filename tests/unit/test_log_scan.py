"""The log scanner finds what it must (so that a clean run means something)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from tests.log_scan import EXPECTED, scan_run, scan_text


@pytest.mark.parametrize(
    "line, kind",
    [
        ("callback for +48 600 700 800 stored", "phone number"),
        ("phone=600700800", "phone number"),
        ("tel 600-123-456", "phone number"),
        ("from jan.nowak@example.pl", "e-mail address"),
        ("user said: Nie świeci latarnia przy Długiej", "resident's message text"),
    ],
)
def test_personal_data_is_found(line: str, kind: str) -> None:
    assert [k for _, k in scan_text(line)] == [kind]


@pytest.mark.parametrize(
    "line",
    [
        'INFO:     127.0.0.1:60704 - "GET /healthz HTTP/1.1" 200 OK',
        "2026-11-25 08:15:25,891 INFO httpx HTTP Request: GET http://127.0.0.1:5055/health",
        "Rasa is down; KCK: tel. 12 616 55 55",
        "conversation 3f2a9c1d0b7e4d6a8c5b2e1f0a9d8c7b ticket 1732541234",
        "took 123.456 ms, pid 123456789012",
    ],
)
def test_ordinary_log_lines_pass(line: str) -> None:
    assert scan_text(line) == []


# What Rasa 3.6 wrote into rasa.log for a payload it could not use (issue 15, finding 3).
RASA_WARNING = (
    "/srv/.venv/lib/python3.10/site-packages/rasa/shared/utils/io.py:100: UserWarning: "
    'Failed to parse arguments in line \'/inform{"report_contact": "600 111 222 '
    "jan@example.pl\"}'. Expected entities from ['handoff_unit']"
)


@pytest.fixture()
def outside() -> Iterator[Path]:
    """A directory outside the run's temporary tree: the session's own scan of that
    tree (tests/conftest.py) must not find these deliberately dirty logs."""
    with tempfile.TemporaryDirectory() as directory:
        yield Path(directory)


def _stack_logs(var_dir: Path, names: tuple[str, ...], text: str = "started\n") -> None:
    (var_dir / "log").mkdir(parents=True)
    for name in names:
        (var_dir / "log" / f"{name}.log").write_text(text)


def test_the_run_scan_reads_rasa_and_the_action_servers_logs(outside: Path) -> None:
    _stack_logs(outside / "kck-var0", ("gateway", "actions"))
    (outside / "kck-var0" / "log" / "rasa.log").write_text(RASA_WARNING + "\n")
    _stack_logs(outside / "cluster", ("gateway-1", "rasa-1", "actions-1", "actions-2"))
    (outside / "cluster" / "log" / "actions-2.log").write_text("tel 600-123-456\n")
    found = {(f.path.name, f.kind) for f in scan_run(outside)}
    assert found == {
        ("rasa.log", "e-mail address"),
        ("rasa.log", "phone number"),
        ("actions-2.log", "phone number"),
    }


def test_a_stack_without_one_process_log_is_a_finding(outside: Path) -> None:
    _stack_logs(outside / "kck-var0", ("gateway", "rasa"))
    assert [(f.path.name, f.kind) for f in scan_run(outside)] == [
        ("actions.log", "no log of this process")
    ]


def test_a_process_started_alone_on_purpose_needs_only_its_own_log(outside: Path) -> None:
    """A gateway run without Rasa (tests/test_gateway_process.py) lists itself in the
    directory's ``processes`` file; its log is still scanned."""
    _stack_logs(outside / "kck-var-gateway0", ("gateway",), "tel 600-123-456\n")
    (outside / "kck-var-gateway0" / "log" / EXPECTED).write_text("gateway\n")
    assert [(f.path.name, f.kind) for f in scan_run(outside)] == [("gateway.log", "phone number")]
