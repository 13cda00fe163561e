"""The composition root: builds the gateway's ASGI app and everything it serves.

The one module that knows every part: it opens the database, the Rasa client and the
hub, builds the conversation router, the consultants' desk and the Telegram bridge, and
puts the routes of each door together (widget API, pages and Open311 from ``bot.web``,
Telegram's webhook, the console, the health check). The doors themselves know only the
router and the domain below them, never each other (tests/unit/test_layers.py).
``python -m bot.gateway`` serves what ``create_app`` builds.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from typing import AsyncIterator, List

from starlette.applications import Starlette
from starlette.middleware import Middleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from bot.console import api as console_api
from bot.console import errors as console_errors
from bot.console import export as console_export
from bot.console import language_switch as console_language
from bot.console import login as console_login
from bot.console import pages as console_pages
from bot.console.desk import Desk
from bot.console.i18n import ConsoleLocale
from bot.db import Database
from bot.http import health
from bot.http.headers import SecurityHeaders
from bot.http.ratelimit import Limits, RateLimiter
from bot.hub import Hub
from bot.hub_redis import RedisBus
from bot.mail import Mailer
from bot.privacy.erasure import Eraser
from bot.rasa_client import RasaClient
from bot.router import ConversationRouter
from bot.settings import Settings
from bot.settings import load as load_settings
from bot.telegram import webhook as telegram_webhook
from bot.telegram.bridge import start_telegram, stop_telegram
from bot.web import open311, pages, statement, widget_api, widget_i18n


def middleware(settings: Settings) -> List[Middleware]:
    """Outermost first: the client's address (from a trusted proxy's X-Forwarded-For,
    for the rate limits and the audit log), the security headers, the console's language."""
    stack = [
        Middleware(SecurityHeaders, public_url=settings.public_url, hsts=settings.cookie_secure),
        Middleware(ConsoleLocale),
    ]
    proxies = [p.strip() for p in settings.trusted_proxies.split(",") if p.strip()]
    if proxies:
        stack.insert(0, Middleware(ProxyHeadersMiddleware, trusted_hosts=proxies))
    return stack


def create_app(settings: Settings | None = None) -> Starlette:
    """Builds the gateway for the given settings (the environment's by default)."""
    settings = settings or load_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        db = Database(settings.db_url)
        rasa = RasaClient(
            settings.rasa_urls,
            settings.rasa_token,
            settings.rasa_timeout_seconds,
            settings.rasa_channel_secret,
        )
        bus = RedisBus(settings.redis_url, settings.hub_channel) if settings.redis_url else None
        hub = Hub(bus)
        await hub.start()
        app.state.settings = settings
        app.state.limits = Limits(
            new_chats=RateLimiter(settings.rate_new_chats),
            messages=RateLimiter(settings.rate_messages),
            logins=RateLimiter(settings.rate_logins),
        )
        app.state.db = db
        app.state.rasa = rasa
        app.state.hub = hub
        eraser = Eraser(db, settings.tracker_url, settings.photo_dir)
        app.state.eraser = eraser
        app.state.mailer = mailer = Mailer(
            settings.smtp_host, settings.smtp_port, settings.smtp_from
        )
        router = ConversationRouter(
            db, rasa, hub, settings.max_message_chars, settings.nlu_chars, eraser
        )
        app.state.router = router
        app.state.desk = desk = Desk(db, rasa, hub, router)
        watch = asyncio.create_task(
            desk.watch_queue(dt.timedelta(seconds=settings.queue_max_wait_seconds))
        )
        app.state.telegram = telegram = await start_telegram(settings, db, router, hub)
        yield
        await stop_telegram(telegram)
        await mailer.drain()
        watch.cancel()
        await hub.close()
        await rasa.close()
        eraser.dispose()
        db.dispose()

    return Starlette(
        routes=[
            *widget_i18n.routes,  # before pages' /widget static mount
            *pages.routes,
            *statement.routes,
            *health.routes,
            *widget_api.routes,
            *telegram_webhook.routes,
            *open311.routes,
            *console_login.routes,
            *console_language.routes,
            *console_pages.routes,
            *console_api.routes,
            *console_export.routes,
        ],
        middleware=middleware(settings),
        # Console refusals (ConsoleError): redirect to log-in, 401/403 JSON or HTML.
        exception_handlers=console_errors.EXCEPTION_HANDLERS,
        lifespan=lifespan,
    )
