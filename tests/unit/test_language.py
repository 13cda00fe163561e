"""The message-language detector: Polish never taken for Ukrainian or English.

A misfire on Polish hides the assistant's real answer behind a "we answer in
Polish" note, so every Polish message of the NLU data and of the held-out
set must stay Polish, also with its Polish letters folded away.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List

import pytest
import yaml

from bot.language_detection import detect
from bot.other_language_reply import explanation
from nlu.folding import fold
from tests.unit.language_samples import ENGLISH, UKRAINIAN

ROOT = Path(__file__).resolve().parents[2]
ENTITY = re.compile(r"\[([^\]]+)\][({][^)}]*[)}]")


def _examples(path: Path) -> List[str]:
    """The example messages of a Rasa NLU file, entity markup removed."""
    found: List[str] = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
        for line in (item.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                found.append(ENTITY.sub(r"\1", line[2:]))
    return found


HELDOUT = _examples(ROOT / "tests" / "nlu" / "heldout.yml")
TRAINING = [
    text for path in sorted((ROOT / "data" / "nlu").glob("*.yml")) for text in _examples(path)
]


def test_the_data_sets_are_read() -> None:
    assert len(HELDOUT) > 300
    assert len(TRAINING) > 1500


@pytest.mark.parametrize("name,texts", [("held-out", HELDOUT), ("training", TRAINING)])
def test_polish_is_never_ukrainian_or_english(name: str, texts: List[str]) -> None:
    misfires = [text for text in texts if detect(text) != "pl"]
    folded = [fold(text) for text in texts if detect(fold(text)) != "pl"]
    assert misfires == [] and folded == [], name


@pytest.mark.parametrize(
    "text",
    [
        "jak wyrobic dowod",
        "nie swieci latarnia",
        "tak",
        "ok",
        "no",
        "12",
        "KCK-2026-000001",
        "status KCK-2026-000001",
        "hello",
        "thanks",
        "help me",
        "Dzien dobry, czy to jest KCK?",
        "mam problem z internet explorer",
        "",
        "🙂",
    ],
)
def test_short_and_unaccented_polish_stays_polish(text: str) -> None:
    assert detect(text) == "pl"


@pytest.mark.parametrize("text", ENGLISH)
def test_english_questions_are_english(text: str) -> None:
    assert detect(text) == "en"


@pytest.mark.parametrize("text", UKRAINIAN)
def test_cyrillic_questions_are_answered_in_ukrainian(text: str) -> None:
    """Russian ("Здравствуйте, мне нужна помощь") gets the Ukrainian note too."""
    assert detect(text) == "uk"


def test_the_samples_are_enough() -> None:
    assert len(ENGLISH) + len(UKRAINIAN) >= 40


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_explanation_offers_a_consultant_and_a_callback(lang: str) -> None:
    (message,) = explanation(lang)  # type: ignore[arg-type]
    assert [button["payload"] for button in message.buttons] == [
        "/request_human",
        "/request_callback",
    ]
    assert "12 616 55 55" in message.text and "112" in message.text
