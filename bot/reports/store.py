"""Reports and ideas in the app database.

A report gets its reference number from its own database id inside the
transaction that stores it, so concurrent filings never share a number.
Contact details are stored only together with the resident's consent, and
the public view (status queries, Open311) never carries them.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Sequence, Tuple
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.db import Database
from bot.models import Report, ReportStatusChange, as_utc, utcnow
from bot.plain_text import plain
from bot.reports.numbers import format_reference
from bot.reports.routing import IDEA_UNIT, category

WARSAW = ZoneInfo("Europe/Warsaw")
RECEIVED = "przyjęte"
STATUSES = (RECEIVED, "przekazane", "w realizacji", "załatwione", "odrzucone")
# Set only by merging into another report (bot/reports/changes.py), never chosen as a status.
MERGED = "połączone"
CLOSED = frozenset({"załatwione", "odrzucone", MERGED})


class UnknownStatus(ValueError):
    """A status outside STATUSES."""


@dataclass(frozen=True)
class NewReport:
    kind: str  # intervention | idea
    category: str
    description: str
    channel: str
    location_text: str | None = None
    lat: float | None = None
    lon: float | None = None
    photo_path: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    contact_consent: bool = False
    conversation_id: str | None = None
    # Answers to the category questions, checked (bot/reports/details.py).
    attributes: Dict[str, str] = field(default_factory=dict)
    photo_public: bool = False  # the resident agreed to show the photo with the report


@dataclass(frozen=True)
class StatusStep:
    status: str
    note: str | None
    changed_at: dt.datetime
    public: bool = False  # the note is for the resident; else staff only

    @property
    def public_note(self) -> str | None:
        """The note if the resident (and so the public) may read it."""
        return self.note if self.public else None


@dataclass(frozen=True)
class ReportView:
    """What may be shown about a report to anyone who has its number."""

    reference: str
    kind: str
    category: str
    unit: str
    description: str
    location_text: str | None
    lat: float | None
    lon: float | None
    has_photo: bool
    status: str
    channel: str
    created_at: dt.datetime
    updated_at: dt.datetime
    history: List[StatusStep] = field(default_factory=list)
    # The chat it was filed in (not shown to anyone): where a status change is announced.
    conversation_id: str | None = None
    # Answers to the category questions: {code: value} (bot/reports/questions.py).
    attributes: Dict[str, str] = field(default_factory=dict)
    # The number of the report this one repeats (status MERGED), else None.
    merged_into: str | None = None
    # A photo the resident agreed to show publicly (Open311's media_url); False without one.
    photo_public: bool = False

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED


def view_of(report: Report) -> ReportView:
    return ReportView(
        reference=str(report.reference),
        kind=str(report.kind),
        category=str(report.category),
        unit=str(report.unit),
        description=str(report.description),
        location_text=report.location_text,
        lat=report.lat,
        lon=report.lon,
        has_photo=bool(report.photo_path),
        status=str(report.status),
        channel=str(report.channel),
        created_at=as_utc(report.created_at),
        updated_at=as_utc(report.updated_at),
        history=[
            StatusStep(step.status, step.note, as_utc(step.changed_at), bool(step.public))
            for step in report.history
        ],
        conversation_id=report.conversation_id,
        attributes=_attributes(report.attributes),
        merged_into=report.merged_into,
        photo_public=bool(report.photo_path) and bool(report.photo_public),
    )


def _attributes(stored: object) -> Dict[str, str]:
    """The stored answers as text; anything else in the column (hand-edited) is left out."""
    if not isinstance(stored, dict):
        return {}
    return {str(k): str(v) for k, v in stored.items() if isinstance(v, (str, int, float))}


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def create_report(db: Database, new: NewReport) -> ReportView:
    """Stores a report or idea with status "przyjęte" and returns it with its number.

    Whichever way it came (chat, Open311), the text is stored as plain text and a
    non-finite coordinate as none: stored data must never break an output.
    """
    now = utcnow()
    lat, lon = _finite(new.lat), _finite(new.lon)
    if lat is None or lon is None:
        lat = lon = None
    unit = IDEA_UNIT.code if new.kind == "idea" else category(new.category).unit.code
    consent = bool(new.contact_consent)
    with db.session() as session:
        report = Report(
            kind=new.kind,
            category=category(new.category).code if new.kind == "intervention" else new.category,
            unit=unit,
            description=plain(new.description),
            location_text=plain(new.location_text) or None if new.location_text else None,
            lat=lat,
            lon=lon,
            photo_path=new.photo_path,
            photo_public=bool(new.photo_path) and new.photo_public,
            contact_name=new.contact_name if consent else None,
            contact_phone=new.contact_phone if consent else None,
            contact_email=new.contact_email if consent else None,
            contact_consent=consent,
            attributes=dict(new.attributes) or None,
            channel=new.channel,
            conversation_id=new.conversation_id,
            status=RECEIVED,
            created_at=now,
            updated_at=now,
        )
        report.history.append(ReportStatusChange(status=RECEIVED, changed_at=now))
        session.add(report)
        session.flush()  # assigns the id, unique under any concurrency
        report.reference = format_reference(now.astimezone(WARSAW).year, int(report.id))
        session.flush()
        return view_of(report)


def select_reports():  # type: ignore[no-untyped-def]
    """A query of reports with their history loaded (``view_of`` reads it)."""
    return select(Report).options(selectinload(Report.history))


def find(session: Session, reference: str) -> Report | None:
    """The report with this number in the caller's transaction, with its history."""
    return session.execute(
        select_reports().where(Report.reference == reference)
    ).scalar_one_or_none()


