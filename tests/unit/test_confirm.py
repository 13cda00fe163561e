"""Every confirmation reads yes, no and corrections alike (bot.understanding.confirm).

One table per question the assistant asks, with and without Polish letters.
A no, a correction or anything unclear must never file a report or an idea:
that is checked on the form's own slot values (actions.corrections), since
only ``CONFIRMED`` in the confirmation slot files (actions.filing).
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.corrections import apply_answer
from actions.filing import CANCELLED, CONFIRMED
from actions.form_input import consent_answer
from actions.ideas import IDEA_FIELDS
from actions.report_photo import publish_answer
from actions.reports import REPORT_FIELDS
from bot.understanding.confirm import Kind, Verdict, read_answer

Y, N, C, X, Q = Verdict.YES, Verdict.NO, Verdict.CHANGE, Verdict.CANCEL, Verdict.UNCLEAR
Row = Tuple[str, Verdict, Optional[str], Optional[str]]  # text, verdict, field, new value

REPORT: List[Row] = [
    # yes
    ("Wyślij zgłoszenie", Y, None, None),
    ("wyslij zgloszenie", Y, None, None),
    ("tak", Y, None, None),
    ("Tak!", Y, None, None),
    ("taaak", Y, None, None),
    ("ok", Y, None, None),
    ("OK", Y, None, None),
    ("okej", Y, None, None),
    ("tak, wszystko się zgadza", Y, None, None),
    ("tak wszystko sie zgadza", Y, None, None),
    ("zgadza się", Y, None, None),
    ("potwierdzam", Y, None, None),
    ("wszystko ok, wysyłaj", Y, None, None),
    ("jak najbardziej", Y, None, None),
    ("dobrze, wyślij", Y, None, None),
    ("nie mam zastrzeżeń", Y, None, None),
    ("nie mam zadnych uwag, wysylaj", Y, None, None),
    ("nic nie zmieniaj", Y, None, None),
    # no
    ("nie", N, None, None),
    ("Nie.", N, None, None),
    ("nie potwierdzam", N, None, None),
    ("nie, nie wysyłaj", N, None, None),
    ("nie, nie wysylaj", N, None, None),
    ("nie wysyłaj jeszcze", N, None, None),
    ("jeszcze nie", N, None, None),
    ("nie teraz", N, None, None),
    ("nie zgadza się", N, None, None),
    ("nie zgadza sie", N, None, None),
    ("wstrzymaj", N, None, None),
    ("tak, ale nie wiem", N, None, None),
    # corrections
    ("nie zgadza się miejsce", C, "place", None),
    ("nie zgadza sie miejsce", C, "place", None),
    ("miejsce się nie zgadza", C, "place", None),
    ("popraw kontakt", C, "contact", None),
    ("Zmień miejsce", C, "place", None),
    ("zmień kategorię", C, "category", None),
    ("zmien opis", C, "description", None),
    ("zły adres", C, "place", None),
    ("zly adres", C, "place", None),
    ("błędny numer telefonu", C, "contact", None),
    ("zmień zdjęcie", C, "photo", None),
    ("chcę coś zmienić", C, None, None),
    ("popraw", C, None, None),
    ("zmień miejsce na ul. Kocmyrzowska, przystanek", C, "place", "ul. Kocmyrzowska, przystanek"),
    ("zmien miejsce na ul. Kocmyrzowska, przystanek", C, "place", "ul. Kocmyrzowska, przystanek"),
    ("popraw miejsce: Długa 5", C, "place", "Długa 5"),
    ("zmień miejsce przy Długiej 5", C, "place", "przy Długiej 5"),
    ("miejsce się nie zgadza, powinno być Długa 5", C, "place", "Długa 5"),
    ("zmień opis na: dziura ma metr średnicy", C, "description", "dziura ma metr średnicy"),
    ("tak, ale zmień opis: dziura ma metr", C, "description", "dziura ma metr"),
    ("zmień kategorię na oświetlenie", C, "category", "oświetlenie"),
    # cancel
    ("Anuluj", X, None, None),
    ("anuluj zgłoszenie", X, None, None),
    ("rezygnuję", X, None, None),
    # unclear: asked again, never filed
    ("obok jest ok?", Q, None, None),
    ("tak?", Q, None, None),
    ("kontakt", Q, None, None),
    ("ok, a kiedy to naprawicie", Q, None, None),
    ("hmm", Q, None, None),
    ("", Q, None, None),
    ("a co z tym drugim zgłoszeniem", Q, None, None),
    ("latarnia dalej nie świeci?", N, None, None),  # negation first: not filed either
    ("usuń", Q, None, None),
]

IDEA: List[Row] = [
    ("Wyślij pomysł", Y, None, None),
    ("wyslij pomysl", Y, None, None),
    ("tak", Y, None, None),
    ("ok", Y, None, None),
    ("okej", Y, None, None),
    ("Tak, zgadza się", Y, None, None),
    ("tak zgadza sie", Y, None, None),
    ("potwierdzam", Y, None, None),
    ("super, wysyłaj", Y, None, None),
    ("dobrze", Y, None, None),
    ("jasne", Y, None, None),
    ("oczywiście", Y, None, None),
    ("nie mam zastrzeżeń", Y, None, None),
    ("nie", N, None, None),
    ("nie potwierdzam", N, None, None),
    ("nie, nie wysyłaj", N, None, None),
    ("nie wysylaj", N, None, None),
    ("jeszcze nie", N, None, None),
    ("nie teraz", N, None, None),
    ("nie zgadza się", N, None, None),
    ("poczekaj", N, None, None),
    ("nie zgadza się miejsce", C, "place", None),
    ("nie zgadza sie miejsce", C, "place", None),
    ("Zmień opis", C, "description", None),
    ("zmień pomysł", C, "description", None),
    ("zmien pomysl", C, "description", None),
    ("popraw kontakt", C, "contact", None),
    ("Zmień miejsce", C, "place", None),
    ("zmień miejsce na rondo Mogilskie", C, "place", "rondo Mogilskie"),
    ("zmien miejsce na Rondo Mogilskie", C, "place", "Rondo Mogilskie"),
    ("zmień miejsce na park Jordana", C, "place", "park Jordana"),
    ("zmień opis na: ławki przy Wiśle", C, "description", "ławki przy Wiśle"),
    ("zły opis", C, "description", None),
    ("zmień kategorię", C, None, None),  # an idea has no category: ask what to change
    ("zmień zdjęcie", C, None, None),
    ("coś zmienię", Q, None, None),
    ("Anuluj", X, None, None),
    ("anuluj pomysł", X, None, None),
    ("obok jest ok?", Q, None, None),
    ("czy to trafi do rady dzielnicy?", Q, None, None),
    ("mam jeszcze jeden pomysł", Q, None, None),
    ("pomysł", Q, None, None),
]

CONSENT: List[Row] = [
    ("Tak, zgadzam się", Y, None, None),
    ("tak, zgadzam sie", Y, None, None),
    ("tak", Y, None, None),
    ("tak, podam kontakt", Y, None, None),
    ("ok", Y, None, None),
    ("zgoda", Y, None, None),
    ("zgadzam się", Y, None, None),
    ("chętnie", Y, None, None),
    ("chetnie", Y, None, None),
    ("jasne, proszę", Y, None, None),
    ("tak, proszę zadzwonić", Q, None, None),
    ("tak, proszę", Y, None, None),
    ("dobrze", Y, None, None),
    ("zostawię kontakt", Y, None, None),
    ("zostawie kontakt", Y, None, None),
    ("podam numer", Y, None, None),
    ("pewnie", Y, None, None),
    ("oczywiście", Y, None, None),
    ("no dobrze", Y, None, None),
    ("okej", Y, None, None),
    ("nie", N, None, None),
    ("Nie, rezygnuję", N, None, None),
    ("nie, bez kontaktu", N, None, None),
    ("bez kontaktu", N, None, None),
    ("nie zgadzam się", N, None, None),
    ("nie zgadzam sie", N, None, None),
    ("nie, dziękuję", N, None, None),
    ("jeszcze nie", N, None, None),
    ("nie teraz", N, None, None),
    ("wolę nie", N, None, None),
    ("wole nie", N, None, None),
    ("nie chcę", N, None, None),
    ("odmawiam", N, None, None),
    ("rezygnuję", X, None, None),
    ("anuluj", X, None, None),
    ("kontakt", Q, None, None),
    ("Anna, 600 123 456", Q, None, None),
    ("a po co wam to?", Q, None, None),
    ("obok jest ok?", Q, None, None),
    ("hmm", Q, None, None),
    ("ile to potrwa", Q, None, None),
    ("zgoda?", Q, None, None),
]

# May the report's photo be shown publicly (actions/report_photo.py)? Unclear never publishes.
PUBLISH: List[Row] = [
    ("Tak, można pokazać", Y, None, None),
    ("tak, mozna pokazac", Y, None, None),
    ("tak", Y, None, None),
    ("można", Y, None, None),
    ("pokażcie", Y, None, None),
    ("tak, można je pokazać", Y, None, None),
    ("publicznie", Y, None, None),
    ("niech będzie", Y, None, None),
    ("Nie, tylko dla urzędu", N, None, None),
    ("nie, tylko dla urzedu", N, None, None),
    ("tylko dla urzędu", N, None, None),
    ("nie pokazujcie go", N, None, None),
    ("nie można", N, None, None),
    ("tak, ale tylko dla urzędu", N, None, None),
    ("prywatnie", N, None, None),
    ("wolę nie", N, None, None),
    ("anuluj", X, None, None),
    ("a kto to zobaczy?", Q, None, None),
    ("zdjęcie", Q, None, None),
    ("tak?", Q, None, None),
    ("hmm", Q, None, None),
]

ERASURE: List[Row] = [
    ("Tak, usuń", Y, None, None),
    ("tak, usun", Y, None, None),
    ("/affirm", Y, None, None),
    ("tak", Y, None, None),
    ("ok", Y, None, None),
    ("usuń", Y, None, None),
    ("usun", Y, None, None),
    ("usuń wszystko", Y, None, None),
    ("usuń moje dane", Y, None, None),
    ("tak, na pewno", Y, None, None),
    ("potwierdzam", Y, None, None),
    ("skasuj", Y, None, None),
    ("tak, usuń rozmowę", Y, None, None),
    ("jasne, usuwaj", Y, None, None),
    ("zgadza się", Y, None, None),
    ("tak, proszę usunąć", Y, None, None),
    ("dobrze", Y, None, None),
    ("Nie", N, None, None),
    ("/deny", N, None, None),
    ("nie", N, None, None),
    ("nie usuwaj", N, None, None),
    ("nie usuwaj!", N, None, None),
    ("nie, zostaw", N, None, None),
    ("zostaw", N, None, None),
    ("jeszcze nie", N, None, None),
    ("nie teraz", N, None, None),
    ("nie potwierdzam", N, None, None),
    ("nie, jednak nie", N, None, None),
    ("zachowaj", N, None, None),
    ("nie, dziękuję", N, None, None),
    ("poczekaj", N, None, None),
    ("anuluj", X, None, None),
    ("rezygnuję", X, None, None),
    ("tak?", Q, None, None),
    ("obok jest ok?", Q, None, None),
    ("a co ze zgłoszeniami?", Q, None, None),
    ("kontakt", Q, None, None),
    ("hmm", Q, None, None),
    ("co to znaczy?", Q, None, None),
    ("usuń tylko zdjęcie", Q, None, None),
    ("wyślij zgłoszenie", Q, None, None),
    ("", Q, None, None),
]

MORE: List[Tuple[str, Verdict]] = [
    ("nie", N),
    ("nie, dziękuję", N),
    ("nie dziekuje", N),
    ("to wszystko", N),
    ("dziękuję, to wszystko", N),
    ("nic więcej", N),
    ("nie, do widzenia", N),
    ("dzięki", N),
    ("tak", Y),
    ("tak, mam pytanie", Y),
    ("nie wiem, jak zapłacić podatek", Q),
    ("jak wyrobić dowód", Q),
]


def _check(kind: Kind, row: Row) -> None:
    text, verdict, field, value = row
    reading = read_answer(text, kind)
    assert (reading.verdict, reading.field, reading.value) == (verdict, field, value), text


@pytest.mark.parametrize("row", REPORT, ids=[r[0] or "empty" for r in REPORT])
def test_report_summary(row: Row) -> None:
    _check(Kind.REPORT, row)


@pytest.mark.parametrize("row", IDEA, ids=[r[0] or "empty" for r in IDEA])
def test_idea_summary(row: Row) -> None:
    _check(Kind.IDEA, row)


@pytest.mark.parametrize("row", CONSENT, ids=[r[0] or "empty" for r in CONSENT])
def test_contact_and_callback_consent(row: Row) -> None:
    _check(Kind.CONSENT, row)
    expected = {Y: True, N: False, X: False}.get(row[1])
    assert consent_answer(row[0]) is expected, row[0]


@pytest.mark.parametrize("row", PUBLISH, ids=[r[0] or "empty" for r in PUBLISH])
def test_publish_the_photo_question(row: Row) -> None:
    _check(Kind.PUBLISH, row)
    expected = {Y: True, N: False, X: False}.get(row[1])
    assert publish_answer(row[0]) is expected, row[0]


@pytest.mark.parametrize("row", ERASURE, ids=[r[0] or "empty" for r in ERASURE])
def test_erasure_question(row: Row) -> None:
    _check(Kind.ERASURE, row)


@pytest.mark.parametrize(("text", "verdict"), MORE)
def test_anything_else(text: str, verdict: Verdict) -> None:
    assert read_answer(text, Kind.MORE).verdict is verdict


def test_tables_are_large_enough() -> None:
    for table in (REPORT, IDEA, CONSENT, ERASURE):
        assert len(table) >= 40
        assert {row[1] for row in table} >= {Y, N, Q}


@pytest.mark.parametrize(
    ("kind", "slot", "fields", "rows"),
    [
        (Kind.REPORT, "report_confirmation", REPORT_FIELDS, REPORT),
        (Kind.IDEA, "idea_confirmation", IDEA_FIELDS, IDEA),
    ],
    ids=["report", "idea"],
)
def test_only_a_yes_files(kind: Kind, slot: str, fields: dict, rows: List[Row]) -> None:
    """The form's slot values: CONFIRMED (which files) for a yes and nothing else."""
    for text, verdict, field, value in rows:
        dispatcher = CollectingDispatcher()
        values = apply_answer(text, kind, slot, fields, dispatcher)
        if verdict is Y:
            assert values == {slot: CONFIRMED}, text
            continue
        if verdict is X:
            assert values == {slot: CANCELLED}, text
            continue
        assert values[slot] is None, text
        assert dispatcher.messages, text  # the resident is told why the summary comes again
        if verdict is C and field is not None and value is not None:
            assert fields[field].slot in values, text


def test_a_correction_takes_the_new_place_and_clears_the_map_point() -> None:
    dispatcher = CollectingDispatcher()
    values = apply_answer(
        "zmień miejsce na ul. Kocmyrzowska, przystanek",
        Kind.REPORT,
        "report_confirmation",
        REPORT_FIELDS,
        dispatcher,
    )
    assert values == {
        "report_confirmation": None,
        "report_location": "ul. Kocmyrzowska, przystanek",
        "report_lat": None,
        "report_lon": None,
    }
    assert "Zmieniłem miejsce" in dispatcher.messages[-1]["text"]


def test_a_correction_without_a_value_asks_the_field_again() -> None:
    values = apply_answer(
        "popraw kontakt", Kind.REPORT, "report_confirmation", REPORT_FIELDS, CollectingDispatcher()
    )
    assert values == {
        "report_confirmation": None,
        "report_contact_consent": None,
        "report_contact": None,
    }


def test_a_category_named_in_a_correction() -> None:
    values = apply_answer(
        "zmień kategorię na oświetlenie",
        Kind.REPORT,
        "report_confirmation",
        REPORT_FIELDS,
        CollectingDispatcher(),
    )
    assert values == {"report_confirmation": None, "report_category": "oswietlenie"}
