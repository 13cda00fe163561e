"""A resident's report conversation through the widget API and the stored report it leaves."""

from __future__ import annotations

import re
from typing import List, Optional

import httpx
from sqlalchemy import or_, select, update

from bot.db import Database
from bot.models import Report

NUMBER = re.compile(r"KCK-\d{4}-\d{6}")


class Chat:
    """One resident's widget conversation."""

    def __init__(self, gateway: httpx.Client) -> None:
        self.gateway = gateway
        created = gateway.post("/api/v1/conversations").json()
        self.path = f"/api/v1/conversations/{created['conversation_id']}"
        self.headers = {"Authorization": f"Bearer {created['token']}"}
        self.replies: List[dict] = []

    def say(self, text: str) -> str:
        return self._post("/messages", json={"text": text})

    def press(self, title: str) -> str:
        """Presses the button with this title among the last replies."""
        buttons = [b for r in self.replies for b in r.get("buttons", [])]
        (button,) = [b for b in buttons if b["title"] == title]
        return self._post("/messages", json={"payload": button["payload"], "text": title})

    def photo(self, data: bytes, content_type: str = "image/png") -> httpx.Response:
        response = self.gateway.post(
            self.path + "/photos",
            content=data,
            headers={**self.headers, "content-type": content_type},
        )
        if response.status_code == 200:
            self.replies = response.json()["messages"]
        return response

    def _post(self, suffix: str, json: dict) -> str:
        response = self.gateway.post(self.path + suffix, json=json, headers=self.headers)
        assert response.status_code == 200, response.text
        self.replies = response.json()["messages"]
        return "\n".join(r["text"] for r in self.replies)


def stored(app_db: Database, reference: str) -> Optional[Report]:
    with app_db.session() as session:
        return session.execute(
            select(Report).where(Report.reference == reference)
        ).scalar_one_or_none()


def count(app_db: Database) -> int:
    with app_db.session() as session:
        return len(session.execute(select(Report.id)).all())



def close_open_reports(db_url: str) -> None:
    """Closes every open report with a place (only those can be found as the same
    problem) in a test stack's database (see tests/conftest.py,
    ``reports_of_earlier_tests_closed``); the dashboard's seeded reports have none."""
    db = Database(db_url)
    try:
        with db.session() as session:
            session.execute(
                update(Report)
                .where(
                    Report.status.not_in(["załatwione", "odrzucone"]),
                    or_(Report.location_text.is_not(None), Report.lat.is_not(None)),
                )
                .values(status="załatwione")
            )
    finally:
        db.dispose()
