"""Issue 18, point 2: ready answers supervisors edit in the console, with ``{imię}`` and
``{numer_zgłoszenia}`` filled from the conversation (in-process, the real app on SQLite)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot import transcript
from bot.console import answer_store
from bot.db import Database
from bot.handoff import queue
from bot.reports import store
from tests.helpers.console import audit_rows, signed_in

ON_SQLITE = [
    pytest.mark.usefixtures("real_clock"),
    pytest.mark.parametrize("db", ["sqlite"], indirect=True),
]


def on_sqlite(test):  # type: ignore[no-untyped-def]
    for mark in ON_SQLITE:
        test = mark(test)
    return test

GREETING = "Dzień dobry, {imię}! Zgłoszenie {numer_zgłoszenia} przekazaliśmy dalej."
FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def test_known_variables_are_filled_and_unknown_ones_stay_for_the_consultant() -> None:
    values = {answer_store.NAME: "Ewa"}
    assert answer_store.fill(GREETING, values) == (
        "Dzień dobry, Ewa! Zgłoszenie {numer_zgłoszenia} przekazaliśmy dalej."
    )
    assert answer_store.fill("{inne} {imię}", values) == "{inne} Ewa"


@on_sqlite
def test_supervisors_edit_answers_and_a_chat_gets_them_filled(
    db: Database, tmp_path: Path
) -> None:
    chat = transcript.create_conversation(db, "web", "answers")
    report = store.create_report(
        db,
        store.NewReport(
            "intervention", "oswietlenie", "Nie świeci latarnia", "web",
            contact_name="Ewa Nowak", contact_consent=True, conversation_id=chat,
        ),
    )
    queue.open_handoff(
        db, chat, queue.FIRST_LINE, None, "request_human", dt.datetime.now(dt.timezone.utc)
    )
    with signed_in(db, tmp_path, "szefowa", "supervisor") as boss:
        page = boss.get("/console/answers")
        assert page.status_code == 200 and "{numer_zgłoszenia}" in page.text
        token = FORM_TOKEN.search(page.text)
        assert token is not None
        form = {"csrf_token": token.group(1), "title": "Powitanie", "text": GREETING}
        assert boss.post("/console/answers", data=form).status_code == 303
        [saved] = answer_store.list_answers(db)
        assert (saved.title, saved.text) == ("Powitanie", GREETING)
        assert 'value="Powitanie"' in boss.get("/console/answers").text

        answers = boss.get(f"/console/api/conversations/{chat}/answers").json()["answers"]
        assert answers[0] == {
            "title": "Powitanie",
            "text": f"Dzień dobry, Ewa! Zgłoszenie {report.reference} przekazaliśmy dalej.",
        }
        assert len(answers) > 1  # the FAQ answers follow

        changed = {**form, "text": "Do usłyszenia, {imię}."}
        assert boss.post(f"/console/answers/{saved.id}", data=changed).status_code == 303
        assert answer_store.list_answers(db)[0].text == "Do usłyszenia, {imię}."
        delete = {"csrf_token": token.group(1)}
        assert boss.post(f"/console/answers/{saved.id}/delete", data=delete).status_code == 303
        assert answer_store.list_answers(db) == []
    actions = [action for _who, action, _target in audit_rows(db)]
    assert actions.count("save_answer") == 2 and actions.count("delete_answer") == 1


@on_sqlite
def test_consultants_use_answers_but_do_not_edit_them(db: Database, tmp_path: Path) -> None:
    with signed_in(db, tmp_path, "anna", "consultant") as consultant:
        assert consultant.get("/console/answers").status_code == 403
        form = {"title": "x", "text": "y"}
        assert consultant.post("/console/answers", data=form).status_code == 403
    assert answer_store.list_answers(db) == []
