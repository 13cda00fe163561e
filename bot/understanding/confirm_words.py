"""The words a confirmation is read with, shared by every question.

``bot.understanding.confirm`` reads the answer with these: folded word forms
(``nlu.folding.fold``: no Polish letters, lower case) for yes, no, cancel and
the fields a correction may name, and the few phrases read whole ("nie mam
zastrzeżeń", "zmień miejsce na …"). The words that belong to one question only
(``usuń`` for the erasure, ``bez`` for the consent) stand next to that
question's ``Kind`` in ``confirm``.

The yes and no words themselves are in ``nlu.answer_words``: the NLU reads a
yes typed on its own with the same table.

Word forms are listed explicitly (folded, so "usuń" and "usun" are one word):
the answers are short and the vocabulary small, and a listed form cannot
match a word nobody meant.
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet

from nlu.answer_words import word_forms

# What a correction can be about: folded word forms naming each field.
FIELDS: Dict[str, FrozenSet[str]] = {
    "category": word_forms("kategoria kategorie kategorii kategoriq rodzaj typ"),
    "place": word_forms(
        "miejsce miejsca miejscu lokalizacja lokalizacje lokalizacji adres adresu adresie "
        "ulica ulice ulicy gdzie"
    ),
    "description": word_forms("opis opisu opisie tresc tresci pomysl pomyslu pomysle"),
    "photo": word_forms("zdjecie zdjecia zdjeciu foto fotke fotka fotografie"),
    "contact": word_forms(
        "kontakt kontaktu kontakcie kontaktowe kontaktowy telefon telefonu numer numeru "
        "email mail maila imie imienia nazwisko nazwiska"
    ),
}

# Verbs that ask for a correction (imperative, infinitive, first person).
CHANGE_VERBS = word_forms(
    "zmien zmienic zmieniam zmiencie zmieniamy zmiana zmiany zamien popraw poprawic "
    "poprawiam poprawcie poprawka poprawki korekta skoryguj edytuj edytowac "
    "zaktualizuj uzupelnij"
)
# Words that say a field is wrong ("zły adres", "miejsce się nie zgadza").
WRONG = word_forms(
    "zly zla zle zlego zlej bledny bledna bledne blednie blad niepoprawny niepoprawna "
    "niepoprawne nieprawidlowy nieprawidlowa nieprawidlowe pomylka pomylilem "
    "pomylilam pomylil nieaktualny nieaktualne inny inne inna niedobry niedobre "
    "niedobra"
)
CANCEL = word_forms(
    "anuluj anulowac anuluje anulujcie rezygnuje rezygnuj zrezygnuje przerwij przerwac"
)
# "Czy mogę pomóc w czymś jeszcze?" – "to wszystko", "nic więcej": no.
ENOUGH = re.compile(
    r"\b(?:to (?:wszystko|tyle|juz wszystko)|nic (?:wiecej|juz|nie trzeba)|juz nic|"
    r"na razie nic|(?:niczego|nic) nie potrzebuje|wszystko wiem|do widzenia|dowidzenia|"
    r"na razie|pa)\b"
)
# Words that, after a correction verb and a place, begin the new place without "na".
PLACE_LEAD = frozenset(
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
# Answers that contain a "nie" and still mean yes: read as whole phrases only.
NEGATED_YES = re.compile(
    r"(?:(?:tak|ok|dobrze|zgadza sie|wszystko (?:sie )?zgadza)\W+)*"
    r"(?:nie mam (?:zadnych )?(?:zastrzezen|uwag|poprawek)|nie ma (?:zadnych )?bledow|"
    r"(?:nic|niczego) nie (?:zmieniaj|zmieniam|poprawiaj|trzeba zmieniac)|"
    r"nie trzeba (?:nic|niczego) (?:zmieniac|poprawiac))"
    r"(?:\W+(?:wysylaj|wyslij|mozna wyslac|tak|ok|prosze|usun))*"
)
# Typed after a correction verb and its field: "zmień miejsce NA ul. Długa 5".
VALUE_LEAD = re.compile(
    r"^[\s,]*(?:(?:(?:na|to|jest|powinno byc|powinien byc|powinna byc|ma byc|ma brzmiec)\b"
    r"|[:=>–—-]+)[\s,]*)+"
)
# "Miejsce się nie zgadza, powinno być Długa 5": the value after these words.
VALUE_LATER = re.compile(r"\b(?:powinno byc|powinien byc|powinna byc|ma byc|chodzi o)\b\s*")

# Words a "no more, thank you" may consist of.
ENOUGH_WORDS = frozenset(
    {"nic", "wiecej", "wszystko", "tyle", "potrzebuje", "razie", "niczego", "wiem", "trzeba"}
)
