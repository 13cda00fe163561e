"""Text features of the linear classifier: folded characters and folded lemmas.

Two views of one message, each a TF-IDF matrix:

- character 2–5-grams (within word boundaries) of the folded text, which see
  "dziur" in "dziurę", "dziure" and "DZIURA!!!" alike and survive typos;
- word 1–2-grams of folded lemmas (simplemma), which see "latarni",
  "latarnią" and "latarnie" as one word. Words typed without Polish letters
  are looked up in a folded-form → lemma index learnt from the training texts
  written with them (simplemma leaves "dziure" unchanged).

Everything is a scikit-learn estimator, so the fitted pipeline pickles into
the Rasa model as one file and the comparison script can fit it without Rasa.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List

from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from nlu.folding import fold, has_polish_letters, squeeze_repeats
from nlu.lemmas import lemma_of

_WORD = re.compile(r"\w+")
_SEPARATOR = " \x1f "


def words(text: str) -> List[str]:
    """Lower-case words with stretched letters squeezed ("pomocyyy" -> "pomocy")."""
    return [squeeze_repeats(w) for w in _WORD.findall(text.lower())]


class LemmaText(BaseEstimator, TransformerMixin):
    """Raw text -> "folded text \\x1f folded lemmas", learning the folded index in fit."""

    def __init__(self) -> None:
        self.index_: Dict[str, str] = {}

    def fit(self, texts: Iterable[str], labels: Any = None) -> LemmaText:
        index: Dict[str, str] = {}
        for text in texts:
            for word in words(text):
                if has_polish_letters(word):
                    index.setdefault(fold(word), fold(lemma_of(word)))
        self.index_ = index
        return self

    def lemma(self, word: str) -> str:
        if has_polish_letters(word):
            return fold(lemma_of(word))
        return self.index_.get(word) or fold(lemma_of(word))

    def transform(self, texts: Iterable[str]) -> List[str]:
        return [
            fold(text) + _SEPARATOR + " ".join(self.lemma(w) for w in words(text)) for text in texts
        ]


def folded_part(combined: str) -> str:
    """The folded text of a LemmaText output."""
    return combined.split(_SEPARATOR, 1)[0]


def lemma_part(combined: str) -> str:
    """The lemmas of a LemmaText output."""
    return combined.split(_SEPARATOR, 1)[-1]


def make_model(strength: float = 10.0, solver: str = "liblinear") -> Pipeline:
    """The untrained pipeline: lemmas, two TF-IDF views, logistic regression.

    ``strength`` is the logistic regression's ``C`` (inverse regularisation).

    ``liblinear`` fits one-vs-rest models: seven times faster to train here
    than the multinomial ``lbfgs`` fit, and better on residents' letters
    (README, "NLU").
    """
    return Pipeline(
        [
            ("lemmas", LemmaText()),
            (
                "features",
                FeatureUnion(
                    [
                        (
                            "chars",
                            TfidfVectorizer(
                                preprocessor=folded_part,
                                analyzer="char_wb",
                                ngram_range=(2, 5),
                                sublinear_tf=True,
                                min_df=1,
                            ),
                        ),
                        (
                            "lemmas",
                            TfidfVectorizer(
                                preprocessor=lemma_part,
                                analyzer="word",
                                ngram_range=(1, 2),
                                sublinear_tf=True,
                            ),
                        ),
                    ]
                ),
            ),
            (
                "classifier",
                LogisticRegression(C=strength, solver=solver, max_iter=3000, random_state=42),
            ),
        ]
    )
