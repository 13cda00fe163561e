"""The supervisor dashboard through the running assistant (issue 7, point 1).

A month long past (March 2025, tests/dashboard_seed.py) is seeded into the
stack's app database and Rasa's tracker file; the page's figures must equal
the ones counted by hand, each CSV must hold exactly the page's table, and
only supervisors get in. A real chat through the widget then shows up in the
current period's FAQ and fallback figures, read from what Rasa itself wrote.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from html.parser import HTMLParser
from typing import Dict, List, Optional
from urllib.parse import urlencode

import httpx
import pytest

from bot.reports.routing import CATEGORIES
from bot.stats.period import WARSAW, Period
from bot.units import UNITS
from tests import dashboard_seed as seeding
from tests.conftest import IN_HOURS, LiveAssistant
from tests.helpers.chat import new_chat, say
from tests.helpers.gateway import vague_message
from tests.staff import Staff

pytestmark = pytest.mark.stack

MARCH = {"from": "2025-03-01", "to": "2025-03-31"}
TABLES = [
    "conversations",
    "waits",
    "csat",
    "sla",
    "csat_comments",
    "callbacks",
    "reports",
    "faq",
    "fallback",
    "not_understood",
]


class _Tables(HTMLParser):
    """The page's tables by key (``id="table-<key>"``): header row, then body rows."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: Dict[str, List[List[str]]] = {}
        self._table: Optional[str] = None
        self._row: Optional[List[str]] = None
        self._cell: Optional[List[str]] = None
        self._skip_row = False
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "table" and str(attributes.get("id", "")).startswith("table-"):
            self._table = str(attributes["id"])[len("table-") :]
            self.tables[self._table] = []
        elif self._table and tag == "caption":
            self._in_caption = True
        elif self._table and tag == "tr":
            self._row, self._skip_row = [], attributes.get("class") == "empty"
        elif self._row is not None and tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in_caption = False
        elif tag in ("th", "td") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table:
            if not self._skip_row:
                self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._in_caption:
            self._cell.append(data)


