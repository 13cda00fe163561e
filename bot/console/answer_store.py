"""Ready answers supervisors write in the console, and filling their variables.

Supervisors keep these in the database (table ``ready_answers``, page
``/console/answers``); the FAQ answers (``bot.console.answers``) come from Rasa's
response files and are not edited here. A text may carry ``{imię}`` (the resident's
first name) and ``{numer_zgłoszenia}`` (the number of this conversation's latest
report): the chat view gets them filled from what the resident gave in this
conversation (a callback request or a report's contact). A value nobody gave stays
as written, so the consultant sees what to complete before sending.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional

from sqlalchemy import select

from bot.db import Database
from bot.models import CallbackRequest, ReadyAnswer, Report

NAME = "{imię}"
REPORT_NUMBER = "{numer_zgłoszenia}"
VARIABLES = (NAME, REPORT_NUMBER)
MAX_TITLE = 120
MAX_TEXT = 4000


@dataclass(frozen=True)
class StoredAnswer:
    id: int
    title: str
    text: str


def list_answers(db: Database) -> List[StoredAnswer]:
    """Every supervisor's answer, by title."""
    with db.session() as session:
        rows = session.execute(select(ReadyAnswer).order_by(ReadyAnswer.title, ReadyAnswer.id))
        return [StoredAnswer(int(r.id), str(r.title), str(r.text)) for r in rows.scalars()]


def save_answer(db: Database, answer_id: Optional[int], title: str, text: str) -> Optional[int]:
    """Adds (``answer_id`` None) or changes an answer; its id, None for an unknown id
    (who saved it is in the audit log)."""
    with db.session() as session:
        row = ReadyAnswer() if answer_id is None else session.get(ReadyAnswer, answer_id)
        if row is None:
            return None
        row.title, row.text = title[:MAX_TITLE], text[:MAX_TEXT]
        session.add(row)
        session.flush()
        return int(row.id)


def delete_answer(db: Database, answer_id: int) -> bool:
    with db.session() as session:
        row = session.get(ReadyAnswer, answer_id)
        if row is None:
            return False
        session.delete(row)
        return True


def conversation_values(db: Database, conversation_id: str) -> Dict[str, str]:
    """What this conversation gave for the variables (the latest of each)."""
    with db.session() as session:
        reports = session.execute(
            select(Report.reference, Report.contact_name)
            .where(Report.conversation_id == conversation_id)
            .order_by(Report.id.desc())
        ).all()
        callback_names = session.execute(
            select(CallbackRequest.name)
            .where(CallbackRequest.conversation_id == conversation_id)
            .order_by(CallbackRequest.id.desc())
        ).scalars().all()
    values: Dict[str, str] = {}
    numbers = [reference for reference, _name in reports if reference]
    if numbers:
        values[REPORT_NUMBER] = str(numbers[0])
    names = [name for name in [*callback_names, *(n for _ref, n in reports)] if name]
    if names and str(names[0]).split():
        values[NAME] = str(names[0]).split()[0]
    return values


def fill(text: str, values: Dict[str, str]) -> str:
    """The text with each known variable replaced (nothing else in braces is touched)."""
    for variable, value in values.items():
        text = text.replace(variable, value)
    return text
