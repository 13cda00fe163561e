"""The consultants' web console: accounts, log-in, sessions and its pages.

Security layer (this package's base, used by every console page):

* ``accounts`` — consultant accounts, argon2 password hashes, lock-out, the CLI
  ``python -m bot.console.accounts`` and the demo accounts;
* ``sessions`` — log-ins stored in ``console_sessions`` (only the SHA-256 of the
  cookie), CSRF tokens, "online" bookkeeping;
* ``auth`` — ``authenticate(request)`` for Starlette handlers and
  ``authenticate_websocket(websocket)``, role checks, the audit log;
* ``login`` — the log-in and log-out routes;
* ``i18n`` and ``templates`` — the Polish texts (babel catalog) and the Mako
  templates in ``bot/templates/console/``.
"""
