"""Settings from the environment (documented in .env.example).

One frozen object, read once per process, so that the gateway, the process
supervisor and the tests agree on ports, paths and URLs.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy.engine import URL

ROOT = Path(__file__).resolve().parent.parent


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


@dataclass(frozen=True)
class Settings:
    """Where everything listens and what limits apply."""

    var_dir: Path = field(default_factory=lambda: Path(os.environ.get("KCK_VAR_DIR", ROOT / "var")))
    gateway_host: str = field(
        default_factory=lambda: os.environ.get("KCK_GATEWAY_HOST", "127.0.0.1")
    )
    gateway_port: int = field(default_factory=lambda: _int("KCK_GATEWAY_PORT", 8000))
    rasa_port: int = field(default_factory=lambda: _int("KCK_RASA_PORT", 5005))
    action_port: int = field(default_factory=lambda: _int("KCK_ACTION_PORT", 5055))
    database_url: str = field(default_factory=lambda: os.environ.get("KCK_DATABASE_URL", ""))
    public_url: str = field(default_factory=lambda: os.environ.get("KCK_PUBLIC_URL", ""))
    # The longest message stored; longer ones are refused with a Polish message.
    max_message_chars: int = field(default_factory=lambda: _int("KCK_MAX_MESSAGE_CHARS", 10_000))
    # How much of a message Rasa reads: NLU gains nothing from more.
    nlu_chars: int = field(default_factory=lambda: _int("KCK_NLU_CHARS", 1_000))
    max_body_bytes: int = field(default_factory=lambda: _int("KCK_MAX_BODY_BYTES", 64 * 1024))
    # API keys of city systems allowed to POST reports through Open311 (comma-separated).
    open311_api_keys: str = field(
        default_factory=lambda: os.environ.get("KCK_OPEN311_API_KEYS", "")
    )
    # Where report photos are kept: outside the web root, never served as static files.
    photo_max_bytes: int = field(
        default_factory=lambda: _int("KCK_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
    )
    # A chat waiting longer than this in the queue is offered a callback.
    queue_max_wait_seconds: int = field(
        default_factory=lambda: _int("KCK_QUEUE_MAX_WAIT_SECONDS", 600)
    )
    # Service level: the dashboard's share of hand-offs a person took within this wait.
    sla_target_seconds: int = field(default_factory=lambda: _int("KCK_SLA_TARGET_SECONDS", 180))
    # Rate limits per minute: new chats per client address, messages (and photos)
    # per conversation, console log-in attempts per client address.
    rate_new_chats: int = field(default_factory=lambda: _int("KCK_RATE_NEW_CHATS", 60))
    rate_messages: int = field(default_factory=lambda: _int("KCK_RATE_MESSAGES", 30))
    rate_logins: int = field(default_factory=lambda: _int("KCK_RATE_LOGINS", 20))
    # Proxies (addresses or networks, comma-separated) whose X-Forwarded-For and
    # X-Forwarded-Proto the gateway believes: the Ingress. Empty: nobody's, the client
    # address is the socket's peer (a direct client could otherwise pick any address).
    trusted_proxies: str = field(default_factory=lambda: os.environ.get("KCK_TRUSTED_PROXIES", ""))
    rasa_timeout_seconds: float = field(
        default_factory=lambda: float(os.environ.get("KCK_RASA_TIMEOUT", "30"))
    )
    # Console log-in: failed attempts in a row before the account is locked, and for how long.
    login_max_failures: int = field(default_factory=lambda: _int("KCK_LOGIN_MAX_FAILURES", 5))
    login_lock_minutes: int = field(default_factory=lambda: _int("KCK_LOGIN_LOCK_MINUTES", 15))
    # Failures count towards the lock only within this window (older ones are forgiven).
    login_failure_window_minutes: int = field(
        default_factory=lambda: _int("KCK_LOGIN_FAILURE_WINDOW_MINUTES", 15)
    )
    # How long a console log-in lasts (one shift), and whether its cookie is Secure
    # even when the gateway sees plain HTTP (behind a TLS-terminating proxy).
    console_session_hours: int = field(
        default_factory=lambda: _int("KCK_CONSOLE_SESSION_HOURS", 8)
    )
    # A console session unused this long ends (a forgotten browser on a shared desk).
    console_idle_minutes: int = field(
        default_factory=lambda: _int("KCK_CONSOLE_IDLE_MINUTES", 30)
    )
    cookie_secure: bool = field(
        default_factory=lambda: os.environ.get("KCK_COOKIE_SECURE", "0") == "1"
    )
    # Telegram (bot/telegram/): on when the token is set. "polling" asks Telegram for
    # updates (no public address needed); "webhook" takes them at POST /telegram/webhook,
    # each checked against the secret given to setWebhook.
    telegram_bot_token: str = field(
        default_factory=lambda: os.environ.get("TELEGRAM_BOT_TOKEN", ""), repr=False
    )
    telegram_mode: str = field(
        default_factory=lambda: os.environ.get("TELEGRAM_MODE", "polling").strip().lower()
    )
    telegram_base_url: str = field(
        default_factory=lambda: os.environ.get("TELEGRAM_BASE_URL", "https://api.telegram.org")
    )
    telegram_webhook_secret: str = field(
        default_factory=lambda: os.environ.get("TELEGRAM_WEBHOOK_SECRET", ""), repr=False
    )
    # When set (webhook mode), the gateway registers this URL with setWebhook on start.
    telegram_webhook_url: str = field(
        default_factory=lambda: os.environ.get("TELEGRAM_WEBHOOK_URL", "")
    )

    # The gateway's secret at Rasa's input channel (bot/rasa_channel.py) and the
    # token Rasa shows the action server (bot/action_server.py): only the gateway
    # talks to Rasa, only Rasa to the actions. Empty: bot/stack.py generates both
    # on every start; a process started alone with them empty refuses every call.
    rasa_channel_secret: str = field(
        default_factory=lambda: os.environ.get("KCK_RASA_CHANNEL_SECRET", ""), repr=False
    )
    action_token: str = field(
        default_factory=lambda: os.environ.get("KCK_ACTION_TOKEN", ""), repr=False
    )

    # Scale-out (`make run-cluster`, Kubernetes): Redis for the hub's pub/sub between
    # gateways (empty: one gateway, in-process delivery) and the channel it uses.
    redis_url: str = field(default_factory=lambda: os.environ.get("KCK_REDIS_URL", ""))
    hub_channel: str = field(default_factory=lambda: os.environ.get("KCK_HUB_CHANNEL", "kck:hub"))

    # Outgoing mail for residents' report notices (bot/mail.py); empty host: no e-mail.
    smtp_host: str = field(default_factory=lambda: os.environ.get("KCK_SMTP_HOST", ""))
    smtp_port: int = field(default_factory=lambda: _int("KCK_SMTP_PORT", 25))
    smtp_from: str = field(
        default_factory=lambda: os.environ.get(
            "KCK_SMTP_FROM", "Krakowskie Centrum Kontaktu <noreply@kck.krakow.pl>"
        )
    )

    @property
    def rasa_url(self) -> str:
        return os.environ.get("KCK_RASA_URL", f"http://127.0.0.1:{self.rasa_port}")

    @property
    def rasa_urls(self) -> list[str]:
        """Rasa replicas in order of preference (KCK_RASA_URLS, comma-separated): the
        gateway uses the first that accepts a connection. Default: the one Rasa."""
        urls = [u.strip() for u in os.environ.get("KCK_RASA_URLS", "").split(",") if u.strip()]
        return urls or [self.rasa_url]

    @property
    def action_server_url(self) -> str:
        return os.environ.get(
            "KCK_ACTION_SERVER_URL", f"http://127.0.0.1:{self.action_port}/webhook"
        )

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_dir / 'kck.db'}"

    @property
    def tracker_url(self) -> str:
        """Rasa's tracker store as an SQLAlchemy URL, from the same KCK_TRACKER_DIALECT,
        _HOST, _PORT, _DB, _USER and _PASSWORD that endpoints.yml (and
        endpoints.cluster.yml) give Rasa, so the supervisor dashboard reads what Rasa
        wrote. Like Rasa, a host holding a whole URL is used as is, and a host may
        carry its port."""
        env = os.environ.get
        dialect = env("KCK_TRACKER_DIALECT", "") or "sqlite"
        host = env("KCK_TRACKER_HOST", "")
        db = env("KCK_TRACKER_DB", "") or str(self.var_dir / "tracker.db")
        if "://" in host:
            return host
        if dialect == "sqlite":
            return f"sqlite:///{db}"
        parsed = urlsplit(f"scheme://{host}")
        port = parsed.port or (
            int(env("KCK_TRACKER_PORT", "")) if env("KCK_TRACKER_PORT") else None
        )
        url = URL.create(
            dialect,
            username=env("KCK_TRACKER_USER") or None,
            password=env("KCK_TRACKER_PASSWORD") or None,
            host=parsed.hostname or None,
            port=port,
            database=db,
        )
        return url.render_as_string(hide_password=False)

    @property
    def gateway_url(self) -> str:
        return self.public_url or f"http://{self.gateway_host}:{self.gateway_port}"

    @property
    def photo_dir(self) -> Path:
        return self.var_dir / "photos"

    @property
    def open311_keys(self) -> frozenset[str]:
        return frozenset(k.strip() for k in self.open311_api_keys.split(",") if k.strip())

    @property
    def rasa_token(self) -> str:
        """Rasa's API token: from KCK_RASA_TOKEN, else generated once into var/."""
        return os.environ.get("KCK_RASA_TOKEN") or self._secret_file("rasa_token")

    @property
    def id_hash_key(self) -> bytes:
        """Key of the HMAC that stores channel user ids (Telegram chat ids): from
        KCK_ID_HASH_KEY, else generated once into var/. A plain hash of a small
        integer could be reversed by trying every id; without the key it cannot."""
        key = os.environ.get("KCK_ID_HASH_KEY") or self._secret_file("id_hash_key")
        return key.encode("utf-8")

    def _secret_file(self, name: str) -> str:
        """A random secret kept in var/ (readable by the owner only), made on first use."""
        path = self.var_dir / name
        if not path.exists():
            self.var_dir.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(32))
        return path.read_text().strip()


def load() -> Settings:
    """Settings of this process."""
    return Settings()
