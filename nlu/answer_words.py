"""The words of yes and no: one table for the assistant's two readers of them.

``bot.understanding.confirm`` reads the answer to a closed question with them
(the report summary, consent, erasure); ``nlu.formulas`` reads a yes or a no
typed on its own ("jasne", "zgadza się", "nie, dziękuję") before the
classifier guesses. Both must agree on what a yes is, so the words live here,
below both (``nlu`` imports nothing of ``bot``). Folded forms
(``nlu.folding.fold``), whole words only.
"""

from __future__ import annotations

from typing import FrozenSet


def word_forms(words: str) -> FrozenSet[str]:
    """A set of folded word forms, written as one space-separated string."""
    return frozenset(words.split())


# A no by itself.
NO = word_forms("nie nein nigdy niezgodne niezgodny nieprawda przenigdy")
# "Wait": not a yes, so it stops a confirmation like a no does.
WAIT = word_forms("wstrzymaj zaczekaj czekaj poczekaj stoj moment chwileczke chwila")
NEGATIONS = NO | WAIT
# Yes, whatever the question.
YES = word_forms(
    "tak ok okej okey oki okay dobrze dobra zgoda zgadza zgadzaja zgadzam potwierdzam "
    "potwierdz potwierdzone zatwierdzam zatwierdz akceptuje jasne pewnie oczywiscie "
    "super swietnie spoko git poprawnie poprawne poprawny prawidlowo prawidlowe "
    "zgodnie zgodne yes dokladnie pasuje gra najbardziej racja owszem"
)
# Small words that may stand around a yes without changing it.
FILLERS = word_forms(
    "sie wszystko jest to ten ta te tym jak no juz i a prosze dziekuje dzieki bardzo "
    "moze byc mozna mi mnie na pewno oczywiscie zgloszenie zgloszenia pomysl dane "
    "rozmowe rozmowa wszystkie moje calosc teraz od razu wiec wlasnie tez ze sa "
    "poprawne najbardziej tutaj tu tam chyba raczej przeciez pan pani panie okej "
    "super tak dobrze gotowe wyglada calkowicie zgodnie z prawda zgadza faktycznie "
    "naprawde wszystkiego kontakt moj numer telefon"
)
