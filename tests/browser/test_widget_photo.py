"""A resident attaches a photo to a report in the widget (Chromium, real assistant)."""

from __future__ import annotations

import io
from typing import List

import pytest
from PIL import Image
from playwright.sync_api import FileChooser, Page, expect

from tests.browser.axe import serious_violations
from tests.helpers.browser import BOT, say

pytestmark = [pytest.mark.stack, pytest.mark.browser]

USER = "#kck-log .kck-msg--user"
SYSTEM = "#kck-log .kck-msg--system"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (240, 200, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def report_until_photo_question(page: Page, gateway_url: str) -> List[str]:
    """Opens the widget and answers the report questions up to the photo; returns JS errors."""
    errors: List[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(gateway_url + "/")
    page.click("#kck-launcher")
    expect(page.locator(BOT).first).to_be_visible()

    attach = page.get_by_role("button", name="Dołącz zdjęcie")
    expect(attach).to_be_visible()
    expect(attach).to_have_attribute("title", "Dołącz zdjęcie")

    say(page, "chcę zgłosić problem")
    category = page.locator(".kck-quick-reply:not(:disabled)", has_text="Oświetlenie ulic")
    expect(category.last).to_be_enabled()
    category.last.click()
    expect(page.locator(BOT).last).to_contain_text("Gdzie")
    say(page, "Długa 5")
    expect(page.locator(BOT).last).to_contain_text("Opisz")
    say(page, "latarnia nie świeci od tygodnia")
    expect(page.locator(BOT).last).to_contain_text("numer jest na słupie")
    dont_know = page.locator(".kck-quick-reply:not(:disabled)", has_text="Nie wiem")
    expect(dont_know.last).to_be_enabled()
    dont_know.last.click()
    expect(page.locator(BOT).last).to_contain_text("📎")
    expect(attach).to_have_attribute("aria-disabled", "false")
    return errors


def test_resident_attaches_a_photo_to_a_report(page: Page, live) -> None:  # type: ignore[no-untyped-def]
    errors = report_until_photo_question(page, live.gateway_url)
    users_before = page.locator(USER).count()

    page.set_input_files(
        "#kck-file", files=[{"name": "latarnia.png", "mimeType": "image/png", "buffer": png()}]
    )

    expect(page.locator(USER)).to_have_count(users_before + 1)
    expect(page.locator(USER).last).to_contain_text("zdjęcie")
    # The one question after a photo: may it be shown publicly (actions/report_photo.py).
    expect(page.locator(BOT).last).to_contain_text("publicznie")
    expect(page.locator("#kck-attach")).to_have_attribute("aria-disabled", "false")
    assert page.eval_on_selector("#kck-file", "input => input.value") == ""
    assert page.locator(SYSTEM).count() == 0
    assert errors == []


def test_a_file_that_is_not_an_image_is_refused_and_the_chat_goes_on(
    page: Page,
    live,  # type: ignore[no-untyped-def]
) -> None:
    errors = report_until_photo_question(page, live.gateway_url)
    users_before = page.locator(USER).count()

    # Over 5 MB: refused in the browser, nothing is uploaded.
    too_big = b"\0" * (5 * 1024 * 1024 + 1)
    page.set_input_files(
        "#kck-file", files=[{"name": "big.png", "mimeType": "image/png", "buffer": too_big}]
    )
    expect(page.locator(SYSTEM).last).to_contain_text("za duże")

    page.set_input_files(
        "#kck-file", files=[{"name": "x.png", "mimeType": "image/png", "buffer": b"not an image"}]
    )
    expect(page.locator(SYSTEM).last).to_contain_text("JPG")
    expect(page.locator(SYSTEM)).to_have_count(2)
    expect(page.locator("#kck-attach")).to_have_attribute("aria-disabled", "false")
    # The optimistic "📷 zdjęcie" bubble is gone again.
    expect(page.locator(USER)).to_have_count(users_before)
    assert page.eval_on_selector("#kck-file", "input => input.value") == ""

    # Nothing broke: the text box is usable and the same file input now takes a real photo.
    expect(page.locator("#kck-input")).to_be_editable()
    page.set_input_files(
        "#kck-file", files=[{"name": "latarnia.png", "mimeType": "image/png", "buffer": png()}]
    )
    expect(page.locator(USER)).to_have_count(users_before + 1)
    expect(page.locator(USER).last).to_contain_text("zdjęcie")
    # The one question after a photo: may it be shown publicly (actions/report_photo.py).
    expect(page.locator(BOT).last).to_contain_text("publicznie")
    assert errors == []


def phone_photo() -> bytes:
    """A 12-megapixel JPEG (4000 × 3000) as a phone takes it: noise keeps it over 5 MB."""
    channels = [Image.effect_noise((4000, 3000), sigma) for sigma in (40, 50, 60)]
    buffer = io.BytesIO()
    Image.merge("RGB", channels).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


# What the widget uploads (Playwright does not show a Blob request body): each photo
# request's type, size and decoded dimensions, recorded before the page's modules run.
RECORD_UPLOADS = """
window.kckUploads = [];
const originalFetch = window.fetch;
window.fetch = function (url, options) {
  if (String(url).endsWith('/photos') && options && options.body instanceof Blob) {
    const body = options.body;
    window.kckUploads.push(createImageBitmap(body).then(bitmap => ({
      type: body.type, size: body.size, width: bitmap.width, height: bitmap.height
    })));
  }
  return originalFetch.apply(this, arguments);
};
"""


def wait_for_chooser(page: Page, choosers: List[FileChooser]) -> FileChooser:
    """The file chooser the key press opened; fails after 30 s without one."""
    for _ in range(300):
        if choosers:
            assert len(choosers) == 1, "one press opened more than one file chooser"
            return choosers[0]
        page.wait_for_timeout(100)  # lets Playwright deliver the page's events
    raise AssertionError("Enter on the focused attach button opened no file chooser")


def test_a_12_megapixel_photo_goes_through_downscaled_with_its_thumbnail(
    page: Page,
    live,  # type: ignore[no-untyped-def]
) -> None:
    page.add_init_script(RECORD_UPLOADS)
    # Listening from the start turns on Playwright's file-chooser interception long before
    # the key press: turned on at the press, a chooser opened first was once missed in CI.
    choosers: List[FileChooser] = []
    page.on("filechooser", lambda chooser: choosers.append(chooser))
    errors = report_until_photo_question(page, live.gateway_url)
    # The attach button is an SVG icon, no emoji (an empty box without an emoji font),
    # and no control of the widget shows one.
    expect(page.locator("#kck-attach svg")).to_be_visible()
    assert page.inner_text("#kck-attach").strip() == ""
    assert not page.evaluate(
        """() => [...document.querySelectorAll('.kck-widget button')]
                 .some(b => /\\p{Extended_Pictographic}/u.test(b.textContent))"""
    )
    photo = phone_photo()
    assert len(photo) > 5 * 1024 * 1024

    # By keyboard: the attach button opens the file chooser.
    page.focus("#kck-attach")
    expect(page.locator("#kck-attach")).to_be_focused()
    expect(page.locator("#kck-attach")).to_have_attribute("aria-disabled", "false")
    page.keyboard.press("Enter")
    chooser = wait_for_chooser(page, choosers)
    chooser.set_files(files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": photo}])

    # The one question after a photo: may it be shown publicly (actions/report_photo.py).
    expect(page.locator(BOT).last).to_contain_text("publicznie")
    uploads = page.evaluate("Promise.all(window.kckUploads)")
    assert len(uploads) == 1, uploads
    sent = uploads[0]
    assert sent["type"] == "image/jpeg" and 0 < sent["size"] <= 5 * 1024 * 1024, sent
    assert (sent["width"], sent["height"]) == (2048, 1536), sent

    thumb = page.locator(USER).last.locator("img.kck-msg__photo")
    expect(thumb).to_be_visible()
    assert str(thumb.get_attribute("src")).startswith("data:image/jpeg")
    assert thumb.evaluate("img => img.complete && img.naturalWidth") > 0
    expect(page.locator(USER).last.locator(".kck-msg__text")).to_have_count(0)
    assert page.locator(SYSTEM).count() == 0
    assert serious_violations(page) == []

    page.reload()  # the thumbnail is kept for this tab
    thumb = page.locator(USER).last.locator("img.kck-msg__photo")
    expect(thumb).to_be_visible()
    assert thumb.evaluate("img => img.complete && img.naturalWidth") > 0
    assert errors == []
