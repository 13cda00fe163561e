"""Retention: what is past its period is gone or anonymised, newer data is untouched,
and the supervisor dashboard's figures stay the same (README "Dane osobowe").

Runs on SQLite and PostgreSQL (the ``db`` fixture). Rasa's tracker is a table of
Rasa's own shape (``SQLTrackerStore.SQLEvent``) filled with Rasa's own events:
on SQLite in its own file, like var/tracker.db; on PostgreSQL in the test schema.
The dashboard's month (tests/dashboard_seed.py) is seeded too, so its figures
are compared before and after, by bot.stats itself and by plain counts.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Engine

from bot.db import Database
from bot.models import CallbackRequest, ConsultantNote, Conversation, Handoff, Message, Report
from bot.privacy import policy as policies
from bot.privacy import retention, tracker_store
from bot.stats import appdb
from bot.stats.period import Period
from bot.stats.tracker import events, tracker_figures
from tests import dashboard_seed as seeding

ROOT = Path(__file__).resolve().parents[2]
UTC = dt.timezone.utc
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
OLD = NOW - dt.timedelta(days=200)
RECENT = NOW - dt.timedelta(days=5)

# Personal data past its period (must be gone afterwards) and within it (must stay).
JAN = ("Jan Starowiejski", "+48601111222", "jan.stary@example.com")
EWA = ("Ewa Średnia", "+48603555666", "ewa.srednia@example.com")
PIOTR = ("Piotr Dawny", "+48604777888", "piotr.dawny@example.com")
ANNA = ("Anna Nowakowska", "+48602333444", "anna.nowa@example.com")
OLA = ("Ola Świeża", "+48605999000", "ola.swieza@example.com")
GONE = [*JAN, *EWA, *PIOTR, "ul. Starowiejska 7"]
KEPT = [*ANNA, *OLA]

PERIODS = [
    Period(seeding.FIRST_DAY, seeding.LAST_DAY, None),
    Period(seeding.FIRST_DAY, seeding.LAST_DAY, "web"),
    Period(seeding.FIRST_DAY, seeding.LAST_DAY, "telegram"),
    Period(dt.date(2024, 1, 1), NOW.date(), None),  # also the records below
]


@pytest.fixture()
def stores(db: Database, tmp_path: Path) -> Iterator[Tuple[Database, Engine, Path]]:
    """App database, tracker store and photo folder, seeded."""
    if db.engine.dialect.name == "sqlite":
        tracker = tracker_store.tracker_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    else:
        tracker = db.engine
    seeding.create_events_table(tracker)
    seed = seeding.make_seed("conv")
    seeding.write_app_db(db, seed)
    seeding.write_tracker(tracker, seed)
    photos = tmp_path / "photos"
    _seed_records(db, tracker, photos)
    yield db, tracker, photos
    if tracker is not db.engine:
        tracker.dispose()


def _seed_records(db: Database, tracker: Engine, photos: Path) -> None:
    photos.mkdir()
    for name in ("old-closed.jpg", "mid-closed.jpg", "open-long.jpg", "open-new.jpg",
                 "orphan-old.jpg", "orphan-new.jpg"):
        (photos / name).write_bytes(b"\xff\xd8 not really a jpeg")
    for name, when in (("orphan-old.jpg", OLD), ("orphan-new.jpg", RECENT)):
        os.utime(photos / name, (when.timestamp(), when.timestamp()))
    with db.session() as session:
        session.add_all(
            [
                Conversation(id="old-chat", channel="web", token_hash="a" * 64,
                             created_at=OLD, updated_at=OLD),
                Conversation(id="new-chat", channel="telegram", token_hash="b" * 64,
                             created_at=RECENT, updated_at=RECENT),
            ]
        )
        session.flush()
        session.add_all(
            [
                Message(conversation_id="old-chat", sender="user", created_at=OLD,
                        text=f"Nazywam się {JAN[0]}, tel. {JAN[1]}, ul. Starowiejska 7"),
                Message(conversation_id="old-chat", sender="bot", created_at=OLD,
                        text=f"Dziękuję, {JAN[0]}.",
                        buttons='[{"title": "Tak", "payload": "/affirm"}]'),
                Message(conversation_id="new-chat", sender="user", created_at=RECENT,
                        text=f"Tu {ANNA[0]}, {ANNA[1]}"),
                Handoff(conversation_id="old-chat", line="first", reason="request_human",
                        requested_at=OLD, taken_at=OLD + dt.timedelta(minutes=2)),
                CallbackRequest(channel="web", conversation_id="old-chat", name=JAN[0],
                                phone=JAN[1], window_start=OLD, window_end=OLD, status="done",
                                topic="hałas przy ul. Starowiejska 7", note=f"{JAN[0]} oddzwoniony",
                                consent=True, created_at=OLD, updated_at=OLD),
                CallbackRequest(channel="telegram", conversation_id="new-chat", name=ANNA[0],
                                phone=ANNA[1], window_start=RECENT, window_end=RECENT,
                                status="new", topic="meldunek", consent=True,
                                created_at=RECENT, updated_at=RECENT),
            ]
        )
        reports = [
            # closed 100 days ago: contact (30 days) and photo (90 days) both past
            ("KCK-2026-900001", "załatwione", OLD, NOW - dt.timedelta(days=100), JAN,
             "old-closed.jpg"),
            # closed 40 days ago: contact past, photo not yet
            ("KCK-2026-900002", "odrzucone", NOW - dt.timedelta(days=60),
             NOW - dt.timedelta(days=40), EWA, "mid-closed.jpg"),
            # open for 400 days: past the longest period
            ("KCK-2025-900003", "w realizacji", NOW - dt.timedelta(days=400), OLD, PIOTR,
             "open-long.jpg"),
            # open for 200 days, closed 10 days ago: both kept
            ("KCK-2026-900004", "przekazane", OLD, OLD, ANNA, "open-new.jpg"),
            ("KCK-2026-900005", "załatwione", NOW - dt.timedelta(days=50),
             NOW - dt.timedelta(days=10), OLA, None),
        ]
        for reference, status, created, updated, person, photo in reports:
            session.add(
                Report(reference=reference, kind="intervention", category="drogi", unit="ZDMK",
                       description="dziura w jezdni", location_text="Rynek Główny",
                       channel="web", status=status, created_at=created, updated_at=updated,
                       contact_name=person[0], contact_phone=person[1],
                       contact_email=person[2], contact_consent=True, photo_path=photo)
            )
        session.add(ConsultantNote(conversation_id="old-chat", consultant_id=_consultant(session),
                                   text=f"{JAN[0]} pyta o meldunek", created_at=OLD))
    _tracker_events(tracker)


def _consultant(session: Any) -> int:
    from bot.models import Consultant

    row = Consultant(login="k1", display_name="Konsultant", password_hash="x", role="consultant")
    session.add(row)
    session.flush()
    return int(row.id)


def _tracker_events(engine: Engine) -> None:
    """Rasa's own events, as ``SQLTrackerStore.save`` writes them."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

    def user(
        words: str, intent: str, at: dt.datetime, phone: str, faq: str | None = None
    ) -> UserUttered:
        parse_data: Dict[str, Any] = {
            "text": words,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": [{"entity": "report_photo", "value": "old-closed.jpg"}],
            "intent_ranking": [{"name": intent, "confidence": 0.9}],
        }
        if faq:
            parse_data["response_selector"] = {
                "faq": {"response": {"intent_response_key": f"faq/{faq}"}, "ranking": []}
            }
        return UserUttered(words, parse_data["intent"], parse_data=parse_data,
                           timestamp=at.timestamp(), metadata={"phone": phone})

    rows = []
    photo = '/provide_photo{"report_photo": "old-closed.jpg"}'
    for sender, at, person in (("old-chat", OLD, JAN), ("new-chat", RECENT, ANNA)):
        later = at + dt.timedelta(seconds=5)
        for event in [
            user(f"jak się zameldować, jestem {person[0]}", "faq", at, person[1], "meldunek"),
            ActionExecuted("utter_faq", timestamp=at.timestamp() + 1),
            BotUttered(f"Dziękuję, {person[0]}", data={"buttons": [{"title": person[1]}]},
                       metadata={"utter_action": "utter_faq"}, timestamp=at.timestamp() + 2),
            user(photo, "provide_photo", at, person[1]),
            SlotSet("callback_phone", person[1], timestamp=at.timestamp() + 3),
            SlotSet("callback_name", person[0], timestamp=at.timestamp() + 4),
            user(f"{person[2]} asdf qwerty", "nlu_fallback", later, person[1]),
            ActionExecuted("action_listen", timestamp=at.timestamp() + 6),
        ]:
            data = event.as_dict()
            rows.append(
                {
                    "sender_id": sender,
                    "type_name": event.type_name,
                    "timestamp": data.get("timestamp"),
                    "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
                    "action_name": data.get("name"),
                    "data": json.dumps(data, ensure_ascii=False),
                }
            )
    with engine.begin() as connection:
        connection.execute(events.insert(), rows)


