"""CSAT and service-level arithmetic (bot/stats/quality.py), its edges, and the figures of
the seeded month against the hand count (tests/dashboard_seed.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.console.dashboard_quality import comments_table, csat_table, sla_table
from bot.db import Database
from bot.stats import quality as q
from bot.stats.period import Period
from tests import dashboard_seed as seeding

TARGET = 180
PERIODS = [
    Period(seeding.FIRST_DAY, seeding.LAST_DAY, None),
    Period(seeding.FIRST_DAY, seeding.LAST_DAY, "telegram"),
    Period(dt.date(2025, 3, 30), dt.date(2025, 3, 31), None),
]


def test_csat_is_the_share_of_four_and_five_among_the_scores_given() -> None:
    rows = [("assistant", 5), ("assistant", 4), ("assistant", 3), ("assistant", None)]
    rows += [("consultant", 1), ("USC", 5), ("USC", 4)]
    by_group = {f.group: f for f in q.satisfaction(rows)}
    assistant = by_group["assistant"]
    assert (assistant.asked, assistant.rated, assistant.satisfied) == (4, 3, 2)
    assert assistant.csat == pytest.approx(2 / 3) and assistant.mean == pytest.approx(4.0)
    assert by_group["consultant"].csat == 0.0 and by_group["consultant"].mean == 1.0
    assert by_group["USC"].csat == 1.0
    every = by_group["all"]
    assert (every.asked, every.rated, every.satisfied) == (7, 6, 4)
    assert every.mean == pytest.approx(22 / 6)
    assert [f.group for f in q.satisfaction(rows)] == ["assistant", "consultant", "USC", "all"]


def test_no_ratings_give_no_figure_rather_than_zero() -> None:
    figures = q.satisfaction([])
    assert [(f.group, f.asked, f.csat, f.mean) for f in figures] == [
        ("assistant", 0, None, None),
        ("consultant", 0, None, None),
        ("all", 0, None, None),
    ]
    only_skipped = q.satisfaction([("assistant", None)])[0]
    assert (only_skipped.asked, only_skipped.csat) == (1, None)
    table = csat_table(figures)
    assert [row[3] for row in table.rows] == ["—", "—", "—"]


def test_service_level_counts_waits_at_the_target_as_within_and_untaken_as_missed() -> None:
    waits = [("first", 10.0), ("first", 180.0), ("first", 180.5), ("first", None), ("second", 5.0)]
    first, second, both = q.service_levels(waits, TARGET)
    assert (first.within, first.later, first.not_taken, first.handoffs) == (2, 1, 1, 4)
    assert first.share == pytest.approx(0.5)
    assert (second.line, second.share) == ("second", 1.0)
    assert (both.line, both.handoffs, both.within) == (None, 5, 3)
    table = sla_table([first, second, both])
    assert table.rows[0] == ["Pierwsza linia", "4", "2", "1", "1", "50,0 %"] or table.rows[0][
        1:
    ] == ["4", "2", "1", "1", "50,0 %"]


def test_no_hand_offs_give_no_service_level() -> None:
    levels = q.service_levels([], TARGET)
    assert [(level.line, level.handoffs, level.share) for level in levels] == [
        ("first", 0, None),
        ("second", 0, None),
        (None, 0, None),
    ]
    assert [row[-1] for row in sla_table(levels).rows] == ["—", "—", "—"]


def test_comments_are_shown_redacted() -> None:
    comment = q.Comment(
        dt.datetime(2025, 3, 3, 12, tzinfo=dt.timezone.utc),
        "consultant",
        5,
        seeding.PERSONAL_COMMENT,
    )
    [row] = comments_table([comment]).rows
    assert "600 700 800" not in row[3] and "Kowalski" not in row[3]
    assert row[0] == "2025-03-03 13:00" and row[2] == "5"


@pytest.mark.parametrize("period", PERIODS, ids=["all", "telegram", "dst"])
def test_seeded_quality_equals_the_hand_count(db: Database, period: Period) -> None:
    seed = seeding.make_seed("conv")
    seeding.write_app_db(db, seed)
    with db.engine.connect() as connection:
        figures = q.quality(connection, period, TARGET)
    expected = seeding.expected_csat(seed, period)
    for f in figures.satisfaction:
        asked, rated, satisfied, mean = expected[f.group]
        assert (f.asked, f.rated, f.satisfied) == (asked, rated, satisfied), f.group
        assert f.mean == pytest.approx(mean) if mean is not None else f.mean is None
    sla = seeding.expected_sla(seed, period, TARGET)
    for level in figures.service:
        assert (level.handoffs, level.within) == sla[level.line], level.line
    if period.channel is None and period.first == seeding.FIRST_DAY:
        every = figures.satisfaction[-1]
        both = figures.service[-1]
        # Non-trivial: the month has ratings of every kind, and waits either side of 3 min.
        assert every.rated > 20 and 0 < every.satisfied < every.rated
        assert 0 < both.within < both.handoffs and both.not_taken > 0
        assert any(f.group not in ("assistant", "consultant", "all") for f in figures.satisfaction)
        assert figures.comments and all(c.score is not None for c in figures.comments)
