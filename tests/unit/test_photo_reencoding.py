"""Photos are stored re-encoded: no EXIF (the phone's GPS position, its model) and
nothing appended after the image (a PNG carrying HTML) ever reaches the disk."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from PIL import Image

from bot import photos
from bot.photos import store_photo
from tests.helpers.images import GPS_IFD, jpeg_with_gps

LIMIT = 5 * 1024 * 1024


def test_exif_and_gps_are_gone_and_the_picture_stays(tmp_path: Path) -> None:
    stored = store_photo(jpeg_with_gps(), tmp_path, LIMIT)
    assert stored.name is not None
    saved = (tmp_path / stored.name).read_bytes()
    assert b"KCKTestPhone" not in saved and b"Model-X-123" not in saved
    assert b"Exif" not in saved
    with Image.open(io.BytesIO(saved)) as image:
        assert image.format == "JPEG" and image.size == (120, 80)
        assert not image.getexif() and not image.getexif().get_ifd(GPS_IFD)
        red, _green, blue = image.convert("RGB").getpixel((60, 40))  # type: ignore[misc]
        assert abs(blue - 200) < 10 and abs(red - 30) < 10


def test_html_appended_to_a_png_never_reaches_the_disk(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (16, 16), (255, 0, 0, 255)).save(buffer, "PNG")
    polyglot = buffer.getvalue() + b"<html><body><script>alert(document.cookie)</script></html>"
    stored = store_photo(polyglot, tmp_path, LIMIT)
    assert stored.name is not None and stored.name.endswith(".png")
    saved = (tmp_path / stored.name).read_bytes()
    assert b"<script" not in saved and b"<html" not in saved
    assert saved.endswith(b"IEND\xaeB`\x82")  # nothing after the PNG's last chunk
    with Image.open(io.BytesIO(saved)) as image:
        assert image.size == (16, 16)


def test_only_the_store_s_own_names_count_as_photos() -> None:
    is_photo_name = getattr(photos, "is_photo_name", None)
    assert is_photo_name is not None, "no check of the store's own names"
    assert is_photo_name("photo-" + "0123456789abcdef" * 2 + ".jpg")
    for forged in [
        "photo-../../kck.db",
        "photo-" + "0123456789abcdef" * 2 + ".jpg/../../kck.db",
        "photo-x.jpg",
        "photo-" + "0123456789ABCDEF" * 2 + ".jpg",
        None,
        ["photo-" + "0" * 32 + ".jpg"],
    ]:
        assert not is_photo_name(forged), forged


def test_a_stored_photo_is_the_owners_alone_whatever_the_umask(tmp_path: Path) -> None:
    """A resident's photo is 0600 in a 0700 folder even when the caller (a tool, a test)
    runs with the usual umask 022 rather than the stack's 077."""
    previous = os.umask(0o022)
    try:
        png = io.BytesIO()
        Image.new("RGB", (20, 10), (10, 200, 30)).save(png, "PNG")
        stored = store_photo(png.getvalue(), tmp_path / "photos", 5_000_000)
    finally:
        os.umask(previous)
    assert stored.name
    assert stat.S_IMODE((tmp_path / "photos").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "photos" / stored.name).stat().st_mode) == 0o600
