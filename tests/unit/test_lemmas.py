"""The lemmas the classifier and the report addresses use (nlu/lemmas.py).

Why: they come from simplemma's memory-frugal backend, chosen for Rasa's and the
action server's memory, on the promise that it reads the same dictionary. If an
upgrade of simplemma broke that promise, the classifier would see other features
than it was trained on and report addresses would stop meeting; this compares both
backends on every word residents' messages in ``data/`` and the evaluation sets hold.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List

import simplemma

from nlu.lemmas import lemma_of

ROOT = Path(__file__).resolve().parents[2]


def corpus_words() -> List[str]:
    files = [*ROOT.glob("data/**/*.yml"), *ROOT.glob("tests/nlu/*.yml")]
    found = set()
    for path in files:
        found.update(re.findall(r"\w+", path.read_text("utf-8").lower()))
    return sorted(found)


def test_the_frugal_backend_gives_the_default_backends_lemma_for_every_word() -> None:
    words = corpus_words()
    assert len(words) > 10_000
    different = [
        (word, lemma_of(word), simplemma.lemmatize(word, lang="pl"))
        for word in words
        if lemma_of(word) != simplemma.lemmatize(word, lang="pl")
    ]
    assert different == []


def test_inflected_forms_meet_at_their_lemma() -> None:
    assert lemma_of("dziurę") == lemma_of("dziury") == "dziura"
    assert lemma_of("latarni") == lemma_of("latarnią") == "latarnia"
    assert lemma_of("dowodu") == "dowód"
