"""Whitespace tokenizer that also normalises Polish chat text.

Each token keeps its original text and offsets (so entity extraction still
points at what the resident typed) while its ``lemma`` holds the folded form.
Rasa's ``CountVectorsFeaturizer`` reads ``lemma`` by default (``use_lemma``),
so every featurizer after this one sees "zgłosić" and "ZGLOSIC!!" alike.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

from nlu.folding import normalize_token


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class PolishTokenizer(WhitespaceTokenizer):
    """Splits on whitespace and stores the folded form of every token as its lemma."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PolishTokenizer:
        """Creates the component (it has nothing to train)."""
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        """Tokenises like Rasa's whitespace tokenizer, then folds each lemma."""
        tokens = super().tokenize(message, attribute)
        for token in tokens:
            token.lemma = normalize_token(token.text) or token.text.lower()
        return tokens
