"""`python -m bench` (`make bench`): start the bench stack, measure, write bench/results/.

.venv/bin/python -m bench                 # the full run (about 13 minutes on 2 cores)
.venv/bin/python -m bench --smoke         # 2 conversations (one hands off), 40 NLU messages,
                                          # a 12 s ramp to 4 residents; var/bench-smoke/
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Tuple

from bench import load, nlu, report, saturation
from bench.rss import Sampler, cpu_seconds, machine_busy_seconds, peaks_mib
from bench.stack import bench_stack, consultant_account
from bench.targets import Target
from bot.rasa_door import SECRET_ENV
from bot.settings import ROOT
from bot.stack import Stack

RESULTS = ROOT / "bench" / "results"
SMOKE_RESULTS = ROOT / "var" / "bench-smoke"
STACK_CODE = ["bot", "actions", "nlu", "data", "domain.yml", "config.yml", "endpoints.yml"]
SCENARIO = (
    "create (widget API only), one or two FAQ questions, a one-message report, "
    '"Pomiń zdjęcie", "Nie, bez kontaktu", "Wyślij zgłoszenie", a status query for its number; '
    "{share} of the conversations (chosen by the seed) ask for a consultant after the FAQ "
    "questions and wait for the simulated consultant's answer and the assistant's return "
    "before the report"
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--levels", default=None, help="concurrent conversations (10,50,200)")
    parser.add_argument("--think", default="2,8", help="think time between messages, min,max s")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--nlu-limit", type=int, default=0, help="score only the first N")
    parser.add_argument("--no-nlu", action="store_true")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--smoke", action="store_true", help="a tiny run to check the code")
    parser.add_argument(
        "--handoff-share", type=float, default=0.2, help="share of conversations that hand off"
    )
    parser.add_argument(
        "--ramp", type=int, default=None, help="residents at the ramp's end (0: no ramp)"
    )
    parser.add_argument("--ramp-seconds", type=float, default=None)
    parser.add_argument("--window", type=float, default=None, help="ramp window, s")
    parser.add_argument("--ramp-targets", default="rasa,gateway")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="redraw latest.md and the charts from latest.json",
    )
    args = parser.parse_args()
    if args.smoke:
        args.levels, args.nlu_limit = args.levels or "2", args.nlu_limit or 40
        args.out = args.out or SMOKE_RESULTS
        args.ramp = 4 if args.ramp is None else args.ramp
        args.ramp_seconds, args.window = args.ramp_seconds or 12.0, args.window or 4.0
    args.levels = args.levels or "10,50,200"
    if args.ramp is None:  # the ramp to 200 belongs to the full run, not to --levels 10
        args.ramp = 200 if "200" in args.levels.split(",") else 0
    args.ramp_seconds, args.window = args.ramp_seconds or 120.0, args.window or 10.0
    args.out = args.out or RESULTS
    return args


def shown(path: Path) -> str:
    """A path as the reader finds it: relative inside the repository, absolute outside it
    (``--out /tmp/bench`` must not fail after a quarter of an hour of measuring)."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return f"{os.cpu_count()} cores ({model}), {int(memory) // 1024 // 1024 + 1} GiB"


def commit() -> str:
    """HEAD when the stack starts, and whether the code it runs differs from it."""

    def git(*args: str) -> str:
        result = subprocess.run(  # noqa: S603 - fixed command
            ["git", *args],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--", *STACK_CODE)
    return head + (" with uncommitted changes to the stack's code" if changed else "")


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(stack: Stack, args: argparse.Namespace) -> Dict[str, Any]:
    settings = stack.settings
    pids = {name: stack.processes[name].pid for name in ("rasa", "actions", "gateway")}
    consultant = load.ConsoleSession(settings.gateway_url, *consultant_account(settings))
    asyncio.run(consultant.log_in())  # once, before anything is measured
    sampler = Sampler(pids)
    sampler.start()
    results: Dict[str, Any] = {}
    try:
        if not args.no_nlu:
            sampler.mark("NLU")
            print("NLU: scoring the held-out set...", flush=True)
            results["nlu"] = nlu.run(
                settings.rasa_url, settings.rasa_token, nlu.held_out(args.nlu_limit or None)
            )
            print(
                f"  intent {results['nlu']['intent_accuracy']:.3f}, "
                f"parse p95 {results['nlu']['parse_ms_p95']} ms",
                flush=True,
            )
        think = think_range(tuple(float(x) for x in args.think.split(",")))
        levels = [int(x) for x in args.levels.split(",")]
        targets: Dict[str, Target] = {
            "gateway": load.GatewayTarget(settings.gateway_url),
            "rasa": load.RasaTarget(settings.rasa_url, stack.doors[SECRET_ENV]),
        }
        sampler.mark("warm-up")
        asyncio.run(
            load.run_level(
                targets["gateway"], 2, (0.0, 0.0), 1, handoff_share=0.5, consultant=consultant
            )
        )
        runs: List[Dict[str, Any]] = []
        for level in levels:
            # Bare Rasa first: its conversations make the tracker store grow before the
            # gateway's, so the ratio does not flatter the gateway.
            for target in (targets["rasa"], targets["gateway"]):
                sampler.mark(f"{target.name} {level}")
                runs.append(measure_level(target, level, think, args, pids, consultant))
        results["load"] = {
            "levels": levels,
            "think_seconds": list(think),
            "seed": args.seed,
            "handoff_share": args.handoff_share,
            "scenario": SCENARIO.format(share=f"{args.handoff_share:.0%}"),
            "runs": runs,
            "ramps": [],
        }
        for name in args.ramp_targets.split(",") if args.ramp else []:
            sampler.mark(f"ramp {name}")
            results["load"]["ramps"].append(measure_ramp(targets[name], think, args))
    finally:
        sampler.stop()
    results["memory"] = {
        "peak": peaks_mib(pids),
        "samples": sampler.series(),
        "marks": sampler.marks,
    }
    return results


def measure_level(
    target: Target,
    level: int,
    think: Tuple[float, float],
    args: argparse.Namespace,
    pids: Dict[str, int],
    consultant: load.ConsoleSession,
) -> Dict[str, Any]:
    """One level on one target, with the CPU each process spent on it."""
    print(f"{target.name}: {level} concurrent conversations...", flush=True)
    cpu_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    client_before = time.process_time()
    machine_before = machine_busy_seconds()
    result = asyncio.run(
        load.run_level(
            target,
            level,
            think,
            seed=args.seed + level,
            handoff_share=args.handoff_share,
            consultant=consultant,
        )
    )
    summary = result.summary()
    cpu = {name: cpu_seconds(pid) - cpu_before[name] for name, pid in pids.items()}
    cpu["load client"] = time.process_time() - client_before
    # Whatever else ran on the machine meanwhile (other work would skew the figures).
    summary["other_cpu_seconds"] = round(
        machine_busy_seconds() - machine_before - sum(cpu.values()), 1
    )
    summary["cpu_seconds"] = {name: round(v, 1) for name, v in cpu.items()}
    summary["cpu_ms_per_message"] = {
        name: round(1000 * v / max(summary["answered"], 1), 1) for name, v in cpu.items()
    }
    handoff = summary["handoff"]
    print(
        f"  {summary['messages_per_second']} msg/s, median "
        f"{summary['latency_ms_median']} ms, p95 {summary['latency_ms_p95']} ms, "
        f"p99 {summary['latency_ms_p99']} ms, errors {summary['errors']} "
        f"{summary['error_kinds'] or ''}; hand-offs {handoff['answered']}/"
        f"{handoff['requested']} answered (median {handoff['answer_ms_median']} ms, "
        f"p95 {handoff['answer_ms_p95']} ms), {handoff['skipped']} skipped",
        flush=True,
    )
    return summary


def measure_ramp(
    target: Target, think: Tuple[float, float], args: argparse.Namespace
) -> Dict[str, Any]:
    print(
        f"{target.name}: ramp to {args.ramp} residents over {args.ramp_seconds:g} s...",
        flush=True,
    )
    ramp = asyncio.run(
        saturation.run_ramp(target, args.ramp, args.ramp_seconds, think, args.seed + 7, args.window)
    )
    figure = ramp["saturation"]
    print(
        f"  saturation throughput {figure['msg_per_s']} msg/s"
        + ("" if figure["reached"] else " (p95 never reached 1 s)")
        + f", errors {ramp['errors']}",
        flush=True,
    )
    return ramp


def think_range(think: Tuple[float, ...]) -> Tuple[float, float]:
    if len(think) != 2:
        raise SystemExit("--think takes two numbers: min,max")
    return think[0], think[1]


def main() -> None:
    args = parse_args()
    if args.report_only:
        results = json.loads((args.out / "latest.json").read_text())
        print("Wrote " + ", ".join(str(p) for p in report.write(results, args.out)))
        return
    model = ROOT / "models" / "kck.tar.gz"
    if not model.exists():
        raise SystemExit("No trained model in models/: run `make model` first.")
    before, head = loadavg(), commit()
    started = time.monotonic()
    print("Starting the bench stack (Rasa, action server, gateway)...", flush=True)
    with bench_stack() as stack:
        print(f"  healthy after {time.monotonic() - started:.0f} s", flush=True)
        results = measure(stack, args)
    results["run"] = {
        "finished": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": round(time.monotonic() - started),
        "machine": machine(),
        "commit": head,
        "model": shown(model),
        "loadavg_before": before,
        "loadavg_after": loadavg(),
        "smoke": args.smoke,
    }
    written = report.write(results, args.out)
    print("Wrote " + ", ".join(shown(p) for p in written))
    print((args.out / "latest.md").read_text().split("## Targets")[0])


if __name__ == "__main__":
    main()
