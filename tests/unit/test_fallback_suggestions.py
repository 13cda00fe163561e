"""Suggestion buttons of the first fallback stage (actions/fallback.py)."""

from actions.fallback import suggestions
from bot.topics import FAQ_TOPICS


def parse_data(*intents: str, faq_keys: tuple = ()) -> dict:
    return {
        "intent": {"name": "nlu_fallback", "confidence": 0.3},
        "intent_ranking": [{"name": name, "confidence": 0.3} for name in intents],
        "response_selector": {
            "faq": {"ranking": [{"intent_response_key": f"faq/{key}"} for key in faq_keys]}
        },
    }


def test_faq_suggestions_carry_a_question_for_their_key() -> None:
    buttons = suggestions(parse_data("faq", "help", faq_keys=("dowod_utrata", "dowod_osobisty")))
    assert buttons == [
        {"title": "Zgubiony dowód", "payload": FAQ_TOPICS["dowod_utrata"][1]},
        {"title": "Dowód osobisty", "payload": FAQ_TOPICS["dowod_osobisty"][1]},
        {"title": "Co potrafisz?", "payload": "/help"},
    ]


def test_plain_intents_are_suggested_as_intent_payloads_in_ranking_order() -> None:
    buttons = suggestions(parse_data("nlu_fallback", "request_human", "greet", "submit_idea"))
    assert [b["payload"] for b in buttons] == ["/request_human", "/submit_idea"]


def test_at_most_three_suggestions() -> None:
    ranked = ("request_human", "submit_idea", "help", "report_intervention")
    assert len(suggestions(parse_data(*ranked))) == 3


def test_nothing_to_suggest_for_small_talk() -> None:
    assert suggestions(parse_data("greet", "thank", "affirm")) == []


def test_every_button_title_fits_a_phone() -> None:
    assert all(len(title) <= 30 for title, _question in FAQ_TOPICS.values())
