"""Personal data in log files: phone numbers, e-mail addresses and residents' words.

tests/conftest.py scans every log the test run's processes wrote once the run
is over (its stacks stopped): the gateway's, Rasa's and the action server's of
every stack, so a log line added anywhere that prints what a resident typed
fails `make test`, and so does a stack whose process log is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
# Polish numbers as residents type them (600 700 800, 600-700-800, +48 600700800,
# 12 616 55 55), not inside longer digit runs, versions, addresses or times.
PHONE = re.compile(
    r"(?<![\w.:/+-])(?:\+48[ -]?)?(?:\d{3}[ -]?\d{3}[ -]?\d{3}|\d{2} \d{3} \d{2} \d{2})(?![\w.:/-])"
)
# The KCK line is public and printed by design (the message when Rasa is down).
PUBLIC_NUMBERS = {"126165555"}
# Things residents say in the tests: none may reach a log.
RESIDENT_WORDS = (
    "nie świeci latarnia",
    "chcę porozmawiać z konsultantem",
    "jak wyrobić dowód osobisty",
    "halo, jest tam ktoś",
    "chodzi o meldunek syna",
    "odpis aktu urodzenia dla córki",
    "wymeldowanie byłego lokatora",
    "DROP TABLE",
    "onerror=",
    # tests/test_doors.py: a forged message, a forged report's contact, a name in a payload
    "wtrącam się",
    "Podrobiony",
    "Zgrzebłowicz",
)
# Every stack writes one log per process into its var/log/ (bot/stack.py; the
# cluster adds "-1", "-2"): the scan must see each, or a process whose log moved
# would go unchecked.
PROCESSES = ("gateway", "rasa", "actions")


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    kind: str

    def __str__(self) -> str:
        # Where and what kind, never the match itself: the report must not leak it.
        return f"{self.path}:{self.line}: {self.kind}"


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return digits[2:] if len(digits) == 11 and digits.startswith("48") else digits


def scan_text(text: str) -> List[tuple[int, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if EMAIL.search(line):
            found.append((number, "e-mail address"))
        if any(_digits(m.group(0)) not in PUBLIC_NUMBERS for m in PHONE.finditer(line)):
            found.append((number, "phone number"))
        lowered = line.lower()
        if any(words.lower() in lowered for words in RESIDENT_WORDS):
            found.append((number, "resident's message text"))
    return found


def scan(paths: Iterable[Path]) -> List[Finding]:
    return [
        Finding(path, line, kind)
        for path in paths
        for line, kind in scan_text(path.read_text(errors="replace"))
    ]


# A log directory holding this file lists the processes a test started on purpose
# (one per line), e.g. a gateway run alone; every other directory is a whole stack.
EXPECTED = "processes"


def missing_process_logs(log_dirs: Iterable[Path]) -> List[Finding]:
    """A finding for each stack's log directory that lacks one process's log."""
    found = []
    for directory in sorted(set(log_dirs)):
        kinds = {log.stem.split("-")[0] for log in directory.glob("*.log")}
        listed = directory / EXPECTED
        expected = listed.read_text().split() if listed.exists() else PROCESSES
        found += [
            Finding(directory / f"{name}.log", 0, "no log of this process")
            for name in expected
            if name not in kinds
        ]
    return found


def scan_run(base: Path) -> List[Finding]:
    """Every process log under ``base`` (a test run's temporary directory), scanned."""
    logs = sorted(base.glob("**/log/*.log"))
    return missing_process_logs(log.parent for log in logs) + scan(logs)
