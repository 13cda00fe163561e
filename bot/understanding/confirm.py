"""Yes, no, cancel or a correction, read from the answer to a closed question.

Every confirmation the assistant asks (the report and idea summaries, the
consent to leave a contact or be called back, the erasure question) reads the
answer here, so that all of them understand residents the same way:

* whole words of the folded text (``nlu.folding.fold``), never substrings:
  "tak" is inside "kontakt" and "ok" inside "obok";
* a correction first ("zmień miejsce na …", "nie zgadza się miejsce",
  "zły adres"): which field, and the new value when one is given;
* negation next ("nie", "nie wysyłaj", "jeszcze nie", "nie potwierdzam"; "tylko dla
  urzędu" refuses to publish a photo);
* yes only when every word belongs to a yes-answer (yes words and the small
  words around them): a question ("obok jest ok?") or any other content
  ("ok, a kiedy to naprawicie") is unclear, and unclear asks again.

The words shared by every question are listed in
``bot.understanding.confirm_words``; the words and fields of one question
only stand here, next to its ``Kind``.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Mapping, Optional, Tuple

from bot.understanding.confirm_words import (
    CANCEL,
    CHANGE_VERBS,
    ENOUGH,
    ENOUGH_WORDS,
    FIELDS,
    NEGATED_YES,
    PLACE_LEAD,
    VALUE_LATER,
    VALUE_LEAD,
    WRONG,
)
from nlu.answer_words import FILLERS, NEGATIONS, YES, word_forms
from nlu.folding import fold, squeeze_repeats


class Verdict(enum.Enum):
    YES = "yes"
    NO = "no"
    CANCEL = "cancel"
    CHANGE = "change"
    UNCLEAR = "unclear"


class Kind(enum.Enum):
    """Which question was asked: each accepts its own yes verbs and fields."""

    REPORT = "report"  # the report summary: "Wyślij zgłoszenie"
    IDEA = "idea"  # the idea summary: "Wyślij pomysł"
    CONSENT = "consent"  # leave a contact / be called back: "Tak, zgadzam się"
    PUBLISH = "publish"  # show the report's photo publicly: "Tak, można pokazać"
    ERASURE = "erasure"  # erase this conversation: "Tak, usuń"
    MORE = "more"  # "Czy mogę pomóc w czymś jeszcze?": no says goodbye


@dataclass(frozen=True)
class Reading:
    """What the answer says. ``field`` and ``value`` only for CHANGE.

    ``field`` is one of ``FIELDS``' keys (None: a change without saying of
    what); ``value`` is the new value as the resident typed it (letters and
    case kept), None when none was given.
    """

    verdict: Verdict
    field: Optional[str] = None
    value: Optional[str] = None


# No by question: "bez kontaktu" refuses the contact.
_NO_BY_KIND: Dict[Kind, FrozenSet[str]] = {
    Kind.REPORT: frozenset(),
    Kind.IDEA: frozenset(),
    Kind.CONSENT: word_forms("bez wole odmawiam"),
    # "tylko dla urzędu", "prywatnie": the photo stays with the unit.
    Kind.PUBLISH: word_forms(
        "bez wole odmawiam urzedu urzad urzedowi urzednikow jednostki prywatnie prywatne "
        "niepublicznie"
    ),
    Kind.ERASURE: word_forms("zostaw zostawcie zachowaj zachowajcie"),
    Kind.MORE: word_forms("wystarczy dziekuje dzieki dziekujemy"),
}
# The fields each summary shows; the consent and erasure questions take no corrections.
FIELDS_BY_KIND: Dict[Kind, FrozenSet[str]] = {
    Kind.REPORT: frozenset(FIELDS),
    Kind.IDEA: frozenset({"description", "place", "contact"}),
    Kind.CONSENT: frozenset(),
    Kind.PUBLISH: frozenset(),
    Kind.ERASURE: frozenset(),
    Kind.MORE: frozenset(),
}
# Yes verbs that belong to one question only ("usuń" confirms the erasure, not a report).
_YES_BY_KIND: Dict[Kind, FrozenSet[str]] = {
    Kind.REPORT: word_forms(
        "wyslij wysylaj wyslac wysylam wysylamy zglos zglaszam przeslij przekaz slij wyslijcie"
    ),
    Kind.IDEA: word_forms(
        "wyslij wysylaj wyslac wysylam wysylamy przeslij przekaz zglaszam wyslijcie"
    ),
    Kind.CONSENT: word_forms(
        "zgadzam zgoda podam podaje zostawiam zostawie zostawic chetnie prosze chce "
        "zadzwoncie oddzwoncie moge"
    ),
    Kind.PUBLISH: word_forms(
        "zgadzam pokaz pokazac pokazcie pokazujcie pokazywac publikuj opublikuj opublikujcie "
        "publikujcie publikowac opublikowac upublicznij udostepnij udostepnijcie moge mozecie "
        "chetnie publicznie mozna niech"
    ),
    Kind.ERASURE: word_forms("usun usuncie usuwaj usuwac usunac skasuj kasuj"),
    Kind.MORE: word_forms("chce chcialbym chcialabym mam pytanie jeszcze"),
}
# Small words around a yes that only one question takes ("tak, można je pokazać").
_FILLERS_BY_KIND: Dict[Kind, FrozenSet[str]] = {
    Kind.PUBLISH: word_forms("je go zdjecie zdjecia fotke fotografie przy z bedzie"),
}
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# Button payloads of the yes/no buttons (the erasure question uses intents).
_PAYLOADS: Mapping[str, Verdict] = {"/affirm": Verdict.YES, "/deny": Verdict.NO}


def _folded_aligned(text: str) -> str:
    """Folded text of exactly the same length, so positions map back to ``text``."""
    out = []
    for ch in text:
        folded = fold(ch)
        out.append(folded if len(folded) == 1 else ch.lower())
    return "".join(out)


def _words(folded: str) -> Tuple[Tuple[str, int, int], ...]:
    """(word, start, end) of every word, letters squeezed ("takkk" -> "tak")."""
    return tuple((squeeze_repeats(m.group(0)), m.start(), m.end()) for m in _WORD.finditer(folded))


def field_of(word: str) -> Optional[str]:
    """The field a folded word names, None when it names none."""
    for field, forms in FIELDS.items():
        if word in forms:
            return field
    return None


def _value_after(text: str, folded: str, end: int, place: bool = False) -> Optional[str]:
    """The new value typed after the field word, from the resident's own text."""
    rest = folded[end:]
    lead = VALUE_LEAD.match(rest)
    first = _WORD.search(rest)
    if lead is not None and lead.group(0).strip(" ,"):
        start = end + lead.end()
    elif place and first is not None and first.group(0) in PLACE_LEAD:
        start = end + first.start()
    else:
        later = VALUE_LATER.search(rest)
        if later is None:
            return None
        start = end + later.end()
    value = text[start:].strip(" \t\n.!,\"'„”")
    return value or None


