"""The rating's turn in a conversation the assistant holds: which message it takes.

The router asks ``answer`` before Rasa: a rating button, the one comment after a
score, or nothing (``None``: the message goes on as usual, and an unanswered
question is closed, so the resident is never asked again). Never forced: any other
message simply continues the chat.
"""

from __future__ import annotations

import datetime as dt
from typing import List, Optional

from bot import offered
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


def answer(
    db: Database, conversation_id: str, payload: Optional[str], text: str, now: dt.datetime
) -> Optional[List[OutMessage]]:
    """The replies when the message belongs to the rating; None when it does not."""
    rating = wording.is_rating_payload(payload)
    pending = store.open_rating(db, conversation_id)
    if pending is None:
        # An old rating button pressed again: answered, never passed to Rasa.
        return [OutMessage("system", offered.STALE_TEXT)] if rating else None
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
