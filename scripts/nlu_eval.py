"""Held-out NLU evaluation: intent and FAQ-key accuracy, per-class P/R/F1, latency.

Used by tests/test_nlu_heldout.py (with thresholds), by
scripts/compare_pipelines.py and by the benchmark. The parse function is
passed in, so the same code scores the running Rasa server over HTTP and a
model loaded in-process.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import yaml
from sklearn.metrics import precision_recall_fscore_support

Parse = Callable[[str], Dict[str, Any]]


@dataclass
class Example:
    text: str
    label: str  # a top-level intent, or faq/<key>

    @property
    def intent(self) -> str:
        return self.label.split("/", 1)[0]


def load_examples(path: Path) -> List[Example]:
    """Examples of a Rasa NLU YAML file (no entity markup expected)."""
    data = yaml.safe_load(path.read_text("utf-8"))
    examples = []
    for block in data.get("nlu", []):
        for line in str(block.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                examples.append(Example(line[2:].strip(), block["intent"]))
    return examples


def predicted_label(parsed: Dict[str, Any]) -> str:
    """The intent, or faq/<key> when the response selector answered."""
    intent = (parsed.get("intent") or {}).get("name") or "none"
    if intent == "faq":
        key = (
            ((parsed.get("response_selector") or {}).get("faq") or {})
            .get("response", {})
            .get("intent_response_key")
        )
        return str(key or "faq/?")
    return str(intent)


def evaluate(examples: List[Example], parse: Parse) -> Dict[str, Any]:
    """Scores every example; returns figures, per-class table and the errors."""
    truths, predictions, seconds = [], [], []
    for example in examples:
        started = time.perf_counter()
        parsed = parse(example.text)
        seconds.append(time.perf_counter() - started)
        truths.append(example.label)
        predictions.append(predicted_label(parsed))
    pairs = list(zip(truths, predictions, strict=True))
    intent_hits = [t.split("/")[0] == p.split("/")[0] for t, p in pairs]
    faq_pairs = [(t, p) for t, p in zip(truths, predictions, strict=True) if t.startswith("faq/")]
    labels = sorted(set(truths))
    precision, recall, f1, support = precision_recall_fscore_support(
        truths, predictions, labels=labels, zero_division=0
    )
    per_class = {
        label: {
            "precision": round(float(p), 3),
            "recall": round(float(r), 3),
            "f1": round(float(f), 3),
            "support": int(s),
        }
        for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
    }
    latencies_ms = sorted(s * 1000 for s in seconds)
    return {
        "examples": len(examples),
        "intent_accuracy": round(sum(intent_hits) / len(intent_hits), 4),
        "faq_key_accuracy": round(sum(t == p for t, p in faq_pairs) / max(len(faq_pairs), 1), 4),
        "macro_f1": round(float(statistics.mean(float(x) for x in f1)), 4),
        "parse_ms_median": round(statistics.median(latencies_ms), 1),
        "parse_ms_p95": round(latencies_ms[int(0.95 * (len(latencies_ms) - 1))], 1),
        "per_class": per_class,
        "errors": [
            {"text": e.text, "expected": t, "predicted": p}
            for e, t, p in zip(examples, truths, predictions, strict=True)
            if t != p
        ],
    }


def write_report(result: Dict[str, Any], directory: Path, name: str) -> Tuple[Path, Path]:
    """Writes <name>.json and a readable <name>.md with the per-class table."""
    directory.mkdir(parents=True, exist_ok=True)
    json_path = directory / f"{name}.json"
    json_path.write_text(json.dumps(result, ensure_ascii=False, indent=2), "utf-8")
    lines = [
        f"# Held-out NLU evaluation ({result['examples']} messages)",
        "",
        f"- intent accuracy: {result['intent_accuracy']:.3f}",
        f"- FAQ-key accuracy: {result['faq_key_accuracy']:.3f}",
        f"- macro F1: {result['macro_f1']:.3f}",
        f"- parse latency: median {result['parse_ms_median']} ms, p95 {result['parse_ms_p95']} ms",
        "",
        "| class | precision | recall | F1 | support |",
        "|---|---|---|---|---|",
    ]
    for label, row in sorted(result["per_class"].items(), key=lambda item: item[1]["f1"]):
        scores = f"{row['precision']:.2f} | {row['recall']:.2f} | {row['f1']:.2f}"
        lines.append(f"| {label} | {scores} | {row['support']} |")
    lines += ["", "## Misclassified", "", "| message | expected | predicted |", "|---|---|---|"]
    for error in result["errors"]:
        text = error["text"].replace("|", "\\|")
        lines.append(f"| {text} | {error['expected']} | {error['predicted']} |")
    md_path = directory / f"{name}.md"
    md_path.write_text("\n".join(lines) + "\n", "utf-8")
    return json_path, md_path
