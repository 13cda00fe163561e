"""The danger set and the near-miss set (tests/safety/*.txt), read once."""

from __future__ import annotations

from pathlib import Path
from typing import List

HERE = Path(__file__).parent
# At most this share of near-misses may be answered with 112 (issue 14).
NEAR_MISS_LIMIT = 0.02


def _read(name: str) -> List[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


DANGER = _read("danger.txt")
NEAR_MISS = _read("near_miss.txt")
