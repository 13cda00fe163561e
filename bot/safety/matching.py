"""How a danger rule reads a message: whole words, negation, news from elsewhere.

Every rule matches whole words of the folded text (no Polish letters, lower
case, stretched letters squeezed: "POŻAAAR!!" reads as "pozar"), never a piece
of a word: "gazety" is not gas, "poranne" is not "ranne", "przeciwpożarowe"
is not a fire. Inflected forms are spelled out as word patterns anchored at
both ends (``zawal(u|em)?`` takes "zawał", "zawału", "zawałem" but not
"zawalony"), which works on text typed with or without Polish letters, where
a dictionary lemmatiser would need the letters.

A rule may name words that cancel it in the same message ("latarnia pali się"
is a lamp left on, "dym z komina" a smog report) and words that negate it
just before the match ("nikt nie jest ranny"); a story told as news ("w
telewizji") cancels every rule. The rules themselves, the words of danger,
are in ``bot.safety.lexicon``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import FrozenSet, List, Pattern, Sequence

from nlu.folding import fold, squeeze_repeats

_WORD = re.compile(r"[a-z0-9]+")
# Words that, within three words before a match, say the danger is not there.
NEGATORS = frozenset(
    {"nie", "nikt", "nikogo", "nikomu", "nic", "bez", "brak", "zaden", "zadnego", "zadnych"}
)
_NEGATION_WINDOW = 3
# After "nie", the words that still carry the denial to what follows.
_BE = frozenset({"", "jest", "sa", "byl", "byla", "bylo", "byli", "ma", "mial", "miala"})


def normalise(text: str) -> str:
    """The message as the rules read it: folded words joined by single spaces."""
    return " ".join(squeeze_repeats(word) for word in _WORD.findall(fold(text)))


def whole_words(pattern: str) -> Pattern[str]:
    """A pattern over normalised text that starts and ends on word boundaries."""
    return re.compile(rf"\b(?:{pattern})\b")


# Told as news from elsewhere, not happening here.
_NEWS = r"w wiadomosciach|w telewizji|w tv|w gazecie|w internecie|w necie|w radiu"
_NEWS_PATTERN = whole_words(_NEWS)


@dataclass(frozen=True)
class Rule:
    """One way of saying danger; ``unless`` anywhere in the message cancels it."""

    kind: str
    pattern: Pattern[str]
    unless: Pattern[str] | None = None
    negators: FrozenSet[str] = field(default=NEGATORS)

    def matches(self, normalised: str) -> bool:
        if self.unless is not None and self.unless.search(normalised):
            return False
        if _NEWS_PATTERN.search(normalised):
            return False
        return any(
            not self._negated(normalised[: found.start()].split())
            for found in self.pattern.finditer(normalised)
        )

    def _negated(self, before: List[str]) -> bool:
        window = before[-_NEGATION_WINDOW:]
        for index, word in enumerate(window):
            following = window[index + 1] if index + 1 < len(window) else ""
            if word not in self.negators:
                continue
            # "nie" denies the danger only when it stands right before it or before "to be"
            # ("nie jest ranny"), not another verb ("sąsiad nie otwiera, słychać jęki");
            # "nie wiem, czy…" is no denial at all.
            if word == "nie" and following not in _BE:
                continue
            return True
        return False


def rule(
    kind: str,
    *alternatives: str,
    unless: Sequence[str] = (),
    negators: FrozenSet[str] = NEGATORS,
) -> Rule:
    """A rule from its alternative phrasings (each a pattern of whole words)."""
    cancel = whole_words("|".join(unless)) if unless else None
    return Rule(kind, whole_words("|".join(alternatives)), cancel, negators)
