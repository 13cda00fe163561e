"""What residents read: every FAQ key answered, short, linked, with usable buttons."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FAQ_KEYS_DOC = ROOT.parent / "shared" / "design" / "FAQ_KEYS.md"


def faq_responses() -> Dict[str, List[dict]]:
    responses: Dict[str, List[dict]] = {}
    for path in sorted((ROOT / "data" / "responses").glob("*.yml")):
        responses.update(yaml.safe_load(path.read_text("utf-8"))["responses"])
    return responses


def domain_responses() -> Dict[str, List[dict]]:
    return dict(yaml.safe_load((ROOT / "domain.yml").read_text("utf-8"))["responses"])


def test_every_contract_faq_key_has_an_answer() -> None:
    from bot.topics import FAQ_TOPICS

    answered = {name.split("/", 1)[1] for name in faq_responses()}
    assert set(FAQ_TOPICS) <= answered
    if FAQ_KEYS_DOC.exists():  # the contract beside the repository
        contract = set(re.findall(r"`faq/([a-z_]+)`", FAQ_KEYS_DOC.read_text("utf-8")))
        assert contract <= answered


@pytest.mark.parametrize(("name", "variants"), sorted(faq_responses().items()))
def test_faq_answer_fits_a_phone_and_ends_with_the_official_page(
    name: str, variants: List[dict]
) -> None:
    for variant in variants:
        text = variant["text"]
        assert len(text) <= 650, f"{name} is {len(text)} characters"
        assert re.search(r"https://\S+$", text.strip()), f"{name} does not end with a link"
        assert "[U]" not in text and "[V" not in text
        for button in variant.get("buttons", []):
            assert len(button["title"]) <= 30
            assert button["payload"].strip()


def test_emergency_answer_gives_112_and_the_24h_lines() -> None:
    text = domain_responses()["utter_emergency"][0]["text"]
    for number in ["112", "986", "994", "993", "991", "992"]:
        assert number in text


def test_out_of_scope_and_last_fallback_give_the_kck_phone() -> None:
    general = faq_responses()["utter_out_of_scope/other"][0]["text"]
    assert "12 616 55 55" in general
    assert "12 616 55 55" in domain_responses()["utter_default"][0]["text"]
    assert "7:40–15:30" in domain_responses()["utter_default"][0]["text"]


def out_of_scope_matters() -> List[str]:
    import yaml

    data = yaml.safe_load((ROOT / "data" / "nlu" / "out_of_scope.yml").read_text("utf-8"))
    return sorted(block["intent"].split("/", 1)[1] for block in data["nlu"])


def test_every_out_of_scope_matter_has_one_answer_and_the_other_way_round() -> None:
    answered = {
        name.split("/", 1)[1] for name in faq_responses() if name.startswith("utter_out_of_scope/")
    }
    assert set(out_of_scope_matters()) == answered
    assert len(answered) >= 27


@pytest.mark.parametrize("matter", out_of_scope_matters())
def test_out_of_scope_answer_says_it_is_not_the_assistants_matter(matter: str) -> None:
    text = faq_responses()[f"utter_out_of_scope/{matter}"][0]["text"]
    # Said plainly: not a matter for KCK's assistant ("nie asystent KCK", "a nie KCK").
    first = text.splitlines()[0]
    assert re.search(r"\bnie\b", first) and re.search(r"\b(asystent\w*|KCK)\b", first), first
    assert "https://" in text
    facts = (ROOT.parent / "shared" / "knowledge" / "facts.md").read_text("utf-8")
    digits = lambda s: re.sub(r"\D", "", s)  # noqa: E731
    for phone in re.findall(r"(?<![\d/=?&])\d{2,3}(?:[ -]?\d{2,3}){2,4}(?![\d/])", text):
        assert digits(phone) in digits(facts) or phone in facts, phone


def test_greeting_carries_the_privacy_link_and_help_offers_buttons() -> None:
    responses = domain_responses()
    assert "{privacy_url}" in responses["utter_greet"][0]["text"]
    assert len(responses["utter_help"][0]["buttons"]) >= 6
