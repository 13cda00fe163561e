"""Reading the first report message: danger, utility faults, category, place."""

import pytest

from bot.reports.triage import find_place, guess_category
from bot.safety import is_danger, utility_fault


@pytest.mark.parametrize(
    "text",
    [
        "drzewo spadło na auto, ktoś jest w środku",
        "DRZEWO SPADLO NA AUTO KTOS JEST W SRODKU",
        "pali się śmietnik przy bloku",
        "potrącony pieszy leży na jezdni",
    ],
)
def test_danger_to_life_is_recognised(text: str) -> None:
    assert is_danger(text)


def test_ordinary_report_is_not_danger() -> None:
    assert not is_danger("nie świeci latarnia przy Długiej 5")


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("nie ma wody w całym bloku", "994"),
        ("zimne kaloryfery od rana, brak ciepła", "993"),
        ("brak prądu na ulicy", "991"),
        ("czuć gaz na klatce schodowej", "992"),
    ],
)
def test_utility_faults_get_their_24h_line(text: str, phone: str) -> None:
    fault = utility_fault(text)
    assert fault is not None and fault.phone == phone


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("nie świeci latarnia przy Długiej 5", "oswietlenie"),
        ("nie swieci latarnia przy dlugiej", "oswietlenie"),
        ("wielka dziura w jezdni na Karmelickiej", "drogi"),
        ("przepełnione kosze na Rynku", "czystosc"),
        ("auto zaparkowane na trawniku", "porzadek"),
        ("w parku Jordana leży złamana gałąź", "zielen"),
        ("konar wisi nad jezdnią", "drzewa_przy_drodze"),
        ("sąsiad wyciął drzewo bez zezwolenia", "srodowisko"),
        ("chcę zgłosić problem", None),
    ],
)
def test_category_from_the_words(text: str, category: str | None) -> None:
    assert guess_category(text) == category


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("nie świeci latarnia przy Długiej 5", "Długiej 5"),
        ("dziura na ul. Karmelickiej 12", "ul. Karmelickiej 12"),
        ("śmieci na os. Piastów 20", "os. Piastów 20"),
        ("kosze na skrzyżowaniu Dietla i Starowiślnej", "skrzyżowaniu Dietla i Starowiślnej"),
        ("jest dziura w jezdni", None),
    ],
)
def test_place_named_in_the_message(text: str, place: str | None) -> None:
    assert find_place(text) == place
