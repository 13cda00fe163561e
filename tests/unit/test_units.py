"""Which unit's specialist a resident's own case goes to (bot/handoff/units.py): whole words."""

from __future__ import annotations

from typing import Optional

import pytest

from bot.handoff.units import guess_unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("co z moim wnioskiem o dowód osobisty", "WSA"),
        ("zlozylem wniosek o wymeldowanie lokatora", "WSA"),
        ("czekam na odpis aktu urodzenia", "USC"),
        ("mój wniosek o zasiłek dla bezrobotnych", "GUP"),
        ("sprawa w urzędzie pracy sie ciagnie", "GUP"),
        ("zezwolenie na wycinkę drzewa od dwóch miesięcy", "WKS"),
        ("zamówiłem mapę do celów projektowych i nic", "WGK"),
        ("skarga na koszenie w parku Jordana", "ZZM"),
        ("w Parku Krakowskim nikt nie odpowiada", "ZZM"),
        # Longer words that begin like a unit's matter are not that matter.
        ("moja sprawa o parking przy bloku", None),
        ("zasilanie w budynku i faktura", None),
        ("aktualny stan mojej sprawy", None),
        ("mapping danych w systemie", None),
        ("gupi blad w fakturze", None),
    ],
)
def test_the_unit_is_read_from_whole_words(text: str, unit: Optional[str]) -> None:
    assert guess_unit(text) == unit
