"""Console accounts for tests against a running assistant, and logged-in HTTP clients."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Iterator, List

import httpx
from sqlalchemy import update

from bot.console import accounts
from bot.db import Database
from bot.models import Consultant

_CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
_CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


@dataclass
class Staff:
    """Creates consultants in the stack's database; deactivates them afterwards so that
    nobody stays "online" for the next test."""

    db: Database
    base_url: str
    logins: List[str] = field(default_factory=list)
    clients: List[httpx.Client] = field(default_factory=list)

    def account(self, role: str, units: tuple[str, ...] = ()) -> tuple[str, str]:
        login = f"{role}-{secrets.token_hex(4)}"
        password = secrets.token_urlsafe(16)
        accounts.create_account(self.db, login, f"Test {role}", role, units, password)
        self.logins.append(login)
        return login, password

    def client(self, role: str, units: tuple[str, ...] = ()) -> httpx.Client:
        """A logged-in console session (its requests carry the CSRF header)."""
        login, password = self.account(role, units)
        return self.log_in(login, password)

    def log_in(self, login: str, password: str) -> httpx.Client:
        client = httpx.Client(base_url=self.base_url, timeout=60)
        self.clients.append(client)
        page = client.get("/console/login")
        token = _CSRF_FIELD.search(page.text)
        assert token, page.text[:500]
        answer = client.post(
            "/console/login",
            data={"login": login, "password": password, "csrf_token": token.group(1)},
        )
        assert answer.status_code == 303, answer.text[:500]
        home = client.get("/console")
        csrf = _CSRF_META.search(home.text)
        assert csrf, home.text[:500]
        client.headers["X-CSRF-Token"] = csrf.group(1)
        return client

    def close(self) -> None:
        for client in self.clients:
            client.close()
        with self.db.session() as session:
            session.execute(
                update(Consultant).where(Consultant.login.in_(self.logins)).values(active=False)
            )


def staff_for(db_url: str, base_url: str) -> Iterator[Staff]:
    db = Database(db_url)
    staff = Staff(db, base_url)
    try:
        yield staff
    finally:
        staff.close()
        db.dispose()
