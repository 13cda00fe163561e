"""Parse latency on a loaded model and the Rasa server's memory.

Sends the first N held-out messages (after a warm-up) to a running Rasa
server's /model/parse, prints median and p95 in ms and the server's resident
memory (VmRSS now, VmHWM peak) read from /proc. Used for the closing notes
until `make bench` covers it.

    .venv/bin/python -m scripts.measure_parse [N]   # against `make run`'s Rasa
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot.settings import load
from scripts.nlu_eval import load_examples

ROOT = Path(__file__).resolve().parent.parent


def rasa_memory_kib(port: int) -> dict:
    """VmRSS and VmHWM of the process listening on the Rasa port."""
    out = subprocess.run(
        ["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, check=False
    ).stdout
    pid = out.split("pid=")[1].split(",")[0] if "pid=" in out else None
    if pid is None:
        return {}
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    return {
        line.split(":")[0]: int(line.split()[1])
        for line in status
        if line.startswith(("VmRSS", "VmHWM"))
    }


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    settings = load()
    texts = [e.text for e in load_examples(ROOT / "tests" / "nlu" / "heldout.yml")][:count]
    with httpx.Client(
        base_url=settings.rasa_url, params={"token": settings.rasa_token}, timeout=60
    ) as client:
        for text in texts[:20]:  # warm-up
            client.post("/model/parse", json={"text": text})
        times = []
        for text in texts:
            started = time.perf_counter()
            client.post("/model/parse", json={"text": text}).raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    result = {
        "messages": len(times),
        "parse_ms_median": round(statistics.median(times), 1),
        "parse_ms_p95": round(times[int(0.95 * (len(times) - 1))], 1),
        "rasa_memory_kib": rasa_memory_kib(settings.rasa_port),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
