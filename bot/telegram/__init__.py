"""The Telegram bridge: residents write to the city's bot on Telegram.

It sits on the same conversation router as the widget, so both channels share
every rule (what is stored, what Rasa sees, who holds the chat). Modules:

- ``bridge``: the python-telegram-bot ``Application`` (polling or webhook), its
  start with back-off and its stop; the webhook's secret check.
- ``webhook``: the route ``POST /telegram/webhook`` (webhook mode).
- ``handlers``: registers every handler; answers unsupported content, group
  chats and errors.
- ``words``: text, commands and pressed buttons, through the router.
- ``media``: photos (downloaded, stored) and shared locations.
- ``chats``: a chat's conversation (found by the keyed hash of its id) and the
  live line from the hub (consultant and system messages) to the chat.
- ``keyboards``: buttons as inline keyboards; callback data that always fits
  Telegram's 64 bytes.
- ``outgoing``: sending messages (long ones split, consultants marked).
- ``retry``: Telegram's flood limits and back-off on network errors.
- ``texts``: the bridge's own Polish answers.
"""