# --- what the dashboard counts, and everything stored -------------------------------


def figures(db: Database, tracker: Engine) -> Dict[str, Any]:
    """bot.stats' figures for every period, and plain counts by the dashboard's categories."""
    out: Dict[str, Any] = {}
    with db.engine.connect() as connection:
        for period in PERIODS:
            out[f"shares {period}"] = appdb.conversation_shares(connection, period)
            out[f"callbacks {period}"] = appdb.callback_counts(connection, period)
            out[f"reports {period}"] = appdb.report_counts(connection, period)
            out[f"waits {period}"] = appdb.queue_waits(connection, period)
        groups = {
            "conversations": select(Conversation.channel, func.count()).group_by(
                Conversation.channel),
            "handoffs": select(Handoff.line, Handoff.reason, func.count()).group_by(
                Handoff.line, Handoff.reason),
            "callbacks": select(CallbackRequest.status, func.count()).group_by(
                CallbackRequest.status),
            "reports": select(Report.kind, Report.category, Report.unit, Report.status,
                              func.count()).group_by(Report.kind, Report.category, Report.unit,
                                                     Report.status),
        }
        for name, query in groups.items():
            out[name] = sorted(tuple(row) for row in connection.execute(query))
    with tracker.connect() as connection:
        for period in PERIODS:
            found = tracker_figures(connection, period)
            out[f"tracker {period}"] = (
                found.residents_messages, len(found.not_understood), found.faq_keys,
            )
        out["tracker intents"] = sorted(
            (tuple(row) for row in connection.execute(
                select(events.c.type_name, events.c.intent_name, events.c.action_name,
                       func.count()).group_by(events.c.type_name, events.c.intent_name,
                                              events.c.action_name)
            )),
            key=lambda row: tuple("" if value is None else str(value) for value in row),
        )
    return out