def _change(
    text: str, folded: str, words: Tuple[Tuple[str, int, int], ...], fields: FrozenSet[str]
) -> Optional[Reading]:
    """A correction, if the answer asks for one; None otherwise."""
    names = [(field_of(w), i) for i, (w, _, _) in enumerate(words)]
    named = [(field, i) for field, i in names if field is not None and field in fields]
    verbs = [i for i, (w, _, _) in enumerate(words) if w in CHANGE_VERBS]
    wrong = any(w in WRONG or w in NEGATIONS for w, _, _ in words)
    if verbs:
        after = [(field, i) for field, i in named if i > verbs[0]]
        if after:
            field, index = after[0]
            value = _value_after(text, folded, words[index][2], field == "place")
            return Reading(Verdict.CHANGE, field, value)
        if named:
            return Reading(Verdict.CHANGE, named[0][0])
        return Reading(Verdict.CHANGE)
    if named and wrong:
        field, index = named[0]
        return Reading(Verdict.CHANGE, field, _value_after(text, folded, words[index][2]))
    return None


def _read_more(tokens: list[str]) -> Reading:
    """The answer to "anything else?": no (goodbye) only when it says nothing more.

    "nie wiem, jak zapłacić podatek" is a new question, not a goodbye.
    """
    plain = " ".join(tokens)
    refusal = NEGATIONS | _NO_BY_KIND[Kind.MORE]
    closing = refusal | FILLERS | ENOUGH_WORDS
    said_no = ENOUGH.search(plain) or any(w in refusal for w in tokens)
    if said_no and all(w in closing or w in {"do", "widzenia", "dowidzenia", "pa"} for w in tokens):
        return Reading(Verdict.NO)
    if said_no:
        return Reading(Verdict.UNCLEAR)
    yes_words = YES | _YES_BY_KIND[Kind.MORE]
    if any(w in yes_words for w in tokens) and all(w in yes_words or w in FILLERS for w in tokens):
        return Reading(Verdict.YES)
    return Reading(Verdict.UNCLEAR)


def read_answer(text: str, kind: Kind) -> Reading:
    """How the answer to a ``kind`` question reads; UNCLEAR unless it is plain.

    A correction of a field the question's summary does not show (or any
    correction where none is taken) is a change of no particular field: the
    resident is asked what to change, and nothing is filed.
    """
    payload = _PAYLOADS.get(text.strip())
    if payload is not None:
        return Reading(payload)
    folded = _folded_aligned(text)
    words = _words(folded)
    if not words:
        return Reading(Verdict.UNCLEAR)
    tokens = [w for w, _, _ in words]
    negations = NEGATIONS | _NO_BY_KIND[kind]
    if kind is Kind.MORE:
        return _read_more(tokens)
    if NEGATED_YES.fullmatch(" ".join(tokens)) and "?" not in text:
        return Reading(Verdict.YES)
    if any(w in CANCEL for w in tokens) and not any(w in negations for w in tokens):
        return Reading(Verdict.CANCEL)
    fields = FIELDS_BY_KIND[kind]
    if fields:
        change = _change(text, folded, words, fields)
        if change is None and _change(text, folded, words, frozenset(FIELDS)) is not None:
            change = Reading(Verdict.CHANGE)  # a field this summary does not show
        if change is not None:
            return change
    if any(w in negations for w in tokens):
        return Reading(Verdict.NO)
    if "?" in text:  # a question is not an answer: "obok jest ok?"
        return Reading(Verdict.UNCLEAR)
    yes_words = YES | _YES_BY_KIND[kind]
    fillers = FILLERS | _FILLERS_BY_KIND.get(kind, frozenset())
    if any(w in yes_words for w in tokens) and all(w in yes_words or w in fillers for w in tokens):
        return Reading(Verdict.YES)
    return Reading(Verdict.UNCLEAR)
