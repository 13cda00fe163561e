"""The folding rules that make typed-without-Polish-letters text match."""

import pytest

from nlu.folding import fold, has_polish_letters, normalize_token, squeeze_repeats


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("zgłosić dziurę", "zglosic dziure"),
        ("ZGŁOSIĆ DZIURĘ", "zglosic dziure"),
        ("Łódź Żółć Ęą", "lodz zolc ea"),
        ("zglosic dziure", "zglosic dziure"),
        ("Ślub", "slub"),
    ],
)
def test_fold_maps_every_spelling_to_one_form(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_fold_handles_l_stroke_that_unicode_does_not_decompose() -> None:
    assert fold("ł") == "l"
    assert fold("Ł") == "l"


@pytest.mark.parametrize(
    ("token", "expected"),
    [("dowód?!", "dowod"), ("„meldunek”", "meldunek"), ("POMOCYYY!!!", "pomocy"), ("!!!", "")],
)
def test_normalize_token_strips_punctuation_case_and_stretching(token: str, expected: str) -> None:
    assert normalize_token(token) == expected


def test_squeeze_keeps_double_letters_of_real_words() -> None:
    assert squeeze_repeats("zza") == "zza"
    assert squeeze_repeats("niee") == "niee"
    assert squeeze_repeats("nieeee") == "nie"


def test_has_polish_letters() -> None:
    assert has_polish_letters("dziurę")
    assert not has_polish_letters("dziure")
