"""The rating's turn in a conversation the assistant holds: which message it takes.

The router asks ``answer`` before Rasa: a rating button, the one comment after a
score, or nothing (``None``: the message goes on as usual, and an unanswered
question is closed, so the resident is never asked again). Never forced: any other
message simply continues the chat.
"""

from __future__ import annotations

import datetime as dt
from typing import List, Optional, Tuple

from bot import offered, transcript
from bot.csat import store, wording
from bot.db import Database
from bot.transcript import OutMessage


def question() -> OutMessage:
    return OutMessage("bot", wording.QUESTION, wording.question_buttons())


def ask_after_assistant(db: Database, conversation_id: str, now: dt.datetime) -> List[OutMessage]:
    """The question after the assistant's goodbye, or nothing if it was asked before."""
    return [question()] if store.ask_assistant(db, conversation_id, now) else []


def ask_after_handoff(db: Database, handoff_id: int, now: dt.datetime) -> List[OutMessage]:
    """The question after a person ended the chat, or nothing if it was asked before."""
    return [question()] if store.ask_after_handoff(db, handoff_id, now) else []


def arrive(
    db: Database,
    conversation_id: str,
    turns: int,
    message: Optional[OutMessage],
    payload: Optional[str] = None,
    admission: Optional[transcript.Admission] = None,
) -> Tuple[str, List[offered.Turn], Optional[store.OpenRating]]:
    """``transcript.arrive`` and, while the assistant holds the chat, the rating question
    the message may answer: both in one trip to a database thread (the router's)."""
    state, recent = transcript.arrive(db, conversation_id, turns, message, payload, admission)
    return state, recent, store.open_rating(db, conversation_id) if state == "bot" else None


def without_question(payload: Optional[str]) -> Optional[List[OutMessage]]:
    """No question open: an old rating button pressed again is answered, never passed to
    Rasa; anything else goes on as usual (None). Needs no database."""
    stale = wording.is_rating_payload(payload)
    return [OutMessage("system", offered.STALE_TEXT)] if stale else None


def answer(
    db: Database,
    pending: Optional[store.OpenRating],
    payload: Optional[str],
    text: str,
    now: dt.datetime,
) -> Optional[List[OutMessage]]:
    """The replies when the message belongs to the rating; None when it does not.
    ``pending``: the conversation's open question (``arrive``), read under its lock; when
    there is none, the answer needs no database (no trip to a database thread)."""
    if pending is None:
        return without_question(payload)
    rating = wording.is_rating_payload(payload)
    score = wording.score_of(payload)
    if pending.score is None and score is not None:
        store.rate(db, pending.id, score, now)
        return [OutMessage("bot", wording.THANKS, wording.comment_buttons())]
    if pending.score is None and payload == wording.SKIP:
        store.close(db, pending.id)
        return [OutMessage("bot", wording.SKIPPED)]
    if pending.score is not None and payload == wording.NO_COMMENT:
        store.close(db, pending.id)
        return [OutMessage("bot", wording.NO_COMMENT_TEXT)]
    if pending.score is not None and not payload and text.strip():
        store.comment(db, pending.id, text.strip()[: wording.COMMENT_MAX_CHARS])
        return [OutMessage("bot", wording.COMMENT_THANKS)]
    store.close(db, pending.id)
    return [OutMessage("system", offered.STALE_TEXT)] if rating else None
