"""bench/results/: latest.json (everything measured), latest.md (the tables) and PNG charts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional

from bench import report_sections
from bench.charts import PROCESS_NAMES, draw


def write(results: Dict[str, Any], out: Path) -> List[Path]:
    out.mkdir(parents=True, exist_ok=True)
    charts = draw(results, out)
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
    for ramp in results["load"].get("ramps") or []:
        if ramp["target"] == "gateway":
            found.append(
                {
                    "target": "saturation throughput through the gateway ≥ 22 msg/s (issue 19:"
                    " twice the ≈ 11 msg/s of 2026-11-25)",
                    "measured": report_sections.saturation_value(ramp),
                    "met": ramp["saturation"]["msg_per_s"] >= 22,
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
    lines += report_sections.summary_rows(results)
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
        "the same machine as the load client, clock in office hours; one simulated "
        "consultant in the console during the gateway's levels (see Hand-off).",
        "",
        "## Summary",
        "",
        *summary_table(results),
        "",
        "## Targets of issues 6 and 19",
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
        "included). `rasa` is the same load straight at Rasa's REST channel. Requests for "
        "a consultant are left out of these figures (see Hand-off), as bare Rasa cannot "
        "hand off.",
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
        "CPU time per answered message (ms; user + system from /proc, during each level; "
        "through the gateway it includes the hand-offs' work: the requests, the residents' "
        "and the consultant's polling, take, answer and end; `--handoff-share 0` leaves "
        "them out):",
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
    lines += report_sections.handoff_section(results)
    lines += report_sections.saturation_section(results)
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
    lines += report_sections.nlu_section(results.get("nlu"))
    lines += ["", "## Charts", ""]
    lines += [f"![{name}]({name})" for name in results.get("charts", [])]
    return "\n".join(lines) + "\n"


KINDS = ["faq", "report", "button", "status"]
