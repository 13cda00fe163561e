"""The two doors behind the gateway: names and the one comparison both use.

The gateway is the only client of Rasa's input channel (bot/rasa_channel.py),
and Rasa the only client of the action server (bot/action_server.py). Each
door checks a shared secret in a header. These constants live apart from the
two servers so that the gateway can name them without importing Rasa.
"""

from __future__ import annotations

import hmac
from typing import Optional

# Gateway -> Rasa: the channel's name makes its path /webhooks/<name>/webhook.
CHANNEL_NAME = "gateway"
WEBHOOK_PATH = f"/webhooks/{CHANNEL_NAME}/webhook"
SECRET_HEADER = "X-KCK-Gateway-Secret"  # noqa: S105 - a header name, not a secret
SECRET_ENV = "KCK_RASA_CHANNEL_SECRET"  # noqa: S105 - a variable name
# Rasa -> gateway, on the channel's answer: the question Rasa's form asks once the message
# is handled ("form:slot"; empty outside a form), so the gateway need not read the tracker.
FORM_QUESTION_HEADER = "X-KCK-Form-Question"

# Rasa -> action server (endpoints.yml sends it as a header).
TOKEN_HEADER = "X-KCK-Action-Token"  # noqa: S105 - a header name
TOKEN_ENV = "KCK_ACTION_TOKEN"  # noqa: S105 - a variable name


def matches(expected: str, given: Optional[str]) -> bool:
    """Whether ``given`` is the secret, in constant time; never true when no secret
    is configured (a missing setting must close the door, not open it)."""
    if not expected or given is None:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))
