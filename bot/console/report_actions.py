"""What staff change on a report from the console: its status (with a note for the
resident and/or an internal one), its unit, and merging it into the report it repeats.

The list's status form and the report page's forms post here; the page's forms send
``back=page`` and come back to the page with a notice (``?done=…`` or ``?error=…``,
worded in ``bot.console.report_page``). Scope as everywhere in the console
(``bot.console.scope``): only those who handle the report's unit change it, others get
403. Every change is audited with the report's number and codes, never a note's text.
"""

from __future__ import annotations

import functools
from typing import Dict, Optional, Tuple
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.console import scope
from bot.console.auth import audit, authenticate, read_form
from bot.console.errors import ConsoleError
from bot.console.i18n import _
from bot.console.report_notices import announce
from bot.console.sessions import ConsoleUser
from bot.reports import changes, store
from bot.reports.numbers import find_reference
from bot.units import UNITS

# The resident's own words when a report they filed changes status.
MAX_NOTE = 1000
LIST = "/console/reports"


def page_path(reference: str) -> str:
    return f"{LIST}/{quote(reference)}"


def _back(form: Dict[str, str], reference: str, notice: str) -> RedirectResponse:
    """To the report page with a notice when the form came from there, else to the list."""
    if form.get("back") == "page":
        return RedirectResponse(f"{page_path(reference)}?{notice}", status_code=303)
    return RedirectResponse(LIST, status_code=303)


def _text(form: Dict[str, str], name: str) -> Optional[str]:
    return form.get(name, "").strip()[:MAX_NOTE] or None


def notes(form: Dict[str, str]) -> Tuple[Optional[str], bool, Optional[str]]:
    """(note, whether it is for the resident, internal note) from either form: the page's
    two fields, or the list's one note with "who reads it" (internal unless chosen)."""
    if "resident_note" in form or "internal_note" in form:
        resident = _text(form, "resident_note")
        return resident, resident is not None, _text(form, "internal_note")
    return _text(form, "note"), form.get("note_for") == "resident", None


def _refused() -> ConsoleError:
    return ConsoleError(403, _("This report belongs to another line or unit."))


def _missing() -> ConsoleError:
    return ConsoleError(404, _("There is no report with that number."))


async def _announce(request: Request, report: store.ReportView) -> None:
    """The reporter and every follower hear of the change, with the note for residents
    (bot/console/report_notices.py: their chats, Telegram, e-mail with consent)."""
    state = request.app.state
    await announce(state.db, state.router, state.mailer, report)


async def _user_and_form(request: Request) -> Tuple[ConsoleUser, Dict[str, str], str]:
    user = await authenticate(request)
    return user, await read_form(request), request.path_params["reference"]


async def change_report_status(request: Request) -> Response:
    """A new status; the resident reads it when asking, and at once in an open chat."""
    user, form, reference = await _user_and_form(request)
    status = form.get("status", "")
    if status not in store.STATUSES:
        return _back(form, reference, "error=status")
    note, public, internal = notes(form)
    db = request.app.state.db
    try:
        report = await run_in_threadpool(
            functools.partial(
                store.set_status,
                db,
                reference,
                status,
                note,
                public,
                functools.partial(scope.may_handle, user),
                internal_note=internal,
            )
        )
    except store.NotAllowed as error:
        raise _refused() from error
    if report is not None:
        await run_in_threadpool(audit, db, user.id, "report_status", f"{reference} {status}")
        await _announce(request, report)
    return _back(form, reference, "done=status")


async def reassign_report(request: Request) -> Response:
    """Hands the report to another unit (bot/units.py); audited."""
    user, form, reference = await _user_and_form(request)
    unit = form.get("unit", "")
    if unit not in UNITS:
        return _back(form, reference, "error=unit")
    db = request.app.state.db
    before = await run_in_threadpool(store.get_report, db, reference)
    if before is None:
        raise _missing()
    try:
        report = await run_in_threadpool(
            changes.reassign,
            db,
            reference,
            unit,
            functools.partial(scope.may_handle, user),
            _text(form, "internal_note"),
        )
    except store.NotAllowed as error:
        raise _refused() from error
    if report is None:
        raise _missing()
    if before.unit != unit:
        await run_in_threadpool(
            audit, db, user.id, "report_unit", f"{reference} {before.unit}>{unit}"
        )
    if not scope.may_handle(user, unit):  # handed out of this consultant's scope
        return RedirectResponse(f"{LIST}?moved={quote(reference)}", status_code=303)
    return _back(form, reference, "done=unit")


async def merge_report(request: Request) -> Response:
    """Closes the report as a repeat of another (status "połączone"); audited."""
    user, form, reference = await _user_and_form(request)
    kept = find_reference(form.get("into", ""))  # "kck 2026 123" too, as residents write it
    if kept is None:
        return _back(form, reference, "error=missing")
    db = request.app.state.db
    try:
        report = await run_in_threadpool(
            changes.merge,
            db,
            reference,
            kept,
            functools.partial(scope.may_handle, user),
            _text(form, "internal_note"),
        )
    except store.NotAllowed as error:
        raise _refused() from error
    except changes.MergeRefused as refused:
        return _back(form, reference, f"error={refused.reason}")
    if report is None:
        raise _missing()
    await run_in_threadpool(audit, db, user.id, "report_merge", f"{reference}>{kept}")
    await _announce(request, report)  # its public note names the kept report
    return _back(form, reference, "done=merged")


routes = [
    Route("/console/reports/{reference}/status", change_report_status, methods=["POST"]),
    Route("/console/reports/{reference}/unit", reassign_report, methods=["POST"]),
    Route("/console/reports/{reference}/merge", merge_report, methods=["POST"]),
]
