"""NLU figures of the model the stack has loaded: scripts.nlu_eval on the held-out set.

Parse latency is per message through Rasa's /model/parse on the loaded model
(HTTP on loopback included, as a client of the server sees it), after a
warm-up. The training time is the one scripts/train_if_changed.py stored
beside the model; the bench never retrains.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

import httpx

from bot.settings import ROOT
from scripts.nlu_eval import Example, evaluate, load_examples
from scripts.train_if_changed import STAMP, fingerprint

HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
WARM_UP = 20


def held_out(limit: int | None = None) -> List[Example]:
    examples = load_examples(HELDOUT)
    return examples[:limit] if limit else examples


def run(rasa_url: str, token: str, examples: List[Example]) -> Dict[str, Any]:
    """Scores the examples against the running Rasa server; adds confusions and training."""
    with httpx.Client(base_url=rasa_url, params={"token": token}, timeout=60) as client:

        def parse(text: str) -> Dict[str, Any]:
            response = client.post("/model/parse", json={"text": text})
            response.raise_for_status()
            return dict(response.json())

        for example in examples[:WARM_UP]:
            parse(example.text)
        result = evaluate(examples, parse)
    result["top_confusions"] = top_confusions(result["errors"])
    result["worst_classes"] = worst_classes(result["per_class"], result["errors"])
    result["training"] = training_time()
    return result


def top_confusions(errors: List[Dict[str, str]], count: int = 10) -> List[Dict[str, Any]]:
    """The most frequent (expected, predicted) pairs among the misclassified messages."""
    pairs = Counter((e["expected"], e["predicted"]) for e in errors)
    return [
        {
            "expected": expected,
            "predicted": predicted,
            "count": n,
            "example": next(
                e["text"]
                for e in errors
                if (e["expected"], e["predicted"]) == (expected, predicted)
            ),
        }
        for (expected, predicted), n in pairs.most_common(count)
    ]


def worst_classes(
    per_class: Dict[str, Dict[str, float]], errors: List[Dict[str, str]], count: int = 8
) -> List[Dict[str, Any]]:
    """The classes of lowest F1, with what their messages were taken for."""
    ranked = sorted(per_class.items(), key=lambda item: (item[1]["f1"], item[0]))[:count]
    rows = []
    for label, scores in ranked:
        taken_for = Counter(e["predicted"] for e in errors if e["expected"] == label)
        taken_as = Counter(e["expected"] for e in errors if e["predicted"] == label)
        rows.append(
            {
                "class": label,
                **scores,
                "taken_for": dict(taken_for.most_common(3)),
                "wrongly_receives": dict(taken_as.most_common(3)),
            }
        )
    return rows


def training_time(stamp: Path = STAMP) -> Dict[str, Any]:
    """Seconds of the last training, if it trained the model in models/ now."""
    if not stamp.exists():
        return {"seconds": None, "note": "unknown: no models/fingerprint.json"}
    data = json.loads(stamp.read_text())
    seconds = data.get("training_seconds")
    if seconds is None:
        return {"seconds": None, "note": "unknown: the model was trained before times were kept"}
    if data.get("fingerprint") != fingerprint():
        return {"seconds": None, "note": "unknown: the stored time is of an older model"}
    return {
        "seconds": seconds,
        "note": "from scripts/train_if_changed.py (models/fingerprint.json)",
    }
