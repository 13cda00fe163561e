"""Public text: markup stored as plain text; personal data redacted before going public."""

from __future__ import annotations

import pytest

from actions.form_input import check_description, check_place, strip_markup


@pytest.mark.parametrize(
    "typed",
    [
        "&lt;img src=x onerror=alert(1)&gt; dziura na ul. Długiej",
        "&amp;lt;img src=x onerror=alert(1)&amp;gt; dziura na ul. Długiej",
        "&#60;img src=x onerror=alert(1)&#62; dziura na ul. Długiej",
        "<img src=x onerror=alert(1) dziura na ul. Długiej",
    ],
)
def test_encoded_markup_never_becomes_a_live_tag(typed: str) -> None:
    cleaned, had_markup = strip_markup(typed)
    assert had_markup and "<img" not in cleaned.lower() and "dziura na ul. Długiej" in cleaned
    for checked in (check_description(typed), check_place(typed)):
        assert checked.value is not None and "<img" not in checked.value.lower()


def test_plain_words_and_comparisons_stay_as_typed() -> None:
    assert strip_markup("Temperatura <5 stopni, a > b & c")[0] == "Temperatura <5 stopni, a > b & c"


def test_phone_email_pesel_and_introduced_names_are_redacted() -> None:
    from bot.privacy.redaction import redact

    text = (
        "Nazywam się Jan Kowalski, tel. 600 111 222, jan.kowalski@example.pl, "
        "PESEL 44051401458. Dziura na ul. Długiej 5 ma 30 cm. Z poważaniem Anna Nowak-Kowalska"
    )
    public = str(redact(text))
    for secret in ["Jan", "Kowalski", "600 111 222", "jan.kowalski", "44051401458", "Anna"]:
        assert secret not in public, public
    assert "Dziura na ul. Długiej 5 ma 30 cm." in public
    assert (
        redact("mam na imię ola i lampa nie świeci")
        == "mam na imię [imię i nazwisko] i lampa nie świeci"
    )
    assert redact("Jestem zły, bo lampa nie świeci od 3 dni") == (
        "Jestem zły, bo lampa nie świeci od 3 dni"
    )
    assert "+48 12 616 55 55" not in str(redact("Dzwoniłem na +48 12 616 55 55"))
