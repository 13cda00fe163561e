"""Rasa's FallbackClassifier with its own threshold for long messages.

A letter of several sentences spreads its probability over the topics it
mentions, so the same top confidence means more in a long message than in a
one-line question. Both thresholds are chosen by cross-validation on data/
(scripts/choose_threshold.py), never on the evaluation sets.
"""

from __future__ import annotations

from typing import Any, Dict, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import INTENT, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.linear_classifier import LONG_MESSAGE, sentences

LONG_THRESHOLD_KEY = "long_threshold"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class LengthAwareFallbackClassifier(FallbackClassifier):
    """Predicts ``nlu_fallback`` below ``threshold`` (or ``long_threshold`` for letters)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Rasa's options plus the threshold for messages of two or more sentences."""
        return {**FallbackClassifier.get_default_config(), LONG_THRESHOLD_KEY: 0.3}

    def _nlu_confidence_below_threshold(self, message: Message) -> Tuple[bool, float]:
        confidence = float(message.data[INTENT].get(PREDICTED_CONFIDENCE_KEY) or 0.0)
        return confidence < self.threshold_for(message.get(TEXT) or ""), confidence

    def threshold_for(self, text: str) -> float:
        """The threshold that applies to this message."""
        key = LONG_THRESHOLD_KEY if len(sentences(text)) >= LONG_MESSAGE else "threshold"
        return float(self.component_config[key])
