"""`python -m bot.migrate [URL]`: bring the app database to the newest schema."""

from __future__ import annotations

import sys

from alembic import command
from alembic.config import Config

from bot import settings
from bot.settings import ROOT


def upgrade(url: str) -> None:
    """Apply every Alembic migration to the database at ``url``."""
    if url.startswith("sqlite:///"):
        from pathlib import Path

        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "bot" / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # configparser escaping
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else settings.load().db_url
    upgrade(url)
    print("Database schema is up to date.")


if __name__ == "__main__":
    main()
