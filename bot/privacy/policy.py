"""Retention periods per kind of personal data (bot/retention.yml, README "Dane osobowe").

The file, not code, holds the periods: they are the city's decision, and a
deployment names its own copy with ``KCK_RETENTION_FILE``.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Optional

import yaml

ENV_VAR = "KCK_RETENTION_FILE"
DEFAULT_FILE = Path(__file__).resolve().parent.parent / "retention.yml"


class BadPolicy(ValueError):
    """The retention file is missing a period or has one that is not a whole number of days."""


@dataclass(frozen=True)
class RetentionPolicy:
    """Days each kind of data is kept (see bot/retention.yml for why)."""

    transcripts_days: int
    tracker_days: int
    callbacks_days: int
    report_contacts_days: int
    photos_days: int
    open_reports_max_days: int

    def cutoff(self, now: dt.datetime, kind: str) -> dt.datetime:
        """The instant before which data of ``kind`` (a field without ``_days``) is past."""
        days = int(getattr(self, f"{kind}_days"))
        return now.astimezone(dt.timezone.utc) - dt.timedelta(days=days)


def load(path: Optional[Path] = None) -> RetentionPolicy:
    """The periods from ``path``, else ``$KCK_RETENTION_FILE``, else bot/retention.yml."""
    source = path or Path(os.environ.get(ENV_VAR) or DEFAULT_FILE)
    try:
        data = yaml.safe_load(source.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise BadPolicy(f"cannot read the retention file {source}: {error}") from error
    values = {}
    for item in fields(RetentionPolicy):
        value = data.get(item.name) if isinstance(data, dict) else None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise BadPolicy(f"{source}: {item.name} must be a whole number of days, at least 1")
        values[item.name] = value
    return RetentionPolicy(**values)
