"""Chooses the fallback thresholds on a validation split of the training data.

Never on the evaluation sets in tests/nlu/: those measure, they do not tune.
Five-fold stratified cross-validation over data/nlu: each fold's messages are
scored by the classifier fitted on the other four (with config.yml's options,
sentence reading included). Letters written for training are easier than
residents' real ones, so the threshold for long messages is also shown on
``tests/nlu/validation_longform.yml``: real letters from sources that neither
the training data nor the evaluation sets use, kept for this choice only
(``--validation``: the long threshold is taken from it).

For every pair (threshold, ambiguity threshold)
it counts right answers, wrong answers and questions back; the pair with the
best ``right - COST * wrong`` is printed, where COST says how many needless
questions back one wrong answer is worth.

    .venv/bin/python -m scripts.choose_threshold
"""

from __future__ import annotations

import argparse
import itertools
import sys
from typing import FrozenSet, List, Tuple

import numpy as np
from sklearn.model_selection import StratifiedKFold

from nlu.linear_classifier import (
    LONG_MESSAGE,
    Scored,
    intent_ranking,
    sentences,
)
from scripts.baseline import training_examples
from scripts.compare_nlu import fitted_classifier
from scripts.route_eval import SETS_DIR, long_form

COST = 2.0
THRESHOLDS = [round(x, 2) for x in np.arange(0.0, 0.61, 0.05)]
AMBIGUITIES = [0.0, 0.02, 0.05, 0.08, 0.1]


def out_of_fold() -> List[Tuple[str, List[Scored], str]]:
    """(true label, ranking, text) of every training example, by a model that never saw it."""
    examples = training_examples()
    texts = np.array([e.text for e in examples], dtype=object)
    labels = np.array([e.label for e in examples], dtype=object)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
    scored: List[Tuple[str, List[Scored], str]] = []
    for train, test in folds.split(texts, labels):
        classifier = fitted_classifier(list(texts[train]), list(labels[train]))
        scored += [(str(labels[i]), classifier.rank(str(texts[i])), str(texts[i])) for i in test]
    return scored


def outcome(
    ranking: List[Scored], truth: FrozenSet[str], threshold: float, ambiguity: float
) -> str:
    intents = intent_ranking(ranking)
    gap = intents[0]["confidence"] - (intents[1]["confidence"] if len(intents) > 1 else 0.0)
    if intents[0]["confidence"] < threshold or gap < ambiguity:
        return "asked"
    top = ranking[0]
    return "right" if top.label in truth or top.intent in truth else "wrong"


def main(argv: List[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--cost", type=float, default=COST, help="needless questions per wrong answer"
    )
    parser.add_argument(
        "--validation", action="store_true", help="long threshold from real letters"
    )
    args = parser.parse_args(argv)
    cost = args.cost
    everything = out_of_fold()
    chosen = {}
    for name, scored in (
        ("short messages (one sentence)", [s for s in everything if len(sentences(s[2])) < 2]),
        (
            "long messages (two or more sentences)",
            [s for s in everything if len(sentences(s[2])) >= 2],
        ),
    ):
        print(f"\n== {name}")
        best = choose([(frozenset({truth}), ranking) for truth, ranking, _ in scored], cost)
        chosen[name.split()[0]] = best
        print(f"chosen: threshold {best[0]}, ambiguity_threshold {best[1]}")
    if args.validation:
        # One ambiguity threshold serves both lengths: the short messages' (most messages).
        ambiguity = chosen["short"][1]
        print(f"\n== residents' real letters (validation_longform.yml), ambiguity {ambiguity}")
        best = choose(validation_letters(), cost, [ambiguity])
        print(f"chosen: long_threshold {best[0]}")


def validation_letters() -> List[Tuple[FrozenSet[str], List[Scored]]]:
    """The validation letters of two or more sentences, ranked by a model fitted on data/."""
    examples = training_examples()
    classifier = fitted_classifier([e.text for e in examples], [e.label for e in examples])
    cases = long_form(SETS_DIR / "validation_longform.yml")
    return [
        (c.accept, classifier.rank(c.text)) for c in cases if len(sentences(c.text)) >= LONG_MESSAGE
    ]


def choose(
    scored: List[Tuple[FrozenSet[str], List[Scored]]],
    cost: float,
    ambiguities: List[float] = AMBIGUITIES,
) -> Tuple[float, float]:
    """The (threshold, ambiguity) pair with the best value, after printing the top rows."""
    rows = []
    for threshold, ambiguity in itertools.product(THRESHOLDS, ambiguities):
        counts = {"right": 0, "wrong": 0, "asked": 0}
        for truth, ranking in scored:
            counts[outcome(ranking, truth, threshold, ambiguity)] += 1
        value = counts["right"] - cost * counts["wrong"]
        rows.append((value, threshold, ambiguity, counts))
    total = len(scored)
    print(f"{total} training messages, 5-fold out-of-fold; cost of a wrong answer {cost}")
    print("threshold ambiguity  right  wrong  asked  value")
    for value, threshold, ambiguity, counts in sorted(rows, key=lambda r: -r[0])[:12]:
        print(
            f"{threshold:9.2f} {ambiguity:9.2f}  {counts['right'] / total:.3f}  "
            f"{counts['wrong'] / total:.3f}  {counts['asked'] / total:.3f}  {value:.0f}"
        )
    best = max(rows, key=lambda r: r[0])
    return best[1], best[2]


if __name__ == "__main__":
    main(sys.argv[1:])
