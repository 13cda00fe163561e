"""The supervisor dashboard: ``/console/dashboard`` and ``/console/dashboard/<table>.csv``.

Supervisors only (others get 403; no session: the log-in page). The filter
(days in Kraków's time and a channel) comes from the query string, so a
page's CSV links repeat it. Figures are read at request time from the app
database and from Rasa's tracker store (``Settings.tracker_url``); nothing
is counted twice. Reading the page or a CSV is written to the audit log,
since the not-understood messages are residents' own words.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import re

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot import clock
from bot.console.auth import audit, authenticate
from bot.console.dashboard_quality import all_tables
from bot.console.dashboard_tables import Figures, Table
from bot.console.errors import ConsoleError
from bot.console.i18n import N_, _
from bot.console.templates import NO_STORE, render_page
from bot.db import Database
from bot.stats import appdb
from bot.stats.period import CHANNELS, Period, PeriodError, parse_period
from bot.stats.quality import quality
from bot.stats.tracker import tracker_engine, tracker_figures

logger = logging.getLogger(__name__)
ROLES = frozenset({"supervisor"})
PERIOD_ERRORS = {
    "date": N_("Enter the dates as YYYY-MM-DD, e.g. 2026-11-30."),
    "backwards": N_("The start date is after the end date."),
    "too_long": N_("The period may be at most 366 days long."),
    "channel": N_("Unknown channel: choose all, web or Telegram."),
}


@functools.lru_cache(maxsize=4)
def _tracker(url: str) -> Engine:
    """One engine per tracker URL for the gateway's lifetime (connections are pooled)."""
    return tracker_engine(url)


def collect(db: Database, tracker_url: str, period: Period, sla_target: int = 180) -> Figures:
    """Every figure for the period (sync: run it in the thread pool); ``sla_target``:
    the service level's target wait in seconds (``Settings.sla_target_seconds``)."""
    with db.engine.connect() as connection:
        shares = appdb.conversation_shares(connection, period)
        callbacks = appdb.callback_counts(connection, period)
        reports = appdb.report_counts(connection, period)
        waits = appdb.queue_waits(connection, period)
        rated = quality(connection, period, sla_target)
        senders = (
            appdb.channel_conversations(connection, period.channel) if period.channel else None
        )
    try:
        with _tracker(tracker_url).connect() as connection:
            tracker = tracker_figures(connection, period, senders)
    except SQLAlchemyError as error:
        logger.warning("Tracker store unreadable for the dashboard: %s", type(error).__name__)
        tracker = None
    return Figures(period, shares, callbacks, reports, waits, tracker, rated)


async def _figures(request: Request) -> tuple[Period, Figures]:
    """The request's period and its figures; ``ConsoleError`` 400 for a bad filter."""
    try:
        period = parse_period(request.query_params, clock.now())
    except PeriodError as error:
        raise ConsoleError(400, _(PERIOD_ERRORS[error.code])) from error
    settings = request.app.state.settings
    figures = await run_in_threadpool(
        collect, request.app.state.db, settings.tracker_url, period, settings.sla_target_seconds
    )
    return period, figures


async def dashboard_page(request: Request) -> Response:
    user = await authenticate(request, roles=ROLES)
    try:
        period, figures = await _figures(request)
    except ConsoleError as error:  # the form again, with the message beside it
        return render_page(
            "/console/dashboard.html",
            user=user,
            active_nav="dashboard",
            status_code=400,
            error=error.message,
            period=None,
            tables=[],
            tracker_missing=False,
            channels=CHANNELS,
            form=request.query_params,
        )
    await run_in_threadpool(audit, request.app.state.db, user.id, "read_dashboard", "page")
    return render_page(
        "/console/dashboard.html",
        user=user,
        active_nav="dashboard",
        error=None,
        period=period,
        tables=all_tables(figures),
        tracker_missing=figures.tracker is None,
        channels=CHANNELS,
        form=request.query_params,
    )


# A cell Excel or LibreOffice would run as a formula (OWASP "CSV injection"): a
# resident's "=HYPERLINK(…)" must stay text. Plain numbers ("-3", "12,5") are kept.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?: ?%)?")


def neutralised(cell: str) -> str:
    """The cell with an apostrophe in front when a spreadsheet would take it for a formula."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def to_csv(table: Table) -> bytes:
    """The table as Excel reads it in Poland: UTF-8 with a BOM, ``;`` between cells,
    no cell a formula."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralised(cell) for cell in table.columns])
    writer.writerows([neutralised(cell) for cell in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


async def dashboard_csv(request: Request) -> Response:
    user = await authenticate(request, roles=ROLES)
    period, figures = await _figures(request)
    key = request.path_params["table"]
    table = next((t for t in all_tables(figures) if t.key == key), None)
    if table is None:
        raise ConsoleError(404, _("There is no such table."))
    await run_in_threadpool(audit, request.app.state.db, user.id, "read_dashboard", key)
    name = f"kck-{key}-{period.first.isoformat()}-{period.last.isoformat()}"
    name += f"-{period.channel}" if period.channel else ""
    return Response(
        to_csv(table),
        media_type="text/csv; charset=utf-8",
        headers={**NO_STORE, "Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


routes = [
    Route("/console/dashboard", dashboard_page, methods=["GET"]),
    Route("/console/dashboard/{table}.csv", dashboard_csv, methods=["GET"]),
]
