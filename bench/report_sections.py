"""The hand-off and saturation parts of latest.md (the rest is bench/report.py)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from bench.handoff import CONSOLE_POLL_SECONDS
from bench.saturation import P95_LIMIT_MS


def ms(value: Optional[float]) -> str:
    return "–" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _kinds(counts: Dict[str, int]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in counts.items())


def saturation_value(ramp: Dict[str, Any]) -> str:
    figure = ramp["saturation"]
    if figure["reached"]:
        return f"{figure['msg_per_s']:.1f} msg/s"
    return f"≥ {figure['msg_per_s']:.1f} msg/s (p95 stayed under {P95_LIMIT_MS / 1000:g} s)"


def summary_rows(results: Dict[str, Any]) -> List[str]:
    """The summary table's rows for the hand-offs and the ramps."""
    rows = []
    for run in results["load"]["runs"]:
        handoff = run.get("handoff") or {}
        if run["target"] != "gateway" or not handoff.get("requested"):
            continue
        rows.append(
            f"| hand-offs at {run['concurrency']}: answered / asked, request → consultant's "
            f"answer at the resident median / p95, errors | {handoff['answered']} / "
            f"{handoff['requested']}, {ms(handoff['answer_ms_median'])} / "
            f"{ms(handoff['answer_ms_p95'])} ms, {handoff['errors']} |"
        )
    for ramp in results["load"].get("ramps") or []:
        rows.append(
            f"| saturation throughput, {ramp['target']} (ramp to {ramp['peak']} residents; "
            f"last {ramp['window_seconds']:g} s window with p95 < {P95_LIMIT_MS / 1000:g} s) | "
            f"{saturation_value(ramp)} |"
        )
    return rows


def handoff_section(results: Dict[str, Any]) -> List[str]:
    load = results["load"]
    runs = [r for r in load["runs"] if r.get("handoff", {}).get("requested")]
    skipped = [r for r in load["runs"] if r.get("handoff", {}).get("skipped")]
    if not runs and not skipped:
        return []
    lines = [
        "",
        "## Hand-off",
        "",
        f"{load.get('handoff_share', 0):.0%} of each level's conversations (chosen by the "
        'seed, at least one) write "chcę rozmawiać z konsultantem" after their FAQ questions. '
        "Through the gateway, in office hours, the assistant queues the chat; a simulated "
        "consultant, logged in through the console's form, polls `/console/api/queue` every "
        f"{CONSOLE_POLL_SECONDS:g} s, as the console does, and takes each waiting chat at once "
        "(the bench stack lifts the limit of chats held at once, so the figures measure the "
        "assistant, not the staffing), writes one answer and ends it "
        "(`/console/api/conversations/…/take`, `…/messages`, `…/end`). The resident, like the "
        "widget, has the conversation's WebSocket open (`/api/v1/conversations/…/ws`) and "
        "waits for the answer and the assistant's return to be pushed, then goes on with the "
        "report. *Request → answer*: from sending the request until the consultant's answer "
        "reaches the resident (up to the consultant's polling interval of it is the wait "
        "for the console to see the chat). Bare Rasa cannot hand off (no gateway, queue or "
        "console): there those conversations skip the step. The latency, msg/s and overhead "
        "figures above leave the hand-off requests out (they are here), so both targets are "
        "compared on the same messages; the errors above include failed hand-offs, and the "
        "CPU per message includes the hand-offs' work and the consultant's polling.",
        "",
        "| concurrent | target | hand-offs | answered | request ms (median) | request → "
        "answer, median / p95 ms | → assistant back, median ms | errors | consultant: "
        "chats, refused (409), errors |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in load["runs"]:
        h = r.get("handoff") or {}
        if h.get("skipped") and not h.get("requested"):
            lines.append(
                f"| {r['concurrency']} | {r['target']} | {h['skipped']} skipped | – | – | – "
                "| – | – | – |"
            )
            continue
        if not h.get("requested"):
            continue
        errors = str(h["errors"]) + (f" ({_kinds(h['error_kinds'])})" if h["error_kinds"] else "")
        c = h.get("consultant") or {}
        lines.append(
            f"| {r['concurrency']} | {r['target']} | {h['requested']} | {h['answered']} | "
            f"{ms(h.get('request_ms_median'))} | {ms(h['answer_ms_median'])} / "
            f"{ms(h['answer_ms_p95'])} | {ms(h['given_back_ms_median'])} | {errors} | "
            f"{c.get('chats_handled', '–')}, {c.get('refused_409', '–')}, "
            f"{c.get('errors', '–')} |"
        )
    return lines


def saturation_section(results: Dict[str, Any]) -> List[str]:
    ramps = results["load"].get("ramps") or []
    if not ramps:
        return []
    first = ramps[0]
    lines = [
        "",
        "## Saturation",
        "",
        f"A ramp per target: {first['peak']} residents start one after another, evenly over "
        f"{first['ramp_seconds']:g} s, each playing the scenario's visit (without the "
        "hand-off, so both targets do the same work) again and again until the ramp ends, "
        "so the offered rate rises with the number of residents. The answers are cut into "
        f"{first['window_seconds']:g} s windows by the time they came back. *Saturation "
        "throughput*: the answered messages per second of the last window before the first "
        f"whose p95 reaches {P95_LIMIT_MS / 1000:g} s.",
        "",
        "| target | saturation throughput | p95 first ≥ 1 s in the window from | messages | "
        "errors |",
        "|---|---|---|---|---|",
    ]
    for ramp in ramps:
        crossed = ramp["saturation"]["crossed_at_s"]
        errors = str(ramp["errors"])
        if ramp["error_kinds"]:
            errors += f" ({_kinds(ramp['error_kinds'])})"
        lines.append(
            f"| {ramp['target']} | {saturation_value(ramp)} | "
            f"{'–' if crossed is None else f'{crossed:g} s'} | {ramp['messages']} | {errors} |"
        )
    names = [r["target"] for r in ramps]
    lines += [
        "",
        "Windows (msg/s, median / p95 ms):",
        "",
        "| window s | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for i, window in enumerate(first["windows"]):
        cells = []
        for ramp in ramps:
            w = ramp["windows"][i] if i < len(ramp["windows"]) else None
            cells.append(
                "–"
                if w is None
                else f"{w['msg_per_s']:.1f}, {ms(w['median_ms'])} / {ms(w['p95_ms'])}"
            )
        lines.append(f"| {window['start_s']:g}–{window['end_s']:g} | " + " | ".join(cells) + " |")
    return lines


def nlu_section(nlu: Optional[Dict[str, Any]]) -> List[str]:
    """The held-out NLU figures: top confusions and the worst classes."""
    if not nlu:
        return []
    lines: List[str] = []
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
    return lines


def _counts(counts: Dict[str, int]) -> str:
    return ", ".join(f"{k} ×{v}" for k, v in counts.items()) or "–"
