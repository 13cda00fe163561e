"""One report's page for the staff who handle it, its photo and its contact.

``/console/reports/{number}`` shows the description, category, unit, status history
with every note (marked for the resident or internal), the place as text and as
coordinates with a plain OpenStreetMap link (no map tiles, no outside scripts), the
photo, a link to the contact, the transcript of the chat it came from, and the forms
of ``bot.console.report_actions``.

The photo (``…/photo``) and the contact (``…/contact``) are personal data: served only
to those who handle the report's unit or supervise (``scope.may_handle``; others get
403), never cached, never at a public URL, and every reading goes to the audit log
(``read_photo``, ``read_contact``), as do the page itself and its transcript.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Callable, Dict, Optional

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from bot import transcript
from bot.console import scope
from bot.console.auth import audit, authenticate
from bot.console.errors import ConsoleError
from bot.console.i18n import N_, _
from bot.console.sessions import ConsoleUser
from bot.console.templates import NO_STORE, render_page
from bot.privacy.redaction import redact
from bot.reports import changes, private, store
from bot.reports.followers import followers_of
from bot.reports.routing import CATEGORIES
from bot.reports.wording import polish_datetime
from bot.units import UNITS

# The notices the page shows after its forms (?done=… / ?error=…, report_actions.py).
NOTICES: Dict[str, str] = {
    "done=status": N_("Status saved."),
    "done=unit": N_("The report is now with the unit chosen."),
    "done=merged": N_("The report is merged."),
    "error=status": N_("Choose a status from the list."),
    "error=unit": N_("Choose a unit from the list."),
    "error=missing": N_("There is no report with that number."),
    "error=itself": N_("A report cannot be merged into itself."),
    "error=merged": N_("This report is already merged into another one."),
    "error=target_merged": N_(
        "That report is itself merged into another one: merge into the report it points to."
    ),
}
PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def osm_link(lat: float, lon: float) -> str:
    """A plain link to the point on openstreetmap.org (opened by staff, nothing loaded)."""
    at = f"{lat:.5f}/{lon:.5f}"
    return f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map=18/{at}"


def _notice(request: Request) -> Optional[tuple[str, str]]:
    """("done" or "error", the message) for the notice in the query, if any."""
    for kind in ("done", "error"):
        key = f"{kind}={request.query_params.get(kind, '')}"
        if key in NOTICES:
            return kind, _(NOTICES[key])
    return None


def _allowed(user: ConsoleUser) -> Callable[[str], bool]:
    return functools.partial(scope.may_handle, user)


async def _report(request: Request, user: ConsoleUser) -> store.ReportView:
    """The report of the path, or 404; 403 when it is out of the user's scope."""
    report = await run_in_threadpool(
        store.get_report, request.app.state.db, request.path_params["reference"]
    )
    if report is None:
        raise ConsoleError(404, _("There is no report with that number."))
    if not scope.may_handle(user, report.unit):
        raise ConsoleError(403, _("This report belongs to another line or unit."))
    return report


async def report_page(request: Request) -> Response:
    user = await authenticate(request)
    report = await _report(request, user)
    db = request.app.state.db
    reference = report.reference
    merged_here = await run_in_threadpool(changes.merged_here, db, reference)
    has_contact = await run_in_threadpool(private.has_contact, db, reference)
    followers = len(await run_in_threadpool(followers_of, db, reference))
    messages = []
    contact: Optional[private.Contact] = None
    if report.conversation_id:
        messages = await run_in_threadpool(transcript.history, db, report.conversation_id)
        # Read to hide it in the transcript, not shown: no "read_contact" in the audit.
        contact = await run_in_threadpool(private.read_contact, db, reference, _allowed(user))
        await run_in_threadpool(audit, db, user.id, "read_transcript", report.conversation_id)
    await run_in_threadpool(audit, db, user.id, "read_report", reference)
    return render_page(
        "/console/report.html",
        user=user,
        active_nav="reports",
        report=report,
        category=CATEGORIES.get(report.category),
        units=UNITS,
        statuses=store.STATUSES,
        merged_here=merged_here,
        has_contact=has_contact,
        followers=followers,
        messages=[_without_contact(m, contact) for m in messages if m.text],
        notice=_notice(request),
        osm_link=osm_link,
        when=polish_datetime,
    )


def _without_contact(
    message: transcript.OutMessage, contact: Optional[private.Contact]
) -> transcript.OutMessage:
    """The message with the reporter's contact hidden.

    The contact is read only through its own audited link; a transcript where
    the resident typed it (and the summary that repeated it) would show it to
    everyone who opens the page. The report's stored name, phone and e-mail are
    replaced, and any other phone, e-mail or introduced name as in public texts.
    """
    text = message.text
    known_parts = (contact.name, contact.phone, contact.email) if contact else ()
    for known in known_parts:
        if known and len(known) > 2:
            text = text.replace(known, "[dane kontaktowe]")
    return dataclasses.replace(message, text=redact(text) or "")


async def report_photo(request: Request) -> Response:
    """The photo, to those who handle the report; every reading audited."""
    user = await authenticate(request)
    reference = request.path_params["reference"]
    db = request.app.state.db
    try:
        name = await run_in_threadpool(private.photo_name, db, reference, _allowed(user))
    except store.NotAllowed as error:
        raise ConsoleError(403, _("This report belongs to another line or unit.")) from error
    path = request.app.state.settings.photo_dir / name if name else None
    if path is None or not path.is_file():
        raise ConsoleError(404, _("This report has no photo."))
    await run_in_threadpool(audit, db, user.id, "read_photo", reference)
    return FileResponse(
        path,
        media_type=PHOTO_TYPES[path.suffix.lstrip(".")],
        headers={**NO_STORE, "Content-Disposition": "inline"},
    )


async def report_contact(request: Request) -> Response:
    """The contact the resident left, to those who handle the report; audited."""
    user = await authenticate(request)
    reference = request.path_params["reference"]
    db = request.app.state.db
    try:
        contact = await run_in_threadpool(private.read_contact, db, reference, _allowed(user))
    except store.NotAllowed as error:
        raise ConsoleError(403, _("This report belongs to another line or unit.")) from error
    if contact is None:
        raise ConsoleError(404, _("There is no report with that number."))
    await run_in_threadpool(audit, db, user.id, "read_contact", reference)
    return render_page(
        "/console/report_contact.html",
        user=user,
        active_nav="reports",
        reference=reference,
        contact=contact,
    )


routes = [
    Route("/console/reports/{reference}", report_page, methods=["GET"]),
    Route("/console/reports/{reference}/photo", report_photo, methods=["GET"]),
    Route("/console/reports/{reference}/contact", report_contact, methods=["GET"]),
]
