""""Is writing" signals between a resident and a consultant (issue 18).

Not messages: never stored, pushed through the hub as frames without text, so the
readers of messages (the Telegram bridge, the transcript) pass them by.

* The consultant's: the console posts ``/console/api/conversations/{id}/typing``; the
  resident's socket gets ``{"type": "typing", "sender": "consultant", "typing": …}``.
* The resident's: the widget sends ``{"type": "typing", "typing": true|false}`` on its
  socket; the console's socket of that chat gets the frame with ``"sender": "user"``.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

TYPE = "typing"


def frame(sender: str, typing: bool) -> Dict[str, Any]:
    return {"type": TYPE, "sender": sender, "typing": typing, "text": ""}


def from_client(text: str) -> Optional[bool]:
    """Whether a client's frame says it is (True) or stopped (False) writing; None when
    the frame is something else (a keep-alive)."""
    if not text.startswith("{") or len(text) > 200:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("type") != TYPE:
        return None
    return data.get("typing") is not False
