"""Text folding shared by the Polish NLU components.

Residents often type without Polish letters, in capitals, or with stray
punctuation and stretched letters ("POMOCYYY!!!"). Folding maps all of these
to one form so that "zglosic dziure" and "Zgłosić dziurę!" look the same to
the featurizers. ``ł`` is not decomposed by Unicode NFD, hence the explicit
table.
"""

from __future__ import annotations

import re
import unicodedata

_POLISH = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
_REPEATS = re.compile(r"(\w)\1{2,}")
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")


def fold(text: str) -> str:
    """Lower-case and strip diacritics (Polish letters first, then any other)."""
    text = text.translate(_POLISH).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def squeeze_repeats(word: str) -> str:
    """Shorten letters repeated three or more times to one ("pomocyyy" -> "pomocy").

    Polish has no letter written three times in a row, so this never
    damages a real word.
    """
    return _REPEATS.sub(r"\1", word)


def strip_edge_punctuation(word: str) -> str:
    """Remove punctuation glued to the start or end of a word ("dowód?!")."""
    return _EDGE_PUNCT.sub("", word)


def normalize_token(word: str) -> str:
    """The folded, cleaned form of one token, or "" if nothing is left."""
    return squeeze_repeats(fold(strip_edge_punctuation(word)))


def has_polish_letters(word: str) -> bool:
    """Whether the word carries diacritics that folding would remove."""
    return fold(word) != word.lower()
