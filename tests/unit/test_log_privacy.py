"""Rasa's and the action server's log cleaning (bot/log_privacy.py, issue 15 finding 3)."""

from __future__ import annotations

import io
import logging
import warnings
from typing import Any

import pytest

from bot import log_privacy
from bot.rasa_door import matches


@pytest.mark.parametrize(
    "message",
    [
        # Rasa 3.6's warnings for a "/intent{…}" line it cannot use: the whole line,
        # names included, which no pattern could find.
        "Failed to parse arguments in line "
        "'/inform{\"report_contact\": \"Bożydar Zgrzebłowicz\"}'. "
        "Expected the intent to be one of [['affirm']] but found inform.",
        "message.parsing.failed user_text=/inform{ Bożydar Zgrzebłowicz",
        "Invalid entity specification: {'report_contact': 'Bożydar Zgrzebłowicz'}.",
    ],
)
def test_rasa_messages_quoting_a_resident_are_withheld(message: str) -> None:
    assert log_privacy.clean(message) == log_privacy.WITHHELD


def test_other_messages_keep_their_words_but_lose_phones_and_e_mails() -> None:
    cleaned = log_privacy.clean("contact 600 111 222 or jan@example.pl for action x")
    assert cleaned == "contact [phone] or [e-mail] for action x"
    assert log_privacy.clean("Rasa server is up and running.") == "Rasa server is up and running."


def _write(
    message: object, category: type, filename: str, lineno: int, file: Any = None, line: Any = None
) -> None:
    """A stand-in for Python's showwarning (pytest replaces the real one)."""
    file.write(str(message))


def test_installed_it_cleans_log_records_and_warnings() -> None:
    stream, captured = io.StringIO(), io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("test.log_privacy")
    logger.addHandler(handler)
    factory, show = logging.getLogRecordFactory(), warnings.showwarning
    warnings.showwarning = _write
    try:
        log_privacy.install()
        logger.warning("slots: %s", {"report_contact": "600 111 222"})
        warnings.showwarning(
            "Failed to parse arguments in line '/x{\"a\": \"Zgrzebłowicz\"}'",
            UserWarning, "rasa.py", 1, captured,
        )
    finally:
        logger.removeHandler(handler)
        logging.setLogRecordFactory(factory)
        warnings.showwarning = show
        log_privacy._installed = False
    assert "600" not in stream.getvalue() and "[phone]" in stream.getvalue()
    assert captured.getvalue() == log_privacy.WITHHELD


@pytest.mark.parametrize(
    "expected, given, opens",
    [("s3cret", "s3cret", True), ("s3cret", "s3cre", False), ("s3cret", None, False),
     ("", "", False), ("", None, False)],
    ids=["right", "wrong", "absent", "none-configured-empty-given", "none-configured-absent"],
)
def test_a_door_opens_only_to_its_configured_secret(
    expected: str, given: str | None, opens: bool
) -> None:
    assert matches(expected, given) is opens
