"""The charts of bench/results/: latency, throughput, the saturation ramp, memory, NLU."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

PROCESS_NAMES = {"rasa": "Rasa server", "actions": "action server", "gateway": "gateway"}
COLOURS = {"gateway": "#1f77b4", "rasa": "#ff7f0e", "actions": "#2ca02c"}


def draw(results: Dict[str, Any], out: Path) -> List[Path]:
    """Every chart the results have data for."""
    charts = (
        latency_chart(results, out),
        throughput_chart(results, out),
        saturation_chart(results, out),
        memory_chart(results, out),
        confusion_chart(results, out),
    )
    return [chart for chart in charts if chart]


def latency_chart(results: Dict[str, Any], out: Path) -> Optional[Path]:
    runs = results["load"]["runs"]
    if not runs:
        return None
    levels = results["load"]["levels"]
    fig, axes = plt.subplots(1, len(levels), figsize=(4 * len(levels), 4), squeeze=False)
    for ax, level in zip(axes[0], levels, strict=True):
        stats = ["latency_ms_median", "latency_ms_p95", "latency_ms_p99"]
        for offset, target in ((-0.2, "rasa"), (0.2, "gateway")):
            run = next(
                (r for r in runs if r["concurrency"] == level and r["target"] == target), None
            )
            if run is None:
                continue
            xs = [i + offset for i in range(len(stats))]
            ax.bar(xs, [run[s] for s in stats], width=0.4, label=target, color=COLOURS[target])
        ax.set_xticks(range(len(stats)))
        ax.set_xticklabels(["median", "p95", "p99"])
        ax.set_yscale("log")
        ax.axhline(300, color="grey", linestyle="--", linewidth=0.8)
        ax.set_title(f"{level} concurrent conversations")
        ax.set_ylabel("ms per message")
        ax.legend(loc="upper left", fontsize=8)
    fig.suptitle("Latency per message, gateway vs. bare Rasa (dashed: 300 ms)")
    fig.tight_layout()
    return _save(fig, out / "latency.png")


def throughput_chart(results: Dict[str, Any], out: Path) -> Optional[Path]:
    runs = results["load"]["runs"]
    if not runs:
        return None
    fig, ax = plt.subplots(figsize=(6, 4))
    levels = results["load"]["levels"]
    for target in ("rasa", "gateway"):
        points = [
            (r["concurrency"], r["messages_per_second"]) for r in runs if r["target"] == target
        ]
        if points:
            ax.plot(*zip(*points, strict=True), marker="o", label=target, color=COLOURS[target])
    ax.set_xscale("log")
    ax.set_xticks(levels)
    ax.set_xticklabels([str(level) for level in levels])
    ax.set_xlabel("concurrent conversations")
    ax.set_ylabel("answered messages per second")
    ax.set_title(
        f"Throughput (think time {results['load']['think_seconds'][0]:g}–"
        f"{results['load']['think_seconds'][1]:g} s between messages)"
    )
    ax.legend()
    fig.tight_layout()
    return _save(fig, out / "throughput.png")


def saturation_chart(results: Dict[str, Any], out: Path) -> Optional[Path]:
    """Each ramp's windows: answered msg/s (left) and p95 latency (right, log)."""
    ramps = results["load"].get("ramps") or []
    if not ramps:
        return None
    fig, ax = plt.subplots(figsize=(8, 4))
    right = ax.twinx()
    for ramp in ramps:
        colour = COLOURS.get(ramp["target"], "grey")
        ends = [w["end_s"] for w in ramp["windows"]]
        ax.plot(
            ends,
            [w["msg_per_s"] for w in ramp["windows"]],
            marker="o",
            color=colour,
            label=f"{ramp['target']}: msg/s",
        )
        right.plot(
            ends,
            [w["p95_ms"] for w in ramp["windows"]],
            linestyle="--",
            color=colour,
            label=f"{ramp['target']}: p95",
        )
    right.axhline(1000, color="grey", linewidth=0.8)
    right.set_yscale("log")
    right.set_ylabel("p95 ms (dashed; grey: 1 s)")
    ax.set_xlabel("seconds into the ramp (end of each window)")
    ax.set_ylabel("answered messages per second")
    peak = ramps[0]["peak"]
    ax.set_title(f"Ramp from 0 to {peak} residents over {ramps[0]['ramp_seconds']:g} s")
    ax.legend(loc="upper left", fontsize=8)
    right.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return _save(fig, out / "saturation.png")


def memory_chart(results: Dict[str, Any], out: Path) -> Optional[Path]:
    series = results["memory"]["samples"]
    if not any(series.values()):
        return None
    fig, ax = plt.subplots(figsize=(9, 4))
    for name, points in series.items():
        if points:
            ax.plot(*zip(*points, strict=True), label=PROCESS_NAMES[name], color=COLOURS[name])
    top = max(mib for points in series.values() for _t, mib in points)
    for t, phase in results["memory"]["marks"]:
        ax.axvline(t, color="grey", linewidth=0.6)
        ax.text(t, top, f" {phase}", rotation=90, va="top", fontsize=7)
    ax.set_xlabel("seconds since the stack was healthy")
    ax.set_ylabel("RSS MiB")
    ax.set_title("Resident memory during the benchmark")
    ax.legend(loc="center right")
    fig.tight_layout()
    return _save(fig, out / "memory.png")


def confusion_chart(results: Dict[str, Any], out: Path) -> Optional[Path]:
    """True class (rows) against prediction (columns) for the worst classes."""
    nlu = results.get("nlu")
    if not nlu or not nlu["worst_classes"]:
        return None
    classes = [w["class"] for w in nlu["worst_classes"]]
    for c in nlu["top_confusions"]:
        if c["expected"] not in classes:
            classes.append(c["expected"])
    columns = list(classes)
    for c in nlu["top_confusions"]:
        if c["predicted"] not in columns:
            columns.append(c["predicted"])
    columns.append("other")
    matrix = [[0] * len(columns) for _ in classes]
    for i, label in enumerate(classes):
        support = nlu["per_class"].get(label, {}).get("support", 0)
        wrong = [e["predicted"] for e in nlu["errors"] if e["expected"] == label]
        matrix[i][i] = support - len(wrong)
        for predicted in wrong:
            j = columns.index(predicted) if predicted in columns else len(columns) - 1
            matrix[i][j] += 1
    size = max(6.0, 0.45 * len(columns) + 3)
    fig, ax = plt.subplots(figsize=(size, size * 0.85))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(columns)))
    ax.set_xticklabels(columns, rotation=70, ha="right", fontsize=7)
    ax.set_yticks(range(len(classes)))
    ax.set_yticklabels(classes, fontsize=7)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=7)
    ax.set_xlabel("predicted")
    ax.set_ylabel("expected")
    ax.set_title("Held-out confusions of the worst classes")
    fig.tight_layout()
    return _save(fig, out / "nlu_confusion.png")


def _save(fig: Any, path: Path) -> Path:
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
