"""Ready answers a consultant can insert: the assistant's own FAQ answers.

Read from Rasa's response files, so a consultant and the bot never give two
versions of the same fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import List

import yaml

from bot.settings import ROOT
from bot.topics import FAQ_TOPICS

RESPONSES_DIR = ROOT / "data" / "responses"
PREFIX = "utter_faq/"


@dataclass(frozen=True)
class ReadyAnswer:
    key: str
    title: str
    text: str


@lru_cache(maxsize=1)
def ready_answers(directory: Path = RESPONSES_DIR) -> List[ReadyAnswer]:
    """Every FAQ answer with its Polish title, sorted by title."""
    answers = []
    for path in sorted(directory.glob("*.yml")):
        responses = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses", {})
        for name, variants in responses.items():
            if not name.startswith(PREFIX) or not variants:
                continue
            key = name[len(PREFIX) :]
            title = FAQ_TOPICS.get(key, (key.replace("_", " "), ""))[0]
            answers.append(ReadyAnswer(key, title, str(variants[0].get("text", "")).strip()))
    return sorted(answers, key=lambda answer: answer.title)
