"""Polish lemmas from simplemma's memory-frugal dictionary.

simplemma's default backend unpacks its whole Polish dictionary into a Python dict on
first use: 356 MB of resident memory and 6 s, in Rasa (the classifier's lemma
features) and in the action server (addresses of reports). Its ``low_memory`` backend
reads the same packed data on demand: the same lemmas (every word of ``data/`` and the
evaluation sets compared, tests/unit/test_lemmas.py), 46 MB and 3.6 s to load, 0.04
instead of 0.01 ms a lookup, and lookups repeat, so they are cached here.

No Rasa imports: the action server and the gateway use it too.
"""

from __future__ import annotations

from functools import lru_cache

import simplemma


@lru_cache(maxsize=50_000)
def lemma_of(word: str) -> str:
    """simplemma's Polish lemma of one lower-cased word (cached: chat words repeat)."""
    return str(simplemma.lemmatize(word, lang="pl", low_memory=True))
