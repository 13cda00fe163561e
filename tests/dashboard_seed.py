"""A seeded month of conversations for the dashboard tests, and the figures counted by hand.

The seed (March 2025, around the Europe/Warsaw day boundaries and the DST
change of 30 March) goes into an app database through the ORM models and
into a tracker table shaped by Rasa's own ``SQLTrackerStore.SQLEvent`` with
events written by Rasa's own event classes. The ``expected_*`` functions
count the same lists in plain Python, without SQL, so a wrong query in
``bot.stats`` cannot agree with them by sharing a mistake.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from bot.db import Database
from bot.models import CallbackRequest, ChatRating, Conversation, Handoff, Report
from bot.stats.period import Period
from bot.stats.quality import ALL, ASSISTANT, CONSULTANT

UTC = dt.timezone.utc
FIRST_DAY = dt.date(2025, 3, 1)
LAST_DAY = dt.date(2025, 3, 31)
# Inside: 1 March 00:10 in Kraków (CET) is 28 February 23:10 UTC; 31 March 23:50 (CEST)
# is 21:50 UTC. Outside: 28 February 23:50 in Kraków and 1 April 00:10 in Kraków.
EDGE_TIMES = [
    dt.datetime(2025, 2, 28, 23, 10, tzinfo=UTC),  # in
    dt.datetime(2025, 3, 31, 21, 50, tzinfo=UTC),  # in
    dt.datetime(2025, 2, 28, 22, 50, tzinfo=UTC),  # out
    dt.datetime(2025, 3, 31, 22, 10, tzinfo=UTC),  # out
]
FAQ_KEYS = ["dowod_osobisty", "meldunek", "oplaty", "godziny_urzedu", "nieznany_klucz"]
REPORT_CATEGORIES = ["drogi", "oswietlenie", "zielen", "czystosc"]
STATUSES = ["przyjęte", "przekazane", "w realizacji", "załatwione", "odrzucone"]
PATTERNS = ["none", "none", "none", "first", "fallback", "transfer", "own_case", "own_transfer"]


@dataclass
class SeedHandoff:
    line: str
    unit: Optional[str]
    reason: str
    requested_at: dt.datetime
    taken_at: Optional[dt.datetime]


@dataclass
class SeedTurn:
    """One user event and whether a fallback action answered it."""

    at: dt.datetime
    text: str
    intent: str
    faq_key: Optional[str] = None
    fallback_action: bool = False
    in_form: bool = False  # an answer to a form's question (not counted as not understood)


@dataclass
class SeedConversation:
    id: str
    channel: str
    created_at: dt.datetime
    handoffs: List[SeedHandoff] = field(default_factory=list)
    turns: List[SeedTurn] = field(default_factory=list)
    in_app_db: bool = True  # False: a sender Rasa knows but the app database does not


@dataclass
class SeedRating:
    """A rating question after a chat ended (score None: skipped or unanswered)."""

    conversation_id: str
    handled_by: str
    unit: Optional[str]
    channel: str
    asked_at: dt.datetime
    score: Optional[int]
    comment: Optional[str] = None


@dataclass
class Seed:
    conversations: List[SeedConversation]
    callbacks: List[Tuple[str, dt.datetime, str]]  # channel, created, status
    reports: List[Tuple[str, str, str, str, str, dt.datetime]]  # kind, cat, unit, status, ch, at
    ratings: List[SeedRating] = field(default_factory=list)


def _moment(rng: random.Random) -> dt.datetime:
    """A time from 26 February to 4 April (some outside the period), or an edge time."""
    if rng.random() < 0.12:
        return rng.choice(EDGE_TIMES)
    start = dt.datetime(2025, 2, 26, tzinfo=UTC)
    return start + dt.timedelta(seconds=rng.randrange(0, 37 * 86400))


def make_seed(prefix: str, rng_seed: int = 7, count: int = 90) -> Seed:
    rng = random.Random(rng_seed)
    conversations = []
    for number in range(count):
        created = _moment(rng)
        conversation = SeedConversation(
            id=f"{prefix}{number:04d}", channel=rng.choice(["web", "telegram"]), created_at=created
        )
        pattern = rng.choice(PATTERNS)
        asked = created + dt.timedelta(minutes=rng.randrange(1, 30))
        wait = dt.timedelta(seconds=rng.randrange(10, 1800))
        taken = asked + wait if rng.random() < 0.8 else None
        if pattern in ("first", "transfer"):
            conversation.handoffs.append(SeedHandoff("first", None, "request_human", asked, taken))
        if pattern == "fallback":
            conversation.handoffs.append(SeedHandoff("first", None, "fallback", asked, taken))
        if pattern == "transfer" and taken is not None:
            later = taken + dt.timedelta(minutes=3)
            second_taken = later + wait if rng.random() < 0.7 else None
            conversation.handoffs.append(
                SeedHandoff("second", "WSA", "transfer", later, second_taken)
            )
        if pattern in ("own_case", "own_transfer"):
            conversation.handoffs.append(SeedHandoff("second", "USC", "case_status", asked, taken))
        if pattern == "own_transfer" and taken is not None:
            conversation.handoffs.append(
                SeedHandoff("second", "WGK", "transfer", taken + dt.timedelta(minutes=2), None)
            )
        conversation.turns = _turns(rng, created)
        conversations.append(conversation)
    # Rasa also holds conversations the app database never saw (e.g. Rasa's REST API).
    stranger = SeedConversation("rasa-only-0001", "web", EDGE_TIMES[0], in_app_db=False)
    stranger.turns = _turns(rng, dt.datetime(2025, 3, 10, 12, tzinfo=UTC))
    conversations.append(stranger)
    callbacks = [
        (
            rng.choice(["web", "telegram"]),
            _moment(rng),
            rng.choice(["new", "done", "done", "failed"]),
        )
        for _ in range(40)
    ]
    reports = []
    for _ in range(70):
        kind = "idea" if rng.random() < 0.2 else "intervention"
        category = "pomysl" if kind == "idea" else rng.choice(REPORT_CATEGORIES)
        unit = (
            "KCK" if kind == "idea" else {"zielen": "ZZM", "czystosc": "MPO"}.get(category, "ZDMK")
        )
        channel = rng.choice(["web", "telegram", "open311"])
        reports.append((kind, category, unit, rng.choice(STATUSES), channel, _moment(rng)))
    _quick_pickups(conversations, rng_seed)
    return Seed(conversations, callbacks, reports, _ratings(rng_seed, conversations))


def _quick_pickups(conversations: List[SeedConversation], rng_seed: int, count: int = 14) -> None:
    """Hand-offs a person took within seconds to minutes (the waits above spread to half
    an hour), so the service level is neither 0 nor 100 %: added to the first ``count``
    March conversations the assistant had alone (first line: they stay in the first
    line's share), from an own random stream, so the seed keeps its conversations and
    the draws above."""
    rng = random.Random(rng_seed + 202)
    start, end = dt.datetime(2025, 3, 2, tzinfo=UTC), dt.datetime(2025, 3, 30, tzinfo=UTC)
    alone = [
        c for c in conversations if c.in_app_db and not c.handoffs and start <= c.created_at < end
    ]
    for conversation in alone[:count]:
        asked = conversation.created_at + dt.timedelta(minutes=2)
        taken = asked + dt.timedelta(seconds=rng.choice([20, 60, 120, 175, 180, 181, 240]))
        conversation.handoffs.append(SeedHandoff("first", None, "request_human", asked, taken))


# A comment with a phone number and a name: the dashboard shows it redacted.
PERSONAL_COMMENT = "Nazywam się Jan Kowalski, proszę oddzwonić na 600 700 800"
COMMENTS = ["Szybko i konkretnie", "Za długo czekałem", PERSONAL_COMMENT, "Nie zrozumiał mnie"]
SCORES = [1, 2, 3, 3, 4, 4, 5, 5, 5]


def _ratings(rng_seed: int, conversations: List[SeedConversation]) -> List[SeedRating]:
    """Ratings after the assistant's chats and after each taken hand-off (an own random
    stream, so the other figures of the seed stay as they were)."""
    rng = random.Random(rng_seed + 101)
    ratings = []
    for c in conversations:
        if not c.in_app_db:
            continue
        ended = [(h.line, h.unit, h.taken_at) for h in c.handoffs if h.taken_at is not None]
        if not c.handoffs:
            ended = [("bot", None, c.created_at)]
        for line, unit, at in ended:
            if at is None or rng.random() < 0.3:
                continue
            score = None if rng.random() < 0.2 else rng.choice(SCORES)
            comment = rng.choice(COMMENTS) if score is not None and rng.random() < 0.4 else None
            ratings.append(
                SeedRating(
                    c.id,
                    ASSISTANT if line == "bot" else CONSULTANT,
                    unit if line == "second" else None,
                    c.channel,
                    at + dt.timedelta(minutes=rng.randrange(2, 40)),
                    score,
                    comment,
                )
            )
    return ratings


# A resident's message that Excel would run as a formula if exported as it is.
FORMULA_TEXT = '=HYPERLINK("https://example.invalid/?q=1";"kliknij") qwzx'


def _turns(rng: random.Random, start: dt.datetime) -> List[SeedTurn]:
    turns = []
    at = start + dt.timedelta(seconds=5)
    for _ in range(rng.randrange(0, 6)):
        kind = rng.choice(["faq", "faq", "fallback", "core", "other", "button", "blank", "form"])
        if kind == "faq":
            key = rng.choice(FAQ_KEYS)
            turns.append(SeedTurn(at, f"pytanie o {key}", "faq", faq_key=key))
        elif kind == "fallback":  # markup, or a spreadsheet formula (every other second)
            text = FORMULA_TEXT if at.second % 2 else 'qwzx <b>blorp</b> & ;"fnarg"'
            turns.append(SeedTurn(at, text, "nlu_fallback"))
        elif kind == "core":
            turns.append(SeedTurn(at, "a potem co dalej", "affirm", fallback_action=True))
        elif kind == "other":
            turns.append(SeedTurn(at, "dzień dobry", "greet"))
        elif kind == "button":
            turns.append(SeedTurn(at, "/out_of_scope", "out_of_scope"))
        elif kind == "form":  # a phone number typed into the callback form
            turns.append(SeedTurn(at, "600 700 800", "nlu_fallback", in_form=True))
        else:  # the retention job blanked an old text
            turns.append(SeedTurn(at, "", "nlu_fallback"))
        at += dt.timedelta(seconds=rng.randrange(5, 120))
    return turns


# --- writing the seed ---------------------------------------------------------------


def write_app_db(db: Database, seed: Seed) -> None:
    with db.session() as session:
        for conversation in seed.conversations:
            if not conversation.in_app_db:
                continue
            session.add(
                Conversation(
                    id=conversation.id,
                    channel=conversation.channel,
                    token_hash="0" * 64,
                    state="bot",
                    created_at=conversation.created_at,
                    updated_at=conversation.created_at,
                )
            )
        session.flush()
        for conversation in seed.conversations:
            for handoff in conversation.handoffs:
                session.add(
                    Handoff(
                        conversation_id=conversation.id,
                        line=handoff.line,
                        unit=handoff.unit,
                        reason=handoff.reason,
                        requested_at=handoff.requested_at,
                        taken_at=handoff.taken_at,
                        ended_at=None,
                        callback_offered=False,
                    )
                )
        for number, (channel, created, status) in enumerate(seed.callbacks):
            session.add(
                CallbackRequest(
                    channel=channel,
                    name=f"Mieszkaniec {number}",
                    phone="+48600000000",
                    window_start=created,
                    window_end=created + dt.timedelta(hours=1),
                    topic="temat",
                    consent=True,
                    status=status,
                    created_at=created,
                    updated_at=created,
                )
            )
        for rating in seed.ratings:
            session.add(
                ChatRating(
                    conversation_id=rating.conversation_id,
                    handled_by=rating.handled_by,
                    unit=rating.unit,
                    channel=rating.channel,
                    asked_at=rating.asked_at,
                    score=rating.score,
                    rated_at=rating.asked_at if rating.score is not None else None,
                    comment=rating.comment,
                    closed=True,
                )
            )
        for kind, category, unit, status, channel, created in seed.reports:
            session.add(
                Report(
                    kind=kind,
                    category=category,
                    unit=unit,
                    description="opis",
                    channel=channel,
                    status=status,
                    created_at=created,
                    updated_at=created,
                )
            )


def create_events_table(engine: Engine) -> None:
    """Rasa's own table definition, so the shape is exactly what Rasa writes."""
    from rasa.core.tracker_store import SQLTrackerStore

    SQLTrackerStore.SQLEvent.__table__.create(engine, checkfirst=True)


