"""The supervisor dashboard's tables and charts, built once from the figures.

The page and each CSV export render the *same* ``Table`` (its cells already
written as text), so an export can never disagree with what the supervisor
saw. Numbers: counts as plain integers, shares and rates as Polish percents
with one decimal ("73,0 %"), waits in minutes with one decimal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

from babel.numbers import format_decimal
from markupsafe import Markup

from bot.console.i18n import _
from bot.reports.routing import CATEGORIES
from bot.reports.store import STATUSES
from bot.stats.appdb import CallbackCounts, ConversationShares, ReportCount, WaitFigures
from bot.stats.period import WARSAW, Period
from bot.stats.quality import Quality
from bot.stats.svg import Bar, bar_chart
from bot.stats.tracker import TrackerFigures
from bot.topics import FAQ_TOPICS

NOT_UNDERSTOOD_SHOWN = 200
FAQ_CHART_BARS = 10
LOCALE = "pl_PL"


@dataclass(frozen=True)
class Figures:
    """Everything the dashboard shows for one period; ``tracker`` None when unreadable."""

    period: Period
    shares: ConversationShares
    callbacks: CallbackCounts
    reports: List[ReportCount]
    waits: List[WaitFigures]
    tracker: Optional[TrackerFigures]
    quality: Optional[Quality] = None  # ratings and service level (dashboard_quality.py)


@dataclass
class Table:
    """A table as text cells; the first cell of each row is the row's header."""

    key: str  # the CSV's name: /console/dashboard/<key>.csv
    title: str
    columns: List[str]
    rows: List[List[str]] = field(default_factory=list)
    note: str = ""
    chart: Optional[Markup] = None


def percent(part: int, whole: int) -> str:
    if not whole:
        return "—"
    return f"{format_decimal(100 * part / whole, format='0.0', locale=LOCALE)} %"


def minutes(seconds: Optional[float]) -> str:
    if seconds is None:
        return "—"
    return format_decimal(seconds / 60, format="0.0", locale=LOCALE)


def category_title(code: str) -> str:
    if code == "pomysl":
        return _("Idea")
    return CATEGORIES[code].title if code in CATEGORIES else code


def faq_title(key: str) -> str:
    return FAQ_TOPICS[key][0] if key in FAQ_TOPICS else (key or _("(unknown key)"))


def build_tables(figures: Figures) -> List[Table]:
    """Every table of the page, in the order shown."""
    tables = [
        conversations_table(figures.shares),
        waits_table(figures.waits),
        callbacks_table(figures.callbacks),
        reports_table(figures.reports),
    ]
    if figures.tracker is not None:
        tables += [
            faq_table(figures.tracker),
            fallback_table(figures.tracker),
            not_understood_table(figures.tracker),
        ]
    return tables


def conversations_table(shares: ConversationShares) -> Table:
    classes = [
        (_("Assistant alone"), shares.assistant_alone),
        (_("Consultant (first line)"), shares.consultant),
        (_("Unit's second line: complex matter"), shares.second_line_complex),
        (_("Unit's second line: the resident's own case"), shares.own_case),
    ]
    first_line = shares.assistant_alone + shares.consultant
    table = Table(
        "conversations",
        _("Conversations by who answered them"),
        [_("Answered by"), _("Conversations"), _("Share")],
        note=_(
            "Conversations started in the period. A conversation counts once, in the first "
            "class that applies: the resident's own case, a transfer to a unit's second line, "
            "a hand-off to a consultant, else the assistant alone."
        ),
    )
    table.rows = [[name, str(n), percent(n, shares.total)] for name, n in classes]
    table.rows.append(
        [
            _("First line in total (assistant and consultant)"),
            str(first_line),
            percent(first_line, shares.total),
        ]
    )
    table.rows.append(
        [_("All conversations"), str(shares.total), percent(shares.total, shares.total)]
    )
    table.chart = _chart(table, "chart-conversations", rows=table.rows[:4], value_column=1)
    return table


def waits_table(waits: Sequence[WaitFigures]) -> Table:
    names = {"first": _("First line"), "second": _("Units' second line"), None: _("Both lines")}
    table = Table(
        "waits",
        _("Waiting in the queue"),
        [_("Queue"), _("Chats taken"), _("Median wait (min)")],
        note=_("Chats a person took in the period: from joining the queue to being taken."),
    )
    table.rows = [
        [names.get(w.line, str(w.line)), str(w.taken), minutes(w.median_seconds)] for w in waits
    ]
    return table


