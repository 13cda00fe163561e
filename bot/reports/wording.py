"""How reports are described to residents in Polish (babel for dates)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_datetime

from bot.reports.routing import category
from bot.reports.store import WARSAW, ReportView
from bot.units import UNITS


def polish_datetime(moment: dt.datetime) -> str:
    """E.g. "25 listopada 2026 o 10:15" (Europe/Warsaw)."""
    return format_datetime(moment.astimezone(WARSAW), "d MMMM y 'o' H:mm", locale="pl_PL")


# Statuses are stored in the neuter ("zgłoszenie przyjęte"); a "pomysł" is masculine.
_MASCULINE = {
    "przyjęte": "przyjęty",
    "przekazane": "przekazany",
    "załatwione": "załatwiony",
    "odrzucone": "odrzucony",
    "połączone": "połączony",
    "zrealizowane": "zrealizowany",
}


def status_word(report: ReportView) -> str:
    """The status agreeing with the noun: "zgłoszenie przyjęte", "pomysł przyjęty"."""
    if report.kind == "idea":
        return _MASCULINE.get(report.status, report.status)
    return report.status


def status_answer(report: ReportView) -> str:
    """The status of a report for anyone holding its number: no personal data."""
    idea = report.kind == "idea"
    what = "Pomysł" if idea else f"Zgłoszenie ({category(report.category).title})"
    # The unit that has it now: staff may have reassigned it from its category's unit.
    unit = "KCK" if idea else UNITS.get(report.unit, category(report.category).unit).name
    received = "Przyjęty" if idea else "Przyjęte"
    lines = [
        f"{what} {report.reference}: status „{status_word(report)}”.",
        f"Odpowiada: {unit}.",
        f"{received} {polish_datetime(report.created_at)}.",
    ]
    if report.updated_at > report.created_at and len(report.history) > 1:
        last = report.history[-1]
        lines.append(f"Ostatnia zmiana: {polish_datetime(last.changed_at)}.")
        if last.public_note:
            lines.append(f"Informacja: {last.public_note}")
    return "\n".join(lines)