def everything(db: Database, tracker: Engine, photos: Path) -> str:
    """Every value of every table of both stores, and the photo files, as one text."""
    parts: List[str] = sorted(path.name for path in photos.iterdir())
    for engine in {db.engine, tracker}:
        with engine.connect() as connection:
            for table in inspect(connection).get_table_names():
                if table == "alembic_version":
                    continue
                for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                    parts.extend(str(value) for value in row)
    return "\n".join(parts)


def policy() -> policies.RetentionPolicy:
    return policies.load()  # the shipped defaults (bot/retention.yml)


# --- the tests ------------------------------------------------------------------------


def test_the_shipped_periods(tmp_path: Path) -> None:
    shipped = policy()
    assert (shipped.transcripts_days, shipped.tracker_days, shipped.callbacks_days,
            shipped.report_contacts_days, shipped.photos_days,
            shipped.open_reports_max_days) == (90, 90, 30, 30, 90, 365)
    broken = tmp_path / "retention.yml"
    broken.write_text("transcripts_days: 0\n")
    with pytest.raises(policies.BadPolicy, match="transcripts_days"):
        policies.load(broken)


def test_past_data_is_gone_newer_data_untouched_and_the_figures_unchanged(stores) -> None:
    db, tracker, photos = stores
    before_figures = figures(db, tracker)
    before = everything(db, tracker, photos)
    for value in GONE + KEPT:
        assert value in before  # the seed really holds them

    dry = retention.apply(db, tracker, photos, policy(), NOW, dry_run=True)
    assert everything(db, tracker, photos) == before  # a dry run changes nothing

    done = retention.apply(db, tracker, photos, policy(), NOW)
    assert done == dry
    # Four events per turn, two more (the form opening and closing) for an answer in a form.
    seed_events = sum(
        4 * len(c.turns) + 2 * sum(t.in_form for t in c.turns)
        for c in seeding.make_seed("conv").conversations
    )
    seed_callbacks = 40
    assert done.as_dict() == {
        "messages_deleted": 2,
        "notes_deleted": 1,
        # the seed's 90 conversations (March 2025) and old-chat
        "conversations_unlinked": 91,
        "callbacks_anonymised": seed_callbacks + 1,
        "report_contacts_removed": 3,
        "photos_deleted": 3,  # old-closed, open-long, orphan-old
        "tracker_events_anonymised": seed_events + 8,
        # the seeded month's rating comments (tests/dashboard_seed.py); their scores stay
        "rating_comments_removed": sum(
            1 for r in seeding.make_seed("conv").ratings if r.comment
        ),
        "telegram_chats_removed": 0,  # none kept (tests/unit/test_telegram_report_chats.py)
    }

    after = everything(db, tracker, photos)
    for value in GONE:
        assert value not in after, "a value past its period is still stored"
    for value in KEPT:
        assert value in after, "a value within its period was removed"
    assert sorted(path.name for path in photos.iterdir()) == [
        "mid-closed.jpg", "open-new.jpg", "orphan-new.jpg",
    ]
    assert figures(db, tracker) == before_figures
    assert seeding.PERSONAL_COMMENT in before and seeding.PERSONAL_COMMENT not in after

    with db.session() as session:
        reports = {r.reference: r for r in session.execute(select(Report)).scalars()}
        kept = reports["KCK-2026-900001"]
        assert (kept.description, kept.location_text, kept.status) == (
            "dziura w jezdni", "Rynek Główny", "załatwione")
        assert kept.photo_path is None and kept.contact_phone is None
        assert reports["KCK-2026-900002"].photo_path == "mid-closed.jpg"
        # emptying the contact did not move the closing time
        assert reports["KCK-2026-900002"].updated_at.replace(tzinfo=UTC) == (
            NOW - dt.timedelta(days=40))
        old_chat = session.get(Conversation, "old-chat")
        assert old_chat is not None and old_chat.token_hash == ""
        new_chat = session.get(Conversation, "new-chat")
        assert new_chat is not None and new_chat.token_hash == "b" * 64

    again = retention.apply(db, tracker, photos, policy(), NOW)
    assert set(again.as_dict().values()) == {0}


