"""The assistant's own command words, one table for every channel.

Telegram shows them in its menu ("/pomoc"); in the widget a resident types the
same word without the slash. A message that is nothing but one of them (with
or without "/") means that command: "pomoc" typed alone is a request for the
list of topics, not a question about social help, which the classifier had
answered.
"""

from __future__ import annotations

import re
from typing import Dict, Optional

from nlu.folding import fold

# Command word -> the intent it triggers.
COMMAND_INTENTS: Dict[str, str] = {
    "start": "greet",
    "pomoc": "help",
    "help": "help",
    "konsultant": "request_human",
}
_COMMAND = re.compile(r"^\s*/?\s*([a-z]+)\s*[.!]*\s*$")


def command_intent(text: str) -> Optional[str]:
    """The intent when the whole message is one command word, else None."""
    found = _COMMAND.match(fold(text).lower())
    return COMMAND_INTENTS.get(found.group(1)) if found else None
