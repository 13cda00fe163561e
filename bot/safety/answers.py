"""What the resident (and the consultant) is told when a message speaks of danger.

112 comes first, always. The lines after it depend on the kind of danger; every
number is from ../shared/knowledge/facts.md §9 (112, gas 992, electricity 991).
The answer never opens a form: a resident who says it is not an emergency is
offered the report with a button (or in words, see ``bot.safety.is_dismissal``).
"""

from __future__ import annotations

from typing import Dict, FrozenSet, List

from bot.safety.lexicon import FIRE, GAS, LIVE_WIRE

FIRST_LINE = "Jeśli zagrożone jest czyjeś życie lub zdrowie, dzwoń teraz pod numer alarmowy 112."
_KIND_LINES = {
    GAS: (
        "Czujesz gaz? Wyjdź z budynku, nie używaj włączników ani otwartego ognia. "
        "Zadzwoń pod 112 lub na pogotowie gazowe: 992."
    ),
    FIRE: "Pożar lub dym: zadzwoń pod 112 i oddal się od ognia i dymu.",
    LIVE_WIRE: (
        "Nie dotykaj przewodu i nie podchodź do niego. Po telefonie pod 112 zgłoś go też "
        "na pogotowie energetyczne: 991."
    ),
}
NOT_A_CHAT = "Ten czat nie wzywa służb ratunkowych."
REPORT_INSTEAD = (
    "Jeśli to nie jest nagła sytuacja i nikomu nic nie grozi, napisz to albo wybierz przycisk – "
    "wtedy przyjmę zgłoszenie."
)
IN_FORM = (
    "Jeśli nikomu nic nie grozi, odpowiedz na ostatnie pytanie powyżej – zgłoszenie na Ciebie "
    "czeka."
)
WITH_PERSON = "Konsultant też widzi Twoją wiadomość."
REPORT_PAYLOAD = "/report_intervention"
NOT_DANGER_BUTTON: Dict[str, str] = {
    "title": "To nie zagrożenie – zgłoś problem",
    "payload": REPORT_PAYLOAD,
}
CONSOLE_ALARM = (
    "⚠ MOŻLIWE ZAGROŻENIE ŻYCIA LUB ZDROWIA – mieszkaniec dostał odpowiedź z numerem 112. "
    "Sprawdź, czy potrzebuje pomocy służb."
)
_ORDER = (GAS, FIRE, LIVE_WIRE)

# How Rasa's own emergency answer (domain.yml, utter_emergency) begins; its NLU gives it
# to words like "pali się", "gaz" or "ranny" also where the lexicon sees no danger.
RASA_EMERGENCY_START = "Jeśli zagrożone jest życie lub zdrowie, dzwoń natychmiast"
UNSURE = (
    "Nie jestem pewien, czy to nagła sytuacja. Napisz proszę, co się dzieje, albo wybierz "
    "„Zgłoś problem”, jeśli chcesz coś zgłosić.\n"
    "Jeśli komuś grozi niebezpieczeństwo, dzwoń pod numer alarmowy 112."
)
UNSURE_BUTTONS: List[Dict[str, str]] = [
    {"title": "Zgłoś problem", "payload": REPORT_PAYLOAD},
    {"title": "Co potrafisz?", "payload": "/help"},
]


def is_rasa_emergency(text: str) -> bool:
    """Whether an answer from Rasa is its emergency answer (utter_emergency)."""
    return text.startswith(RASA_EMERGENCY_START)


def alarm_text(kinds: FrozenSet[str], state: str = "bot") -> str:
    """The whole answer: 112 first, then what to do for each kind, then what next."""
    lines = [FIRST_LINE, *(_KIND_LINES[kind] for kind in _ORDER if kind in kinds), NOT_A_CHAT]
    if state == "form":
        lines.append(IN_FORM)
    elif state in ("queued", "consultant"):
        lines.append(WITH_PERSON)
    else:
        lines.append(REPORT_INSTEAD)
    return "\n".join(lines)


def is_alarm(text: str) -> bool:
    """Whether a stored message is this 112 answer (the console marks it again on reload)."""
    return text.startswith(FIRST_LINE)


def alarm_buttons(state: str) -> List[Dict[str, str]]:
    """The way back to a report, only where no form or person already holds the chat."""
    return [dict(NOT_DANGER_BUTTON)] if state == "bot" else []
