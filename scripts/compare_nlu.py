"""The baseline and the assistant's pipeline side by side on all three sets.

    .venv/bin/python -m scripts.compare_nlu            # fits the classifier in-process (seconds)
    .venv/bin/python -m scripts.compare_nlu --rasa     # trains and loads a real Rasa NLU model
    .venv/bin/python -m scripts.compare_nlu --model models/x.tar.gz

The in-process mode fits the same scikit-learn pipeline and applies the same
sentence rule and fallback thresholds as ``config.yml``; ``--rasa`` goes
through ``rasa train nlu`` and Rasa's own parsing, as the running assistant
does. Writes reports/nlu_sets.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import yaml

from scripts.baseline import train_baseline, training_examples
from scripts.compare_pipelines import train
from scripts.route_eval import SETS, Parse, score

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"


def component(name: str, config: Path = ROOT / "config.yml") -> Dict[str, Any]:
    """One pipeline component's options from a Rasa config file."""
    for item in yaml.safe_load(config.read_text("utf-8"))["pipeline"]:
        if item["name"].split(".")[-1] == name:
            return dict(item)
    return {}


def fitted_classifier(texts: List[str], labels: List[str]) -> Any:
    """config.yml's LinearIntentClassifier fitted in-process on these examples."""
    from nlu.linear_classifier import LinearIntentClassifier

    options = component("LinearIntentClassifier")
    options.pop("name", None)
    classifier = LinearIntentClassifier(options, None, None)  # type: ignore[arg-type]
    classifier.fit(texts, labels)
    return classifier


def in_process_pipeline() -> Tuple[Parse, float]:
    """The classifier fitted without Rasa, then the components' own process() as in Rasa."""
    from rasa.shared.nlu.training_data.message import Message

    from nlu.fallback import LengthAwareFallbackClassifier

    fallback_options = component("LengthAwareFallbackClassifier")
    fallback_options.pop("name", None)
    fallback = LengthAwareFallbackClassifier(
        {**LengthAwareFallbackClassifier.get_default_config(), **fallback_options}
    )
    examples = training_examples()
    started = time.monotonic()
    classifier = fitted_classifier([e.text for e in examples], [e.label for e in examples])
    seconds = time.monotonic() - started

    def parse(text: str) -> Dict[str, Any]:
        message = Message(data={"text": text})
        fallback.process(classifier.process([message]))
        return dict(message.as_dict(only_output_properties=True))

    return parse, seconds


def rasa_pipeline(model: Path | None) -> Tuple[Parse, float]:
    """A real Rasa NLU model (trained now unless given) and Rasa's own parsing."""
    from rasa.core.agent import Agent

    seconds = 0.0
    if model is None:
        out = Path(tempfile.mkdtemp(prefix="kck-nlu-"))
        seconds = train(ROOT / "config.yml", out)
        model = out / "config.tar.gz"
    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()

    def parse(text: str) -> Dict[str, Any]:
        return dict(loop.run_until_complete(agent.parse_message(text)))

    return parse, seconds


def compare(pipeline: Parse) -> Dict[str, Dict[str, Any]]:
    """Both models on every set, in this one run."""
    baseline = train_baseline(training_examples())
    results: Dict[str, Dict[str, Any]] = {}
    for name, load in SETS.items():
        try:
            cases = load()
        except FileNotFoundError:
            print(f"{name}: set missing, skipped", file=sys.stderr)
            continue
        results[name] = {"baseline": score(cases, baseline), "pipeline": score(cases, pipeline)}
    return results


def table(results: Dict[str, Dict[str, Any]]) -> str:
    lines = [
        "| set | messages | baseline acceptable | baseline confidently wrong "
        "| baseline wrong, not asked | pipeline acceptable | pipeline confidently wrong "
        "| pipeline wrong, not asked | pipeline question back |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, pair in results.items():
        b, p = pair["baseline"], pair["pipeline"]
        lines.append(
            f"| {name} | {p['messages']} | {b['acceptable']:.3f} | {b['confidently_wrong']:.3f} "
            f"| {b['wrong_not_asked']:.3f} | {p['acceptable']:.3f} | {p['confidently_wrong']:.3f} "
            f"| {p['wrong_not_asked']:.3f} | {p['question_back']:.3f} |"
        )
    every = [pair["pipeline"] for pair in results.values()]
    total = sum(r["messages"] for r in every)
    wrong = sum(r["confidently_wrong"] * r["messages"] for r in every) / total
    lines.append(f"\nPipeline confidently wrong over all sets: {wrong:.3f} ({total} messages)")
    return "\n".join(lines)


def write(results: Dict[str, Dict[str, Any]], extra: Dict[str, Any]) -> str:
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "nlu_sets.json").write_text(
        json.dumps({**extra, "sets": results}, ensure_ascii=False, indent=2), "utf-8"
    )
    text = table(results)
    lines = ["# Baseline and pipeline on the three evaluation sets", "", text, ""]
    for name, pair in results.items():
        lines += [
            f"## {name}: pipeline per class",
            "",
            "| class | P | R | F1 | n |",
            "|---|---|---|---|---|",
        ]
        for label, row in sorted(pair["pipeline"]["per_class"].items()):
            lines.append(
                f"| {label} | {row['precision']:.2f} | {row['recall']:.2f} | {row['f1']:.2f} "
                f"| {row['support']} |"
            )
        lines += ["", f"### {name}: pipeline errors", ""]
        lines += [
            f"- `{e['route']}` (accept {', '.join(e['accept'])}): {e['text'][:300]}"
            for e in pair["pipeline"]["errors"]
        ]
        lines.append("")
    (REPORTS / "nlu_sets.md").write_text("\n".join(lines), "utf-8")
    return text


def main(argv: List[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rasa", action="store_true", help="train a real Rasa NLU model")
    parser.add_argument("--model", type=Path, help="score this Rasa model instead")
    args = parser.parse_args(argv)
    make: Callable[[], Tuple[Parse, float]] = in_process_pipeline
    if args.rasa or args.model:
        make = lambda: rasa_pipeline(args.model)  # noqa: E731
    pipeline, seconds = make()
    print(write(compare(pipeline), {"training_seconds": round(seconds, 1)}))
    print(f"training: {seconds:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
