"""`python -m bench --out DIR` works for a folder outside the repository (issue 19)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from bench.__main__ import shown
from bench.handoff import HandoffRecord, summarize
from bench.report import write
from bench.saturation import saturation, windows
from bot.settings import ROOT


def test_paths_inside_the_repository_are_shown_relative_and_outside_it_absolute(
    tmp_path: Path,
) -> None:
    assert shown(ROOT / "bench" / "results" / "latest.md") == "bench/results/latest.md"
    assert shown(tmp_path / "latest.md") == str(tmp_path.resolve() / "latest.md")


def test_the_report_is_written_to_a_folder_outside_the_repository(tmp_path: Path) -> None:
    shutil.copy(ROOT / "bench" / "results" / "latest.json", tmp_path / "latest.json")
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--report-only", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "latest.md").read_text("utf-8").startswith("#")


def test_the_hand_off_and_saturation_parts_are_written_outside_the_repository(
    tmp_path: Path,
) -> None:
    """latest.md and latest.json with this run's hand-off figures and ramps (issue 19)."""
    results = json.loads((ROOT / "bench" / "results" / "latest.json").read_text("utf-8"))
    gateway = next(r for r in results["load"]["runs"] if r["target"] == "gateway")
    rasa = next(r for r in results["load"]["runs"] if r["target"] == "rasa")
    records = [HandoffRecord(requested=1.0, answered=1.8, resumed=2.4, pushes=3)]
    gateway["handoff"] = summarize(records, 0, {"chats_handled": 1, "refused_409": 0})
    rasa["handoff"] = summarize([], 1, {})
    found = windows([(t * 0.5, 0.05 * t, True) for t in range(60)], width=10, until=30)
    results["load"]["handoff_share"] = 0.2
    results["load"]["ramps"] = [
        {
            "target": "gateway",
            "peak": 200,
            "ramp_seconds": 30,
            "window_seconds": 10,
            "wall_seconds": 31,
            "messages": 60,
            "errors": 0,
            "error_kinds": {},
            "saturation": saturation(found),
            "windows": [w.as_json() for w in found],
        }
    ]
    out = tmp_path / "elsewhere"
    written = write(results, out)
    assert all(path.exists() for path in written) and out / "saturation.png" in written
    text = (out / "latest.md").read_text("utf-8")
    assert "## Hand-off" in text and "## Saturation" in text
    assert "| saturation throughput, gateway (ramp to 200 residents" in text
    assert "| rasa | 1 skipped |" in text
    stored = json.loads((out / "latest.json").read_text("utf-8"))
    assert stored["load"]["ramps"][0]["saturation"]["msg_per_s"] == 2.0
    assert stored["load"]["ramps"][0]["saturation"]["crossed_at_s"] == 10
