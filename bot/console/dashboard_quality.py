"""The dashboard's quality tables: residents' ratings (CSAT), the service level (SLA)
and the ratings' comments, each with its CSV like every other table.

Comments are residents' own words and may hold personal data: shown only through
``bot.privacy.redaction`` (the page and its CSV alike), and reading them is audited
with the rest of the dashboard.
"""

from __future__ import annotations

import datetime as dt
from typing import List, Optional

from babel.numbers import format_decimal

from bot.console.dashboard_tables import Figures, Table, build_tables, percent
from bot.console.i18n import _
from bot.privacy.redaction import redact
from bot.stats import quality as q
from bot.stats.period import WARSAW
from bot.stats.svg import Bar, bar_chart
from bot.units import UNITS

LOCALE = "pl_PL"


def _share(value: Optional[float]) -> str:
    if value is None:
        return "—"
    return f"{format_decimal(100 * value, format='0.0', locale=LOCALE)} %"


def _mean(value: Optional[float]) -> str:
    return "—" if value is None else format_decimal(value, format="0.00", locale=LOCALE)


def group_title(group: str) -> str:
    if group == q.ASSISTANT:
        return _("Assistant alone")
    if group == q.CONSULTANT:
        return _("KCK consultants (first line)")
    if group == q.ALL:
        return _("All rated chats")
    unit = UNITS.get(group)
    return _("Unit's second line: %(unit)s") % {"unit": unit.name if unit else group}


def csat_table(figures: List[q.Satisfaction]) -> Table:
    table = Table(
        "csat",
        _("Residents' satisfaction (CSAT)"),
        [_("Chat handled by"), _("Asked"), _("Rated"), _("CSAT (4–5)"), _("Mean (1–5)")],
        note=_(
            "After a chat ends the resident may rate it from 1 to 5. CSAT is the share of "
            "4 and 5 among the ratings given; skipped questions are not ratings. Questions "
            "asked in the period."
        ),
    )
    table.rows = [
        [group_title(f.group), str(f.asked), str(f.rated), _share(f.csat), _mean(f.mean)]
        for f in figures
    ]
    every = figures[-1]
    bars = [Bar(str(n), every.count(n), str(every.count(n))) for n in (5, 4, 3, 2, 1)]
    title = _("Ratings by score (all chats)")
    table.chart = bar_chart("chart-csat", title, bars if every.rated else [], _("No ratings."))
    return table


def sla_table(levels: List[q.ServiceLevel]) -> Table:
    names = {"first": _("First line"), "second": _("Units' second line"), None: _("Both lines")}
    target = levels[-1].target_seconds if levels else 0
    minutes = format_decimal(target / 60, format="0.#", locale=LOCALE)
    table = Table(
        "sla",
        _("Service level (target: taken within %(minutes)s min)") % {"minutes": minutes},
        [
            _("Queue"),
            _("Hand-offs"),
            _("Taken within the target"),
            _("Taken later"),
            _("Not taken"),
            _("Service level"),
        ],
        note=_(
            "Hand-offs requested in the period. One a person never took (the resident left, "
            "chose a callback or still waits) counts as missed."
        ),
    )
    table.rows = [
        [
            names.get(level.line, str(level.line)),
            str(level.handoffs),
            str(level.within),
            str(level.later),
            str(level.not_taken),
            _share(level.share),
        ]
        for level in levels
    ]
    both = levels[-1] if levels else q.ServiceLevel(None, target)
    bars = [
        Bar(
            _("Taken within the target"),
            both.within,
            f"{both.within} ({percent(both.within, both.handoffs)})",
        ),
        Bar(_("Taken later"), both.later, f"{both.later} ({percent(both.later, both.handoffs)})"),
        Bar(
            _("Not taken"),
            both.not_taken,
            f"{both.not_taken} ({percent(both.not_taken, both.handoffs)})",
        ),
    ]
    table.chart = bar_chart(
        "chart-sla", table.title, bars if both.handoffs else [], _("No hand-offs.")
    )
    return table


def comments_table(comments: List[q.Comment]) -> Table:
    table = Table(
        "csat_comments",
        _("Residents' comments on their ratings"),
        [_("Time"), _("Chat handled by"), _("Rating"), _("Comment")],
        note=_(
            "The newest %(shown)d; phone numbers, e-mail addresses, PESEL numbers and names "
            "are hidden."
        )
        % {"shown": q.COMMENTS_SHOWN},
    )
    table.rows = [
        [_local(c.at), group_title(c.group), str(c.score), redact(c.text) or ""] for c in comments
    ]
    return table


def all_tables(figures: Figures) -> List[Table]:
    """The dashboard's tables: the quality tables follow the queue's waits."""
    tables = build_tables(figures)
    if figures.quality is None:
        return tables
    at = next((i + 1 for i, t in enumerate(tables) if t.key == "waits"), len(tables))
    extra = [
        csat_table(figures.quality.satisfaction),
        sla_table(figures.quality.service),
        comments_table(figures.quality.comments),
    ]
    return [*tables[:at], *extra, *tables[at:]]


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(WARSAW).strftime("%Y-%m-%d %H:%M")
