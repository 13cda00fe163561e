"""Rasa's SQL tracker store without the reload of the whole conversation on every message.

Rasa 3.6's ``SQLTrackerStore`` reads every event of the conversation's session from
the database, parses each from JSON and replays them into a new tracker at the start of
every turn; it saved the same tracker a moment before. For a seven-message
conversation (78 events) that was 10.8 ms of CPU a turn measured here, a fifth of
Rasa's CPU per message (README "Performance").

This subclass keeps the tracker it has just saved and gives it back at the next turn when
the database proves nothing has touched the conversation since: the number of its events
and the highest event id, one indexed query, must be the ones read right after the save,
and the tracker must hold exactly the events that were saved (a caller that added events
and did not save gets a fresh copy from the database). Otherwise it reads the database as
Rasa does. So another replica's writes (shared PostgreSQL), erasure on request (rows
deleted) and a tracker changed without saving all lead to a reload. Saving the tracker it
gave out, it also skips Rasa's count of the session's stored events (it knows the number),
the costliest query of a turn in a profile under `make bench`. Retention rewrites old
events in place (bot/privacy/tracker_store.py), which the stamp would not see: entries are
therefore dropped after ``KCK_TRACKER_CACHE_SECONDS`` (default 600) without a turn, far
below any retention period, and there are at most ``KCK_TRACKER_CACHE_SIZE`` (default 200)
of them: a kept tracker of 78 events holds about 210 KiB, so 200 cost Rasa about 40 MiB
(1,000 took its peak RSS under `make bench` from about 1,020 to 1,153 MiB). A tracker is
kept only when it equals what Rasa's own reload would give: the events of the session
since its last ``session_started``, all of them saved (not the first turn of a session,
whose ``action_session_start`` the reload leaves out).

For an SQLite file the store also gets a pool of connections (SQLAlchemy 1.4 opens a new
one for every session of a file database) with WAL, as the gateway's own database
(bot/db.py). endpoints.yml names the class; Rasa loads it by its module path.
"""

from __future__ import annotations

import itertools
import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Dict, Iterator, Optional, Text, Tuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.db import make_engine

SIZE_ENV = "KCK_TRACKER_CACHE_SIZE"
SECONDS_ENV = "KCK_TRACKER_CACHE_SECONDS"

# (number of the conversation's events, highest event id) in the database.
Stamp = Tuple[int, Optional[int]]


@dataclass
class _Entry:
    tracker: DialogueStateTracker
    length: int  # len(tracker.events) when it was saved
    stamp: Stamp
    saved_at: float


class CachedSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that reuses the tracker it saved when nothing changed since."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rasa_engine: Engine = self.engine  # type: ignore[has-type]
        if rasa_engine.dialect.name == "sqlite" and rasa_engine.url.database:
            url = rasa_engine.url.render_as_string(hide_password=False)
            rasa_engine.dispose()
            self.engine = make_engine(url)
            self.sessionmaker = sessionmaker(bind=self.engine)
        self.cache_size = int(os.environ.get(SIZE_ENV) or 200)
        self.cache_seconds = float(os.environ.get(SECONDS_ENV) or 600)
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._counted: Dict[str, int] = {}
        self._known: Dict[str, int] = {}
        self.hits = 0
        self.misses = 0

    def _stamp(self, session: Session, sender_id: Text) -> Stamp:
        count, highest = session.execute(
            sa.select(sa.func.count(self.SQLEvent.id), sa.func.max(self.SQLEvent.id)).where(
                self.SQLEvent.sender_id == sender_id
            )
        ).one()
        return int(count), highest

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The saved tracker when the database still holds exactly what was saved."""
        entry = self._entries.get(sender_id)
        if entry is not None and self._still_valid(sender_id, entry):
            self._entries.move_to_end(sender_id)
            self.hits += 1
            return entry.tracker
        self._entries.pop(sender_id, None)
        self.misses += 1
        return await super().retrieve(sender_id)

    def _still_valid(self, sender_id: Text, entry: _Entry) -> bool:
        if len(entry.tracker.events) != entry.length:
            return False  # changed in memory and not saved
        if time.monotonic() - entry.saved_at > self.cache_seconds:
            return False
        with self.session_scope() as session:
            return self._stamp(session, sender_id) == entry.stamp

    def _additional_events(self, session: Session, tracker: DialogueStateTracker) -> Iterator:
        """Rasa's own (the events the database does not hold yet), noting how many of the
        session's events it holds, for ``save`` to tell whether the tracker can be kept.
        For the tracker this store gave out from memory the number is known (it was checked
        against the database when given out, and the conversation's lock keeps other Rasa
        processes away until this save), so Rasa's count of the session's events, the
        costliest query of a turn, is not run again."""
        stored = self._known.pop(tracker.sender_id, None)
        if stored is None:
            stored = self._event_query(
                session, tracker.sender_id, fetch_events_from_all_sessions=False
            ).count()
        self._counted[tracker.sender_id] = stored
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save, then the tracker kept if it is what a reload would give."""
        sender_id = tracker.sender_id
        entry = self._entries.pop(sender_id, None)
        self._counted.pop(sender_id, None)
        if entry is not None and entry.tracker is tracker:
            self._known[sender_id] = entry.length
        try:
            await super().save(tracker)
        finally:
            self._known.pop(sender_id, None)
        stored = self._counted.pop(sender_id, None)
        if stored is None or not self._reload_gives(tracker, stored):
            return
        with self.session_scope() as session:
            stamp = self._stamp(session, sender_id)
        self._entries[sender_id] = _Entry(tracker, len(tracker.events), stamp, time.monotonic())
        while len(self._entries) > self.cache_size:
            self._entries.popitem(last=False)

    @staticmethod
    def _reload_gives(tracker: DialogueStateTracker, stored: int) -> bool:
        """Whether Rasa's reload (the session since its last ``session_started``) would give
        exactly this tracker's events. The tracker came from a reload or from this cache
        (which holds only such trackers), or is a new one; so it does unless this save began
        a session: the first turn's ``action_session_start`` precedes its ``session_started``
        and a reload leaves it out, and an expired session's old events too."""
        added = itertools.islice(tracker.events, stored, None)
        return not any(isinstance(event, SessionStarted) for event in added)
