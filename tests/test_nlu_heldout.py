"""The trained model on messages it never saw (tests/nlu/heldout.yml).

The held-out file is written apart from data/ and never trained on; this
test fails when intent accuracy drops below 0.90 or FAQ-key accuracy below
0.85, and leaves the per-class report in reports/nlu_heldout.{json,md}.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict

import pytest

from bot.topics import FAQ_TOPICS
from scripts.nlu_eval import evaluate, load_examples, predicted_label, write_report

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
TRAINING = ROOT / "data" / "nlu"

pytestmark = pytest.mark.stack


def test_heldout_messages_are_not_in_the_training_data() -> None:
    heldout = {e.text.lower() for e in load_examples(HELDOUT)}
    trained = {e.text.lower() for f in TRAINING.glob("*.yml") for e in load_examples(f)}
    assert not heldout & trained


def test_heldout_covers_every_class_with_eight_or_more() -> None:
    counts: Dict[str, int] = {}
    for example in load_examples(HELDOUT):
        counts[example.label] = counts.get(example.label, 0) + 1
    assert all(f"faq/{key}" in counts for key in FAQ_TOPICS)
    assert min(counts.values()) >= 8


def test_heldout_accuracy(parse) -> None:  # type: ignore[no-untyped-def]
    result = evaluate(load_examples(HELDOUT), parse)
    write_report(result, ROOT / "reports", "nlu_heldout")
    print(
        f"\nheld-out: intent {result['intent_accuracy']:.3f}, "
        f"FAQ key {result['faq_key_accuracy']:.3f}, macro F1 {result['macro_f1']:.3f}"
    )
    assert result["intent_accuracy"] >= 0.90
    assert result["faq_key_accuracy"] >= 0.85


@pytest.mark.parametrize(("key", "topic"), sorted(FAQ_TOPICS.items()))
def test_suggestion_buttons_lead_to_their_answer(parse, key: str, topic) -> None:  # type: ignore[no-untyped-def]
    _title, question = topic
    assert predicted_label(parse(question)) == f"faq/{key}"


def faq_button_questions() -> list:
    import yaml

    questions = []
    for path in sorted((ROOT / "data" / "responses").glob("*.yml")):
        for name, variants in yaml.safe_load(path.read_text("utf-8"))["responses"].items():
            for button in variants[0].get("buttons", []):
                if not button["payload"].startswith("/"):
                    questions.append((name, button["payload"]))
    return questions


@pytest.mark.parametrize(("answer", "question"), faq_button_questions())
def test_follow_up_buttons_of_faq_answers_lead_to_an_answer(
    parse, answer: str, question: str
) -> None:  # type: ignore[no-untyped-def]
    assert predicted_label(parse(question)).startswith("faq/"), question
