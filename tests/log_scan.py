"""Personal data in log files: phone numbers, e-mail addresses and residents' words.

tests/conftest.py scans every log the test run's processes wrote once the run
is over (its stacks stopped), so a log line added anywhere that prints what a
resident typed fails `make test`.
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
)


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
