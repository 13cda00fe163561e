"""Memory and CPU time of the stack's processes, read from /proc (no psutil here).

VmHWM is the kernel's own peak of the resident set, so the peak is exact even
between samples; the sampler only draws the curve for the chart.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Tuple

TICKS = os.sysconf("SC_CLK_TCK")


def status_kib(pid: int) -> Dict[str, int]:
    """VmRSS and VmHWM of one process in KiB ({} once it has exited)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {
        line.split(":")[0]: int(line.split()[1])
        for line in lines
        if line.startswith(("VmRSS:", "VmHWM:"))
    }


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its descendants so far."""
    total = 0.0
    for one in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    return total


def machine_busy_seconds() -> float:
    """CPU time every process of the machine has used (all cores, /proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / TICKS


def children(pid: int) -> List[int]:
    """Every descendant of a process (e.g. worker processes a server forks)."""
    found: List[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            direct = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in direct:
            found += [child, *children(child)]
    return found


def peaks_mib(pids: Dict[str, int]) -> Dict[str, Dict[str, Any]]:
    """Peak (VmHWM) and current RSS of each named process, its descendants listed apart."""
    result: Dict[str, Dict[str, Any]] = {}
    for name, pid in pids.items():
        own = status_kib(pid)
        row: Dict[str, Any] = {
            "pid": pid,
            "peak_mib": round(own.get("VmHWM", 0) / 1024, 1),
            "rss_mib": round(own.get("VmRSS", 0) / 1024, 1),
        }
        descendants = [status_kib(c) for c in children(pid)]
        if descendants:
            row["children"] = len(descendants)
            row["children_peak_mib_sum"] = round(
                sum(d.get("VmHWM", 0) for d in descendants) / 1024, 1
            )
        result[name] = row
    return result


@dataclass
class Sampler:
    """Samples VmRSS of each process (with its descendants) every ``interval`` seconds."""

    pids: Dict[str, int]
    interval: float = 1.0
    samples: List[Tuple[float, str, float]] = field(default_factory=list)  # (s, name, MiB)
    marks: List[Tuple[float, str]] = field(default_factory=list)  # (s, phase that starts)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _t0: float = field(default_factory=time.monotonic)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def mark(self, phase: str) -> None:
        self.marks.append((round(time.monotonic() - self._t0, 1), phase))

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()

    def series(self) -> Dict[str, List[List[float]]]:
        """The samples per process as [[seconds, MiB], ...] (compact in the JSON file)."""
        return {name: [[t, mib] for t, n, mib in self.samples if n == name] for name in self.pids}

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            elapsed = round(time.monotonic() - self._t0, 2)
            for name, pid in self.pids.items():
                kib = sum(status_kib(p).get("VmRSS", 0) for p in [pid, *children(pid)])
                self.samples.append((elapsed, name, round(kib / 1024, 1)))