def write_tracker(engine: Engine, seed: Seed) -> None:
    """Events as ``SQLTrackerStore.save`` writes them (columns taken from ``as_dict()``)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, UserUttered

    rows = []
    for conversation in seed.conversations:
        for turn in conversation.turns:
            parse_data: Dict[str, object] = {
                "text": turn.text,
                "intent": {"name": turn.intent, "confidence": 0.9},
                "entities": [],
            }
            if turn.faq_key:
                parse_data["intent"] = {
                    "name": "faq",
                    "confidence": 0.9,
                    "full_retrieval_intent_name": f"faq/{turn.faq_key}",
                }
                parse_data["response_selector"] = {
                    "faq": {"response": {"intent_response_key": f"faq/{turn.faq_key}"}}
                }
            stamp = turn.at.timestamp()
            events: List[Any] = (
                [ActiveLoop("callback_form", timestamp=stamp - 1)] if turn.in_form else []
            )
            events.append(
                UserUttered(turn.text, parse_data["intent"], parse_data=parse_data, timestamp=stamp)
            )
            if turn.fallback_action:
                events.append(ActionExecuted("action_core_fallback", timestamp=stamp + 0.5))
            else:
                events.append(ActionExecuted("utter_greet", timestamp=stamp + 0.5))
            events.append(BotUttered("odpowiedź", timestamp=stamp + 0.6))
            events.append(ActionExecuted("action_listen", timestamp=stamp + 0.7))
            if turn.in_form:
                events.append(ActiveLoop(None, timestamp=stamp + 0.8))
            for event in events:
                data = event.as_dict()
                rows.append(
                    {
                        "sender_id": conversation.id,
                        "type_name": event.type_name,
                        "timestamp": data.get("timestamp"),
                        "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
                        "action_name": data.get("name"),
                        "data": json.dumps(data),
                    }
                )
    with engine.begin() as connection:
        connection.execute(SQLTrackerStore.SQLEvent.__table__.insert(), rows)


# --- the figures, counted by hand ---------------------------------------------------


def _inside(moment: Optional[dt.datetime], period: Period) -> bool:
    return moment is not None and period.start <= moment < period.end


def _channel_ok(channel: str, period: Period) -> bool:
    return period.channel is None or channel == period.channel


def expected_shares(seed: Seed, period: Period) -> Dict[str, int]:
    counts = Counter({"total": 0, "assistant_alone": 0, "consultant": 0, "complex": 0, "own": 0})
    for c in seed.conversations:
        if (
            not c.in_app_db
            or not _inside(c.created_at, period)
            or not _channel_ok(c.channel, period)
        ):
            continue
        counts["total"] += 1
        reasons = {h.reason for h in c.handoffs}
        lines = {h.line for h in c.handoffs}
        if "case_status" in reasons:
            counts["own"] += 1
        elif "second" in lines:
            counts["complex"] += 1
        elif c.handoffs:
            counts["consultant"] += 1
        else:
            counts["assistant_alone"] += 1
    return dict(counts)


def expected_callbacks(seed: Seed, period: Period) -> Dict[str, int]:
    chosen = [s for ch, at, s in seed.callbacks if _inside(at, period) and _channel_ok(ch, period)]
    return {
        "requested": len(chosen),
        "done": chosen.count("done"),
        "failed": chosen.count("failed"),
        "waiting": chosen.count("new"),
    }


def expected_reports(seed: Seed, period: Period) -> Dict[Tuple[str, str, str, str], int]:
    return dict(
        Counter(
            (kind, category, unit, status)
            for kind, category, unit, status, channel, at in seed.reports
            if _inside(at, period) and _channel_ok(channel, period)
        )
    )


def expected_waits(seed: Seed, period: Period) -> Dict[Optional[str], Tuple[int, Optional[float]]]:
    waits: Dict[Optional[str], List[float]] = {"first": [], "second": [], None: []}
    for c in seed.conversations:
        if not _channel_ok(c.channel, period):
            continue
        for h in c.handoffs:
            if _inside(h.taken_at, period):
                assert h.taken_at is not None
                seconds = (h.taken_at - h.requested_at).total_seconds()
                waits[h.line].append(seconds)
                waits[None].append(seconds)
    return {
        line: (len(values), statistics.median(values) if values else None)
        for line, values in waits.items()
    }


def expected_csat(seed: Seed, period: Period) -> Dict[str, Tuple[int, int, int, float | None]]:
    """Per group (assistant, consultant, unit code, all): asked, rated, rated 4–5, mean."""
    groups: Dict[str, List[Optional[int]]] = {ASSISTANT: [], CONSULTANT: [], ALL: []}
    for r in seed.ratings:
        if not _inside(r.asked_at, period) or not _channel_ok(r.channel, period):
            continue
        group = ASSISTANT if r.handled_by == ASSISTANT else (r.unit or CONSULTANT)
        groups.setdefault(group, []).append(r.score)
        groups[ALL].append(r.score)
    result = {}
    for group, scores in groups.items():
        given = [score for score in scores if score is not None]
        mean = sum(given) / len(given) if given else None
        result[group] = (len(scores), len(given), sum(1 for x in given if x >= 4), mean)
    return result


def expected_sla(seed: Seed, period: Period, target: int) -> Dict[Optional[str], Tuple[int, int]]:
    """Per line (None: both): hand-offs requested in the period, and those a person took
    within ``target`` seconds."""
    counts: Dict[Optional[str], List[int]] = {"first": [0, 0], "second": [0, 0], None: [0, 0]}
    for c in seed.conversations:
        if not c.in_app_db or not _channel_ok(c.channel, period):
            continue
        for h in c.handoffs:
            if not _inside(h.requested_at, period):
                continue
            within = (
                h.taken_at is not None and (h.taken_at - h.requested_at).total_seconds() <= target
            )
            for key in (h.line, None):
                counts[key][0] += 1
                counts[key][1] += int(within)
    return {line: (n, within) for line, (n, within) in counts.items()}


def expected_tracker(seed: Seed, period: Period) -> Dict[str, object]:
    typed = 0
    not_understood: List[Tuple[dt.datetime, str]] = []
    faq: Counter[str] = Counter()
    for c in seed.conversations:
        if period.channel is not None and (not c.in_app_db or c.channel != period.channel):
            continue
        for turn in c.turns:
            if not _inside(turn.at, period):
                continue
            if turn.faq_key:
                faq[turn.faq_key] += 1
            if turn.text.startswith("/"):
                continue
            typed += 1
            # The NLU fell back on free text outside a form; a policy fallback is not counted.
            if turn.intent == "nlu_fallback" and not turn.in_form:
                not_understood.append((turn.at, turn.text))
    return {"typed": typed, "not_understood": sorted(not_understood, reverse=True), "faq": faq}


# --- the running stack's databases ----------------------------------------------------

LIVE_PREFIX = "dashseed"


def seed_live(var_dir: Path) -> Seed:
    """The seed in a running test stack's app database and Rasa's tracker file, written
    once per stack (the month is long past, so nothing else the tests do lands in it)."""
    seed = make_seed(LIVE_PREFIX)
    db = Database(f"sqlite:///{var_dir / 'kck.db'}")
    tracker = create_engine(f"sqlite:///{var_dir / 'tracker.db'}", future=True)
    try:
        with db.session() as session:
            done = session.get(Conversation, f"{LIVE_PREFIX}0000") is not None
        if not done:
            create_events_table(tracker)
            write_tracker(tracker, seed)
            write_app_db(db, seed)
    finally:
        tracker.dispose()
        db.dispose()
    return seed
