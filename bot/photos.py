"""Report photos: only real images, bounded in size, re-encoded, stored outside the web root.

The file name is random, so it says nothing about the resident; the gateway
never serves this directory. Every photo is decoded and encoded again from its
pixels alone: a phone's EXIF (GPS position, device, time), comments, colour
profiles and anything appended after the image data (a PNG with HTML behind
its end, a ZIP) never reach the disk, so the file a clerk opens is only a picture.

A stored photo travels on as one message, the same from every channel: the resident's
words ``PHOTO_SENT`` and the payload ``photo_payload(name)`` that Rasa's report form takes
(``/provide_photo{"report_photo": name}``). The action server checks a photo against that
payload in the transcript (actions/checked_values.py) and erasure reads the name back from
it (``photo_in_payload``, bot/privacy/erasure.py); the geo module does the same for points.
"""

from __future__ import annotations

import io
import json
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000
# The only names store_photo gives: what an action may accept as a stored photo.
PHOTO_NAME = re.compile(r"photo-[0-9a-f]{32}\.(?:jpg|png|webp)")

# How an uploaded photo shows in the transcript (the resident's words); the widget shows its
# own translated bubble instead (bot/static/widget/config.js).
PHOTO_SENT = "📷 zdjęcie"
PHOTO_INTENT = "/provide_photo"
PHOTO_ENTITY = "report_photo"

NOT_AN_IMAGE = "To nie jest zdjęcie. Wyślij plik JPG, PNG lub WebP."
TOO_LARGE = (
    "Zdjęcie jest za duże (najwyżej {mb} MB). Zmniejsz je lub zrób zdjęcie w niższej jakości."
)
_DECODE_ERRORS = (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError)


@dataclass(frozen=True)
class PhotoResult:
    name: Optional[str]  # stored file name, or None when refused
    error: Optional[str] = None
    status: int = 200


def is_photo_name(name: object) -> bool:
    """Whether ``name`` is a name store_photo could have given (no paths, no other files)."""
    return isinstance(name, str) and PHOTO_NAME.fullmatch(name) is not None


def too_large(max_bytes: int) -> str:
    """The Polish refusal of a photo over ``max_bytes``, the limit in whole megabytes."""
    return TOO_LARGE.format(mb=max_bytes // (1024 * 1024))


def photo_payload(name: str) -> str:
    """The message Rasa gets for a stored photo (and the transcript records)."""
    return PHOTO_INTENT + json.dumps({PHOTO_ENTITY: name})


def photo_in_payload(payload: str) -> Optional[str]:
    """The photo file named in a ``/provide_photo{"report_photo": …}`` payload, else None."""
    if "{" not in payload:
        return None
    try:
        entities = json.loads(payload[payload.index("{"):])
    except ValueError:
        return None
    name = entities.get(PHOTO_ENTITY) if isinstance(entities, dict) else None
    return str(name) if isinstance(name, str) and name else None


def reencode(data: bytes, kind: str) -> bytes:
    """The pixels of the image, encoded again without any metadata or trailing bytes.

    The EXIF orientation is applied first, so a photo taken upright stays upright
    once its EXIF is gone.
    """
    with Image.open(io.BytesIO(data)) as original:
        original.load()
        image = ImageOps.exif_transpose(original) or original
        if kind == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        clean = image.copy()
    clean.info = {}  # no EXIF, ICC, text chunks or comments carried into the new file
    out = io.BytesIO()
    options = {"quality": 90} if kind in ("JPEG", "WEBP") else {}
    clean.save(out, format=kind, **options)
    return out.getvalue()


def store_photo(data: bytes, directory: Path, max_bytes: int) -> PhotoResult:
    """Checks the bytes are a JPEG, PNG or WebP image and saves them, re-encoded,
    under a random name."""
    if len(data) > max_bytes:
        return PhotoResult(None, too_large(max_bytes), 413)
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            image.verify()
        if kind not in FORMATS or width * height > MAX_PIXELS:
            return PhotoResult(None, NOT_AN_IMAGE, 415)
        clean = reencode(data, str(kind))
    except _DECODE_ERRORS:
        return PhotoResult(None, NOT_AN_IMAGE, 415)
    # The owner's alone whatever the caller's umask (bot/files.py): a resident's photo.
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = f"photo-{uuid.uuid4().hex}.{FORMATS[str(kind)]}"
    descriptor = os.open(directory / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(clean)
    return PhotoResult(name)
