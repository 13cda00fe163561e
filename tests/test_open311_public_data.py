"""What Open311 publishes without any key (issue 15, findings 2, 4 and 7).

Personal data a resident typed into a description is redacted; a staff note is
public only when staff chose "for the resident"; markup comes back as text,
never as a live tag; a stored non-finite coordinate never turns requests.json
into a 500.
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Dict, Iterator, List

import httpx
import pytest
from sqlalchemy import update

from bot.db import Database
from bot.models import Report
from bot.reports.store import NewReport, create_report
from tests.conftest import OPEN311_TEST_KEY, LiveAssistant
from tests.staff import Staff

pytestmark = pytest.mark.stack

BASE = "/open311/v2"
PERSONAL = ["Jan", "Kowalski", "600 111 222", "600111222", "jan.kowalski", "example.pl"]


@pytest.fixture(scope="module")
def db(live: LiveAssistant) -> Iterator[Database]:
    database = Database(f"sqlite:///{live.var_dir / 'kck.db'}")
    yield database
    database.dispose()


def file(db: Database, description: str, **fields: Any) -> str:
    new = NewReport(
        kind="intervention",
        category="drogi",
        description=description,
        channel="web",
        location_text="ul. Długa 5",
        **fields,
    )
    return create_report(db, new).reference


def both_outputs(gateway: httpx.Client, reference: str) -> List[httpx.Response]:
    """The single request and the list filtered to it: every public way to read it."""
    answers = [
        gateway.get(f"{BASE}/requests/{reference}.json"),
        gateway.get(f"{BASE}/requests.json", params={"service_request_id": reference}),
    ]
    for answer in answers:
        assert answer.status_code == 200, answer.text
        assert [r["service_request_id"] for r in answer.json()] == [reference]
    return answers


def public_view(answer: httpx.Response) -> Dict[str, Any]:
    return dict(answer.json()[0])


def test_name_phone_and_email_in_a_description_are_not_published(
    gateway: httpx.Client, db: Database
) -> None:
    marker = uuid.uuid4().hex[:8]
    reference = file(
        db,
        f"Nazywam się Jan Kowalski, tel. 600 111 222, jan.kowalski@example.pl. "
        f"Głęboka dziura w jezdni przed przejściem {marker}.",
    )
    for answer in both_outputs(gateway, reference):
        text = json.dumps(answer.json(), ensure_ascii=False)
        for secret in PERSONAL:
            assert secret not in text, (secret, text)
        assert (
            f"Głęboka dziura w jezdni przed przejściem {marker}."
            in public_view(answer)["description"]
        )


def test_an_internal_note_is_never_public_a_note_for_the_resident_is(
    gateway: httpx.Client, db: Database, staff: Staff
) -> None:
    reference = file(db, f"Nie świeci latarnia {uuid.uuid4().hex[:6]}")
    console = staff.client("supervisor")
    internal = "Kierownik robót p. Zenon, prywatnie 601 234 567, zgłasza się sam"
    changed = console.post(
        f"/console/reports/{reference}/status", data={"status": "przekazane", "note": internal}
    )
    assert changed.status_code == 303
    for answer in both_outputs(gateway, reference):
        notes = public_view(answer)["status_notes"]
        assert notes == "przekazane", notes  # the status only: the note stays in the console
        assert "601" not in answer.text and "Zenon" not in answer.text
    for_resident = "Ekipa ZDMK wymieni lampę do piątku."
    changed = console.post(
        f"/console/reports/{reference}/status",
        data={"status": "w realizacji", "note": for_resident, "note_for": "resident"},
    )
    assert changed.status_code == 303
    for answer in both_outputs(gateway, reference):
        assert public_view(answer)["status_notes"] == f"w realizacji: {for_resident}"
        assert "601 234 567" not in answer.text


ENCODED_IMG = "&lt;img src=x onerror=alert(1)&gt;"


def _no_live_markup(answer: httpx.Response) -> None:
    assert "<img" not in answer.text.lower()
    for request in answer.json():
        for value in request.values():
            assert "<img" not in str(value).lower(), value


def test_encoded_markup_never_comes_back_as_a_live_tag(gateway: httpx.Client, db: Database) -> None:
    marker = uuid.uuid4().hex[:8]
    posted = gateway.post(
        f"{BASE}/requests.json",
        data={
            "api_key": OPEN311_TEST_KEY,
            "service_code": "drogi",
            "description": f"{ENCODED_IMG} Dziura w jezdni {marker}",
            "address_string": f"{ENCODED_IMG} ul. Długa 7",
        },
    )
    assert posted.status_code == 201, posted.text
    reference = posted.json()[0]["service_request_id"]
    for answer in both_outputs(gateway, reference):
        _no_live_markup(answer)
        assert f"Dziura w jezdni {marker}" in public_view(answer)["description"]
    # Stored before this rule (a live tag in the database): still served as text.
    legacy = file(db, f"Dziura <img src=x onerror=alert(1)> na rogu {marker}")
    with db.session() as session:
        session.execute(
            update(Report)
            .where(Report.reference == legacy)
            .values(description=f"Dziura <img src=x onerror=alert(1)> na rogu {marker}")
        )
    for answer in both_outputs(gateway, legacy):
        _no_live_markup(answer)
    listed = gateway.get(f"{BASE}/requests.json")
    assert listed.status_code == 200 and "<img" not in listed.text.lower()


def test_a_stored_infinite_latitude_never_breaks_requests_json(
    gateway: httpx.Client, db: Database
) -> None:
    reference = file(db, f"Zapadnięta studzienka {uuid.uuid4().hex[:6]}", lat=50.06, lon=19.93)
    with db.session() as session:
        session.execute(
            update(Report).where(Report.reference == reference).values(lat=float("inf"))
        )
    for answer in both_outputs(gateway, reference):
        assert public_view(answer)["lat"] is None
    listed = gateway.get(f"{BASE}/requests.json")
    assert listed.status_code == 200, listed.text[:200]
