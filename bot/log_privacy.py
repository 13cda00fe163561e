"""Keeps residents' words out of Rasa's and the action server's logs.

Rasa writes some of what a resident typed into its own warnings: a line like
``/inform{"report_contact": "600 111 222 …"}`` is parsed as an intent and an
entity list, and "Parsed an intent '…' which is not defined in the domain" or
"Invalid entity specification: …" then repeats it. Those messages are Rasa's,
not ours, so they cannot be changed at the source; this module is installed in
the Rasa process (by bot.rasa_channel, which Rasa imports as its input channel)
and in the action server (bot.action_server) and cleans every log record and
every warning before any handler sees it:

- messages Rasa builds from a resident's text are replaced by a fixed line
  (their kind stays visible, the words do not);
- anywhere else, phone numbers and e-mail addresses are masked, in case a
  library quotes a value we did not foresee.

It works at record creation (``logging.setLogRecordFactory``) rather than on
handlers, so handlers Rasa or Sanic add later are covered as well.
"""

from __future__ import annotations

import logging
import re
import warnings
from typing import Any, Callable, TextIO

# Rasa's messages that quote what the resident typed (YAMLStoryReader.unpack_regex_message,
# rasa/core/processor.py, rasa/core/channels/rest.py): never written, whatever follows.
QUOTING_MESSAGES = (
    "Failed to parse arguments in line",
    "message.parsing.failed",
    "Parsed an intent '",
    "Parsed an entity '",
    "Invalid entity specification",
    "rest.message.received",
    "processor.message.parse",
    "processor.slots.log",
)
WITHHELD = "[withheld: a Rasa message quoting a resident's words]"

EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
# Polish phone numbers as residents type them (600 700 800, 600-700-800, +48 600700800,
# 12 345 67 89), not inside longer digit runs, versions or times.
PHONE = re.compile(
    r"(?<![\w.:/+-])(?:\+48[ -]?)?(?:\d{3}[ -]?\d{3}[ -]?\d{3}|\d{2} \d{3} \d{2} \d{2})(?![\w.:/-])"
)


def clean(message: str) -> str:
    """The message as it may be logged."""
    if any(marker in message for marker in QUOTING_MESSAGES):
        return WITHHELD
    return PHONE.sub("[phone]", EMAIL.sub("[e-mail]", message))


_installed = False


def install() -> None:
    """Cleans every later log record and warning of this process (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    make_record = logging.getLogRecordFactory()

    def cleaned_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed format: log it as it is rather than lose it
            return record
        record.msg, record.args = clean(message), None
        return record

    logging.setLogRecordFactory(cleaned_record)
    show: Callable[..., None] = warnings.showwarning

    def cleaned_warning(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        show(clean(str(message)), category, filename, lineno, file, line)

    warnings.showwarning = cleaned_warning