def page_tables(html: str) -> Dict[str, List[List[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def csv_rows(answer: httpx.Response) -> List[List[str]]:
    assert answer.status_code == 200, answer.text[:300]
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.headers["content-disposition"].startswith("attachment; filename=")
    assert answer.content.startswith("\ufeff".encode("utf-8")), "Excel needs the BOM"
    text = answer.content.decode("utf-8")[1:]
    return [
        [" ".join(cell.split()) for cell in row]
        for row in csv.reader(io.StringIO(text), delimiter=";")
    ]


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %".replace(".", ",") if whole else "—"


def minutes(seconds: Optional[float]) -> str:
    return "—" if seconds is None else f"{seconds / 60:.1f}".replace(".", ",")


def body(rows: List[List[str]]) -> Dict[str, List[str]]:
    """Body rows by their first cell (the row header)."""
    return {row[0]: row[1:] for row in rows[1:]}


@pytest.fixture()
def supervisor(live: LiveAssistant, staff: Staff) -> httpx.Client:
    seeding.seed_live(live.var_dir)
    return staff.client("supervisor")


@pytest.mark.parametrize("channel", [None, "telegram"])
def test_the_seeded_month_shows_the_figures_counted_by_hand(
    supervisor: httpx.Client, live: LiveAssistant, channel: Optional[str]
) -> None:
    seed = seeding.make_seed(seeding.LIVE_PREFIX)
    period = Period(seeding.FIRST_DAY, seeding.LAST_DAY, channel)
    query = {**MARCH, **({"channel": channel} if channel else {})}
    answer = supervisor.get("/console/dashboard", params=query)
    assert answer.status_code == 200, answer.text[:500]
    tables = page_tables(answer.text)
    assert list(tables) == TABLES

    shares = seeding.expected_shares(seed, period)
    total = shares["total"]
    conversations = body(tables["conversations"])
    assert conversations["Sam asystent"] == [
        str(shares["assistant_alone"]),
        percent(shares["assistant_alone"], total),
    ]
    assert conversations["Konsultant (pierwsza linia)"] == [
        str(shares["consultant"]),
        percent(shares["consultant"], total),
    ]
    assert conversations["Druga linia wydziału: sprawa złożona"] == [
        str(shares["complex"]),
        percent(shares["complex"], total),
    ]
    assert conversations["Druga linia wydziału: własna sprawa mieszkańca"] == [
        str(shares["own"]),
        percent(shares["own"], total),
    ]
    first_line = shares["assistant_alone"] + shares["consultant"]
    assert conversations["Pierwsza linia razem (asystent i konsultant)"] == [
        str(first_line),
        percent(first_line, total),
    ]
    assert conversations["Wszystkie rozmowy"] == [str(total), percent(total, total)]

    waits = seeding.expected_waits(seed, period)
    names = {"first": "Pierwsza linia", "second": "Druga linia wydziałów", None: "Obie linie"}
    assert body(tables["waits"]) == {
        names[line]: [str(taken), minutes(median)] for line, (taken, median) in waits.items()
    }

    callbacks = seeding.expected_callbacks(seed, period)
    assert body(tables["callbacks"]) == {
        "Złożone": [str(callbacks["requested"])],
        "Załatwione": [str(callbacks["done"])],
        "Nieudane": [str(callbacks["failed"])],
        "Czeka": [str(callbacks["waiting"])],
    }

    statuses = tables["reports"][0][3:-1]
    assert statuses == seeding.STATUSES
    expected_reports: Dict[tuple, Counter] = {}
    for (kind, category, unit, status), count in seeding.expected_reports(seed, period).items():
        title = "Pomysł" if category == "pomysl" else CATEGORIES[category].title
        label = "Pomysł" if kind == "idea" else "Zgłoszenie"
        expected_reports.setdefault((title, label, unit), Counter())[status] += count
    got_reports = {tuple(row[:3]): [int(n) for n in row[3:]] for row in tables["reports"][1:-1]}
    assert got_reports == {
        key: [*(c[s] for s in statuses), sum(c.values())] for key, c in expected_reports.items()
    }
    grand = sum(sum(c.values()) for c in expected_reports.values())
    assert tables["reports"][-1][0] == "Razem" and tables["reports"][-1][-1] == str(grand)

    tracker = seeding.expected_tracker(seed, period)
    faq: Counter = tracker["faq"]  # type: ignore[assignment]
    all_faq = sum(faq.values())
    assert {row[0]: (row[2], row[3]) for row in tables["faq"][1:]} == {
        key: (str(n), percent(n, all_faq)) for key, n in faq.items()
    }
    not_understood = tracker["not_understood"]
    assert body(tables["fallback"]) == {
        "Wiadomości mieszkańców": [str(tracker["typed"])],
        "Niezrozumiane": [str(len(not_understood))],  # type: ignore[arg-type]
        "Odsetek niezrozumianych (fallback)": [percent(len(not_understood), tracker["typed"])],  # type: ignore[arg-type]
    }
    shown = Counter(
        (at.astimezone(WARSAW).strftime("%Y-%m-%d %H:%M:%S"), text or "(treść usunięta)")
        for at, text in not_understood  # type: ignore[attr-defined]
    )
    assert Counter(tuple(row) for row in tables["not_understood"][1:]) == shown
    assert "(treść usunięta)" in answer.text and "&lt;b&gt;blorp&lt;/b&gt;" in answer.text


def mean(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",")


@pytest.mark.parametrize("channel", [None, "web"])
def test_the_seeded_month_shows_csat_and_the_service_level(
    supervisor: httpx.Client, channel: Optional[str]
) -> None:
    seed = seeding.make_seed(seeding.LIVE_PREFIX)
    period = Period(seeding.FIRST_DAY, seeding.LAST_DAY, channel)
    query = {**MARCH, **({"channel": channel} if channel else {})}
    tables = page_tables(supervisor.get("/console/dashboard", params=query).text)

    csat = seeding.expected_csat(seed, period)
    names = {
        "assistant": "Sam asystent",
        "consultant": "Konsultanci KCK (pierwsza linia)",
        "all": "Wszystkie oceniane rozmowy",
    }
    shown = body(tables["csat"])
    expected = {
        names.get(group) or f"Druga linia wydziału: {UNITS[group].name}": [
            str(asked),
            str(rated),
            percent(satisfied, rated),
            mean(average),
        ]
        for group, (asked, rated, satisfied, average) in csat.items()
    }
    assert shown == expected
    assert any(name.startswith("Druga linia wydziału: ") for name in shown)

    sla = seeding.expected_sla(seed, period, 180)
    lines = {"first": "Pierwsza linia", "second": "Druga linia wydziałów", None: "Obie linie"}
    assert tables["sla"][0][-1] == "Poziom obsługi"
    for line, (handoffs, within) in sla.items():
        row = body(tables["sla"])[lines[line]]
        assert (row[0], row[1], row[-1]) == (str(handoffs), str(within), percent(within, handoffs))

    comments = [row[-1] for row in tables["csat_comments"][1:]]
    assert comments and "Szybko i konkretnie" in comments
    assert not any("600 700 800" in text or "Kowalski" in text for text in comments)
    assert "Nazywam się [imię i nazwisko], proszę oddzwonić na [telefon]" in comments


def test_each_csv_holds_exactly_the_pages_table(supervisor: httpx.Client) -> None:
    for query in (MARCH, {**MARCH, "channel": "web"}):
        page = supervisor.get("/console/dashboard", params=query)
        tables = page_tables(page.text)
        links = re.findall(r'href="(/console/dashboard/[a-z_]+\.csv\?[^"]+)"', page.text)
        assert len(links) == len(TABLES)
        for key in TABLES:
            link = f"/console/dashboard/{key}.csv?{urlencode(query)}".replace("&", "&amp;")
            assert link in links
            answer = supervisor.get(f"/console/dashboard/{key}.csv", params=query)
            # The page's cells, except that one a spreadsheet would run as a formula
            # (a resident's "=HYPERLINK(…)") is text: an apostrophe in front (OWASP).
            expected = [
                ["'" + c if c[:1] in ("=", "+", "-", "@") else c for c in row]
                for row in tables[key]
            ]
            assert csv_rows(answer) == expected, key
            assert f"kck-{key}-2025-03-01-2025-03-31" in answer.headers["content-disposition"]


def test_no_csv_cell_is_a_formula(supervisor: httpx.Client) -> None:
    """A resident's message starting with "=" reaches the CSV as text, never a formula."""
    answer = supervisor.get("/console/dashboard/not_understood.csv", params=MARCH)
    cells = [cell for row in csv_rows(answer) for cell in row]
    assert "'" + seeding.FORMULA_TEXT in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_only_supervisors_open_the_dashboard(live: LiveAssistant, staff: Staff) -> None:
    for role, units in (("consultant", ()), ("specialist", ("USC",))):
        client = staff.client(role, units)
        assert client.get("/console/dashboard").status_code == 403
        assert client.get("/console/dashboard/conversations.csv").status_code == 403
        assert 'href="/console/dashboard"' not in client.get("/console").text
    supervisor = staff.client("supervisor")
    assert 'href="/console/dashboard"' in supervisor.get("/console").text
    with httpx.Client(base_url=live.gateway_url) as stranger:
        answer = stranger.get("/console/dashboard/faq.csv", params=MARCH)
        assert answer.status_code == 303
        assert answer.headers["location"].startswith("/console/login?next=")


def test_bad_filters_get_a_polish_message(supervisor: httpx.Client) -> None:
    answer = supervisor.get("/console/dashboard", params={"from": "31.03.2025"})
    assert answer.status_code == 400
    assert "Wpisz daty w postaci RRRR-MM-DD" in answer.text
    answer = supervisor.get("/console/dashboard", params={"from": "2025-03-31", "to": "2025-03-01"})
    assert answer.status_code == 400 and "Data początkowa jest późniejsza" in answer.text
    answer = supervisor.get("/console/dashboard/faq.csv", params={"channel": "fax"})
    assert answer.status_code == 400 and "Nieznany kanał" in answer.text
    assert supervisor.get("/console/dashboard/nothing.csv", params=MARCH).status_code == 404


def test_a_real_chat_shows_in_the_current_figures(
    supervisor: httpx.Client, gateway: httpx.Client, live: LiveAssistant
) -> None:
    """What Rasa wrote for a widget chat: one FAQ question and one it did not understand."""
    # Rasa stamps events with the real clock, the app database's hand-offs with the stack's
    # (KCK_NOW): a range covering both.
    days = [dt.datetime.now(WARSAW).date(), dt.datetime.fromisoformat(IN_HOURS).date()]
    query = {
        "from": (min(days) - dt.timedelta(days=1)).isoformat(),
        "to": (max(days) + dt.timedelta(days=1)).isoformat(),
        "channel": "web",
    }

    def figures() -> Dict[str, Dict[str, List[str]]]:
        tables = page_tables(supervisor.get("/console/dashboard", params=query).text)
        return {key: body(rows) for key, rows in tables.items()}

    before = figures()
    chat = new_chat(gateway)
    say(gateway, chat, "jak wyrobić dowód osobisty")
    # A message the current model really does not understand (its NLU says nlu_fallback):
    # made-up words can land on an intent after any retraining.
    gibberish = vague_message(live)
    say(gateway, chat, gibberish)
    after = figures()

    def count(tables: dict, table: str, row: str, column: int = 0) -> int:
        return int(tables[table].get(row, ["0", "0", "0"])[column])

    assert count(after, "faq", "dowod_osobisty", 1) == count(before, "faq", "dowod_osobisty", 1) + 1
    assert after["faq"]["dowod_osobisty"][0] == "Dowód osobisty"
    assert count(after, "fallback", "Wiadomości mieszkańców") == (
        count(before, "fallback", "Wiadomości mieszkańców") + 2
    )
    assert (
        count(after, "fallback", "Niezrozumiane") == count(before, "fallback", "Niezrozumiane") + 1
    )
    assert [gibberish] in after["not_understood"].values()
    assert count(after, "conversations", "Wszystkie rozmowy") == (
        count(before, "conversations", "Wszystkie rozmowy") + 1
    )
    assert (
        count(after, "conversations", "Sam asystent")
        == count(before, "conversations", "Sam asystent") + 1
    )
    # Telegram's figures do not move for a widget chat.
    telegram = page_tables(
        supervisor.get("/console/dashboard", params={**query, "channel": "telegram"}).text
    )
    assert [gibberish] not in body(telegram["not_understood"]).values()
