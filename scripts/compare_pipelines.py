"""Compare NLU pipelines on the held-out set (the README's NLU section).

For each config in scripts/pipelines/*.yml: train the NLU part only, load it
in-process, score tests/nlu/heldout.yml and a copy of it with Polish letters
folded away (as many residents type), and time the training. Writes
reports/pipelines.{json,md}. Takes several minutes per pipeline.

    .venv/bin/python -m scripts.compare_pipelines [name ...]
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List

from scripts.nlu_eval import Example, evaluate, load_examples

ROOT = Path(__file__).resolve().parent.parent
PIPELINES = ROOT / "scripts" / "pipelines"
OUT = ROOT / "reports"
FOLD = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def train(config: Path, out: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "train",
            "nlu",
            "--config",
            str(config),
            "--nlu",
            "data",
            "--out",
            str(out),
            "--fixed-model-name",
            config.stem,
            "--quiet",
        ],
        cwd=ROOT,
        check=True,
    )
    return time.monotonic() - started


def score(model: Path, examples: List[Example]) -> Dict[str, Dict[str, Any]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()

    def parse(text: str) -> Dict[str, Any]:
        return dict(loop.run_until_complete(agent.parse_message(text)))

    folded = [Example(e.text.translate(FOLD), e.label) for e in examples]
    results = {
        "as_written": evaluate(examples, parse),
        "without_polish_letters": evaluate(folded, parse),
    }
    loop.close()
    return results


def main(names: List[str]) -> None:
    examples = load_examples(ROOT / "tests" / "nlu" / "heldout.yml")
    configs = sorted(PIPELINES.glob("*.yml"))
    if names:
        configs = [c for c in configs if c.stem in names]
    OUT.mkdir(exist_ok=True)
    summary_path = OUT / "pipelines.json"
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    for config in configs:
        print(f"== {config.stem}", flush=True)
        seconds = train(config, OUT / "pipeline-models")
        results = score(OUT / "pipeline-models" / f"{config.stem}.tar.gz", examples)
        summary[config.stem] = {
            "training_seconds": round(seconds, 1),
            **{
                variant: {k: r[k] for k in ("intent_accuracy", "faq_key_accuracy", "macro_f1")}
                for variant, r in results.items()
            },
            "parse_ms_median": results["as_written"]["parse_ms_median"],
        }
        summary_path.write_text(json.dumps(summary, indent=2))
        print(json.dumps(summary[config.stem], indent=2), flush=True)
    lines = [
        "| pipeline | intent acc. | FAQ-key acc. | macro F1 | intent acc. (no Polish letters) "
        "| FAQ-key acc. (no Polish letters) | training s |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in sorted(summary.items()):
        a, f = row["as_written"], row["without_polish_letters"]
        lines.append(
            f"| {name} | {a['intent_accuracy']:.3f} | {a['faq_key_accuracy']:.3f} | "
            f"{a['macro_f1']:.3f} | {f['intent_accuracy']:.3f} | {f['faq_key_accuracy']:.3f} | "
            f"{row['training_seconds']} |"
        )
    (OUT / "pipelines.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
