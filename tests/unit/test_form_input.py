"""Checks of what residents type into the forms: each failure explains itself in Polish."""

from actions.form_input import (
    check_contact,
    check_description,
    check_place,
    consent_answer,
    decode_contact,
    is_cancel,
)
from bot.photos import store_photo


def test_place_too_short_is_asked_again() -> None:
    for typed in ["", "a", "  ", "12"]:
        checked = check_place(typed)
        assert checked.value is None and "ulicę" in str(checked.message)


def test_markup_is_removed_and_said_so() -> None:
    checked = check_place("<script>alert('x')</script><b>Długa 5</b>")
    assert checked.value == "Długa 5"
    assert "HTML" in str(checked.message)
    assert check_description("<img src=x onerror=alert(1)>").value is None


def test_very_long_description_is_shortened_with_a_note() -> None:
    checked = check_description("dziura " * 2000)
    assert checked.value is not None and len(checked.value) <= 1000
    assert "1000" in str(checked.message)


def test_phone_is_stored_as_e164_and_name_kept() -> None:
    checked = check_contact("Anna Kowalska, 600 123 456")
    assert decode_contact(checked.value) == ("Anna Kowalska", "+48600123456", None)
    assert decode_contact(check_contact("jan.nowak@example.pl").value)[2] == "jan.nowak@example.pl"


def test_wrong_phone_gets_a_clear_answer() -> None:
    for typed in ["123", "600 12", "+48 000 000 000 000"]:
        checked = check_contact(typed)
        assert checked.value is None and "niepoprawny" in str(checked.message)


def test_consent_and_cancel_words() -> None:
    assert consent_answer("tak, podam kontakt") is True
    assert consent_answer("nie, bez kontaktu") is False
    assert consent_answer("hmm") is None
    assert is_cancel("Anuluj") and is_cancel("rezygnuję") and not is_cancel("Długa 5")


def test_photo_must_be_a_real_image_within_the_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "PNG")
    stored = store_photo(buffer.getvalue(), tmp_path, 1024 * 1024)
    assert stored.name and (tmp_path / stored.name).exists() and stored.name.endswith(".png")
    refused = store_photo(b"%PDF-1.4 not an image", tmp_path, 1024 * 1024)
    assert refused.name is None and refused.status == 415 and "JPG" in str(refused.error)
    too_big = store_photo(buffer.getvalue(), tmp_path, 10)
    assert too_big.status == 413 and "za duże" in str(too_big.error)
