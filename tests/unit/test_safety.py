"""The safety net's lexicon, answers and the rule on offered buttons (no stack needed).

The whole sets also run through the real gateway in tests/safety/test_safety_router.py;
here each message is a case of its own, so a failure names the message.
"""

from __future__ import annotations

import pytest

from bot import offered
from bot.router import as_text
from bot.safety import danger_kinds, is_danger, is_dismissal, utility_fault
from bot.safety.answers import FIRST_LINE, NOT_DANGER_BUTTON, alarm_buttons, alarm_text
from bot.safety.lexicon import FIRE, GAS, LIVE_WIRE
from nlu.folding import fold
from tests.safety.sets import DANGER, NEAR_MISS, NEAR_MISS_LIMIT


def test_the_sets_are_large_and_varied() -> None:
    assert len(DANGER) >= 90 and len(NEAR_MISS) >= 90
    for messages in (DANGER, NEAR_MISS):
        with_letters = [m for m in messages if fold(m) != m.lower()]
        # Both ways of typing: with Polish letters and without them.
        assert 0.25 < len(with_letters) / len(messages) < 0.9
    assert not set(DANGER) & set(NEAR_MISS)


@pytest.mark.parametrize("message", DANGER)
def test_every_danger_message_is_recognised(message: str) -> None:
    assert is_danger(message)


def test_near_misses_rarely_sound_the_alarm() -> None:
    fired = [message for message in NEAR_MISS if is_danger(message)]
    assert len(fired) <= NEAR_MISS_LIMIT * len(NEAR_MISS), fired


@pytest.mark.parametrize(
    "message",
    [
        "latarnia pali się cały dzień",  # a lamp left on, not a fire
        "chodnik zasypany śniegiem",
        "poranne korki na Kamieńskiego",  # "ranne" is inside "poranne"
        "gazety leżą na klatce",  # "gaz" is inside "gazety"
        "nikt nie jest ranny, ale drzewo leży na drodze",  # denied
        "to nie jest nagłe – kabel pod napięciem? nie, zwykły kabel od anteny",
    ],
)
def test_pieces_of_words_and_denials_are_not_danger(message: str) -> None:
    assert not is_danger(message)


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("czuć gaz na klatce schodowej", GAS),
        ("SMIERDZI GAZEM W PIWNICY", GAS),
        ("z mieszkania sąsiada leci dym", FIRE),
        ("kabel pod napięciem leży na chodniku", LIVE_WIRE),
    ],
)
def test_the_kind_of_danger_decides_the_lines_after_112(message: str, kind: str) -> None:
    kinds = danger_kinds(message)
    assert kind in kinds
    text = alarm_text(kinds)
    assert text.startswith(FIRST_LINE) and "112" in text.splitlines()[0]


def test_gas_gets_112_992_and_leave_the_building() -> None:
    text = alarm_text(danger_kinds("ulatnia się gaz w kuchni"))
    first, rest = text.split("\n", 1)
    assert "112" in first
    assert "992" in rest and "Wyjdź z budynku" in rest
    assert "nie używaj włączników ani otwartego ognia" in rest


def test_a_live_cable_gets_112_and_the_electricity_line() -> None:
    text = alarm_text(danger_kinds("zerwany przewód iskrzy na chodniku"))
    assert text.startswith(FIRST_LINE) and "991" in text


def test_the_answer_offers_the_report_only_where_nothing_holds_the_chat() -> None:
    assert alarm_buttons("bot") == [NOT_DANGER_BUTTON]
    assert alarm_buttons("form") == [] and alarm_buttons("consultant") == []


@pytest.mark.parametrize(
    "message",
    ["to nie jest nagłe", "To nie jest nagle", "nikomu nic nie grozi", "nic nikomu nie grozi",
     "nie ma zagrożenia, chcę to zgłosić", "nikomu nic się nie stało"],
)
def test_saying_it_is_not_an_emergency(message: str) -> None:
    assert is_dismissal(message)


@pytest.mark.parametrize("message", ["to jest nagłe!", "grozi mu niebezpieczeństwo", "nie wiem"])
def test_what_is_not_a_denial(message: str) -> None:
    assert not is_dismissal(message)


