"""One line at the end of a run: the tests that did not run because a service is down.

Why: the PostgreSQL half of the storage tests, the event-queue tests and the cluster
tests skip when PostgreSQL, Redis or RabbitMQ do not answer (they fail instead with
KCK_REQUIRE_SERVICES=1, as in CI). Among a thousand dots a few "s" go unnoticed, so on
a developer's machine "every test passed" could hide that a whole storage backend was
never tried. tests/conftest.py imports the hook below, so `make test` prints the line.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Dict, Iterable, List

SERVICES = ("PostgreSQL", "Redis", "RabbitMQ")
# Whole words: "rabbitmqctl is not on this host" is a missing tool, not a service down.
_NAMED = {service: re.compile(rf"\b{service}\b") for service in SERVICES}


def skip_reason(report: Any) -> str:
    """The reason pytest stored for a skipped test ("Skipped: …" stripped)."""
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return str(reason).removeprefix("Skipped: ")


def services_named(reason: str) -> List[str]:
    """The services a skip reason says do not answer, in SERVICES order."""
    return [service for service, word in _NAMED.items() if word.search(reason)]


def not_run_line(reports: Iterable[Any]) -> str | None:
    """"Not run, …": per service, how many tests and in which files; None if all ran."""
    tests: Dict[str, Dict[str, None]] = {service: {} for service in SERVICES}
    for report in reports:
        for service in services_named(skip_reason(report)):
            tests[service][report.nodeid] = None
    parts = []
    for service, nodeids in tests.items():
        if not nodeids:
            continue
        files = Counter(nodeid.split("::", 1)[0] for nodeid in nodeids)
        where = ", ".join(f"{path} ({count})" for path, count in sorted(files.items()))
        parts.append(f"{service} – {len(nodeids)} {_tests(len(nodeids))}: {where}")
    if not parts:
        return None
    return (
        "NOT RUN, a service does not answer: "
        + "; ".join(parts)
        + ". Start it (README \"Tests\") or set KCK_REQUIRE_SERVICES=1 to fail instead."
    )


def _tests(count: int) -> str:
    return "test" if count == 1 else "tests"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Writes the line after the short summary, just before the final counts."""
    line = not_run_line(terminalreporter.stats.get("skipped", []))
    if line:
        terminalreporter.write_line(line, yellow=True, bold=True)
