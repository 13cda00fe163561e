"""A stack with the Telegram bridge in webhook mode, pointed at the fake Bot API.

Ports 18400 (gateway), 15405 (Rasa) and 15455 (action server); the clock in
office hours like the main test stack.
"""

from __future__ import annotations

import os
import secrets
import time
from typing import Any, Dict, Iterator, List, Optional

import httpx
import pytest

from bot.db import Database
from tests.conftest import IN_HOURS, LiveAssistant, start_stack
from tests.helpers.smtp import MailSink
from tests.helpers.stack_db import stack_db
from tests.staff import Staff, staff_for
from tests.telegram.fake_api import Call, FakeBotApi, fake_token
from tests.telegram.updates import Updates

TOKEN = fake_token()
PORTS = (18400, 15405, 15455)
SMTP_PORT = 18425  # the local mail server the gateway sends residents' notices to
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
QUIET_SECONDS = 1.2


@pytest.fixture(scope="session")
def fake_api() -> Iterator[FakeBotApi]:
    api = FakeBotApi(TOKEN).start()
    yield api
    api.stop()


@pytest.fixture(scope="session")
def mail_sink() -> Iterator[MailSink]:
    offset = int(os.environ.get("KCK_TEST_PORT_OFFSET", "0"))
    sink = MailSink(SMTP_PORT + offset).start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def webhook_secret() -> str:
    return secrets.token_urlsafe(32)


@pytest.fixture(scope="module")
def live_telegram(
    tmp_path_factory: pytest.TempPathFactory,
    fake_api: FakeBotApi,
    webhook_secret: str,
    mail_sink: MailSink,
) -> Iterator[LiveAssistant]:
    """The assistant with Telegram on: webhook mode, the fake Bot API as Telegram.

    Module-scoped: its Rasa server (about 1.7 GB) stops when the Telegram tests end
    instead of staying up beside the other test stacks for the rest of the session."""
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_MODE": "webhook",
        "TELEGRAM_BASE_URL": fake_api.url,
        "TELEGRAM_WEBHOOK_SECRET": webhook_secret,
        "TELEGRAM_WEBHOOK_URL": "https://kck.example.org/telegram/webhook",
        "KCK_SMTP_HOST": "127.0.0.1",
        "KCK_SMTP_PORT": str(mail_sink.port),
    }
    stack = start_stack(tmp_path_factory.mktemp("kck-var-telegram"), PORTS, IN_HOURS, env)
    live = next(stack)
    deadline = time.monotonic() + 60
    while httpx.get(f"{live.gateway_url}/healthz", timeout=10).json().get("telegram") != "ok":
        if time.monotonic() > deadline:
            raise RuntimeError("the Telegram bridge did not connect to the fake Bot API")
        time.sleep(0.2)
    yield live
    next(stack, None)


@pytest.fixture()
def tg_gateway(live_telegram: LiveAssistant) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_telegram.gateway_url, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def tg_db(live_telegram: LiveAssistant) -> Iterator[Database]:
    yield from stack_db(live_telegram.var_dir)


@pytest.fixture()
def tg_staff(live_telegram: LiveAssistant) -> Iterator[Staff]:
    yield from staff_for(f"sqlite:///{live_telegram.var_dir / 'kck.db'}", live_telegram.gateway_url)


def new_chat_id() -> int:
    """A private chat id like Telegram's (user ids are up to 52 bits; these stay clear of
    Unix timestamps, so finding one in the database means it was stored)."""
    return 6_000_000_000 + secrets.randbelow(999_999_999)


class Resident:
    """One Telegram user writing to the bot; updates go through the gateway's webhook."""

    def __init__(self, gateway: httpx.Client, api: FakeBotApi, secret: str) -> None:
        self.gateway = gateway
        self.api = api
        self.secret = secret
        self.chat_id = new_chat_id()
        self.updates = Updates(self.chat_id, api.next_update_id)

    def post(self, update: Dict[str, Any], secret: Optional[str] = "") -> httpx.Response:
        headers = {} if secret is None else {SECRET_HEADER: secret or self.secret}
        return self.gateway.post("/telegram/webhook", json=update, headers=headers)

    def sent(self) -> List[Call]:
        """What the bot sent to this chat."""
        return self.api.recorded("sendMessage", self.chat_id)

    def exchange(
        self, update: Dict[str, Any], expect: str = "", timeout: float = 90
    ) -> List[Call]:
        """Posts an update and returns the messages the bot sends in answer: waits for
        the first (containing ``expect`` when given), then until the chat is quiet."""
        before = len(self.sent())
        answer = self.post(update)
        assert answer.status_code == 200, answer.text

        def arrived(_: List[Call]) -> bool:
            new = self.sent()[before:]
            return bool(new) and (not expect or expect in texts(new))

        self.api.wait_for(arrived, timeout)
        count = len(self.sent())
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < QUIET_SECONDS:
            time.sleep(0.1)
            if len(self.sent()) != count:
                count, quiet_since = len(self.sent()), time.monotonic()
        return self.sent()[before:]

    def say(self, text: str, expect: str = "") -> List[Call]:
        return self.exchange(self.updates.text(text), expect)

    def button(self, title: str) -> tuple[Call, Dict[str, str]]:
        """The latest message with a button of this title, and the button."""
        for call in reversed(self.sent()):
            for button in call.buttons:
                if button["text"] == title:
                    return call, button
        raise AssertionError(f"no button {title!r}; buttons: {self.all_buttons()}")

    def all_buttons(self) -> List[str]:
        return [b["text"] for c in self.sent() for b in c.buttons]

    def press(self, title: str, expect: str = "") -> List[Call]:
        call, button = self.button(title)
        return self.exchange(self.updates.press(call.result, button["callback_data"]), expect)


def texts(calls: List[Call]) -> str:
    return "\n".join(str(c.params.get("text", "")) for c in calls)


@pytest.fixture()
def resident(tg_gateway: httpx.Client, fake_api: FakeBotApi, webhook_secret: str) -> Resident:
    return Resident(tg_gateway, fake_api, webhook_secret)
