"""Polish lemmatiser that also copes with text typed without Polish letters.

``simplemma`` maps inflected forms to lemmas ("dziurę" -> "dziura") but
returns a diacritics-free word unchanged ("dziure"). While training, this
component therefore learns a folded-form -> lemma index from every training
word written with Polish letters, and uses it for words typed without them.
The result is folded again, so the lemma is always ASCII lower case.

It must come after ``nlu.tokenizer.PolishTokenizer`` and before the
featurizers: it only rewrites ``Token.lemma``.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.folding import fold, has_polish_letters, squeeze_repeats, strip_edge_punctuation
from nlu.lemmas import lemma_of

INDEX_FILE = "folded_lemmas.json"


def _clean(word: str) -> str:
    return squeeze_repeats(strip_edge_punctuation(word).lower())


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class PolishLemmatizer(GraphComponent):
    """Replaces each token's lemma with its folded Polish lemma."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """No options: the component is on or off."""
        return {}

    def __init__(
        self,
        model_storage: ModelStorage,
        resource: Resource,
        folded_index: Dict[str, str] | None = None,
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.folded_index: Dict[str, str] = folded_index or {}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PolishLemmatizer:
        """Creates an untrained lemmatiser (empty index)."""
        return cls(model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> PolishLemmatizer:
        """Loads the folded-form index learnt during training."""
        try:
            with model_storage.read_from(resource) as directory:
                index = json.loads((directory / INDEX_FILE).read_text("utf-8"))
        except (ValueError, FileNotFoundError):
            index = {}
        return cls(model_storage, resource, index)

    def train(self, training_data: TrainingData) -> Resource:
        """Learns folded form -> folded lemma from words written with Polish letters."""
        for message in training_data.training_examples:
            for word in (message.get(TEXT) or "").split():
                cleaned = _clean(word)
                if cleaned and has_polish_letters(cleaned):
                    self.folded_index.setdefault(fold(cleaned), fold(lemma_of(cleaned)))
        with self._model_storage.write_to(self._resource) as directory:
            (directory / INDEX_FILE).write_text(
                json.dumps(self.folded_index, ensure_ascii=False, sort_keys=True),
                "utf-8",
            )
        return self._resource

    def lemmatize(self, word: str) -> str:
        """The folded lemma of one word as the resident typed it."""
        cleaned = _clean(word)
        if not cleaned:
            return fold(word.lower())
        if not has_polish_letters(cleaned) and cleaned in self.folded_index:
            return self.folded_index[cleaned]
        return fold(lemma_of(cleaned))

    def process(self, messages: List[Message]) -> List[Message]:
        """Sets the lemma of every text token."""
        for message in messages:
            for token in message.get(TOKENS_NAMES[TEXT]) or []:
                token.lemma = self.lemmatize(token.text)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Applies the same lemmas to the training examples."""
        self.process(training_data.training_examples)
        return training_data
