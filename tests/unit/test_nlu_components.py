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


def test_not_ours_is_one_decision_when_it_leads_but_a_faq_key_must_win_alone() -> None:
    """A question spread over several outside bodies is still plainly not ours: the
    out-of-scope intent's confidence is the sum of its matters when one of them leads,
    so the assistant names a body instead of asking back; FAQ keys are never summed."""
    from nlu.linear_classifier import Scored, intent_ranking

    spread = [
        Scored("out_of_scope/noise", 0.25),
        Scored("out_of_scope/city_council", 0.2),
        Scored("faq/meldunek", 0.15),
        Scored("out_of_scope/other", 0.1),
    ]
    ranking = intent_ranking(spread)
    assert ranking[0]["name"] == "out_of_scope"
    assert abs(ranking[0]["confidence"] - 0.55) < 1e-9
    assert ranking[1] == {"name": "faq", "confidence": 0.15}

    faq_first = [Scored("faq/meldunek", 0.3), Scored("faq/wymeldowanie", 0.25)]
    faq_first += [Scored("out_of_scope/noise", 0.2), Scored("out_of_scope/other", 0.2)]
    assert [r["confidence"] for r in intent_ranking(faq_first)] == [0.3, 0.2]


def test_a_letters_outside_matters_together_outweigh_a_complaint_sounding_label() -> None:
    """A letter about parties next door every night: noise and other together weigh more
    than the report form, so it is not ours (naming the noise body), not a report; a
    FAQ key that leads on its own keeps the lead."""
    from nlu.linear_classifier import Scored, out_of_scope_by_its_mass

    letter = [
        Scored("report_intervention", 0.30),
        Scored("out_of_scope/noise", 0.19),
        Scored("out_of_scope/other", 0.16),
        Scored("faq/meldunek", 0.05),
    ]
    promoted = out_of_scope_by_its_mass(letter)
    assert [s.label for s in promoted[:3]] == [
        "out_of_scope/noise",
        "out_of_scope/other",
        "report_intervention",
    ]

    faq = [Scored("faq/meldunek", 0.40), Scored("out_of_scope/noise", 0.2)]
    faq += [Scored("out_of_scope/other", 0.15)]
    assert out_of_scope_by_its_mass(faq) == faq
