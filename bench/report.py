"""bench/results/: latest.json (everything measured), latest.md (the tables) and PNG charts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

PROCESS_NAMES = {"rasa": "Rasa server", "actions": "action server", "gateway": "gateway"}
COLOURS = {"gateway": "#1f77b4", "rasa": "#ff7f0e", "actions": "#2ca02c"}


def write(results: Dict[str, Any], out: Path) -> List[Path]:
    out.mkdir(parents=True, exist_ok=True)
    charts = [
        chart
        for chart in (
            latency_chart(results, out),
            throughput_chart(results, out),
            memory_chart(results, out),
            confusion_chart(results, out),
        )
        if chart
    ]
    results["charts"] = [c.name for c in charts]
    (out / "latest.md").write_text(markdown(results), "utf-8")
    (out / "latest.json").write_text(to_json(results) + "\n", "utf-8")
    return [out / "latest.md", out / "latest.json", *charts]


def to_json(results: Dict[str, Any]) -> str:
    """Indented, except the memory samples: one line per process instead of one per number."""
    samples = results["memory"]["samples"]
    placeholder = {name: f"@@{name}@@" for name in samples}
    text = json.dumps(
        {**results, "memory": {**results["memory"], "samples": placeholder}},
        ensure_ascii=False,
        indent=2,
    )
    for name, points in samples.items():
        text = text.replace(f'"@@{name}@@"', json.dumps(points))
    return text


# ---------------------------------------------------------------- tables


def _ms(value: Optional[float]) -> str:
    return "–" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _pct(ratio: Optional[float]) -> str:
    return "–" if ratio is None else f"{ratio * 100:+.0f} %"


def overhead(results: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Gateway latency over bare Rasa's at each level, measured in the same run."""
    rows = []
    for level in results["load"]["levels"]:
        runs = {r["target"]: r for r in results["load"]["runs"] if r["concurrency"] == level}
        if "gateway" not in runs or "rasa" not in runs:
            continue
        g, r = runs["gateway"], runs["rasa"]
        row: Dict[str, Any] = {"concurrency": level}
        for stat in ("latency_ms_median", "latency_ms_p95"):
            row[stat] = round(g[stat] / r[stat] - 1, 3) if r[stat] else None
        rows.append(row)
    return rows


