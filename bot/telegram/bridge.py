"""The python-telegram-bot ``Application`` inside the gateway: built, started, stopped.

- ``TELEGRAM_BOT_TOKEN`` unset: no bridge (``start_telegram`` returns None).
- ``TELEGRAM_MODE=polling`` (default, ``make run``): the Application's updater
  asks Telegram for updates (getUpdates); no public address is needed.
- ``TELEGRAM_MODE=webhook`` (production): Telegram POSTs updates to
  ``/telegram/webhook`` (``bot.telegram.webhook``); each must carry
  ``TELEGRAM_WEBHOOK_SECRET`` in ``X-Telegram-Bot-Api-Secret-Token``. With
  ``TELEGRAM_WEBHOOK_URL`` set, the gateway registers the webhook itself.

Telegram being unreachable must not stop the widget: the bridge connects in a
background task, retrying with back-off, and reports ``starting`` in /healthz
meanwhile. Accepted webhook updates go to the Application's queue and the
request returns at once; the per-chat lock keeps each chat's updates in order
while different chats are served concurrently.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import hmac
import logging
import re
from typing import Any, Deque, Dict, Optional, Set

from telegram import BotCommand, Update
from telegram.error import InvalidToken
from telegram.ext import Application

from bot.db import Database
from bot.hub import Hub
from bot.router import ConversationRouter
from bot.settings import Settings
from bot.telegram import texts as tg_texts
from bot.telegram.chats import Chats
from bot.telegram.handlers import Handlers
from bot.telegram.retry import PatientRateLimiter, with_backoff

logger = logging.getLogger(__name__)

MODES = ("polling", "webhook")
# Telegram's rule for secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -.
SECRET_FORMAT = re.compile(r"[A-Za-z0-9_-]{1,256}")
CONCURRENT_UPDATES = 64
RECENT_UPDATES = 1000  # update ids remembered to drop Telegram's re-deliveries
MAX_CONNECT_DELAY = 300.0


class TelegramBridge:
    """One bot: its Application, its handlers and its connection state."""

    def __init__(
        self, settings: Settings, db: Database, router: ConversationRouter, hub: Hub
    ) -> None:
        if settings.telegram_mode not in MODES:
            raise ValueError(
                f"TELEGRAM_MODE must be polling or webhook, not {settings.telegram_mode!r}"
            )
        self.mode = settings.telegram_mode
        self.secret = settings.telegram_webhook_secret
        self.webhook_url = settings.telegram_webhook_url
        base = settings.telegram_base_url.rstrip("/")
        builder = (
            Application.builder()
            .token(settings.telegram_bot_token)
            .base_url(f"{base}/bot")
            .base_file_url(f"{base}/file/bot")
            .rate_limiter(PatientRateLimiter())
            .concurrent_updates(CONCURRENT_UPDATES)
            .job_queue(None)  # nothing scheduled here: the gateway has its own tasks
        )
        if self.mode == "webhook":
            builder = builder.updater(None)
        self.app: Application = builder.build()
        self.chats = Chats(db, hub, settings.id_hash_key, self.app.bot)
        Handlers(
            router, self.chats, db, settings.photo_dir, settings.photo_max_bytes
        ).install(self.app)
        self.status = "starting"  # starting | ok | error (shown in /healthz)
        self._task: Optional[asyncio.Task[None]] = None
        self._recent: Deque[int] = collections.deque(maxlen=RECENT_UPDATES)
        self._recent_set: Set[int] = set()

    @property
    def webhook(self) -> bool:
        return self.mode == "webhook"

    def secret_matches(self, presented: Optional[str]) -> bool:
        """Constant-time check of the webhook's secret header; never true without a secret."""
        if not self.secret or presented is None:
            return False
        return hmac.compare_digest(presented.encode("utf-8"), self.secret.encode("utf-8"))

    async def start(self) -> None:
        if self.webhook and not SECRET_FORMAT.fullmatch(self.secret):
            logger.error(
                "TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_SECRET (1-256 of A-Z a-z 0-9 _ -); "
                "the Telegram bridge stays off and the webhook refuses every update"
            )
            self.status = "error"
            return
        self._task = asyncio.create_task(self._connect(), name="telegram-connect")

    async def _connect(self) -> None:
        delay = 1.0
        while True:
            try:
                await self.app.initialize()  # getMe: checks the token
                await self._register()
                await self.app.start()
                if self.app.updater is not None:
                    await self.app.updater.start_polling()
                self.status = "ok"
                logger.info("Telegram bridge on (%s)", self.mode)
                return
            except InvalidToken:
                logger.error("Telegram refused the bot token; the Telegram bridge stays off")
                self.status = "error"
                await self._halt()
                return
            except Exception as error:  # Telegram away or answering oddly: try again later
                logger.warning(
                    "Telegram not reachable (%s); trying again in %.0f s",
                    type(error).__name__,
                    delay,
                )
                await self._halt()
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_CONNECT_DELAY)

    async def _register(self) -> None:
        """The command menu, and in webhook mode the webhook itself when its URL is given."""
        bot = self.app.bot
        commands = [BotCommand(name, text) for name, text in tg_texts.COMMANDS]
        await with_backoff(lambda: bot.set_my_commands(commands), "setMyCommands")
        if self.webhook and self.webhook_url:
            await with_backoff(
                lambda: bot.set_webhook(self.webhook_url, secret_token=self.secret),
                "setWebhook",
            )

    async def accept(self, data: Dict[str, Any]) -> bool:
        """Queues one webhook update (False while the bridge is not connected)."""
        if self.status != "ok":
            return False
        update_id = data.get("update_id")
        if isinstance(update_id, int):
            if update_id in self._recent_set:
                return True  # Telegram sent it again: handled once already
            if len(self._recent) == self._recent.maxlen:
                self._recent_set.discard(self._recent[0])
            self._recent.append(update_id)
            self._recent_set.add(update_id)
        try:
            update = Update.de_json(data, self.app.bot)
        except Exception as error:  # malformed: retrying would not help
            logger.warning("unreadable Telegram update dropped: %s", type(error).__name__)
            return True
        await self.app.update_queue.put(update)
        return True

    async def _halt(self) -> None:
        """Stops whatever part of the Application is running; safe at any stage."""
        try:
            if self.app.updater is not None and self.app.updater.running:
                await self.app.updater.stop()
            if self.app.running:
                await self.app.stop()
            await self.app.shutdown()
        except Exception as error:  # stopping must not fail the gateway's shutdown
            logger.warning("stopping the Telegram bridge: %s", type(error).__name__)

    async def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._halt()
        self.chats.close()
        self.status = "stopped"


async def start_telegram(
    settings: Settings, db: Database, router: ConversationRouter, hub: Hub
) -> Optional[TelegramBridge]:
    """The gateway's lifespan hook: the bridge when a token is set, else None."""
    if not settings.telegram_bot_token:
        return None
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    bridge = TelegramBridge(settings, db, router, hub)
    await bridge.start()
    return bridge


async def stop_telegram(bridge: Optional[TelegramBridge]) -> None:
    if bridge is not None:
        await bridge.stop()
