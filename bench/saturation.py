"""The saturation figure: a ramp of conversations, measured in windows.

``peak`` simulated residents start one after another, evenly over ``ramp_seconds``
(resident j at j × ramp_seconds / peak); each plays the load scenario's visit
(bench/load.py, without hand-offs, so both targets do the same work) again and again
until the ramp ends, so the offered rate rises steadily with the number of residents.
When the ramp ends nobody sends anything new; the answers still on their way are
awaited. The messages answered are then cut into windows of ``window_seconds`` by the
time each answer came back: per window the answered messages per second and the
median and p95 latency of every message that came back in it (failed ones included).

Saturation throughput: the messages per second of the last window before the first
whose p95 reaches 1 s (windows where nothing came back are passed over). If no
window reaches it, the ramp did not saturate the target: the figure is the best
window's rate, marked "not reached".
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

import httpx
import numpy as np

from bench.load import NOT_COMPARED, Conversation, Sample
from bench.targets import Target

P95_LIMIT_MS = 1000.0
# (seconds since the ramp began when the answer came back, latency in seconds, answered)
Point = Tuple[float, float, bool]


@dataclass(frozen=True)
class Window:
    start: float
    end: float
    answered: int
    errors: int
    msg_per_s: float
    median_ms: Optional[float]
    p95_ms: Optional[float]

    def as_json(self) -> Dict[str, Any]:
        return {
            "start_s": round(self.start, 1),
            "end_s": round(self.end, 1),
            "answered": self.answered,
            "errors": self.errors,
            "msg_per_s": self.msg_per_s,
            "median_ms": self.median_ms,
            "p95_ms": self.p95_ms,
        }


def windows(points: Sequence[Point], width: float, until: float) -> List[Window]:
    """The windows [0, width), [width, 2 width), … up to ``until`` (a last partial window
    is dropped: its rate would not compare)."""
    found = []
    count = int(until // width)
    for i in range(count):
        start, end = i * width, (i + 1) * width
        inside = [(seconds, ok) for at, seconds, ok in points if start <= at < end]
        ms = [seconds * 1000 for seconds, _ok in inside]
        answered = sum(1 for _s, ok in inside if ok)
        found.append(
            Window(
                start,
                end,
                answered,
                len(inside) - answered,
                round(answered / width, 2),
                round(float(np.percentile(ms, 50)), 1) if ms else None,
                round(float(np.percentile(ms, 95)), 1) if ms else None,
            )
        )
    return found


def saturation(found: Sequence[Window], limit_ms: float = P95_LIMIT_MS) -> Dict[str, Any]:
    """The saturation throughput of a ramp's windows (see the module's docstring)."""
    measured = [w for w in found if w.p95_ms is not None]
    for i, window in enumerate(measured):
        if window.p95_ms is not None and window.p95_ms >= limit_ms:
            before = measured[i - 1] if i > 0 else None
            return {
                "msg_per_s": before.msg_per_s if before else 0.0,
                "reached": True,
                "window_start_s": round(before.start, 1) if before else None,
                "crossed_at_s": round(window.start, 1),
            }
    best = max(measured, key=lambda w: w.msg_per_s, default=None)
    return {
        "msg_per_s": best.msg_per_s if best else 0.0,
        "reached": False,
        "window_start_s": round(best.start, 1) if best else None,
        "crossed_at_s": None,
    }


def points(samples: Sequence[Sample], origin: float) -> List[Point]:
    return [
        (s.at + s.seconds - origin, s.seconds, s.error is None)
        for s in samples
        if s.kind not in NOT_COMPARED
    ]


async def resident(
    target: Target,
    client: httpx.AsyncClient,
    rng: random.Random,
    think: Tuple[float, float],
    start: float,
    deadline: float,
    samples: List[Sample],
) -> None:
    """One resident of the ramp: visit after visit from ``start`` until ``deadline``."""
    await asyncio.sleep(start)
    while time.perf_counter() < deadline:
        visit = Conversation(target, client, rng, think, deadline=deadline)
        await visit.play(0.0)
        samples.extend(visit.samples)


async def run_ramp(
    target: Target,
    peak: int,
    ramp_seconds: float,
    think: Tuple[float, float],
    seed: int,
    window_seconds: float = 10.0,
    timeout: float = 120.0,
) -> Dict[str, Any]:
    """Ramps ``target`` from 0 to ``peak`` residents; the windows and the figure."""
    limits = httpx.Limits(max_connections=peak + 10, max_keepalive_connections=peak)
    samples: List[Sample] = []
    async with httpx.AsyncClient(
        base_url=target.base_url, timeout=timeout, limits=limits
    ) as client:
        origin = time.perf_counter()
        deadline = origin + ramp_seconds
        await asyncio.gather(
            *(
                resident(
                    target,
                    client,
                    random.Random(seed * 100_003 + j),  # noqa: S311 - load pattern
                    think,
                    j * ramp_seconds / peak,
                    deadline,
                    samples,
                )
                for j in range(peak)
            )
        )
        wall = time.perf_counter() - origin
    found = windows(points(samples, origin), window_seconds, ramp_seconds)
    errors: Dict[str, int] = {}
    for sample in samples:
        if sample.error:
            errors[sample.error] = errors.get(sample.error, 0) + 1
    return {
        "target": target.name,
        "peak": peak,
        "ramp_seconds": ramp_seconds,
        "window_seconds": window_seconds,
        "wall_seconds": round(wall, 1),
        "messages": sum(1 for s in samples if s.kind not in NOT_COMPARED),
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "saturation": saturation(found),
        "windows": [w.as_json() for w in found],
    }
