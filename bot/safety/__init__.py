"""The safety net: danger to life or health gets 112 before anything else.

The gateway's router reads every typed message with ``assess`` before Rasa
does, whoever holds the chat (bot, form, queue, consultant), so an emergency is
never answered with a FAQ or a form question first.
"""

from bot.safety.lexicon import danger_kinds, is_dismissal
from bot.safety.utilities import Utility, utility_fault


def is_danger(text: str) -> bool:
    """Whether the message speaks of danger to life or health right now."""
    return bool(danger_kinds(text))


__all__ = ["Utility", "danger_kinds", "is_danger", "is_dismissal", "utility_fault"]
