"""What residents read about a report someone already filed, and who hears of its changes.

Texts are Polish, dates by babel like the rest (``bot.reports.wording``). A status
notice carries only what anyone with the number may read: the status and the
note staff marked for the resident (migration 0006), never an internal note.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import List, Optional

from babel.dates import format_timedelta
from sqlalchemy import select

from bot.db import Database
from bot.models import Report
from bot.reports.followers import followers_of
from bot.reports.routing import category
from bot.reports.store import ReportView
from bot.reports.wording import status_word

# "<This thing> is already reported", per category, agreeing in gender.
_ALREADY = {
    "oswietlenie": "Ta latarnia jest już zgłoszona",
    "drogi": "Ten problem na drodze jest już zgłoszony",
    "czystosc": "Ten problem z czystością jest już zgłoszony",
    "porzadek": "Ta sprawa porządkowa jest już zgłoszona",
    "zielen": "Ten problem w zieleni jest już zgłoszony",
    "drzewa_przy_drodze": "To drzewo jest już zgłoszone",
}
_ALREADY_OTHER = "Ta sprawa jest już zgłoszona"
SAME = "To to samo – powiadamiaj mnie"
DIFFERENT = "To inny problem"
SAME_PAYLOAD, DIFFERENT_PAYLOAD = "/report_same", "/report_different"
STOP_PAYLOAD = "/stop_following"
STOP = "Nie powiadamiaj mnie"


def ago(moment: dt.datetime, now: dt.datetime) -> str:
    """E.g. "3 dni temu" (babel, Polish)."""
    return str(format_timedelta(moment - now, add_direction=True, locale="pl_PL"))


def already_reported(report: ReportView, now: dt.datetime) -> str:
    """The question shown instead of filing a second report of the same problem."""
    said = _ALREADY.get(report.category, _ALREADY_OTHER)
    return (
        f"{said}: {report.reference}, {ago(report.created_at, now)}, "
        f"status „{status_word(report)}”. Jeśli to ten sam problem, nie musisz zgłaszać go "
        "ponownie – powiadomię Cię, gdy zmieni się jego status."
    )


def followed(report: ReportView, email: Optional[str]) -> str:
    """The answer once the resident follows the earlier report."""
    by_mail = " i e-mailem" if email else ""
    return (
        f"Dobrze – nie zapisuję nowego zgłoszenia. O zmianach statusu {report.reference} "
        f"powiadomię Cię tutaj{by_mail}. Gdy zechcesz przestać, napisz „nie powiadamiaj mnie”."
    )


def status_notice(report: ReportView) -> str:
    """The chat message and e-mail body of a status change."""
    lines = [
        f"Zmienił się status zgłoszenia {report.reference}: „{status_word(report)}” "
        f"({category(report.category).title})."
    ]
    last = report.history[-1] if report.history else None
    if last is not None and last.public_note:
        lines.append(f"Informacja: {last.public_note}")
    return "\n".join(lines)


def mail_subject(report: ReportView) -> str:
    return f"Zgłoszenie {report.reference}: {status_word(report)}"


MAIL_FOOTER = (
    "\n\nTę wiadomość wysłało Krakowskie Centrum Kontaktu, bo podano ten adres przy "
    "zgłoszeniu. Aby przestać otrzymywać powiadomienia, napisz w czacie „nie powiadamiaj mnie”."
)


@dataclass
class Recipients:
    """Conversations to post the notice in and e-mail addresses to send it to."""

    conversations: List[str] = field(default_factory=list)
    emails: List[str] = field(default_factory=list)

    def add(self, conversation_id: Optional[str], email: Optional[str]) -> None:
        if conversation_id and conversation_id not in self.conversations:
            self.conversations.append(conversation_id)
        if email and email not in self.emails:
            self.emails.append(email)


def recipients(db: Database, report: ReportView) -> Recipients:
    """The reporter (their chat; their e-mail if they agreed) and every follower."""
    found = Recipients()
    with db.session() as session:
        email = session.execute(
            select(Report.contact_email).where(
                Report.reference == report.reference, Report.contact_consent.is_(True)
            )
        ).scalar_one_or_none()
    found.add(report.conversation_id, email)
    for follower in followers_of(db, report.reference):
        found.add(follower.conversation_id, follower.email)
    return found
