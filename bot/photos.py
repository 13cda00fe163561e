"""Report photos: only real images, bounded in size, stored outside the web root.

The file name is random, so it says nothing about the resident; the gateway
never serves this directory.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from PIL import Image, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000

NOT_AN_IMAGE = "To nie jest zdjęcie. Wyślij plik JPG, PNG lub WebP."
TOO_LARGE = (
    "Zdjęcie jest za duże (najwyżej {mb} MB). Zmniejsz je lub zrób zdjęcie w niższej jakości."
)


@dataclass(frozen=True)
class PhotoResult:
    name: Optional[str]  # stored file name, or None when refused
    error: Optional[str] = None
    status: int = 200


def store_photo(data: bytes, directory: Path, max_bytes: int) -> PhotoResult:
    """Checks the bytes are a JPEG, PNG or WebP image and saves them under a random name."""
    if len(data) > max_bytes:
        return PhotoResult(None, TOO_LARGE.format(mb=max_bytes // (1024 * 1024)), 413)
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return PhotoResult(None, NOT_AN_IMAGE, 415)
    if kind not in FORMATS or width * height > MAX_PIXELS:
        return PhotoResult(None, NOT_AN_IMAGE, 415)
    directory.mkdir(parents=True, exist_ok=True)
    name = f"photo-{uuid.uuid4().hex}.{FORMATS[kind]}"
    (directory / name).write_bytes(data)
    return PhotoResult(name)
