"""Greetings, farewells, thanks, yes and no said on their own, read from word lists.

Why not leave them to the classifier: a formula is one or two words the
classifier has either seen verbatim or not at all. "siema", "do zobaczenia"
or "pięknie dziękuję" missing from data/ fell back to "I did not understand"
or, worse, to an out-of-scope answer. The forms here come from public
guides to Polish politeness formulas (docs/training_sources/formulas.md),
not from the evaluation sets, and they are matched as whole folded words:
the message must consist of one kind of formula and courtesy words only, so
"dzień dobry, zgubiłem dowód" is left to the classifier. A yes or a no is read
with the words the assistant's confirmations use (``nlu.answer_words``), so
"jasne" is a yes here as it is after a report's summary; negation first: a
"nie" is never part of a yes.
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, List, Optional, Tuple

from nlu.answer_words import FILLERS, NEGATIONS, NO, YES
from nlu.folding import fold, squeeze_repeats

# Each intent's formulas, folded, one per entry (multi-word formulas as written).
FORMULAS: Dict[str, Tuple[str, ...]] = {
    "greet": (
        "dzien dobry",
        "dobry wieczor",
        "witam",
        "witamy",
        "witaj",
        "witajcie",
        "hej",
        "hejka",
        "hejo",
        "siema",
        "siemka",
        "siemanko",
        "czolem",
        "halo",
        "elo",
        "siemson",
        "szanowny panie",
        "szanowna pani",
        "szanowni panstwo",
    ),
    "goodbye": (
        "do widzenia",
        "do zobaczenia",
        "do uslyszenia",
        "do jutra",
        "dobranoc",
        "na razie",
        "nara",
        "narazka",
        "papatki",
        "pozdro",
        "cya",
        "trzymaj sie",
        "do zo",
        "pa",
        "zegnam",
        "badz zdrow",
        "badz zdrowa",
        "milego dnia",
    ),
    "thank": (
        "dziekuje",
        "dziekujemy",
        "dzieki",
        "thx",
        "pieknie dziekuje",
        "jestem zobowiazany",
        "jestem zobowiazana",
    ),
}
# Words that may stand around a formula without changing what it is.
_COURTESY_WORDS = (
    "serdecznie bardzo uprzejmie pieknie wszystkim panu pani panstwu wam was ci cie no to i"
)
COURTESY: FrozenSet[str] = frozenset(_COURTESY_WORDS.split())
_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> List[str]:
    """The folded words of a message, stretched letters squeezed ("heeej" -> "hej")."""
    return [squeeze_repeats(w) for w in _WORD.findall(fold(text))]


def _phrases() -> List[Tuple[Tuple[str, ...], str]]:
    """Every formula as a word tuple with its intent, longest first (greedy cover)."""
    pairs = [(tuple(f.split()), intent) for intent, forms in FORMULAS.items() for f in forms]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


_PHRASES = _phrases()


_THANKS = frozenset({"dziekuje", "dziekujemy", "dzieki"})
# What may follow a no ("nie, dziękuję", "nie bardzo").
_AFTER_NO = COURTESY | frozenset({"dziekuje", "dzieki", "juz", "trzeba", "chce"})


def formula_intent(text: str) -> Optional[str]:
    """The intent when the whole message is formulas of one kind, else None.

    Digits or any word outside the formulas and courtesy words leave the
    message to the classifier; so does a mix ("dzień dobry, dziękuję").
    """
    if any(ch.isdigit() for ch in text):
        return None
    tokens = words(text)
    return _politeness(tokens) or _yes_or_no(tokens, question="?" in text)


def _yes_or_no(tokens: List[str], question: bool) -> Optional[str]:
    """affirm or deny when the message is nothing but a yes or a no."""
    if not tokens:
        return None
    if any(t in NEGATIONS for t in tokens):
        no = any(t in NO for t in tokens) and all(t in NO or t in _AFTER_NO for t in tokens)
        return "deny" if no else None
    if question:  # "jasne?" asks, it does not answer
        return None
    if any(t in _THANKS for t in tokens):  # "super, dziękuję": yes or thanks, the classifier knows
        return None
    if any(t in YES for t in tokens) and all(t in YES or t in FILLERS for t in tokens):
        return "affirm"
    return None


def _politeness(tokens: List[str]) -> Optional[str]:
    """greet, goodbye or thank when the words are formulas of one kind."""
    found = set()
    i = 0
    while i < len(tokens):
        for phrase, intent in _PHRASES:
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                found.add(intent)
                i += len(phrase)
                break
        else:
            if tokens[i] not in COURTESY:
                return None
            i += 1
    return found.pop() if len(found) == 1 else None
