"""Is this problem already reported? The closest open report of the same category.

FixMyStreet's rule: before a second report of the same street lamp is filed, the
resident sees the first one and may follow it instead. A report is the same
problem when it is open, of the same category, and either within
``RADIUS_M`` of the new report's point or at the same street and house number
(``bot.reports.addresses``: "Długiej 5" is "ul. Długa 5").

The other same report is the resident's own: ``find_just_filed`` finds the report a
retry of filing may already have stored (actions/filing.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import List, Optional

from bot.db import Database
from bot.geo import distance_m
from bot.models import Report
from bot.plain_text import plain
from bot.reports.addresses import Address, address_of
from bot.reports.store import (
    CLOSED,
    STATUSES,
    ReportView,
    list_reports,
    select_reports,
    view_of,
)

RADIUS_M = 50.0
# Open reports of one category looked through: far more than a city has at one address.
LOOKED_AT = 2000


@dataclass(frozen=True)
class Place:
    """Where the new report is: a point, a typed address, or both."""

    lat: Optional[float] = None
    lon: Optional[float] = None
    text: Optional[str] = None


def distance_to(report: ReportView, place: Place, address: Optional[Address]) -> Optional[float]:
    """Metres from the new report's place to an open report, or None when not the same place.

    The same street and number counts as 0 m: the address is what the resident typed."""
    if address is not None and address == address_of(report.location_text):
        return 0.0
    if None in (place.lat, place.lon, report.lat, report.lon):
        return None
    metres = distance_m(place.lat, place.lon, report.lat, report.lon)  # type: ignore[arg-type]
    return metres if metres <= RADIUS_M else None


def closest_open(reports: List[ReportView], place: Place) -> Optional[ReportView]:
    """The nearest of the reports at the same place; the newest first among equals."""
    address = address_of(place.text)
    found: List[tuple[float, float, ReportView]] = []
    for report in reports:
        if report.status in CLOSED:
            continue
        metres = distance_to(report, place, address)
        if metres is not None:
            found.append((metres, -report.created_at.timestamp(), report))
    return min(found, key=lambda item: item[:2])[2] if found else None


def find_duplicate(db: Database, category: str, place: Place) -> Optional[ReportView]:
    """The closest open report of this category at the new report's place, if any."""
    open_statuses = [status for status in STATUSES if status not in CLOSED]
    reports = list_reports(
        db,
        categories=[category],
        statuses=open_statuses,
        kind="intervention",
        limit=LOOKED_AT,
    )
    return closest_open(reports, place)


def find_just_filed(
    db: Database, conversation_id: str, kind: str, description: str, since: dt.datetime
) -> ReportView | None:
    """The same report filed from the same chat since ``since``, if any.

    A retry after a lost connection asks this first: the lost answer may have
    been to a commit that went through, and a resident's report is stored once.
    """
    with db.session() as session:
        report = session.execute(
            select_reports()
            .where(
                Report.conversation_id == conversation_id,
                Report.kind == kind,
                Report.description == plain(description),
                Report.created_at >= since,
            )
            .order_by(Report.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        return view_of(report) if report else None
