"""A place's street and number, compared whatever the case and the letters typed."""

from __future__ import annotations

import pytest

from bot.reports.addresses import Address, address_of, same_address


@pytest.mark.parametrize(
    "typed",
    ["ul. Długa 5", "Długiej 5", "przy dlugiej 5", "ulica Długa 5", "DŁUGA 5", "ul.Długa 5"],
)
def test_one_street_and_number_however_it_is_written(typed: str) -> None:
    assert same_address(typed, "Długa 5")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("al. Mickiewicza 30", "Alei Mickiewicza 30"),
        ("Rynek Główny 1", "w Rynku Głównym 1"),
        ("Karmelicka 10a", "przy Karmelickiej 10A"),
        ("nie świeci latarnia przy Długiej 5", "ul. Długa 5"),
    ],
)
def test_declined_street_names_meet(one: str, other: str) -> None:
    assert same_address(one, other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Długa 5", "Długa 7"),  # another house
        ("Długa 5", "Krótka 5"),  # another street
        ("Karmelicka 10", "Karmelicka 10a"),
        ("Rynek Główny 1", "Rynek Dębnicki 1"),
    ],
)
def test_another_street_or_number_is_another_place(one: str, other: str) -> None:
    assert not same_address(one, other)


@pytest.mark.parametrize(
    "place",
    [
        "róg Karmelickiej i Batorego",  # no number
        "punkt z mapy: 50.06143, 19.93658",  # a point, compared by distance instead
        "park Jordana",
        "",
        None,
    ],
)
def test_a_place_without_street_and_number_matches_nothing(place: str | None) -> None:
    assert address_of(place) is None
    assert not same_address(place, place)


def test_the_house_number_is_the_one_after_the_street() -> None:
    assert address_of("Długa 5 m. 3") == Address(("dlug",), "5")
    assert address_of("latarnia przy Długiej 5") == Address(("dlug",), "5")
