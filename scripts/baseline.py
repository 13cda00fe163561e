"""The plain baseline every NLU change is measured against (issue 13).

TF-IDF of character 2–5-grams and word 1–2-grams on folded text, logistic
regression, every intent and ``faq/<key>`` as one flat label, trained on the
same ``data/nlu``. No lemmas, no sentence reading, no fallback: if the
assistant's pipeline does not beat this on every evaluation set, it is not done.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, List

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_union

from nlu.folding import fold
from scripts.nlu_eval import Example, load_examples

ROOT = Path(__file__).resolve().parent.parent


def training_examples(directory: Path = ROOT / "data" / "nlu") -> List[Example]:
    return [e for path in sorted(directory.glob("*.yml")) for e in load_examples(path)]


def train_baseline(examples: List[Example]) -> Callable[[str], Dict[str, Any]]:
    """Fits the baseline; returns a parse function with Rasa's output shape."""
    model = Pipeline(
        [
            (
                "tfidf",
                make_union(
                    TfidfVectorizer(preprocessor=fold, analyzer="char_wb", ngram_range=(2, 5)),
                    TfidfVectorizer(preprocessor=fold, analyzer="word", ngram_range=(1, 2)),
                ),
            ),
            ("lr", LogisticRegression(max_iter=2000)),
        ]
    )
    model.fit([e.text for e in examples], [e.label for e in examples])

    def parse(text: str) -> Dict[str, Any]:
        label = str(model.predict([text])[0])
        intent = label.split("/", 1)[0]
        parsed: Dict[str, Any] = {"intent": {"name": intent}}
        if "/" in label:
            parsed["response_selector"] = {intent: {"response": {"intent_response_key": label}}}
        return parsed

    return parse
