"""Outgoing e-mail (stdlib smtplib), sent off the request path.

A status change must not wait for a mail server: ``Mailer.post`` schedules the
sending in a worker thread and returns. Failures are logged by their type only:
an address is personal data and never goes to a log.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage
from typing import Set

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 20.0


class Mailer:
    """Sends plain-text mail through one SMTP server; does nothing without a host."""

    def __init__(self, host: str, port: int, sender: str) -> None:
        self.host, self.port, self.sender = host, port, sender
        self._pending: Set[asyncio.Task[None]] = set()

    @property
    def enabled(self) -> bool:
        return bool(self.host)

    def send(self, to: str, subject: str, body: str) -> None:
        """Sends one message now (blocking: call it in a thread)."""
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message.set_content(body)
        with smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_SECONDS) as server:
            server.send_message(message)

    def post(self, to: str, subject: str, body: str) -> None:
        """Schedules one message in the background (the caller does not wait)."""
        if not self.enabled:
            return
        task = asyncio.create_task(self._send_in_thread(to, subject, body))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _send_in_thread(self, to: str, subject: str, body: str) -> None:
        try:
            await asyncio.to_thread(self.send, to, subject, body)
        except (OSError, smtplib.SMTPException) as error:
            logger.warning("an e-mail notice was not sent: %s", type(error).__name__)

    async def drain(self) -> None:
        """Waits for the messages still being sent (the gateway's shutdown)."""
        if self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)
