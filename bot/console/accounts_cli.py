"""The command line of the consultant accounts::

    python -m bot.console.accounts_cli add --login anna --name "Anna Nowak" \\
        --role specialist --units WSA,USC
    python -m bot.console.accounts_cli list
    python -m bot.console.accounts_cli set-password --login anna
    python -m bot.console.accounts_cli deactivate --login anna

Apart from ``bot.console.accounts`` so the account rules do not carry
argparse, prompts and printing, and the web console never imports them. This
module is the one run, so the two never import each other.

The password is read from ``KCK_CONSULTANT_PASSWORD`` when it is set (for
scripts), otherwise asked for twice; never from the command line, where the
process list and the shell history would keep it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from typing import Optional, Sequence

from bot import clock
from bot.console.accounts import (
    ROLES,
    Account,
    AccountError,
    create_account,
    deactivate,
    list_accounts,
    normalize_login,
    role_label,
    row_by_login,
    set_password,
    split_units,
)
from bot.console.i18n import _
from bot.db import Database
from bot.settings import load as load_settings

PASSWORD_ENV = "KCK_CONSULTANT_PASSWORD"  # noqa: S105 (the variable's name)


def _new_password() -> str:
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env is not None:
        return from_env
    first = getpass.getpass(_("New password: "))
    second = getpass.getpass(_("Repeat the password: "))
    if first != second:
        raise AccountError(_("The passwords differ."))
    return first


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.console.accounts_cli",
        description=_(
            "Consultant accounts of the KCK console. The password is read from "
            "KCK_CONSULTANT_PASSWORD or asked for; never give it as an argument."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help=_("create an account"))
    add.add_argument("--login", required=True)
    add.add_argument("--name", required=True, help=_("name shown in the console"))
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--units", default="", help=_("unit codes of a specialist, e.g. WSA,USC"))
    commands.add_parser("list", help=_("list the accounts"))
    for name, text in [
        ("set-password", _("set a new password (ends the account's sessions)")),
        ("deactivate", _("close an account (ends its sessions)")),
    ]:
        commands.add_parser(name, help=text).add_argument("--login", required=True)
    for sub in commands.choices.values():
        # Caught only to refuse it with a reason; argparse would just say "unrecognized".
        sub.add_argument("--password", "-p", help=argparse.SUPPRESS)
    return parser


def _print_accounts(accounts: Sequence[Account], now: dt.datetime) -> None:
    for account in accounts:
        state = _("active") if account.active else _("deactivated")
        if account.locked_until and account.locked_until > now:
            state = _("locked until {time} UTC").format(time=f"{account.locked_until:%H:%M}")
        seen = f"{account.last_seen_at:%Y-%m-%d %H:%M} UTC" if account.last_seen_at else "-"
        print(
            f"{account.login:<20} {account.display_name:<30} {role_label(account.role):<12} "
            f"{','.join(account.units) or '-':<24} {state:<24} {seen}"
        )


def main(argv: Optional[Sequence[str]] = None, db: Optional[Database] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.password is not None:
        parser.error(
            _(
                "A password on the command line would stay in the shell history and the "
                "process list. Set KCK_CONSULTANT_PASSWORD or type it when asked."
            )
        )
    own_db = db is None
    database = db or Database(load_settings().db_url)
    try:
        if args.command == "add":
            account = create_account(
                database,
                args.login,
                args.name,
                args.role,
                split_units(args.units),
                _new_password(),
            )
            print(_("Account {login} created.").format(login=account.login))
        elif args.command == "list":
            _print_accounts(list_accounts(database), clock.now())
        elif args.command == "set-password":
            with database.session() as session:
                row_by_login(session, args.login)  # an unknown login before asking for a password
            set_password(database, args.login, _new_password())
            print(_("Password of {login} changed.").format(login=normalize_login(args.login)))
        elif args.command == "deactivate":
            deactivate(database, args.login)
            print(_("Account {login} deactivated.").format(login=normalize_login(args.login)))
    except AccountError as error:
        print(str(error), file=sys.stderr)
        return 1
    finally:
        if own_db:
            database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