def callbacks_table(counts: CallbackCounts) -> Table:
    table = Table(
        "callbacks",
        _("Callbacks"),
        [_("Callback requests"), _("Count")],
        note=_("Requests made in the period, by what has become of them so far."),
    )
    table.rows = [
        [_("Requested"), str(counts.requested)],
        [_("Done"), str(counts.done)],
        [_("Failed"), str(counts.failed)],
        [_("Waiting"), str(counts.waiting)],
    ]
    table.chart = _chart(table, "chart-callbacks", rows=table.rows, value_column=1)
    return table


def reports_table(counts: Sequence[ReportCount]) -> Table:
    kinds = {"intervention": _("Report"), "idea": _("Idea")}
    table = Table(
        "reports",
        _("Reports and ideas by category, unit and status"),
        [_("Category"), _("Kind"), _("Unit"), *STATUSES, _("Total")],
        note=_("Filed in the period, by their status today."),
    )
    grouped: Dict[tuple[str, str, str], Dict[str, int]] = {}
    for count in counts:
        key = (count.kind, count.category, count.unit)
        grouped.setdefault(key, {})
        grouped[key][count.status] = grouped[key].get(count.status, 0) + count.count
    extra = sorted({c.status for c in counts} - set(STATUSES))
    if extra:  # a status outside the workflow (older data): shown before the total
        table.columns[-1:-1] = extra
    statuses = [*STATUSES, *extra]
    totals = dict.fromkeys(statuses, 0)
    for (kind, category, unit), by_status in grouped.items():
        for status in statuses:
            totals[status] += by_status.get(status, 0)
        table.rows.append(
            [
                category_title(category),
                kinds.get(kind, kind),
                unit,
                *(str(by_status.get(s, 0)) for s in statuses),
                str(sum(by_status.values())),
            ]
        )
    table.rows.sort(key=lambda row: (row[1], row[0], row[2]))
    table.rows.append(
        [_("Total"), "", "", *(str(totals[s]) for s in statuses), str(sum(totals.values()))]
    )
    per_category: Dict[str, int] = {}
    for row in table.rows[:-1]:
        per_category[row[0]] = per_category.get(row[0], 0) + int(row[-1])
    bars = [Bar(name, n, str(n)) for name, n in sorted(per_category.items(), key=lambda i: -i[1])]
    table.chart = bar_chart(
        "chart-reports", _("Reports and ideas by category"), bars, _("Nothing in this period.")
    )
    return table


def faq_table(tracker: TrackerFigures) -> Table:
    total = sum(n for _key, n in tracker.faq_keys)
    table = Table(
        "faq",
        _("Most asked FAQ keys"),
        [_("FAQ key"), _("Topic"), _("Questions"), _("Share of FAQ questions")],
        note=_("Residents' messages the assistant answered from the FAQ, by the answer's key."),
    )
    table.rows = [[key, faq_title(key), str(n), percent(n, total)] for key, n in tracker.faq_keys]
    bars = [Bar(faq_title(key), n, str(n)) for key, n in tracker.faq_keys[:FAQ_CHART_BARS]]
    table.chart = bar_chart(
        "chart-faq", _("Most asked FAQ keys (top 10)"), bars, _("Nothing in this period.")
    )
    return table


def fallback_table(tracker: TrackerFigures) -> Table:
    table = Table(
        "fallback",
        _("Messages the assistant did not understand"),
        [_("Measure"), _("Value")],
        note=_(
            "Residents' own messages (button presses left out). Not understood: classified as "
            "unclear, or answered by a fallback action."
        ),
    )
    not_understood = len(tracker.not_understood)
    table.rows = [
        [_("Residents' messages"), str(tracker.residents_messages)],
        [_("Not understood"), str(not_understood)],
        [_("Fallback rate"), percent(not_understood, tracker.residents_messages)],
    ]
    return table


def not_understood_table(tracker: TrackerFigures) -> Table:
    shown = tracker.not_understood[:NOT_UNDERSTOOD_SHOWN]
    table = Table(
        "not_understood",
        _("Not understood messages (for the training data)"),
        [_("Time"), _("Message")],
        note=_("The newest %(shown)d of %(all)d, newest first.")
        % {"shown": len(shown), "all": len(tracker.not_understood)},
    )
    table.rows = [[_local(item.at), item.text or _("(text removed)")] for item in shown]
    return table


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(WARSAW).strftime("%Y-%m-%d %H:%M:%S")


def _chart(table: Table, chart_id: str, rows: List[List[str]], value_column: int) -> Markup:
    bars = [Bar(row[0], int(row[value_column]), " · ".join(row[1:])) for row in rows]
    return bar_chart(chart_id, table.title, bars, _("Nothing in this period."))
