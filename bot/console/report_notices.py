"""Telling the reporter and every follower that a report's status changed.

Called by the console after staff change a status. The notice goes into each
conversation (stored in its transcript, pushed live to an open widget and, via
the hub, to the Telegram chat even when that conversation has ended), and by
e-mail to whoever gave an address with consent, in the background. A Telegram
chat the bridge has not seen since its start gets it through the chat id stored
for reporters and followers (``telegram_chats.NOTICE_CHANNEL``).
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from bot.db import Database
from bot.mail import Mailer
from bot.reports import telegram_chats
from bot.reports.notices import MAIL_FOOTER, mail_subject, recipients, status_notice
from bot.reports.store import ReportView
from bot.router import ConversationRouter
from bot.transcript import OutMessage


async def announce(
    db: Database, router: ConversationRouter, mailer: Mailer, report: ReportView
) -> None:
    """Posts the status notice to every conversation and mails it to every address."""
    found = await run_in_threadpool(recipients, db, report)
    text = status_notice(report)
    for conversation_id in found.conversations:
        message = OutMessage("system", text)
        await router.deliver(conversation_id, [message])
        await router.hub.signal(
            telegram_chats.NOTICE_CHANNEL, {**message.to_json(), "conversation_id": conversation_id}
        )
    for email in found.emails:
        mailer.post(email, mail_subject(report), text + MAIL_FOOTER)
