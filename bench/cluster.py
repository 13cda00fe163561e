"""`python -m bench.cluster` (part of `make bench`): the same load on the scale-out.

Starts the cluster of bot/cluster.py on bench ports and its own databases,
Redis names and RabbitMQ queue (all removed afterwards), then plays the
benchmark's conversations at each level, half through each gateway, and writes
bench/results/cluster.json and cluster.md. On two cores the replicas share the
same CPUs, so this measures what the shape costs or gains here, not what more
machines would give.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List

from bench import load
from bench.rss import cpu_seconds, peaks_mib
from bench.stack import IN_HOURS
from bot.cluster import ClusterPlan, check_services, drop_databases, running_cluster
from bot.settings import ROOT, Settings

RESULTS = ROOT / "bench" / "results"


def bench_plan() -> ClusterPlan:
    return ClusterPlan(
        gateway_ports=(18700, 18701),
        rasa_ports=(15705, 15706),
        action_ports=(15755, 15756),
        app_db="kck_bench",
        tracker_db="kck_bench_tracker",
        hub_channel="kck:bench",
        lock_prefix="kckbench",
        event_queue="kck_bench_events",
    )


async def split_level(
    plan: ClusterPlan, level: int, think: tuple[float, float], seed: int
) -> Dict[str, Any]:
    """``level`` conversations at once, half on each gateway (as a load balancer would)."""
    halves = [level // 2, level - level // 2]
    results = await asyncio.gather(
        *(
            load.run_level(load.GatewayTarget(plan.gateway_url(i + 1)), n, think, seed=seed + i)
            for i, n in enumerate(halves)
        )
    )
    merged = load.LevelResult(
        "cluster (2 gateways)",
        level,
        max(r.wall_seconds for r in results),
        [s for r in results for s in r.samples],
    )
    return merged.summary()


async def delete_queue(plan: ClusterPlan) -> None:
    import aio_pika

    connection = await aio_pika.connect(plan.rabbitmq_url)
    async with connection:
        channel = await connection.channel()
        await channel.queue_delete(plan.event_queue)


def write(results: Dict[str, Any], out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / "cluster.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    lines = [
        "# Benchmark of the scale-out (`make run-cluster` shape)",
        "",
        f"Run {results['run']['finished']}, {results['run']['machine']}; two Rasa servers, two "
        "action servers and two gateways on the same cores; PostgreSQL app database and "
        "tracker store, Redis lock store and hub, RabbitMQ event broker. Half of the "
        "conversations on each gateway; the scenario and think times of `make bench`.",
        "",
        "| concurrent conversations | msg/s | median ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|",
    ]
    for run in results["runs"]:
        lines.append(
            f"| {run['concurrency']} | {run['messages_per_second']} | {run['latency_ms_median']} "
            f"| {run['latency_ms_p95']} | {run['latency_ms_p99']} | {run['errors']} |"
        )
    lines += [
        "",
        "Peak RSS (MiB): "
        + ", ".join(f"{k} {v['peak_mib']}" for k, v in results["peak_rss_mib"].items()),
    ]
    lines += [
        "",
        "CPU ms per answered message: "
        + ", ".join(f"{k} {v}" for k, v in results["cpu_ms_per_message"].items()),
    ]
    path = out / "cluster.md"
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--levels", default="10,50,200")
    parser.add_argument("--think", default="2,8")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    plan = bench_plan()
    problems = check_services(plan)
    if problems:
        raise SystemExit(
            "The cluster benchmark needs PostgreSQL, Redis and RabbitMQ: " + "; ".join(problems)
        )
    think = tuple(float(x) for x in args.think.split(","))
    settings = Settings(var_dir=ROOT / "var" / "bench-cluster", database_url=plan.app_db_url)
    extra_env = {"KCK_NOW": IN_HOURS, "TELEGRAM_BOT_TOKEN": "", "KCK_RATE_NEW_CHATS": "1000000"}
    drop_databases(plan)
    print("Starting the bench cluster (2 × Rasa, actions, gateway)...", flush=True)
    runs: List[Dict[str, Any]] = []
    started = time.monotonic()
    try:
        with running_cluster(settings, plan, extra_env) as cluster:
            pids = {name: p.pid for name, p in cluster.processes.items()}
            asyncio.run(split_level(plan, 2, (0.0, 0.0), seed=1))  # warm-up
            before = {name: cpu_seconds(pid) for name, pid in pids.items()}
            answered = 0
            for level in (int(x) for x in args.levels.split(",")):
                print(f"cluster: {level} concurrent conversations...", flush=True)
                summary = asyncio.run(
                    split_level(plan, level, (think[0], think[1]), args.seed + level)
                )
                answered += summary["answered"]
                runs.append(summary)
                print(
                    f"  {summary['messages_per_second']} msg/s, "
                    f"median {summary['latency_ms_median']} ms, "
                    f"p95 {summary['latency_ms_p95']} ms, errors {summary['errors']}",
                    flush=True,
                )
            cpu = {
                name: round(1000 * (cpu_seconds(pid) - before[name]) / max(answered, 1), 1)
                for name, pid in pids.items()
            }
            peaks = peaks_mib(pids)
    finally:
        drop_databases(plan)
        asyncio.run(delete_queue(plan))
    results = {
        "run": {
            "finished": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "seconds": round(time.monotonic() - started),
            "machine": f"{os.cpu_count()} cores",
        },
        "runs": runs,
        "peak_rss_mib": peaks,
        "cpu_ms_per_message": cpu,
    }
    print(f"Wrote {write(results, args.out)}")


if __name__ == "__main__":
    main()
