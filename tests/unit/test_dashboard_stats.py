"""The dashboard's figures (bot.stats) against a seeded month counted by hand.

Runs on SQLite and PostgreSQL (the ``db`` fixture); the tracker table has
Rasa's own shape and Rasa's own event JSON (tests/dashboard_seed.py).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Iterator, Optional

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from bot.db import Database
from bot.stats import appdb
from bot.stats.period import Period, PeriodError, parse_period
from bot.stats.svg import Bar, bar_chart
from bot.stats.tracker import tracker_engine, tracker_figures
from tests import dashboard_seed as seeding

PERIODS = [
    Period(seeding.FIRST_DAY, seeding.LAST_DAY, None),
    Period(seeding.FIRST_DAY, seeding.LAST_DAY, "web"),
    Period(seeding.FIRST_DAY, seeding.LAST_DAY, "telegram"),
    Period(dt.date(2025, 3, 30), dt.date(2025, 3, 31), None),  # the DST change
]


@pytest.fixture()
def seeded(db: Database, tmp_path: Path) -> Iterator[tuple[Database, Engine, seeding.Seed]]:
    """The seed in the app database and in a tracker table (SQLite: its own file, as
    Rasa's var/tracker.db; PostgreSQL: the test schema)."""
    seed = seeding.make_seed("conv")
    seeding.write_app_db(db, seed)
    if db.engine.dialect.name == "sqlite":
        writer = create_engine(f"sqlite:///{tmp_path / 'tracker.db'}", future=True)
        seeding.create_events_table(writer)
        seeding.write_tracker(writer, seed)
        writer.dispose()
        tracker = tracker_engine(f"sqlite:///{tmp_path / 'tracker.db'}")  # read-only
    else:
        seeding.create_events_table(db.engine)
        seeding.write_tracker(db.engine, seed)
        tracker = db.engine
    yield db, tracker, seed
    if tracker is not db.engine:
        tracker.dispose()


@pytest.mark.parametrize("period", PERIODS, ids=["all", "web", "telegram", "dst"])
def test_app_database_figures_equal_the_hand_count(seeded, period: Period) -> None:
    db, _tracker, seed = seeded
    with db.engine.connect() as connection:
        shares = appdb.conversation_shares(connection, period)
        callbacks = appdb.callback_counts(connection, period)
        reports = appdb.report_counts(connection, period)
        waits = appdb.queue_waits(connection, period)

    expected = seeding.expected_shares(seed, period)
    assert expected["total"] > 0
    assert (
        shares.total,
        shares.assistant_alone,
        shares.consultant,
        shares.second_line_complex,
        shares.own_case,
    ) == (
        expected["total"],
        expected["assistant_alone"],
        expected["consultant"],
        expected["complex"],
        expected["own"],
    )
    assert (
        shares.assistant_alone + shares.consultant + shares.second_line_complex + (shares.own_case)
        == shares.total
    )

    assert callbacks.__dict__ == seeding.expected_callbacks(seed, period)
    assert {(r.kind, r.category, r.unit, r.status): r.count for r in reports} == (
        seeding.expected_reports(seed, period)
    )

    expected_waits = seeding.expected_waits(seed, period)
    got = {w.line: (w.taken, w.median_seconds) for w in waits}
    assert got.keys() == expected_waits.keys()
    for line, (taken, median) in expected_waits.items():
        assert got[line][0] == taken
        assert got[line][1] == pytest.approx(median) if median is not None else got[line][1] is None


@pytest.mark.parametrize("period", PERIODS, ids=["all", "web", "telegram", "dst"])
def test_tracker_figures_equal_the_hand_count(seeded, period: Period) -> None:
    db, tracker, seed = seeded
    senders: Optional[set[str]] = None
    if period.channel:
        with db.engine.connect() as connection:
            senders = appdb.channel_conversations(connection, period.channel)
    with tracker.connect() as connection:
        figures = tracker_figures(connection, period, senders)

    expected = seeding.expected_tracker(seed, period)
    assert figures.residents_messages == expected["typed"]
    got = Counter((item.at, item.text) for item in figures.not_understood)
    assert got == Counter(expected["not_understood"])
    assert [i.at for i in figures.not_understood] == sorted(
        (i.at for i in figures.not_understood), reverse=True
    )
    assert dict(figures.faq_keys) == dict(expected["faq"])
    counts = [n for _key, n in figures.faq_keys]
    assert counts == sorted(counts, reverse=True)
    if figures.residents_messages:
        assert figures.fallback_rate == len(expected["not_understood"]) / expected["typed"]


def test_the_seed_covers_every_case() -> None:
    """The hand count would prove little if the seed missed a class or an edge."""
    seed = seeding.make_seed("conv")
    period = PERIODS[0]
    shares = seeding.expected_shares(seed, period)
    assert all(shares[name] > 0 for name in ("assistant_alone", "consultant", "complex", "own"))
    tracker = seeding.expected_tracker(seed, period)
    texts = [text for _at, text in tracker["not_understood"]]
    assert "" in texts and 'qwzx <b>blorp</b> & ;"fnarg"' in texts
    # Answers inside a form and policy fallbacks are in the seed but never "not understood".
    turns = [t for c in seed.conversations for t in c.turns if seeding._inside(t.at, period)]
    assert any(t.in_form for t in turns) and any(t.fallback_action for t in turns)
    assert "600 700 800" not in texts and "a potem co dalej" not in texts
    created = [c.created_at for c in seed.conversations]
    assert all(edge in created for edge in seeding.EDGE_TIMES)


def test_empty_tracker_store_gives_empty_figures(tmp_path: Path) -> None:
    """Before Rasa wrote anything the table is missing: no figures, no error."""
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}", future=True)
    with engine.connect() as connection:
        figures = tracker_figures(connection, PERIODS[0])
    assert figures.residents_messages == 0 and figures.fallback_rate is None
    engine.dispose()


