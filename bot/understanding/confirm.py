"""Yes, no, cancel or a correction, read from the answer to a closed question.

Every confirmation the assistant asks (the report and idea summaries, the
consent to leave a contact or be called back, the erasure question) reads the
answer here, so that all of them understand residents the same way:

* whole words of the folded text (``nlu.folding.fold``), never substrings:
  "tak" is inside "kontakt" and "ok" inside "obok";
* a correction first ("zmień miejsce na …", "nie zgadza się miejsce",
  "zły adres"): which field, and the new value when one is given;
* negation next ("nie", "nie wysyłaj", "jeszcze nie", "nie potwierdzam");
* yes only when every word belongs to a yes-answer (yes words and the small
  words around them): a question ("obok jest ok?") or any other content
  ("ok, a kiedy to naprawicie") is unclear, and unclear asks again.

Word forms are listed explicitly (folded, so "usuń" and "usun" are one word):
the answers are short and the vocabulary small, and a listed form cannot
match a word nobody meant.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Mapping, Optional, Tuple

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


def _forms(words: str) -> FrozenSet[str]:
    """A set of folded word forms, written as one space-separated string."""
    return frozenset(words.split())


# What a correction can be about: folded word forms naming each field.
FIELDS: Dict[str, FrozenSet[str]] = {
    "category": _forms("kategoria kategorie kategorii kategoriq rodzaj typ"),
    "place": _forms(
        "miejsce miejsca miejscu lokalizacja lokalizacje lokalizacji adres adresu adresie "
        "ulica ulice ulicy gdzie"
    ),
    "description": _forms("opis opisu opisie tresc tresci pomysl pomyslu pomysle"),
    "photo": _forms("zdjecie zdjecia zdjeciu foto fotke fotka fotografie"),
    "contact": _forms(
        "kontakt kontaktu kontakcie kontaktowe kontaktowy telefon telefonu numer numeru "
        "email mail maila imie imienia nazwisko nazwiska"
    ),
}

# Verbs that ask for a correction (imperative, infinitive, first person).
_CHANGE_VERBS = _forms(
    "zmien zmienic zmieniam zmiencie zmieniamy zmiana zmiany zamien popraw poprawic "
    "poprawiam poprawcie poprawka poprawki korekta skoryguj edytuj edytowac "
    "zaktualizuj uzupelnij"
)
# Words that say a field is wrong ("zły adres", "miejsce się nie zgadza").
_WRONG = _forms(
    "zly zla zle zlego zlej bledny bledna bledne blednie blad niepoprawny niepoprawna "
    "niepoprawne nieprawidlowy nieprawidlowa nieprawidlowe pomylka pomylilem "
    "pomylilam pomylil nieaktualny nieaktualne inny inne inna niedobry niedobre "
    "niedobra"
)
_NEGATIONS = _forms(
    "nie nein nigdy niezgodne niezgodny nieprawda przenigdy wstrzymaj zaczekaj czekaj "
    "poczekaj stoj moment chwileczke chwila"
)
# No by question: "bez kontaktu" refuses the contact.
_NO_BY_KIND: Dict[Kind, FrozenSet[str]] = {
    Kind.REPORT: frozenset(),
    Kind.IDEA: frozenset(),
    Kind.CONSENT: _forms("bez wole odmawiam"),
    Kind.ERASURE: _forms("zostaw zostawcie zachowaj zachowajcie"),
    Kind.MORE: _forms("wystarczy dziekuje dzieki dziekujemy"),
}
# The fields each summary shows; the consent and erasure questions take no corrections.
FIELDS_BY_KIND: Dict[Kind, FrozenSet[str]] = {
    Kind.REPORT: frozenset(FIELDS),
    Kind.IDEA: frozenset({"description", "place", "contact"}),
    Kind.CONSENT: frozenset(),
    Kind.ERASURE: frozenset(),
    Kind.MORE: frozenset(),
}
_CANCEL = _forms(
    "anuluj anulowac anuluje anulujcie rezygnuje rezygnuj zrezygnuje przerwij przerwac"
)
# Yes, whatever the question.
_YES = _forms(
    "tak ok okej okey oki okay dobrze dobra zgoda zgadza zgadzaja zgadzam potwierdzam "
    "potwierdz potwierdzone zatwierdzam zatwierdz akceptuje jasne pewnie oczywiscie "
    "super swietnie spoko git poprawnie poprawne poprawny prawidlowo prawidlowe "
    "zgodnie zgodne yes dokladnie pasuje gra najbardziej racja owszem"
)
# Yes verbs that belong to one question only ("usuń" confirms the erasure, not a report).
_YES_BY_KIND: Dict[Kind, FrozenSet[str]] = {
    Kind.REPORT: _forms(
        "wyslij wysylaj wyslac wysylam wysylamy zglos zglaszam przeslij przekaz slij wyslijcie"
    ),
    Kind.IDEA: _forms("wyslij wysylaj wyslac wysylam wysylamy przeslij przekaz zglaszam wyslijcie"),
    Kind.CONSENT: _forms(
        "zgadzam zgoda podam podaje zostawiam zostawie zostawic chetnie prosze chce "
        "zadzwoncie oddzwoncie moge"
    ),
    Kind.ERASURE: _forms("usun usuncie usuwaj usuwac usunac skasuj kasuj"),
    Kind.MORE: _forms("chce chcialbym chcialabym mam pytanie jeszcze"),
}
# "Czy mogę pomóc w czymś jeszcze?" – "to wszystko", "nic więcej": no.
_ENOUGH = re.compile(
    r"\b(?:to (?:wszystko|tyle|juz wszystko)|nic (?:wiecej|juz|nie trzeba)|juz nic|"
    r"na razie nic|(?:niczego|nic) nie potrzebuje|wszystko wiem|do widzenia|dowidzenia|"
    r"na razie|pa)\b"
)
# Words that, after a correction verb and a place, begin the new place without "na".
_PLACE_LEAD = frozenset(
    {
        "przy",
        "obok",
        "kolo",
        "naprzeciw",
        "naprzeciwko",
        "ul",
        "al",
        "os",
        "pl",
        "rog",
        "rogu",
        "skrzyzowanie",
        "skrzyzowaniu",
        "pod",
        "nad",
        "za",
        "przed",
        "w",
        "we",
        "rondo",
    }
)
# Small words that may stand around a yes without changing it.
_FILLERS = _forms(
    "sie wszystko jest to ten ta te tym jak no juz i a prosze dziekuje dzieki bardzo "
    "moze byc mozna mi mnie na pewno oczywiscie zgloszenie zgloszenia pomysl dane "
    "rozmowe rozmowa wszystkie moje calosc teraz od razu wiec wlasnie tez ze sa "
    "poprawne najbardziej tutaj tu tam chyba raczej przeciez pan pani panie okej "
    "super tak dobrze gotowe wyglada calkowicie zgodnie z prawda zgadza faktycznie "
    "naprawde wszystkiego kontakt moj numer telefon"
)
# Answers that contain a "nie" and still mean yes: read as whole phrases only.
_NEGATED_YES = re.compile(
    r"(?:(?:tak|ok|dobrze|zgadza sie|wszystko (?:sie )?zgadza)\W+)*"
    r"(?:nie mam (?:zadnych )?(?:zastrzezen|uwag|poprawek)|nie ma (?:zadnych )?bledow|"
    r"(?:nic|niczego) nie (?:zmieniaj|zmieniam|poprawiaj|trzeba zmieniac)|"
    r"nie trzeba (?:nic|niczego) (?:zmieniac|poprawiac))"
    r"(?:\W+(?:wysylaj|wyslij|mozna wyslac|tak|ok|prosze|usun))*"
)
# Typed after a correction verb and its field: "zmień miejsce NA ul. Długa 5".
_VALUE_LEAD = re.compile(
    r"^[\s,]*(?:(?:(?:na|to|jest|powinno byc|powinien byc|powinna byc|ma byc|ma brzmiec)\b"
    r"|[:=>–—-]+)[\s,]*)+"
)
# "Miejsce się nie zgadza, powinno być Długa 5": the value after these words.
_VALUE_LATER = re.compile(r"\b(?:powinno byc|powinien byc|powinna byc|ma byc|chodzi o)\b\s*")
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
    lead = _VALUE_LEAD.match(rest)
    first = _WORD.search(rest)
    if lead is not None and lead.group(0).strip(" ,"):
        start = end + lead.end()
    elif place and first is not None and first.group(0) in _PLACE_LEAD:
        start = end + first.start()
    else:
        later = _VALUE_LATER.search(rest)
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
    verbs = [i for i, (w, _, _) in enumerate(words) if w in _CHANGE_VERBS]
    wrong = any(w in _WRONG or w in _NEGATIONS for w, _, _ in words)
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


# Words a "no more, thank you" may consist of.
_ENOUGH_WORDS = frozenset(
    {"nic", "wiecej", "wszystko", "tyle", "potrzebuje", "razie", "niczego", "wiem", "trzeba"}
)


def _read_more(tokens: list[str]) -> Reading:
    """The answer to "anything else?": no (goodbye) only when it says nothing more.

    "nie wiem, jak zapłacić podatek" is a new question, not a goodbye.
    """
    plain = " ".join(tokens)
    refusal = _NEGATIONS | _NO_BY_KIND[Kind.MORE]
    closing = refusal | _FILLERS | _ENOUGH_WORDS
    said_no = _ENOUGH.search(plain) or any(w in refusal for w in tokens)
    if said_no and all(w in closing or w in {"do", "widzenia", "dowidzenia", "pa"} for w in tokens):
        return Reading(Verdict.NO)
    if said_no:
        return Reading(Verdict.UNCLEAR)
    yes_words = _YES | _YES_BY_KIND[Kind.MORE]
    if any(w in yes_words for w in tokens) and all(w in yes_words or w in _FILLERS for w in tokens):
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
    negations = _NEGATIONS | _NO_BY_KIND[kind]
    if kind is Kind.MORE:
        return _read_more(tokens)
    if _NEGATED_YES.fullmatch(" ".join(tokens)) and "?" not in text:
        return Reading(Verdict.YES)
    if any(w in _CANCEL for w in tokens) and not any(w in negations for w in tokens):
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
    yes_words = _YES | _YES_BY_KIND[kind]
    if any(w in yes_words for w in tokens) and all(w in yes_words or w in _FILLERS for w in tokens):
        return Reading(Verdict.YES)
    return Reading(Verdict.UNCLEAR)
