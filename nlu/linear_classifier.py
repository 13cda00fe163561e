"""One linear classifier for intents, FAQ keys and out-of-scope matters.

Why not DIET plus a ResponseSelector: measured on residents' real letters and
on questions outside the assistant's units, the two neural heads were below a
plain TF-IDF + logistic regression model trained on the same data, took four
minutes to train and were confidently wrong on long messages (README, "NLU").
This component learns every answer the assistant can give as one flat label
(``greet``, ``faq/meldunek``, ``out_of_scope/parking_zone`` …) from character
n-grams of the folded text and word n-grams of the folded lemmas, so a FAQ key
and its intent can never disagree.

Its output keeps Rasa's shapes, so the rest of the assistant is unchanged:
``intent`` and ``intent_ranking`` as from any intent classifier, and for each
retrieval intent (``faq``, ``out_of_scope``) the ``response_selector`` entry a
``ResponseSelector`` would have written (``utter_faq`` reads it).

Long messages: a letter has a greeting, context and then the matter. Besides
the whole text, each sentence is scored on its own and the mean of the
sentences is blended with the whole (``sentence_weight``); greetings and
thanks do not count as a long message's matter. So "Dzień dobry. Piszę, bo …
Proszę o wymianę żarówki w latarni" is read by its matter, not by its
greeting. ``FallbackClassifier`` asks back below a threshold chosen by
cross-validation on data/ (scripts/choose_threshold.py).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Dict, List

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.commands import command_intent
from nlu.features import make_model
from nlu.formulas import formula_intent

logger = logging.getLogger(__name__)

MODEL_FILE = "linear_intent_classifier.joblib"
RESPONSE_SELECTOR = "response_selector"
RANKING_LENGTH = 10
OUT_OF_SCOPE = "out_of_scope"
# A message of this many sentences or more is read as a letter (also by nlu/fallback.py).
LONG_MESSAGE = 2
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass(frozen=True)
class Scored:
    """A flat label and its probability."""

    label: str
    confidence: float

    @property
    def intent(self) -> str:
        return self.label.split("/", 1)[0]


def sentences(text: str) -> List[str]:
    """The sentences of a message (a line break also ends one)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if len(part.strip()) > 2]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """TF-IDF features and logistic regression over every answer as one label."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Regularisation and the long-message rule (chosen in scripts/compare_nlu.py)."""
        return {
            # Inverse regularisation strength and solver of the logistic regression.
            "C": 10.0,
            "solver": "liblinear",
            # In a long message: the share of the sentences' mean in the final probabilities.
            "sentence_weight": 0.7,
            # Labels that open or close a letter rather than say what it is about.
            "social_labels": ["greet", "goodbye", "thank", "affirm", "deny"],
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Any = None,
    ) -> None:
        self.component_config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        """An untrained classifier."""
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearIntentClassifier:
        """Loads the fitted scikit-learn pipeline, or nothing if training had no data."""
        model = None
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.warning("No trained intent classifier found; every message falls back.")
        return cls(config, model_storage, resource, model)

    def train(self, training_data: TrainingData) -> Resource:
        """Fits the classifier on every example that has an intent."""
        examples = [m for m in training_data.intent_examples if m.get(TEXT)]
        self.fit([m.get(TEXT) for m in examples], [m.get_full_intent() for m in examples])
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self.model, directory / MODEL_FILE)
        return self._resource

    def fit(self, texts: List[str], labels: List[str]) -> None:
        """Fits the scikit-learn pipeline with this component's options (also used by the
        comparison and threshold scripts, which fit without Rasa's training graph)."""
        config = self.component_config
        self.model = make_model(strength=float(config["C"]), solver=str(config["solver"]))
        self.model.fit(texts, labels)

    def process(self, messages: List[Message]) -> List[Message]:
        """Sets intent, intent ranking and the response selectors' answers."""
        for message in messages:
            text = message.get(TEXT) or ""
            if self.model is None or not text.strip():
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                continue
            ranking = self.rank(text)
            formula = command_intent(text) or formula_intent(text)
            if formula is not None:
                # One of the assistant's command words (nlu/commands.py), or a message made
                # of one kind of politeness formula (nlu/formulas.py).
                ranking = [Scored(formula, 1.0), *(s for s in ranking if s.label != formula)]
            self._write(message, ranking)
        return messages

    def rank(self, text: str) -> List[Scored]:
        """Every label with its probability, best first (long messages by sentence)."""
        parts = sentences(text)
        long = len(parts) >= LONG_MESSAGE
        best = self._probabilities([text], long)[0]
        if long:
            weight = float(self.component_config["sentence_weight"])
            per_sentence = self._probabilities(parts, long).mean(axis=0)
            best = (1 - weight) * best + weight * per_sentence
        classes = self.model.classes_
        order = np.argsort(best)[::-1]
        ranking = [Scored(str(classes[i]), float(best[i])) for i in order]
        return out_of_scope_by_its_mass(ranking) if long else ranking

    def _probabilities(self, texts: List[str], long: bool) -> np.ndarray:
        """Class probabilities; in a long message the social labels are not its matter.

        "Dzień dobry" opens a letter and "Dziękuję" closes it: in a message of
        several sentences greet, thank, goodbye, affirm and deny are set to
        zero and the rest renormalised, so the matter in between decides.
        """
        probabilities = np.asarray(self.model.predict_proba(texts), dtype=float)
        if long:
            social = set(self.component_config["social_labels"])
            mask = np.array([label not in social for label in self.model.classes_])
            probabilities = probabilities * mask
            probabilities /= np.maximum(probabilities.sum(axis=1, keepdims=True), 1e-12)
        return probabilities

    @staticmethod
    def _write(message: Message, ranking: List[Scored]) -> None:
        top = ranking[0]
        intents = intent_ranking(ranking)
        confidence = intents[0]["confidence"]
        message.set(INTENT, {"name": top.intent, "confidence": confidence}, add_to_output=True)
        message.set(INTENT_RANKING_KEY, intents, add_to_output=True)
        selectors = response_selectors(ranking)
        if selectors:
            message.set(RESPONSE_SELECTOR, selectors, add_to_output=True)