def test_period_is_whole_days_in_krakow() -> None:
    now = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.timezone.utc)
    default = parse_period({}, now)
    assert (default.first, default.last, default.channel) == (
        dt.date(2026, 11, 1),
        dt.date(2026, 11, 30),
        None,
    )
    summer = parse_period({"from": "2025-03-30", "to": "2025-03-30", "channel": "web"}, now)
    # 30 March 2025: clocks go forward, so the day is 23 hours long.
    assert summer.start == dt.datetime(2025, 3, 29, 23, 0, tzinfo=dt.timezone.utc)
    assert summer.end == dt.datetime(2025, 3, 30, 22, 0, tzinfo=dt.timezone.utc)
    for bad, code in [
        ({"from": "30.03.2025"}, "date"),
        ({"from": "2025-03-31", "to": "2025-03-01"}, "backwards"),
        ({"from": "2020-01-01", "to": "2025-01-01"}, "too_long"),
        ({"channel": "fax"}, "channel"),
    ]:
        with pytest.raises(PeriodError) as error:
            parse_period(bad, now)
        assert error.value.code == code


def test_chart_escapes_labels_and_names_itself() -> None:
    svg = str(bar_chart("c1", "Tytuł <i>", [Bar("<script>alert(1)</script>", 3, "3 & 4")], "—"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "3 &amp; 4" in svg
    assert '<title id="c1-title">Tytuł &lt;i&gt;</title>' in svg
    assert 'role="img"' in svg and 'aria-labelledby="c1-title" aria-describedby="c1-desc"' in svg


def test_tracker_url_follows_rasas_endpoint_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The dashboard must read the store Rasa writes: endpoints.yml (SQLite file) and
    endpoints.cluster.yml (PostgreSQL with port, user and password) use these variables."""
    from bot.settings import Settings

    for name in ("DIALECT", "HOST", "PORT", "DB", "USER", "PASSWORD"):
        monkeypatch.delenv(f"KCK_TRACKER_{name}", raising=False)
    settings = Settings(var_dir=tmp_path)
    assert settings.tracker_url == f"sqlite:///{tmp_path / 'tracker.db'}"
    monkeypatch.setenv("KCK_TRACKER_DIALECT", "postgresql")
    monkeypatch.setenv("KCK_TRACKER_HOST", "db.example")
    monkeypatch.setenv("KCK_TRACKER_PORT", "5433")
    monkeypatch.setenv("KCK_TRACKER_DB", "tracker")
    monkeypatch.setenv("KCK_TRACKER_USER", "rasa")
    monkeypatch.setenv("KCK_TRACKER_PASSWORD", "p@ss")
    assert settings.tracker_url == "postgresql://rasa:p%40ss@db.example:5433/tracker"
    monkeypatch.setenv("KCK_TRACKER_HOST", "db.example:6000")
    assert settings.tracker_url == "postgresql://rasa:p%40ss@db.example:6000/tracker"
    monkeypatch.setenv("KCK_TRACKER_HOST", "postgresql://x@y/z")
    assert settings.tracker_url == "postgresql://x@y/z"
