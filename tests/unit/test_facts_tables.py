"""Each fact the assistant states or checks lives in one table (issue 16).

Two copies of a fact drift apart: the Kraków box had a west edge of 19.79 in
one module and 19.78 in another, so a Telegram location near the city's west
edge was refused while Open311 accepted the same point.
"""

from __future__ import annotations

import pytest

from bot import geo
from bot.web import open311
from bot.web.requests import BadInput

# The city's boundary reaches 19°47' E (19.783°), 50°08' N and 49°58' N.
WEST_EDGE = (50.02, 19.785)


def test_a_point_at_the_west_edge_of_krakow_is_in_krakow() -> None:
    assert geo.in_krakow(*WEST_EDGE)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [WEST_EDGE, (50.06143, 19.93658), (49.96, 20.22), (49.95, 19.9), (50.05, 19.77)],
)
def test_open311_and_the_chat_channels_accept_the_same_points(lat: float, lon: float) -> None:
    try:
        accepted = open311._position({"lat": str(lat), "long": str(lon)}) == (lat, lon)
    except BadInput:
        accepted = False
    assert accepted == geo.in_krakow(lat, lon)