def targets(results: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The issue's figures to reach, each met or missed by this run's numbers."""
    runs = {(r["target"], r["concurrency"]): r for r in results["load"]["runs"]}
    found = []
    g50 = runs.get(("gateway", 50))
    if g50:
        found.append(
            {
                "target": "p95 end-to-end latency < 300 ms at 50 concurrent conversations",
                "measured": f"{_ms(g50['latency_ms_p95'])} ms",
                "met": g50["latency_ms_p95"] < 300,
            }
        )
    g200 = runs.get(("gateway", 200))
    if g200:
        found.append(
            {
                "target": "no errors at 200 concurrent conversations",
                "measured": f"{g200['errors']} errors in {g200['messages']} messages",
                "met": g200["errors"] == 0,
            }
        )
    for row in overhead(results):
        median = row["latency_ms_median"]
        if median is not None:
            found.append(
                {
                    "target": f"gateway overhead < 15 % of bare Rasa (median, {row['concurrency']}"
                    " concurrent)",
                    "measured": _pct(median),
                    "met": median < 0.15,
                }
            )
    return found


def summary_table(results: Dict[str, Any]) -> List[str]:
    """The README's table: the headline figures of this run."""
    nlu = results.get("nlu")
    lines = ["| figure | value |", "|---|---|"]
    if nlu:
        training = nlu["training"]["seconds"]
        lines += [
            f"| held-out intent accuracy ({nlu['examples']} messages) | "
            f"{nlu['intent_accuracy']:.3f} |",
            f"| held-out FAQ-key accuracy | {nlu['faq_key_accuracy']:.3f} |",
            f"| macro F1 | {nlu['macro_f1']:.3f} |",
            f"| parse latency on the loaded model, median / p95 | {nlu['parse_ms_median']} / "
            f"{nlu['parse_ms_p95']} ms |",
            "| training time (last `make model`) | "
            + (f"{training:.0f} s" if training is not None else nlu["training"]["note"])
            + " |",
        ]
    for run in results["load"]["runs"]:
        if run["target"] != "gateway":
            continue
        lines.append(
            f"| gateway, {run['concurrency']} concurrent conversations: msg/s, median / p95 / p99,"
            f" errors | {run['messages_per_second']:.1f} msg/s, {_ms(run['latency_ms_median'])} /"
            f" {_ms(run['latency_ms_p95'])} / {_ms(run['latency_ms_p99'])} ms, {run['errors']} |"
        )
    for row in overhead(results):
        lines.append(
            f"| gateway overhead over bare Rasa at {row['concurrency']} (median / p95) | "
            f"{_pct(row['latency_ms_median'])} / {_pct(row['latency_ms_p95'])} |"
        )
    for name, row in results["memory"]["peak"].items():
        lines.append(f"| peak RSS, {PROCESS_NAMES.get(name, name)} | {row['peak_mib']:,.0f} MiB |")
    return lines


def markdown(results: Dict[str, Any]) -> str:
    run = results["run"]
    load = results["load"]
    lines = [
        "# KCK Assistant benchmark (`make bench`)",
        "",
        f"Run {run['finished']} on {run['machine']} (load average before the run "
        f"{run['loadavg_before']}, after {run['loadavg_after']}); commit {run['commit']}; "
        f"model `{run['model']}`. The stack (Rasa, action server, gateway on SQLite) ran on "
        "the same machine as the load client, clock in office hours, no consultant online.",
        "",
        "## Summary",
        "",
        *summary_table(results),
        "",
        "## Targets of issue 6",
        "",
        "| target | measured | |",
        "|---|---|---|",
    ]
    for row in targets(results):
        lines.append(
            f"| {row['target']} | {row['measured']} | {'met' if row['met'] else 'missed'} |"
        )
    lines += [
        "",
        "## End to end",
        "",
        f"Each conversation: {load['scenario']}. Think time between messages "
        f"{load['think_seconds'][0]:g}–{load['think_seconds'][1]:g} s (uniform); the "
        "conversations of a level start spread over the first think time. Latency is per "
        "message (request sent → reply received), over every message sent, failed ones "
        "included; msg/s counts answered messages over the level's wall time (think time "
        "included). `rasa` is the same load straight at Rasa's REST channel.",
        "",
        "| concurrent | target | conversations | messages | msg/s | median ms | p95 ms "
        "| p99 ms | max ms | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in load["runs"]:
        errors = str(r["errors"])
        if r["error_kinds"]:
            errors += " (" + ", ".join(f"{k}: {v}" for k, v in r["error_kinds"].items()) + ")"
        lines.append(
            f"| {r['concurrency']} | {r['target']} | {r['conversations']} | {r['messages']} | "
            f"{r['messages_per_second']:.1f} | {_ms(r['latency_ms_median'])} | "
            f"{_ms(r['latency_ms_p95'])} | {_ms(r['latency_ms_p99'])} | "
            f"{_ms(r['latency_ms_max'])} | {errors} |"
        )
    lines += [
        "",
        "Median latency by message kind (ms):",
        "",
        "| concurrent | target | " + " | ".join(KINDS) + " |",
        "|---|---|" + "---|" * len(KINDS),
    ]
    for r in load["runs"]:
        kinds = r["latency_ms_median_by_kind"]
        lines.append(
            f"| {r['concurrency']} | {r['target']} | "
            + " | ".join(_ms(kinds.get(k)) for k in KINDS)
            + " |"
        )
    lines += [
        "",
        "CPU time per answered message (ms; user + system from /proc, during each level):",
        "",
        "| concurrent | target | Rasa server | action server | gateway | load client "
        "| other processes of the machine (s in all) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in load["runs"]:
        cpu = r.get("cpu_ms_per_message", {})
        lines.append(
            f"| {r['concurrency']} | {r['target']} | "
            + " | ".join(_ms(cpu.get(k)) for k in ("rasa", "actions", "gateway", "load client"))
            + f" | {r.get('other_cpu_seconds', '–')} |"
        )
    lines += ["", "Gateway overhead (gateway latency / bare Rasa latency − 1):", ""]
    lines += ["| concurrent | median | p95 |", "|---|---|---|"]
    for row in overhead(results):
        lines.append(
            f"| {row['concurrency']} | {_pct(row['latency_ms_median'])} | "
            f"{_pct(row['latency_ms_p95'])} |"
        )
    failures = [(r, f) for r in load["runs"] for f in r.get("failures", [])]
    if failures:
        lines += [
            "",
            "First failures of each level (all in latest.json):",
            "",
            "| concurrent | target | message kind | sent | error | ms |",
            "|---|---|---|---|---|---|",
        ]
        for r, f in failures:
            sent = f["sent"].replace("|", "\\|")
            lines.append(
                f"| {r['concurrency']} | {r['target']} | {f['kind']} | {sent} | {f['error']} | "
                f"{f['ms']} |"
            )
    lines += [
        "",
        "## Memory",
        "",
        "Peak resident set (VmHWM from /proc) of each process over the whole run.",
        "",
        "| process | peak RSS MiB | RSS at the end MiB |",
        "|---|---|---|",
    ]
    for name, row in results["memory"]["peak"].items():
        extra = ""
        if row.get("children"):
            extra = (
                f" (+{row['children']:.0f} child processes, peaks {row['children_peak_mib_sum']})"
            )
        lines.append(
            f"| {PROCESS_NAMES.get(name, name)}{extra} | {row['peak_mib']:,.0f} | "
            f"{row['rss_mib']:,.0f} |"
        )
    nlu = results.get("nlu")
    if nlu:
        lines += [
            "",
            "## NLU",
            "",
            f"{nlu['examples']} held-out messages (`tests/nlu/heldout.yml`, never trained on) "
            "scored by `scripts/nlu_eval.py` against the stack's Rasa server (`/model/parse`, "
            f"model loaded, after a warm-up). Training time: {nlu['training']['note']}.",
            "",
            "Top confusions:",
            "",
            "| expected | predicted | count | example |",
            "|---|---|---|---|",
        ]
        for c in nlu["top_confusions"]:
            example = c["example"].replace("|", "\\|")
            lines.append(f"| {c['expected']} | {c['predicted']} | {c['count']} | {example} |")
        lines += [
            "",
            "Worst classes:",
            "",
            "| class | precision | recall | F1 | its messages taken for | others taken for it |",
            "|---|---|---|---|---|---|",
        ]
        for w in nlu["worst_classes"]:
            lines.append(
                f"| {w['class']} | {w['precision']:.2f} | {w['recall']:.2f} | {w['f1']:.2f} | "
                f"{_counts(w['taken_for'])} | {_counts(w['wrongly_receives'])} |"
            )
    lines += ["", "## Charts", ""]
    lines += [f"![{name}]({name})" for name in results.get("charts", [])]
    return "\n".join(lines) + "\n"


KINDS = ["faq", "report", "button", "status"]


def _counts(counts: Dict[str, int]) -> str:
    return ", ".join(f"{k} ×{v}" for k, v in counts.items()) or "–"


# ---------------------------------------------------------------- charts


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
