"""Rasa action server for KCK Assistant (run with ``python -m rasa_sdk --actions actions``).

One module per concern; this package may import ``bot``'s domain modules but
never its web parts.
"""

from actions.fallback import ActionSuggestTopics
from actions.greeting import ActionGreet

__all__ = ["ActionGreet", "ActionSuggestTopics"]
