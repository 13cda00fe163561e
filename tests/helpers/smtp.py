"""A local SMTP server (aiosmtpd) that keeps every message it is given, for the tests."""

from __future__ import annotations

import email
import email.policy
import threading
import time
from email.message import EmailMessage
from typing import Any, Callable, List

from aiosmtpd.controller import Controller


class _Keeper:
    def __init__(self, sink: MailSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self.sink.lock:
            self.sink.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"


class MailSink:
    """Listens on 127.0.0.1:``port``; ``messages`` are (recipients, message) pairs."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.lock = threading.Lock()
        self.messages: List[tuple[List[str], EmailMessage]] = []
        self.controller = Controller(_Keeper(self), hostname="127.0.0.1", port=port)

    def start(self) -> MailSink:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def to(self, address: str) -> List[EmailMessage]:
        with self.lock:
            return [message for rcpt, message in self.messages if address in rcpt]

    def wait_for(self, condition: Callable[[], bool], timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError("the expected e-mail did not arrive")
            time.sleep(0.05)
