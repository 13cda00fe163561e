"""Public outputs (Open311): values the public may read, in JSON no browser runs.

Stored words are served as plain text with personal data redacted (also for
reports stored before either rule); a coordinate that is not a finite number is
served as none, since JSON has no NaN and a 500 would hide every other report.
"""

from __future__ import annotations

import json
import math
from typing import Any

from starlette.responses import JSONResponse

from bot.plain_text import plain
from bot.privacy.redaction import redact


class SafeJSONResponse(JSONResponse):
    """JSON whose strings carry ``<``, ``>`` and ``&`` as \\u escapes: the same values
    to a JSON reader, and nothing an HTML parser or a sniffing browser could run."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
            text = text.replace(char, escaped)
        return text.encode("utf-8")


def public_text(text: str | None) -> str | None:
    """Stored words as the public may read them: plain text, personal data redacted
    (also for reports stored before either rule)."""
    return redact(plain(text)) if text else text


def finite(value: float | None) -> float | None:
    """A coordinate, or None for a missing or non-finite one (JSON has no NaN)."""
    return value if value is not None and math.isfinite(value) else None
