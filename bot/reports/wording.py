"""How reports are described to residents in Polish (babel for dates)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_datetime

from bot.reports.routing import category
from bot.reports.store import WARSAW, ReportView


def polish_datetime(moment: dt.datetime) -> str:
    """E.g. "25 listopada 2026 o 10:15" (Europe/Warsaw)."""
    return format_datetime(moment.astimezone(WARSAW), "d MMMM y 'o' H:mm", locale="pl_PL")


def status_answer(report: ReportView) -> str:
    """The status of a report for anyone holding its number: no personal data."""
    what = "Pomysł" if report.kind == "idea" else f"Zgłoszenie ({category(report.category).title})"
    unit = category(report.category).unit.name if report.kind == "intervention" else "KCK"
    lines = [
        f"{what} {report.reference}: status „{report.status}”.",
        f"Odpowiada: {unit}.",
        f"Przyjęte {polish_datetime(report.created_at)}.",
    ]
    if report.updated_at > report.created_at and len(report.history) > 1:
        last = report.history[-1]
        lines.append(f"Ostatnia zmiana: {polish_datetime(last.changed_at)}.")
        if last.note:
            lines.append(f"Informacja: {last.note}")
    return "\n".join(lines)
