"""Figures of the supervisor dashboard (issue 7): pure queries, no HTTP.

Every figure is counted from what the system already records, never from a
counter kept by hand: the app database (conversations, hand-offs, callbacks,
reports; ``bot.stats.appdb``) and Rasa's tracker store (what residents wrote
and how the assistant understood it; ``bot.stats.tracker``). Both take a
``bot.stats.period.Period`` (days in Europe/Warsaw and a channel) and an
SQLAlchemy connection, and run on SQLite and PostgreSQL alike.
"""