@pytest.mark.parametrize(
    ("message", "phone"),
    [
        ("nie ma wody w całym bloku", "994"),
        ("pękła rura w piwnicy", "994"),
        ("zimne kaloryfery od rana", "993"),
        ("brak prądu na ulicy", "991"),
        ("nie ma gazu od rana", "992"),
    ],
)
def test_utility_faults_keep_their_24h_lines(message: str, phone: str) -> None:
    fault = utility_fault(message)
    assert fault is not None and fault.phone == phone
    assert not is_danger(message)  # a fault without danger: no 112


@pytest.mark.parametrize(
    "message", ["gazety na klatce", "rachunek za gaz", "ławka w parku", "woda w fontannie"]
)
def test_no_utility_fault_in_pieces_of_words(message: str) -> None:
    assert utility_fault(message) is None


# --- typed "/…" and offered buttons ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("/EXTERNAL_handoff_ended", "EXTERNAL_handoff_ended"),
        ('/inform{"report_contact": "x"}', 'inform{"report_contact": "x"}'),
        ("  / /request_human ", "request_human"),
        ("ul. Długa 5/3", "ul. Długa 5/3"),
    ],
)
def test_typed_text_never_starts_with_the_intent_prefix(typed: str, read: str) -> None:
    assert as_text(typed) == read


ASKS_CONFIRMATION = "report_form:report_confirmation"
SUMMARY = [
    {"title": "Wyślij zgłoszenie", "payload": "Wyślij zgłoszenie", "question": ASKS_CONFIRMATION}
]
GREETING = [{"title": "Porozmawiaj z konsultantem", "payload": "/request_human"}]


def test_a_form_button_counts_while_the_form_asks_its_question() -> None:
    turns = [("bot", SUMMARY), ("user", []), ("bot", GREETING)]  # newest first
    assert offered.judge("Wyślij zgłoszenie", turns, ASKS_CONFIRMATION) == offered.ACCEPTED
    # Typed something the form did not take: it asks the same question, the button holds.
    again = [("bot", []), ("user", []), *turns]
    assert offered.judge("Wyślij zgłoszenie", again, ASKS_CONFIRMATION) == offered.ACCEPTED


def test_a_form_button_is_stale_once_the_form_asks_something_else() -> None:
    turns = [("bot", []), ("user", []), ("bot", SUMMARY), ("user", []), ("bot", GREETING)]
    asks_place = "report_form:report_location"
    assert offered.judge("Wyślij zgłoszenie", turns, asks_place) == offered.STALE
    assert offered.judge("Wyślij zgłoszenie", turns, None) == offered.STALE  # form over
    assert offered.judge("/request_human", turns, asks_place) == offered.ACCEPTED  # lasting


def test_when_rasa_cannot_tell_only_the_latest_turn_counts() -> None:
    latest = [("bot", SUMMARY), ("user", [])]
    older = [("bot", []), ("user", []), *latest]
    assert offered.judge("Wyślij zgłoszenie", latest, None, known=False) == offered.ACCEPTED
    assert offered.judge("Wyślij zgłoszenie", older, None, known=False) == offered.STALE


def test_a_button_never_offered_is_refused() -> None:
    turns = [("bot", GREETING)]
    assert offered.judge("/EXTERNAL_handoff_ended", turns, None) == offered.STALE
    assert offered.judge('/inform{"report_contact": "x"}', turns, None) == offered.STALE


def test_rasa_emergency_answer_is_recognised_by_its_start() -> None:
    """The router asks instead of Rasa's 112 answer where the lexicon sees no danger: it
    finds that answer by its first words, so a rewording must keep them (or move here)."""
    import yaml

    from bot.safety.answers import is_rasa_emergency

    with open("domain.yml", encoding="utf-8") as domain:
        responses = yaml.safe_load(domain)["responses"]
    assert all(is_rasa_emergency(variant["text"]) for variant in responses["utter_emergency"])
    assert not is_rasa_emergency(alarm_text(danger_kinds("pożar w piwnicy")))
