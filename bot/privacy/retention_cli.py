"""``python -m bot.privacy.retention_cli``: apply the retention periods.

The periods are ``bot/retention.yml`` (README "Dane osobowe"), the rules that
apply them ``bot.privacy.retention``. The city schedules it (e.g. daily from
cron or a Kubernetes CronJob, as ``make retention``); ``make run`` runs it at
start. It prints what it changed as counts, never what the data said.
``--dry-run`` only counts; ``--now`` runs as if at another instant (tests,
checking a period before changing it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import List, Optional

from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from bot import clock
from bot.db import Database
from bot.privacy import policy as policies
from bot.privacy import retention, tracker_store
from bot.settings import load

LABELS = {
    "messages_deleted": "wiadomości usunięte",
    "notes_deleted": "notatki konsultantów usunięte",
    "conversations_unlinked": "rozmowy odłączone od tokenu lub czatu",
    "callbacks_anonymised": "prośby o oddzwonienie bez danych",
    "report_contacts_removed": "zgłoszenia bez danych kontaktowych",
    "photos_deleted": "zdjęcia usunięte",
    "tracker_events_anonymised": "zdarzenia Rasa bez treści",
    "rating_comments_removed": "komentarze do ocen usunięte",
    "telegram_chats_removed": "czaty Telegram zgłaszających zapomniane",
}


def _instant(value: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise argparse.ArgumentTypeError("podaj datę ISO 8601 ze strefą") from error
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("podaj datę ze strefą, np. 2026-11-25T03:00:00+01:00")
    return moment.astimezone(dt.timezone.utc)


def _tracker(url: str) -> Optional[Engine]:
    """The tracker store, or None when it is a SQLite file Rasa has not created yet
    (opening it would create an empty file)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        return None
    return tracker_store.tracker_engine(url)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.privacy.retention_cli", description=__doc__
    )
    parser.add_argument("--dry-run", action="store_true", help="only count, change nothing")
    parser.add_argument("--now", type=_instant, help="run as if at this instant (ISO 8601)")
    parser.add_argument("--policy", type=Path, help="retention file (default: bot/retention.yml)")
    args = parser.parse_args(argv)
    try:
        policy = policies.load(args.policy)
    except policies.BadPolicy as error:
        print(f"Błąd w pliku okresów przechowywania: {error}", file=sys.stderr)
        return 2
    settings = load()
    db = Database(settings.db_url)
    tracker = _tracker(settings.tracker_url)
    try:
        result = retention.apply(
            db, tracker, settings.photo_dir, policy, args.now or clock.now(), args.dry_run
        )
    except SQLAlchemyError as error:
        # The message of a database error may quote stored values: only its kind is shown.
        print(
            f"Retencja nie powiodła się: baza niedostępna lub niezmigrowana "
            f"({type(error).__name__}; najpierw make migrate).",
            file=sys.stderr,
        )
        return 1
    finally:
        db.dispose()
        if tracker is not None:
            tracker.dispose()
    header = "Retencja (próba, nic nie zmieniono)" if args.dry_run else "Retencja"
    print(f"{header}:")
    for key, count in result.as_dict().items():
        print(f"  {LABELS[key]}: {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
