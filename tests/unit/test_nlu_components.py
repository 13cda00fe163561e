"""The Polish tokenizer and lemmatiser inside Rasa's own message objects."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.lemmatizer import PolishLemmatizer
from nlu.tokenizer import PolishTokenizer


def tokens_of(text: str) -> list:
    message = Message(data={TEXT: text})
    PolishTokenizer(PolishTokenizer.get_default_config()).process([message])
    return message.get(TOKENS_NAMES[TEXT])


def test_tokenizer_keeps_what_was_typed_and_folds_the_lemma() -> None:
    tokens = tokens_of("Chcę ZGŁOSIĆ dziurę!!!")
    assert [t.text for t in tokens] == ["Chcę", "ZGŁOSIĆ", "dziurę"]
    assert [t.lemma for t in tokens] == ["chce", "zglosic", "dziure"]
    assert tokens[2].start == 13  # offsets still point into the original text


def test_tokenizer_gives_both_spellings_the_same_lemmas() -> None:
    with_letters = [t.lemma for t in tokens_of("zgłosić dziurę")]
    without = [t.lemma for t in tokens_of("zglosic dziure")]
    assert with_letters == without


@pytest.fixture()
def lemmatizer(tmp_path: Path) -> PolishLemmatizer:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    return PolishLemmatizer.create({}, storage, Resource("lemmatizer"), context)


def lemmas_of(lemmatizer: PolishLemmatizer, text: str) -> list:
    message = Message(data={TEXT: text})
    PolishTokenizer(PolishTokenizer.get_default_config()).process([message])
    lemmatizer.process([message])
    return [t.lemma for t in message.get(TOKENS_NAMES[TEXT])]


def test_lemmatizer_maps_inflected_forms_to_one_lemma(lemmatizer: PolishLemmatizer) -> None:
    assert lemmas_of(lemmatizer, "dziurę dziury dziurze") == ["dziura"] * 3
    assert lemmas_of(lemmatizer, "ślubu")[0] == "slub"


def test_lemmatizer_learns_diacritic_free_forms_from_training(
    lemmatizer: PolishLemmatizer, tmp_path: Path
) -> None:
    assert lemmas_of(lemmatizer, "dziure") == ["dziure"]  # unknown before training
    data = TrainingData([Message(data={TEXT: "chcę zgłosić dziurę w jezdni", "intent": "x"})])
    lemmatizer.train(data)
    assert lemmas_of(lemmatizer, "zglosic dziure") == lemmas_of(lemmatizer, "zgłosić dziurę")
    assert lemmas_of(lemmatizer, "dziure") == ["dziura"]


def test_lemmatizer_index_survives_persist_and_load(
    lemmatizer: PolishLemmatizer, tmp_path: Path
) -> None:
    lemmatizer.train(TrainingData([Message(data={TEXT: "zgubiłem dowód", "intent": "x"})]))
    loaded = PolishLemmatizer.load(
        {},
        lemmatizer._model_storage,
        lemmatizer._resource,
        ExecutionContext(GraphSchema({}), "test"),
    )
    assert loaded.lemmatize("zgubilem") == lemmatizer.lemmatize("zgubiłem")
    assert loaded.lemmatize("zgubilem") != "zgubilem"