def test_rasa_still_reads_the_anonymised_events(stores) -> None:
    """Stripped events stay valid Rasa events: a returning tracker can be replayed,
    and button presses still start with their intent (the dashboard skips them)."""
    from rasa.shared.core.events import Event

    db, tracker, photos = stores
    retention.apply(db, tracker, photos, policy(), NOW)
    with tracker.connect() as connection:
        rows = connection.execute(
            select(events.c.type_name, events.c.data)
            .where(events.c.sender_id == "old-chat")
            .order_by(events.c.id)
        ).all()
    stored = [json.loads(data) for _, data in rows]
    parsed = [Event.from_parameters(data) for data in stored]
    assert [event.type_name for event in parsed] == [type_name for type_name, _ in rows]
    users = [data for data in stored if data["event"] == "user"]
    assert [u["text"] for u in users] == ["", "/provide_photo", ""]
    assert users[0]["parse_data"]["response_selector"]["faq"]["response"][
        "intent_response_key"] == "faq/meldunek"
    assert all(u["parse_data"]["entities"] == [] and "metadata" not in u for u in users)
    assert [d["value"] for d in stored if d["event"] == "slot"] == [None, None]
    bot = next(d for d in stored if d["event"] == "bot")
    assert bot["text"] == "" and bot["metadata"] == {"utter_action": "utter_faq"}


def test_the_command_prints_counts_only(stores, tmp_path: Path) -> None:
    """``python -m bot.privacy.retention_cli`` on the same stores: counts, no personal data;
    a broken periods file is refused in Polish and changes nothing."""
    db, tracker, photos = stores
    env = {
        **os.environ,
        "KCK_DATABASE_URL": db.url,
        "KCK_TRACKER_HOST": tracker.url.render_as_string(hide_password=False),
        "KCK_VAR_DIR": str(tmp_path),
    }
    env.pop("KCK_RETENTION_FILE", None)
    command = [sys.executable, "-m", "bot.privacy.retention_cli", "--now", NOW.isoformat()]
    bad = tmp_path / "bad.yml"
    bad.write_text("transcripts_days: dużo\n")
    refused = subprocess.run([*command, "--policy", str(bad)], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=False)
    assert refused.returncode == 2 and "Błąd w pliku okresów" in refused.stderr
    ran = subprocess.run([*command, "--dry-run"], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    assert "próba, nic nie zmieniono" in ran.stdout
    assert "zgłoszenia bez danych kontaktowych: 3" in ran.stdout
    ran = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                         check=False)
    assert ran.returncode == 0, ran.stderr
    assert "wiadomości usunięte: 2" in ran.stdout
    for value in GONE + KEPT:
        assert value not in ran.stdout + ran.stderr
    assert JAN[1] not in everything(db, tracker, photos)
    with db.session() as session:
        assert session.execute(select(func.count()).select_from(Message)).scalar_one() == 1
    assert Counter(p.name for p in photos.iterdir()) == Counter(
        ["mid-closed.jpg", "open-new.jpg", "orphan-new.jpg"])
