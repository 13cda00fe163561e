"""The consultants' web console: accounts, log-in, sessions and its pages.

Security layer (this package's base, used by every console page):

* ``accounts`` — consultant accounts and their argon2 password hashes;
* ``login_check`` — a log-in attempt checked against them, with the lock-out;
* ``audit`` — the audit log's rows;
* ``accounts_cli`` — the command line ``python -m bot.console.accounts_cli``;
* ``demo_accounts`` — the demo accounts ``make run`` prints;
* ``sessions`` — log-ins stored in ``console_sessions`` (only the SHA-256 of the
  cookie), CSRF tokens, "online" bookkeeping;
* ``auth`` — ``authenticate(request)`` for Starlette handlers and
  ``authenticate_websocket(websocket)``, role checks, what they write to the audit log;
* ``errors`` — ``ConsoleError`` and how a refusal is answered (redirect, JSON, page);
* ``cookies`` — the session cookie and the attributes of every console cookie;
* ``login`` — the log-in and log-out routes;
* ``i18n`` and ``templates`` — the Polish texts (babel catalog) and the Mako
  templates in ``bot/templates/console/``.

The consultants' work on chats: ``desk`` (take, write, transfer, note, end; over the
conversation router), ``api`` (the JSON API and live view), ``pages``, ``dashboard``
and ``export``. The console imports no channel (tests/unit/test_layers.py).
"""