def find_allowed(
    session: Session, reference: str, allowed: Callable[[str], bool]
) -> Report | None:
    """``find``, refused (``NotAllowed``) when the caller does not handle its unit."""
    report = find(session, reference)
    if report is not None and not allowed(str(report.unit)):
        raise NotAllowed(reference)
    return report


def get_report(db: Database, reference: str) -> ReportView | None:
    with db.session() as session:
        report = find(session, reference)
        return view_of(report) if report else None


class NotAllowed(Exception):
    """The consultant may not change this report (another line or unit)."""


def set_status(
    db: Database,
    reference: str,
    status: str,
    note: str | None = None,
    public: bool = False,
    allowed: Callable[[str], bool] = lambda unit: True,
    internal_note: str | None = None,
) -> ReportView | None:
    """Moves a report to a new status and records the step; None if there is no such report.

    A note is internal unless ``public`` says it is for the resident.
    ``allowed(unit)``: whether the caller handles the report's unit (``NotAllowed`` if not).
    ``internal_note``: a staff-only note beside ``note`` (the report page has both); it is
    recorded as a step of its own *before* the other, so the newest step still carries
    the note for the resident that status answers and Open311 read.
    """
    if status not in STATUSES:
        raise UnknownStatus(status)
    with db.session() as session:
        report = find_allowed(session, reference, allowed)
        if report is None:
            return None
        now = utcnow()
        report.status = status
        report.updated_at = now
        steps: List[Tuple[str | None, bool]] = [(internal_note, False)] if internal_note else []
        if note or not steps:
            steps.append((note, public))
        for text, for_resident in steps:
            report.history.append(
                ReportStatusChange(status=status, note=text, public=for_resident, changed_at=now)
            )
        session.flush()
        return view_of(report)


def list_reports(
    db: Database,
    *,
    categories: Sequence[str] | None = None,
    statuses: Sequence[str] | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    kind: str | None = None,
    limit: int = 1000,
    units: Sequence[str] | None = None,
    exclude_units: bool = False,
) -> List[ReportView]:
    """Reports newest first, filtered like Open311's requests.json; ``units``: only those
    units' reports (with ``exclude_units``: all but theirs), for a consultant's scope."""
    query = select_reports().order_by(Report.id.desc()).limit(limit)
    if units is not None:
        chosen = Report.unit.in_(list(units))
        query = query.where(~chosen if exclude_units else chosen)
    if categories:
        query = query.where(Report.category.in_(list(categories)))
    if statuses:
        query = query.where(Report.status.in_(list(statuses)))
    if start:
        query = query.where(Report.created_at >= start)
    if end:
        query = query.where(Report.created_at <= end)
    if kind:
        query = query.where(Report.kind == kind)
    with db.session() as session:
        return [view_of(report) for report in session.execute(query).scalars()]
