"""The greeting, which carries the one-line privacy notice and its link."""

from __future__ import annotations

import os
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


def privacy_url() -> str:
    """Where the privacy notice is served: the gateway's public address + /prywatnosc."""
    base = os.environ.get("KCK_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
    return f"{base}/prywatnosc"


class ActionGreet(Action):
    """Sends ``utter_greet`` with the privacy link filled in.

    The link depends on where the gateway is published, so it cannot be a
    fixed string in ``domain.yml``.
    """

    def name(self) -> str:
        return "action_greet"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        dispatcher.utter_message(response="utter_greet", privacy_url=privacy_url())
        return []
