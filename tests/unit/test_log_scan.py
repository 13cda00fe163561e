"""The log scanner finds what it must (so that a clean run means something)."""

from __future__ import annotations

import pytest

from tests.log_scan import scan_text


@pytest.mark.parametrize(
    "line, kind",
    [
        ("callback for +48 600 700 800 stored", "phone number"),
        ("phone=600700800", "phone number"),
        ("tel 600-123-456", "phone number"),
        ("from jan.nowak@example.pl", "e-mail address"),
        ("user said: Nie świeci latarnia przy Długiej", "resident's message text"),
    ],
)
def test_personal_data_is_found(line: str, kind: str) -> None:
    assert [k for _, k in scan_text(line)] == [kind]


@pytest.mark.parametrize(
    "line",
    [
        'INFO:     127.0.0.1:60704 - "GET /healthz HTTP/1.1" 200 OK',
        "2026-11-25 08:15:25,891 INFO httpx HTTP Request: GET http://127.0.0.1:5055/health",
        "Rasa is down; KCK: tel. 12 616 55 55",
        "conversation 3f2a9c1d0b7e4d6a8c5b2e1f0a9d8c7b ticket 1732541234",
        "took 123.456 ms, pid 123456789012",
    ],
)
def test_ordinary_log_lines_pass(line: str) -> None:
    assert scan_text(line) == []
