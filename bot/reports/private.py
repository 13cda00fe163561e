"""A report's personal parts for the staff who handle it: the contact and the photo.

Kept apart from ``ReportView`` (what anyone holding the number may read), so that
showing a report never reads its contact by accident: the console reads these only
when staff ask, after checking scope through ``allowed(unit)``, and audits each
reading (bot/console/report_page.py). The one exception is a photo the resident agreed
to show publicly with the report (``public_photo_name``, Open311's media_url).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from sqlalchemy import select

from bot.db import Database
from bot.models import Report
from bot.photos import is_photo_name
from bot.reports.store import NotAllowed


@dataclass(frozen=True)
class Contact:
    """What the resident agreed to leave; all None when they left nothing."""

    name: Optional[str]
    phone: Optional[str]
    email: Optional[str]

    @property
    def empty(self) -> bool:
        return not (self.name or self.phone or self.email)


def _row(db: Database, reference: str, allowed: Callable[[str], bool]):  # type: ignore[no-untyped-def]
    with db.session() as session:
        row = session.execute(
            select(
                Report.unit,
                Report.contact_consent,
                Report.contact_name,
                Report.contact_phone,
                Report.contact_email,
                Report.photo_path,
            ).where(Report.reference == reference)
        ).one_or_none()
    if row is not None and not allowed(str(row.unit)):
        raise NotAllowed(reference)
    return row


def has_contact(db: Database, reference: str) -> bool:
    """Whether the report carries a contact (without reading it)."""
    with db.session() as session:
        row = session.execute(
            select(Report.contact_name, Report.contact_phone, Report.contact_email).where(
                Report.reference == reference
            )
        ).one_or_none()
    return row is not None and any(row)


def read_contact(
    db: Database, reference: str, allowed: Callable[[str], bool]
) -> Optional[Contact]:
    """The report's contact (None if there is no such report); ``NotAllowed`` out of scope.
    Contacts are stored only with consent (bot/reports/store.py), so one without is empty."""
    row = _row(db, reference, allowed)
    if row is None:
        return None
    if not row.contact_consent:
        return Contact(None, None, None)
    return Contact(row.contact_name, row.contact_phone, row.contact_email)


def photo_name(db: Database, reference: str, allowed: Callable[[str], bool]) -> Optional[str]:
    """The stored photo's file name (None if no report or no photo); ``NotAllowed`` out of
    scope. Only names the photo store gives pass, so no path ever leaves the photo folder."""
    row = _row(db, reference, allowed)
    if row is None or not is_photo_name(row.photo_path):
        return None
    return str(row.photo_path)


def public_photo_name(db: Database, reference: str) -> Optional[str]:
    """The photo of an intervention report whose resident agreed to show it publicly
    (bot/web/open311_media.py), else None; anyone may ask, so nothing is audited."""
    with db.session() as session:
        row = session.execute(
            select(Report.photo_path).where(
                Report.reference == reference,
                Report.kind == "intervention",
                Report.photo_public.is_(True),
            )
        ).one_or_none()
    return str(row.photo_path) if row is not None and is_photo_name(row.photo_path) else None