def out_of_scope_by_its_mass(ranking: List[Scored]) -> List[Scored]:
    """A letter's out-of-scope matters first when together they outweigh the best label.

    "Not a matter for the assistant" is one decision spread over 27 matters: a
    letter about a party next door every night gives ``noise`` 0.19 and
    ``other`` 0.10 while the report form gets 0.30 for sounding like a
    complaint. Deciding by the intent's whole probability (what
    ``intent_ranking`` reports as its confidence) sends it out of scope, with the
    likeliest matter first. Measured on the validation letters
    (tests/nlu/validation_longform.yml, never on the evaluation sets): right
    first label 0.772 -> 0.829. Only for messages of two or more sentences:
    on one-line questions (five-fold cross-validation of data/) it cost more
    wrong answers than it saved. A FAQ key is not promoted this way: a FAQ
    answer has to be the right one, not the likeliest of many weak ones.
    """
    if not ranking or ranking[0].intent == OUT_OF_SCOPE:
        return ranking
    matters = [s for s in ranking if s.intent == OUT_OF_SCOPE]
    if sum(s.confidence for s in matters) <= ranking[0].confidence:
        return ranking
    return matters + [s for s in ranking if s.intent != OUT_OF_SCOPE]


def intent_ranking(ranking: List[Scored]) -> List[Dict[str, Any]]:
    """Each intent once, with its best label's confidence, best first.

    When the best label is an out-of-scope matter, that intent's confidence is
    the sum of all its matters: the decision the fallback weighs is "not a
    matter for the assistant", and a question about noise at night that is
    spread over ``noise``, ``city_council`` and ``other`` is still plainly not
    ours (measured on the validation letters and the not-ours set: fewer
    question backs, the right body named more often; README "NLU"). A FAQ key
    is not summed that way: a FAQ answer has to be the right one.
    """
    seen: Dict[str, float] = {}
    for scored in ranking:
        seen.setdefault(scored.intent, scored.confidence)
    if ranking and ranking[0].intent == OUT_OF_SCOPE:
        seen[OUT_OF_SCOPE] = sum(s.confidence for s in ranking if s.intent == OUT_OF_SCOPE)
    return [
        {"name": name, "confidence": confidence}
        for name, confidence in list(seen.items())[:RANKING_LENGTH]
    ]


def response_selectors(ranking: List[Scored]) -> Dict[str, Any]:
    """What Rasa's ResponseSelector would output for each retrieval intent."""
    grouped: Dict[str, List[Scored]] = {}
    for scored in ranking:
        if "/" in scored.label:
            grouped.setdefault(scored.intent, []).append(scored)
    selectors: Dict[str, Any] = {
        name: {
            "response": {
                "responses": None,
                "confidence": items[0].confidence,
                "intent_response_key": items[0].label,
                "utter_action": f"utter_{items[0].label}",
            },
            "ranking": [
                {"confidence": s.confidence, "intent_response_key": s.label}
                for s in items[:RANKING_LENGTH]
            ],
        }
        for name, items in grouped.items()
    }
    if selectors:
        selectors["all_retrieval_intents"] = sorted(grouped)
    return selectors
